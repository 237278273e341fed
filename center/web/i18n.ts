/**
 * The page's words: i18next with the `center` namespace (locales/<lng>/center.json, the same words
 * the center's CSV files use) and the laptops' `sync` namespace for refusal codes in words. Kyrgyz
 * by default; the chosen language is kept in this browser.
 */
import i18next from 'i18next';
import kyCenter from '../../locales/ky/center.json';
import ruCenter from '../../locales/ru/center.json';
import enCenter from '../../locales/en/center.json';
import kySync from '../../locales/ky/sync.json';
import ruSync from '../../locales/ru/sync.json';
import enSync from '../../locales/en/sync.json';

export const LANGUAGES = ['ky', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
/** A key of the `center` namespace (the three files carry the same keys: tests/unit/locales/keys.test.ts). */
export type CenterKey = keyof typeof kyCenter;

const LANG_KEY = 'precinct-desk.dashboard-lang';
const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

function storedLanguage(): Language {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    return isLanguage(saved) ? saved : 'ky';
  } catch {
    return 'ky';
  }
}

const i18n = i18next.createInstance();
void i18n.init({
  resources: {
    ky: { center: kyCenter, sync: kySync },
    ru: { center: ruCenter satisfies Record<CenterKey, string>, sync: ruSync },
    en: { center: enCenter satisfies Record<CenterKey, string>, sync: enSync },
  },
  lng: storedLanguage(),
  fallbackLng: false,
  supportedLngs: [...LANGUAGES],
  ns: ['center', 'sync'],
  defaultNS: 'center',
  // Every word goes into the page with textContent, never as HTML.
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** The page's language now. */
export function language(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'ky';
}

export async function setLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(LANG_KEY, lng);
  } catch {
    // storage off: the language lasts for this page
  }
  await i18n.changeLanguage(lng);
}

/** A word of the page, its `{{placeholders}}` filled with the values given (already formatted). */
export function t(key: CenterKey, values?: Record<string, string | number>): string {
  return i18n.t(key, { ns: 'center', ...values });
}

/** A refusal code of the center in words, as the laptops say it (sync.json `error`); the code itself when it has no words or needs values. */
export function errorText(code: string): string {
  const text: unknown = i18n.getResource(language(), 'sync', `error.${code}`);
  return typeof text === 'string' && !text.includes('{{') ? text : code;
}
