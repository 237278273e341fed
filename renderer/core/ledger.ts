/**
 * Ballot-ledger commands through the one door: an entry (receipt, spoiled, the cancellation act,
 * page sums, the АЭУ report, the manual count) and the correction of an entry by a counter-entry.
 * Each is idempotent against a double submission: the same input while the first is in flight
 * records once. Times the entry carries (`at`, `countedAt`) are the command's one clock reading.
 */
import type { StoredEvent } from '../../shared/events/envelope';
import { decideLedgerCorrection, decideLedgerEntry, type FieldProblem, type LedgerCalendar, type LedgerCorrectionInput, type LedgerCorrectionRefusal } from '../../shared/protocol/ledger-entries';
import { LEDGER_FACT_TYPES, pageSumsStanding, type LedgerEntryType, type LedgerFact } from '../../shared/protocol/ledger';
import { canonicalJson } from '../../shared/util/canonical-json';
import { err, ok, type Result } from '../../shared/util/result';
import type { EventContext } from '../db/event-store';
import type { PrecinctDatabase } from '../db/schema';
import type { CommandBus, Recorded } from './command';

/** The ledger's facts from the log, in log order, each with its id, time and actor. */
export async function readLedgerFacts(db: PrecinctDatabase): Promise<LedgerFact[]> {
  const events = await db.events.where('type').anyOf([...LEDGER_FACT_TYPES]).toArray();
  events.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return events.map((e: StoredEvent) => ({ type: e.type, payload: e.payload, id: e.id, recordedAt: e.recordedAt, actor: e.actor, device: e.deviceId }) as LedgerFact);
}

export function recordLedgerEntry<T extends LedgerEntryType>(
  bus: CommandBus,
  type: T,
  input: Record<string, unknown>,
  context: EventContext,
  /** The election's days an act's date must fall within (the desk's setup). */
  calendar?: LedgerCalendar,
): Promise<Result<Recorded<T, never>, FieldProblem[]>> {
  return bus.execute(
    {
      type,
      reads: type === 'ListPageSumsEntered' ? ['events'] : [],
      key: `${context.actor ?? ''}\u0000${canonicalJson(input)}`,
      // Decided on the input and the clock alone: an entry never depends on the stored state. Page
      // sums name the entries standing on this laptop, which they knowingly replace
      // (pageSumsDisagreement: another laptop's entry not named was entered without knowing it).
      decide: async (db, now) => {
        const r = decideLedgerEntry(type, input, now, calendar);
        if (!r.ok) return err(r.error);
        const replaces = type === 'ListPageSumsEntered' ? pageSumsStanding(await readLedgerFacts(db)) : [];
        return ok({ payload: (replaces.length > 0 ? { ...r.value, replaces } : r.value) as never, warnings: [] });
      },
    },
    context,
  );
}

export function correctLedgerEntry(
  bus: CommandBus,
  input: LedgerCorrectionInput,
  context: EventContext,
): Promise<Result<Recorded<'LedgerEntryCorrected', never>, LedgerCorrectionRefusal>> {
  return bus.execute(
    {
      type: 'LedgerEntryCorrected',
      reads: ['events'],
      key: canonicalJson(input),
      async decide(db) {
        const r = decideLedgerCorrection(await readLedgerFacts(db), input);
        return r.ok ? ok({ payload: r.value, warnings: [] }) : err(r.error);
      },
    },
    context,
  );
}
