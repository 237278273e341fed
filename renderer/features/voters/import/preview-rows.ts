/**
 * Which data rows the mapping preview shows: the first ones and rows sampled from the middle and the
 * end, so a wrong column (a running number taken as the row) is visible before the import.
 */
import { isBlankRow } from '../../../../shared/voters';

export function previewIndices(rows: readonly (readonly string[])[], first = 5, middle = 3, last = 3): number[] {
  const filled: number[] = [];
  rows.forEach((r, i) => {
    if (!isBlankRow(r)) filled.push(i);
  });
  const n = filled.length;
  const picked = new Set<number>();
  for (let k = 0; k < Math.min(first, n); k += 1) picked.add(filled[k]!);
  const mid = Math.floor(n / 2) - Math.floor(middle / 2);
  for (let k = 0; k < middle; k += 1) if (mid + k >= 0 && mid + k < n) picked.add(filled[mid + k]!);
  for (let k = Math.max(0, n - last); k < n; k += 1) picked.add(filled[k]!);
  return [...picked].sort((a, b) => a - b);
}

/** A cell a spreadsheet would run as a formula: it starts with = + - @ (a lone dash is the usual "none"). */
export function looksLikeFormula(text: string): boolean {
  const t = text.trim();
  return /^[=+@]/u.test(t) || (t.startsWith('-') && t.length > 1);
}
