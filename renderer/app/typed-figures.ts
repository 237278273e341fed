/**
 * Figures typed on a long form (the results protocol) and not yet saved, kept in this browser
 * profile line by line as they are typed, so leaving the screen (to the count, the ledger), a
 * reload or a crash does not lose them (domain.md §9.10: save after each entry). Only the lines a
 * member typed are kept: a line still showing the pre-fill follows the app's figures when they move.
 * Cleared once the figures are saved as a draft or signed.
 */
import { useMemo, useRef } from 'react';
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

/** One form's unsaved figures as a screen uses them: restored when it fills its fields, kept as typed, forgotten once saved. */
export interface UnsavedFigures {
  /** What was kept under the key (null: nothing), held from now on for `keep` and `forget`. */
  restore(): TypedFigures | null;
  /** A field typed: kept at once with the rest. */
  keep(kind: keyof TypedFigures, field: string, value: string): void;
  /** Saved: forgotten, but for the values `stays` names (a column not saved yet); reasons go with them. */
  forget(stays?: (field: string) => boolean): void;
}

/**
 * The unsaved figures of the form under `key` (typedFiguresKey), the protocol's and the count's one
 * way to them; with a null key nothing is kept (a signed protocol shown with no correction open).
 */
export function useUnsavedFigures(key: string | null): UnsavedFigures {
  const held = useRef<TypedFigures>({ values: {}, reasons: {} });
  return useMemo(
    () => ({
      restore() {
        const kept = key === null ? null : readTypedFigures(key);
        held.current = kept ?? { values: {}, reasons: {} };
        return kept;
      },
      keep(kind, field, value) {
        if (key === null) return;
        held.current = { ...held.current, [kind]: { ...held.current[kind], [field]: value } };
        writeTypedFigures(key, held.current);
      },
      forget(stays = () => false) {
        const values = Object.fromEntries(Object.entries(held.current.values).filter(([field]) => stays(field)));
        held.current = { values, reasons: {} };
        if (key === null) return;
        if (Object.keys(values).length === 0) clearTypedFigures(key);
        else writeTypedFigures(key, held.current);
      },
    }),
    [key],
  );
}
