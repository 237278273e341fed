/**
 * The center's pages write figures and times as the laptops do: the formatter text their inline
 * scripts carry (center/src/page-shell.ts FORMAT_SCRIPT) gives exactly what the app's shared
 * formatters (renderer/app/format.ts) give, in ky, ru and en.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { FORMAT_SCRIPT } from '../../../center/src/page-shell';
import { formatDate, formatDateTime, formatNumber } from '../../../renderer/app/format';

const page = runInNewContext(`${FORMAT_SCRIPT}; ({ formatNumber: formatNumber, formatDate: formatDate, formatDateTime: formatDateTime })`, { Intl, Date }) as {
  formatNumber: (n: number, lng: string) => string;
  formatDate: (day: string, lng: string) => string;
  formatDateTime: (iso: string, lng: string) => string;
};

const LANGUAGES = ['ky', 'ru', 'en'] as const;
const NUMBERS = [0, 7, 999, 1000, 1234, 20_000, 2_000_000, 12.5, 0.05, 43.21, -3];
// Every month, both halves of a day, a minute before and after midnight, and a leap day.
const INSTANTS = [
  ...Array.from({ length: 12 }, (_, m) => new Date(Date.UTC(2017, m, 15, m * 2, m * 5)).toISOString()),
  '2017-10-15T23:59:00.000Z', '2017-10-16T00:01:00.000Z', '2024-02-29T08:07:00.000Z', '2026-12-06T04:30:00.000Z',
];

describe('the pages format as the laptops do', () => {
  it.each(LANGUAGES)('numbers in %s', (lng) => {
    for (const n of NUMBERS) expect(page.formatNumber(n, lng), String(n)).toBe(formatNumber(n, lng));
  });

  it.each(LANGUAGES)('times in %s', (lng) => {
    for (const iso of INSTANTS) expect(page.formatDateTime(iso, lng), iso).toBe(formatDateTime(iso, lng));
  });

  it.each(LANGUAGES)('calendar days in %s', (lng) => {
    for (const day of ['2017-10-15', '2017-01-01', '2024-02-29', '2026-12-31']) expect(page.formatDate(day, lng), day).toBe(formatDate(day, lng));
  });

  it('Kyrgyz dates are written out, not left to the browser (which has no Kyrgyz data)', () => {
    const iso = '2017-10-15T08:03:00.000Z';
    const local = new Date(iso);
    expect(page.formatDateTime(iso, 'ky')).toBe(`2017-ж., ${local.getDate()}-окт., ${String(local.getHours()).padStart(2, '0')}:03`);
    expect(page.formatNumber(2_000_000, 'ky')).toBe(formatNumber(2_000_000, 'ru'));
  });
});
