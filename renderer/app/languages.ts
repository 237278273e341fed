/**
 * The UI's languages and their words, without i18next (main.tsx starts loading the chosen
 * language's words beside the list, before the app's code has loaded). Each language's words are
 * a chunk of their own (issue 19: a reload fetches and parses one language, not three).
 */
export const LANGUAGES = ['ky', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ky';
const STORAGE_KEY = 'precinct-desk.language';

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

type Files = Record<string, Record<string, unknown>>;
const CHUNKS: Record<Language, () => Promise<{ default: Files }>> = {
  ky: () => import('./words-ky'),
  ru: () => import('./words-ru'),
  en: () => import('./words-en'),
};
const loading = new Map<Language, Promise<Record<string, Record<string, unknown>>>>();

/** The namespaces of `language` (its JSON files by name), loaded once. */
export function languageWords(language: Language): Promise<Record<string, Record<string, unknown>>> {
  let words = loading.get(language);
  if (!words) {
    words = CHUNKS[language]().then(({ default: files }) => {
      const out: Record<string, Record<string, unknown>> = {};
      for (const [path, content] of Object.entries(files)) {
        const m = /locales\/[a-z]{2}\/([A-Za-z]+)\.json$/u.exec(path);
        if (m?.[1]) out[m[1]] = content;
      }
      return out;
    });
    // A failed load is tried again on the next ask.
    words.catch(() => loading.delete(language));
    loading.set(language, words);
  }
  return words;
}

/** The language the window starts in. */
export function startLanguage(): Language {
  return storedLanguage() ?? DEFAULT_LANGUAGE;
}
