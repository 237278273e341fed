/**
 * "10 days", "10 дней", "10 күн" through Intl's unit formatting; Chromium has no Kyrgyz data, and
 * Kyrgyz nouns do not change after numerals, so Kyrgyz is composed directly.
 */
import type { Language } from '../../app/i18n';

/** The CEC's plan counts days as calendar days: "5 календардык күндөн кечиктирбестен" (seed 003 #20, #25). */
const KY_UNITS = { day: 'календардык күн', hour: 'саат', month: 'ай' } as const;
const RU_GENITIVE = { day: ['дня', 'дней'], hour: ['часа', 'часов'], month: ['месяца', 'месяцев'] } as const;

export function formatDuration(count: number, unit: 'day' | 'hour' | 'month', lng: Language): string {
  if (lng === 'ky') return `${count} ${KY_UNITS[unit]}`;
  return new Intl.NumberFormat(lng, { style: 'unit', unit, unitDisplay: 'long' }).format(count);
}

/**
 * The duration in the genitive a preposition needs: "в течение 2 дней" (ru), "2 календардык
 * күндүн ичинде" (ky). English has no case.
 */
export function formatDurationGenitive(count: number, unit: 'day' | 'hour' | 'month', lng: Language): string {
  if (lng === 'ru') {
    const one = count % 10 === 1 && count % 100 !== 11;
    return `${count} ${RU_GENITIVE[unit][one ? 0 : 1]}`;
  }
  return formatDuration(count, unit, lng);
}
