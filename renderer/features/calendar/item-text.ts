import type { i18n as I18n } from 'i18next';
import type { CalendarItem } from '../../../shared/calendar/schema';

/**
 * The item's title in the UI language where a translation exists (the commission's own items);
 * otherwise the Kyrgyz original, flagged so the reader knows it is the original text.
 */
export function itemTitle(item: CalendarItem, i18n: I18n): { text: string; original: boolean; kyOriginal: string | null } {
  const key = `calendarItems:item${item.n}`;
  const ky = item.title_ky.replace(/\s+/gu, ' ').trim();
  // A translation is shown with the Kyrgyz original beneath it: the original is the legal text.
  if (i18n.exists(key)) return { text: i18n.t(key), original: false, kyOriginal: i18n.language === 'ky' ? null : ky };
  // The seed keeps the cell's line breaks and double spaces; on screen they are just spaces.
  return { text: ky, original: i18n.language !== 'ky', kyOriginal: null };
}
