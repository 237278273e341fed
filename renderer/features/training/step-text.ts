/** A scenario step's result in words: its detail with the word params translated, and the findings behind it. */
import type { StepResult } from '../../../shared/training/scenarios';

type T = (key: string, params?: Record<string, unknown>) => string;

export function stepDetail(t: T, r: StepResult): string {
  const words = Object.fromEntries(Object.entries(r.terms).map(([name, key]) => [name, t(key)]));
  return t(r.detailKey, { ...r.params, ...words });
}

export function stepNotes(t: T, r: StepResult): string[] {
  return r.notes.map((n) => t(n.key, n.params));
}
