/**
 * Figures typed on a long form (the results protocol) and not yet saved, kept in this browser
 * profile line by line as they are typed, so leaving the screen (to the count, the ledger), a
 * reload or a crash does not lose them (domain.md §9.10: save after each entry). Only the lines a
 * member typed are kept: a line still showing the pre-fill follows the app's figures when they move.
 * Cleared once the figures are saved as a draft or signed.
 */
export interface TypedFigures {
  values: Record<string, string>;
  reasons: Record<string, string>;
}

const PREFIX = 'precinct-desk.typing.';

/** The storage key of one form's unsaved figures: its parts joined, reduced to the characters a setting's name may hold. */
export function typedFiguresKey(parts: readonly (string | number)[]): string {
  return `${PREFIX}${parts.join('.').replace(/[^A-Za-z0-9._-]/gu, '_')}`.slice(0, 94);
}

const texts = (v: unknown): Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'))
    : {};

export function readTypedFigures(key: string): TypedFigures | null {
  try {
    const raw = localStorage.getItem(key);
    if (raw === null) return null;
    const parsed = JSON.parse(raw) as { values?: unknown; reasons?: unknown };
    return { values: texts(parsed.values), reasons: texts(parsed.reasons) };
  } catch {
    return null;
  }
}

export function writeTypedFigures(key: string, figures: TypedFigures): void {
  try {
    localStorage.setItem(key, JSON.stringify(figures));
  } catch {
    // A full or unavailable storage keeps nothing; the screen still holds what was typed.
  }
}

export function clearTypedFigures(key: string): void {
  localStorage.removeItem(key);
}
