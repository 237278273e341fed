import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGES, type Language } from './i18n';

export const LANGUAGE_NAMES: Record<Language, string> = { ky: 'Кыргызча', ru: 'Русский', en: 'English' };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('common:language')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={i18n.language === lng}
          className={i18n.language === lng ? 'active' : undefined}
          onClick={() => void changeLanguage(lng)}
          title={LANGUAGE_NAMES[lng]}
        >
          {lng.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
