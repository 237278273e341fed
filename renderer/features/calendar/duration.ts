/**
 * "10 days", "10 дней", "10 күн" through Intl's unit formatting; Chromium has no Kyrgyz data, and
 * Kyrgyz nouns do not change after numerals, so Kyrgyz is composed directly.
 */
import type { Language } from '../../app/i18n';

const KY_UNITS = { day: 'күн', hour: 'саат', month: 'ай' } as const;

export function formatDuration(count: number, unit: 'day' | 'hour' | 'month', lng: Language): string {
  if (lng === 'ky') return `${count} ${KY_UNITS[unit]}`;
  return new Intl.NumberFormat(lng, { style: 'unit', unit, unitDisplay: 'long' }).format(count);
}
