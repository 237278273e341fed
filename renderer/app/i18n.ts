/**
 * i18next with every namespace of locales/ bundled (the app works offline): the window's language
 * at start, another language's words when it is first chosen or printed (languages.ts). Kyrgyz is the
 * default; the chosen language is remembered in this browser profile / Electron user data.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { platform } from '../platform';
import { formatDate, formatNumber } from './format';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, languageWords, rememberLanguage, startLanguage, type Language } from './languages';

export { isLanguage, LANGUAGES, rememberLanguage, storedLanguage, type Language } from './languages';

/** The Electron menu speaks the window's language (nothing to do in a browser). */
function tellPlatform(language: string): void {
  document.title = i18next.t('desktop:windowTitle');
  if (isLanguage(language)) void platform.setLanguage({ language }).catch(() => undefined);
}

export async function initI18n(): Promise<I18n> {
  const lng = startLanguage();
  const words = await languageWords(lng);
  await i18next.use(initReactI18next).init({
    resources: { [lng]: words },
    lng,
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    ns: Object.keys(words),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // "{{count, n}}": a number written the UI's way (Kyrgyz groups digits as Russian does), so a plural
  // key can take the number itself as `count` and still print "6 707".
  i18next.services.formatter?.add('n', (value: unknown, lng: string | undefined) => (typeof value === 'number' ? formatNumber(value, lng ?? DEFAULT_LANGUAGE) : String(value)));
  // "{{day, d}}": a calendar date (ISO) written the UI's way.
  i18next.services.formatter?.add('d', (value: unknown, lng: string | undefined) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/u.test(value) ? formatDate(value, lng ?? DEFAULT_LANGUAGE) : String(value)));
  document.documentElement.lang = i18next.language;
  tellPlatform(i18next.language);
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    tellPlatform(lng);
  });
  return i18next;
}

/** `languages`' words added to i18next when not there yet (a language's words are loaded when first needed). */
export async function loadLanguages(languages: readonly Language[]): Promise<void> {
  for (const language of languages) {
    const words = await languageWords(language);
    for (const [ns, content] of Object.entries(words)) {
      if (!i18next.hasResourceBundle(language, ns)) i18next.addResourceBundle(language, ns, content);
    }
  }
}

export async function changeLanguage(language: Language): Promise<void> {
  rememberLanguage(language);
  await loadLanguages([language]);
  await i18next.changeLanguage(language);
}
