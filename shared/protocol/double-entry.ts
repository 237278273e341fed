/**
 * Optional double entry of the protocol (Kiesraad's Abacus does it for every polling station): two
 * members type the paper protocol independently; the app compares them line by line. Equal entries
 * are agreed at once; differing lines are settled against the paper by the chair or the secretary,
 * who records the agreed figure of each. While a double entry is started and not agreed, the
 * protocol cannot be signed, and the figures signed must be the agreed ones.
 */
import type { ProtocolPayload } from './events';
import type { ExpandedForm } from './form';
import { err, ok, type Result } from '../util/result';

export interface EntryRecord {
  by: string;
  values: Record<string, number>;
}

export interface DoubleEntry {
  /** The protocol version the entries are for. */
  version: number;
  first: EntryRecord | null;
  second: EntryRecord | null;
  resolved: EntryRecord | null;
}

export type DoubleEntryFact =
  | { type: 'ProtocolEntrySubmitted'; payload: ProtocolPayload<'ProtocolEntrySubmitted'> }
  | { type: 'ProtocolEntriesResolved'; payload: ProtocolPayload<'ProtocolEntriesResolved'> };

export function foldDoubleEntry(state: DoubleEntry | null, fact: DoubleEntryFact): DoubleEntry | null {
  const p = fact.payload;
  if (fact.type === 'ProtocolEntrySubmitted') {
    const record = { by: p.by, values: { ...p.values } };
    // Entry 1 (re)starts; entry 2 belongs to the entry 1 of the same version.
    if (fact.payload.entry === 1 || !state || state.version !== p.version) {
      return fact.payload.entry === 1 ? { version: p.version, first: record, second: null, resolved: null } : state;
    }
    return { ...state, second: record, resolved: null };
  }
  if (!state || state.version !== p.version || !state.first || !state.second) return state;
  return { ...state, resolved: { by: p.by, values: { ...p.values } } };
}

export interface EntryDifference {
  line: string;
  first: number | null;
  second: number | null;
}

/** The lines (in form order) where the two entries differ. */
export function entryDifferences(form: ExpandedForm, first: Readonly<Record<string, number>>, second: Readonly<Record<string, number>>): EntryDifference[] {
  const out: EntryDifference[] = [];
  for (const line of form.lines) {
    const a = first[line.key] ?? null;
    const b = second[line.key] ?? null;
    if (a !== b) out.push({ line: line.key, first: a, second: b });
  }
  return out;
}

export type DoubleEntryStatus =
  | { stage: 'none' }
  | { stage: 'waiting-second'; first: EntryRecord }
  | { stage: 'differs'; differences: EntryDifference[] }
  | { stage: 'agreed'; values: Record<string, number> };

/** Where a double entry stands for the version being prepared. */
export function doubleEntryStatus(form: ExpandedForm, state: DoubleEntry | null, version: number): DoubleEntryStatus {
  if (!state || state.version !== version || !state.first) return { stage: 'none' };
  if (!state.second) return { stage: 'waiting-second', first: state.first };
  if (state.resolved) return { stage: 'agreed', values: state.resolved.values };
  const differences = entryDifferences(form, state.first.values, state.second.values);
  return differences.length === 0 ? { stage: 'agreed', values: state.first.values } : { stage: 'differs', differences };
}

export type ResolutionRefusal =
  | { code: 'same-member'; by: string }
  | { code: 'not-waiting' }
  | { code: 'nothing-to-resolve' }
  | { code: 'line-unresolved'; lines: string[] };

/** The second entry must be typed by another member than the first. */
export function checkSecondEntry(status: DoubleEntryStatus, by: string): Result<void, ResolutionRefusal> {
  if (status.stage !== 'waiting-second') return err({ code: 'not-waiting' });
  return status.first.by === by ? err({ code: 'same-member', by }) : ok(undefined);
}

/**
 * The agreed figures from the entries and a choice for every differing line (the figure read on the
 * paper); refuses while a differing line has no whole-number choice.
 */
export function resolveEntries(
  form: ExpandedForm,
  state: DoubleEntry,
  chosen: Readonly<Record<string, number | null | undefined>>,
): Result<Record<string, number>, ResolutionRefusal[]> {
  if (!state.first || !state.second) return err([{ code: 'nothing-to-resolve' }]);
  const differences = entryDifferences(form, state.first.values, state.second.values);
  if (differences.length === 0) return err([{ code: 'nothing-to-resolve' }]);
  const unresolved = differences.filter((d) => {
    const v = chosen[d.line];
    return typeof v !== 'number' || !Number.isInteger(v) || v < 0;
  });
  if (unresolved.length > 0) return err([{ code: 'line-unresolved', lines: unresolved.map((d) => d.line) }]);
  const values: Record<string, number> = { ...state.first.values };
  for (const d of differences) values[d.line] = chosen[d.line] as number;
  return ok(values);
}
