import type { LocalizedText } from '../../shared/election/model';
import type { Language } from './i18n';

/** A text in the UI language, falling back to the Kyrgyz original. */
export function localized(text: LocalizedText, lng: Language): string {
  return text[lng] ?? text.ky;
}
