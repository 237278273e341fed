/**
 * Ledger entries as recorded, and the decisions that record them: a new entry (checked by its
 * schema, stamped with the command's one clock reading) and a correction of an entry by a
 * counter-entry with a reason (never an edit in place).
 */
import { err, ok, type Result } from '../util/result';
import { MIN_REASON, protocolPayloadSchemas, type ProtocolPayload, type ProtocolPayloadInput } from './events';
import { entryCount, LEDGER_ENTRY_TYPES, type LedgerEntryType, type LedgerFact } from './ledger';
import { addDays, type IsoDate } from '../time/date';
import { localDateIn } from '../time/zone';

export interface FieldProblem {
  field: string;
  reason: 'required' | 'not-a-count' | 'too-small' | 'too-big' | 'invalid' | 'out-of-period';
  /** An act's date out of the election's days: today by this computer's clock and voting day (precinct's zone). */
  today?: IsoDate;
  votingDay?: IsoDate;
}

/** The election's days a typed date must fall within (the precinct's voting day, read in its zone). */
export interface LedgerCalendar {
  votingDay: IsoDate;
  timeZone: string;
}

/**
 * How many days before voting day ballots may be received under an act: the calendar plan has them
 * printed and handed to the precinct commissions in the last weeks [INFERRED: a bound wide enough
 * for any delivery, narrow enough to catch a mistyped year].
 */
export const RECEIPT_DAYS_BEFORE = 60;

/** Fields the command stamps with its one clock reading (never typed, never read twice). */
const STAMPED: Partial<Record<LedgerEntryType, string>> = {
  UnusedBallotsCancelled: 'at',
  ListPageSumsEntered: 'at',
  ManualCountEntered: 'countedAt',
};

/**
 * A new ledger entry: the form's input, with the time fields stamped from `now`, checked by the
 * schema of exactly `type` and, given the election's `calendar`, an act's date by the election's
 * days; a refusal names each field and why.
 */
export function decideLedgerEntry<T extends LedgerEntryType>(type: T, input: unknown, now: Date, calendar?: LedgerCalendar): Result<ProtocolPayloadInput<T>, FieldProblem[]> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return err([{ field: '', reason: 'invalid' }]);
  const stamp = STAMPED[type];
  const payload: Record<string, unknown> = stamp ? { ...input, [stamp]: now.toISOString() } : { ...input };
  const parsed = protocolPayloadSchemas[type].safeParse(payload);
  if (parsed.success) {
    // An act of receipt dated after voting day, after today, or long before (a mistyped year: 1999)
    // is refused, naming the date: the ledger's figures hang on the act.
    if (calendar && type === 'BallotsReceived') {
      const { actDate } = parsed.data as { actDate: IsoDate };
      const today = localDateIn(now, calendar.timeZone);
      if (actDate > calendar.votingDay || actDate > today || actDate < addDays(calendar.votingDay, -RECEIPT_DAYS_BEFORE)) return err([{ field: 'actDate', reason: 'out-of-period', today, votingDay: calendar.votingDay }]);
    }
    // The payload passed the schema of exactly `type`; TypeScript cannot tie the generic to the schema.
    return ok(parsed.data as ProtocolPayloadInput<T>);
  }
  return err(
    parsed.error.issues.map((issue): FieldProblem => {
      const field = String(issue.path[0] ?? '');
      const value = payload[field];
      if (value === undefined || value === null || value === '') return { field, reason: 'required' };
      if (issue.code === 'too_small') return { field, reason: typeof value === 'string' ? 'required' : 'too-small' };
      if (issue.code === 'too_big') return { field, reason: 'too-big' };
      if (issue.code === 'invalid_type' && typeof value !== 'number') return { field, reason: 'not-a-count' };
      return { field, reason: 'invalid' };
    }),
  );
}

export interface LedgerCorrectionView {
  count: number | null;
  reason: string;
  by: string;
  recordedAt: string | null;
}

/** One recorded entry with what the commission later said about it. */
export interface LedgerEntry {
  id: string;
  type: LedgerEntryType;
  recordedAt: string | null;
  actor: string | null;
  /** The count as recorded (null for line-carrying entries). */
  count: number | null;
  /** Spoiled: the reason chosen and the note; receipts and the act: the act number. */
  reason: string | null;
  note: string;
  actNumber: string | null;
  /** Every correction of it, oldest first; the last one stands. */
  corrections: LedgerCorrectionView[];
  /** The count that stands: the last correction's, or the recorded one; null when withdrawn. */
  standing: number | null;
  withdrawn: boolean;
}

/** The recorded entries in log order (those without an id, from tests or training, are left out). */
export function ledgerEntries(facts: readonly LedgerFact[]): LedgerEntry[] {
  const corrections = new Map<string, LedgerCorrectionView[]>();
  for (const f of facts) {
    if (f.type !== 'LedgerEntryCorrected') continue;
    const list = corrections.get(f.payload.entry) ?? [];
    list.push({ count: f.payload.count, reason: f.payload.reason, by: f.payload.by, recordedAt: f.recordedAt ?? null });
    corrections.set(f.payload.entry, list);
  }
  const out: LedgerEntry[] = [];
  for (const f of facts) {
    if (f.type === 'LedgerEntryCorrected' || f.id === undefined) continue;
    const list = corrections.get(f.id) ?? [];
    const last = list.at(-1);
    const count = entryCount(f);
    out.push({
      id: f.id,
      type: f.type,
      recordedAt: f.recordedAt ?? null,
      actor: f.actor ?? null,
      count,
      reason: f.type === 'BallotsSpoiled' ? f.payload.reason : null,
      note: f.type === 'BallotsSpoiled' ? f.payload.note : '',
      actNumber: f.type === 'BallotsReceived' || f.type === 'UnusedBallotsCancelled' ? f.payload.actNumber : null,
      corrections: list,
      standing: last ? last.count : count,
      withdrawn: last !== undefined && last.count === null,
    });
  }
  return out;
}

export type LedgerCorrectionRefusal = {
  code: 'unknown-entry' | 'already-withdrawn' | 'count-not-allowed' | 'count-too-small' | 'count-invalid' | 'unchanged' | 'reason-too-short' | 'no-member';
};

export interface LedgerCorrectionInput {
  entry: string;
  /** The right count; null withdraws the entry (recorded in error). */
  count: number | null;
  reason: string;
  by: string;
}

/**
 * A correction by counter-entry. Refused: an entry that is not in the ledger, one already withdrawn,
 * a count for an entry that carries lines, a count below the entry's own minimum (a receipt or a
 * spoiled entry of 0 is a withdrawal), a correction that changes nothing, a reason shorter than
 * MIN_REASON characters.
 */
export function decideLedgerCorrection(
  facts: readonly LedgerFact[],
  input: LedgerCorrectionInput,
): Result<ProtocolPayload<'LedgerEntryCorrected'>, LedgerCorrectionRefusal> {
  const entry = ledgerEntries(facts).find((e) => e.id === input.entry);
  if (!entry || !(LEDGER_ENTRY_TYPES as readonly string[]).includes(entry.type)) return err({ code: 'unknown-entry' });
  if (entry.withdrawn) return err({ code: 'already-withdrawn' });
  if (input.by.trim() === '') return err({ code: 'no-member' });
  if (input.count !== null) {
    if (entry.count === null) return err({ code: 'count-not-allowed' });
    if (!Number.isSafeInteger(input.count) || input.count < 0) return err({ code: 'count-invalid' });
    if ((entry.type === 'BallotsReceived' || entry.type === 'BallotsSpoiled') && input.count < 1) return err({ code: 'count-too-small' });
    if (input.count === entry.standing) return err({ code: 'unchanged' });
  }
  const reason = input.reason.trim();
  if (reason.length < MIN_REASON) return err({ code: 'reason-too-short' });
  const parsed = protocolPayloadSchemas.LedgerEntryCorrected.safeParse({ entry: input.entry, count: input.count, reason, by: input.by });
  return parsed.success ? ok(parsed.data) : err({ code: 'count-invalid' });
}
