/**
 * i18next with every namespace of locales/ bundled (the app works offline). Kyrgyz is the default;
 * the chosen language is remembered in this browser profile / Electron user data.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { platform } from '../platform';
import { formatNumber } from './format';

export const LANGUAGES = ['ky', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ky';
const STORAGE_KEY = 'precinct-desk.language';

// The center's dashboard and trainer's room words (locales/*/center.json, trainer.json) are the center's, not the app's.
const files = import.meta.glob<Record<string, unknown>>(['../../locales/*/*.json', '!../../locales/*/center.json', '!../../locales/*/trainer.json'], { eager: true, import: 'default' });

export function localeResources(): Record<string, Record<string, Record<string, unknown>>> {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, content] of Object.entries(files)) {
    const m = /locales\/([a-z]{2})\/([A-Za-z]+)\.json$/u.exec(path);
    if (!m || !m[1] || !m[2]) continue;
    (resources[m[1]] ??= {})[m[2]] = content;
  }
  return resources;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // storage can be unavailable in a locked-down profile; the language then lasts for the session
  }
}

/** The Electron menu speaks the window's language (nothing to do in a browser). */
function tellPlatform(language: string): void {
  document.title = i18next.t('desktop:windowTitle');
  if (isLanguage(language)) void platform.setLanguage({ language }).catch(() => undefined);
}

export async function initI18n(): Promise<I18n> {
  const resources = localeResources();
  await i18next.use(initReactI18next).init({
    resources,
    lng: storedLanguage() ?? DEFAULT_LANGUAGE,
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    ns: Object.keys(resources[DEFAULT_LANGUAGE] ?? {}),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // "{{count, n}}": a number written the UI's way (Kyrgyz groups digits as Russian does), so a plural
  // key can take the number itself as `count` and still print "6 707".
  i18next.services.formatter?.add('n', (value: unknown, lng: string | undefined) => (typeof value === 'number' ? formatNumber(value, lng ?? DEFAULT_LANGUAGE) : String(value)));
  document.documentElement.lang = i18next.language;
  tellPlatform(i18next.language);
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    tellPlatform(lng);
  });
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  rememberLanguage(language);
  await i18next.changeLanguage(language);
}
