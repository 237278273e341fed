/**
 * The АЭУ (automatic ballot box) preliminary report against the manual count, line by line. The
 * report has no legal force: the manual count is the result (Art 35), and a difference is noted,
 * explained and reported, never adopted silently.
 */
import type { ExpandedForm, FormLine } from './form';

export interface AeuLineComparison {
  line: string;
  number: number;
  aeu: number | null;
  manual: number | null;
  /** manual − aeu; null while either is missing. */
  difference: number | null;
}

/** The lines the count fills (source `count`); every line when the form names none. */
export function countLines(form: ExpandedForm): FormLine[] {
  const counted = form.lines.filter((l) => l.source === 'count');
  return counted.length > 0 ? counted : form.lines;
}

export function compareAeu(
  form: ExpandedForm,
  aeu: Readonly<Record<string, number>> | null,
  manual: Readonly<Record<string, number>> | null,
): AeuLineComparison[] {
  return countLines(form).map((l) => {
    const a = aeu?.[l.key] ?? null;
    const m = manual?.[l.key] ?? null;
    return { line: l.key, number: l.number, aeu: a, manual: m, difference: a === null || m === null ? null : m - a };
  });
}

/** The lines where both figures are known and differ. */
export const aeuDifferences = (rows: readonly AeuLineComparison[]): AeuLineComparison[] => rows.filter((r) => r.difference !== null && r.difference !== 0);
