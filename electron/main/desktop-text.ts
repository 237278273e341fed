/**
 * The main process's words (menu, dialogs, window title) in the UI's language, from
 * locales/<lang>/desktop.json: the same files the translators edit, bundled into main. The renderer
 * tells main its language over the checked `setLanguage` channel (renderer/app/i18n.ts); until it
 * does, Kyrgyz (the app's default).
 */
import en from '../../locales/en/desktop.json';
import ky from '../../locales/ky/desktop.json';
import ru from '../../locales/ru/desktop.json';

export type UiLanguage = 'ky' | 'ru' | 'en';
export type DesktopText = typeof en;

// `satisfies` makes tsc hold ky and ru to the English file's keys.
const TEXTS: Record<UiLanguage, DesktopText> = { ky: ky satisfies DesktopText, ru: ru satisfies DesktopText, en };

export function desktopText(language: UiLanguage): DesktopText {
  return TEXTS[language];
}

/** "{{name}}" placeholders, as i18next writes them. A missing value leaves the placeholder. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/gu, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
