/**
 * The ballot ledger: a pure fold over the ballot facts of the day (received from the TEC by act,
 * spoiled, unused cancelled by act, the АЭУ preliminary report, the manual count) together with the
 * counts the app already keeps (ballots issued at the desk = voters with an issued ballot; ballots
 * issued outside = out-of-premises register entries marked voted; the list's size and page sums).
 *
 *   received = issued in the room + issued outside + spoiled + cancelled + with the teams + remaining
 *
 * ("with the teams": ballots the mobile teams still out hold, handed but not yet used or brought back)
 *
 * `remaining` is what should still be in the safe. Before the cancellation act it must not be
 * negative; after the act it must be zero (every unused ballot was counted and cancelled).
 * The invariants are re-checked live, not only at close (anchors.md 1.3).
 *
 * An entry is never edited: a correction is a counter-entry (`LedgerEntryCorrected`) naming it, with
 * the right count (or withdrawing it) and a reason; the fold takes the latest correction instead.
 */
import { addDays, type IsoDate } from '../time/date';
import { localDateTimeIn, zonedToInstant } from '../time/zone';
import type { LedgerFigureName } from './form';
import type { ProtocolPayload } from './events';

/** Local time by which the АЭУ report is printed and sent (calendar item 78). */
export const AEU_DEADLINE_TIME = '21:00';

/** Where a fact stands in the log: the event's id (what a correction names), when, by whom. */
export interface LedgerFactMeta {
  id?: string;
  recordedAt?: string;
  actor?: string | null;
  /** The laptop (device) that recorded it. */
  device?: string;
}

export type LedgerFact = (
  | { type: 'BallotsReceived'; payload: ProtocolPayload<'BallotsReceived'> }
  | { type: 'BallotsSpoiled'; payload: ProtocolPayload<'BallotsSpoiled'> }
  | { type: 'UnusedBallotsCancelled'; payload: ProtocolPayload<'UnusedBallotsCancelled'> }
  | { type: 'ListPageSumsEntered'; payload: ProtocolPayload<'ListPageSumsEntered'> }
  | { type: 'AeuReportEntered'; payload: ProtocolPayload<'AeuReportEntered'> }
  | { type: 'ManualCountEntered'; payload: ProtocolPayload<'ManualCountEntered'> }
  | { type: 'LedgerEntryCorrected'; payload: ProtocolPayload<'LedgerEntryCorrected'> }
) & LedgerFactMeta;

/** The entries a secretary records on the ledger screen and the count screen (each correctable). */
export const LEDGER_ENTRY_TYPES = [
  'BallotsReceived', 'BallotsSpoiled', 'UnusedBallotsCancelled', 'ListPageSumsEntered', 'AeuReportEntered', 'ManualCountEntered',
] as const satisfies readonly LedgerFact['type'][];
export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number];

export const LEDGER_FACT_TYPES = [...LEDGER_ENTRY_TYPES, 'LedgerEntryCorrected'] as const satisfies readonly LedgerFact['type'][];

/** The count an entry carries (null for the АЭУ report and the manual count, which carry lines). */
export function entryCount(fact: LedgerFact): number | null {
  switch (fact.type) {
    case 'BallotsReceived':
    case 'BallotsSpoiled':
    case 'UnusedBallotsCancelled':
      return fact.payload.count;
    case 'ListPageSumsEntered':
      return fact.payload.total;
    default:
      return null;
  }
}

/** The latest correction of each corrected entry, by the entry's id. */
export function latestCorrections(facts: readonly LedgerFact[]): Map<string, ProtocolPayload<'LedgerEntryCorrected'> & LedgerFactMeta> {
  const out = new Map<string, ProtocolPayload<'LedgerEntryCorrected'> & LedgerFactMeta>();
  for (const f of facts) {
    if (f.type === 'LedgerEntryCorrected') out.set(f.payload.entry, { ...f.payload, recordedAt: f.recordedAt, actor: f.actor, id: f.id });
  }
  return out;
}

/**
 * The facts as they stand after their corrections: a withdrawn entry is left out, a corrected count
 * replaces the recorded one, and the corrections themselves drop out.
 */
export function correctedFacts(facts: readonly LedgerFact[]): LedgerFact[] {
  const corrections = latestCorrections(facts);
  const out: LedgerFact[] = [];
  for (const fact of facts) {
    if (fact.type === 'LedgerEntryCorrected') continue;
    const c = fact.id === undefined ? undefined : corrections.get(fact.id);
    if (!c) {
      out.push(fact);
      continue;
    }
    if (c.count === null) continue;
    switch (fact.type) {
      case 'BallotsReceived':
      case 'BallotsSpoiled':
      case 'UnusedBallotsCancelled':
        out.push({ ...fact, payload: { ...fact.payload, count: c.count } } as LedgerFact);
        break;
      case 'ListPageSumsEntered':
        out.push({ ...fact, payload: { ...fact.payload, total: c.count } });
        break;
      default:
        // Lines, not a count: only a withdrawal applies (decideLedgerCorrection refuses a count).
        out.push(fact);
    }
  }
  return out;
}

export interface LedgerCounts {
  /** Ballots issued at the desk, by the one fold (`shared/figures`: issues not undone). */
  issuedRoom: number;
  /**
   * Total of the list's page sums of signatures as the app counts them; null when unknown. A total
   * counted on the paper list (ListPageSumsEntered, item 75) takes its place once entered.
   */
  listPageSums: number | null;
  /** Ballots issued outside the premises, by the one fold (`shared/figures`). */
  issuedOutside: number;
  /** Voters on the active list; null without a list. */
  listSize: number | null;
  /** Ballots the mobile teams spoiled outside (register visits); counted with the spoiled. */
  spoiledOutside?: number;
  /** Ballots found in the mobile boxes opened on their own before the count (item 77); null/absent = none counted. */
  mobileBoxes?: number | null;
  /** Ballots in the hands of mobile teams not yet back (`ballotsWithTeams`): out of the safe, not yet accounted for. */
  withTeams?: number;
}

export interface AeuReport {
  values: Record<string, number>;
  printedAt: string;
  /** The first instant that is late (21:00 local on voting day); null when not known. */
  deadline: string | null;
  late: boolean;
}

export interface LedgerFigures {
  received: number;
  receipts: { actNumber: string; actDate: IsoDate; count: number }[];
  /** Ballots issued at the desk, as the desk recorded them. */
  issuedRoom: number;
  /**
   * Ballots issued in the room as the balance counts them: the act's figure (`issuedByAct`) — the
   * signatures summed on the list's pages once entered, the desk's record until then — so the
   * ledger, its printed act, the act on ballots issued and the protocol's balance give one figure.
   */
  issuedRoomByAct: number;
  listPageSums: number | null;
  /** Whether `listPageSums` was counted on the paper list (not just the app's own count). */
  pageSumsEntered: boolean;
  issuedOutside: number;
  /** Spoiled in the room (by record) and outside (by the teams). */
  spoiled: number;
  /** Of `spoiled`, those spoiled by the mobile teams. */
  spoiledOutside: number;
  /** Null until the cancellation act is recorded. */
  cancelled: number | null;
  cancellationAct: string | null;
  /** Ballots with the mobile teams still out (0 once every team is back). */
  withTeams: number;
  /** received − issued (room by the act + outside) − spoiled − cancelled − with the teams still out. */
  remaining: number;
  listSize: number | null;
  /** The latest АЭУ report entered (a re-entry replaces the earlier one). */
  aeu: AeuReport | null;
  /** The latest manual count entered. */
  manualCount: Record<string, number> | null;
  /** Ballots found in the mobile boxes counted first (item 77); null when no box was counted. */
  mobileBoxes: number | null;
}

/** The first late instant for the АЭУ report: 21:00 on voting day in the precinct's zone. */
export function aeuDeadline(votingDay: IsoDate, timeZone: string, time: string = AEU_DEADLINE_TIME): Date {
  return zonedToInstant(votingDay, time, timeZone);
}

/**
 * The date the count screen offers for the АЭУ report as printed: the precinct's date now when that
 * is voting day or the day after (a count that runs past midnight prints its report on the next
 * date), else voting day (a trainer's demo of another day).
 */
export function aeuReportDateDefault(now: Date, votingDay: IsoDate, timeZone: string): IsoDate {
  const today = localDateTimeIn(now, timeZone).date;
  return today === votingDay || today === addDays(votingDay, 1) ? today : votingDay;
}

export function foldLedger(facts: readonly LedgerFact[], counts: LedgerCounts, deadline: Date | null = null): LedgerFigures {
  let received = 0;
  const receipts: LedgerFigures['receipts'] = [];
  let spoiled = 0;
  let cancelled: number | null = null;
  let cancellationAct: string | null = null;
  let aeu: AeuReport | null = null;
  let manualCount: Record<string, number> | null = null;
  const entered = signaturesEntered(facts);
  const listPageSums = entered ?? counts.listPageSums;
  const pageSumsEntered = entered !== null;
  for (const fact of correctedFacts(facts)) {
    switch (fact.type) {
      case 'BallotsReceived':
        received += fact.payload.count;
        receipts.push({ actNumber: fact.payload.actNumber, actDate: fact.payload.actDate, count: fact.payload.count });
        break;
      case 'BallotsSpoiled':
        spoiled += fact.payload.count;
        break;
      case 'UnusedBallotsCancelled':
        // One act cancels all unused ballots; a later act (re-count) replaces the earlier figure.
        cancelled = fact.payload.count;
        cancellationAct = fact.payload.actNumber;
        break;
      case 'ListPageSumsEntered':
        // Read by signaturesEntered (the center reads it too).
        break;
      case 'AeuReportEntered': {
        const printed = Date.parse(fact.payload.printedAt);
        aeu = {
          values: { ...fact.payload.values },
          printedAt: fact.payload.printedAt,
          deadline: deadline ? deadline.toISOString() : null,
          late: deadline ? printed >= deadline.getTime() : false,
        };
        break;
      }
      case 'ManualCountEntered':
        manualCount = { ...fact.payload.values };
        break;
      case 'LedgerEntryCorrected':
        // Folded in by correctedFacts.
        break;
      default: {
        const never: never = fact;
        throw new Error(`foldLedger: unknown fact ${(never as { type: string }).type}`);
      }
    }
  }
  const spoiledOutside = counts.spoiledOutside ?? 0;
  spoiled += spoiledOutside;
  const withTeams = counts.withTeams ?? 0;
  const issuedRoomByAct = pageSumsEntered && listPageSums !== null ? listPageSums : counts.issuedRoom;
  const remaining = received - issuedRoomByAct - counts.issuedOutside - spoiled - (cancelled ?? 0) - withTeams;
  return {
    received, receipts, issuedRoom: counts.issuedRoom, issuedRoomByAct, listPageSums, pageSumsEntered, issuedOutside: counts.issuedOutside,
    spoiled, spoiledOutside, cancelled, cancellationAct, withTeams, remaining, listSize: counts.listSize, aeu, manualCount,
    mobileBoxes: counts.mobileBoxes ?? null,
  };
}

/** A ledger figure by the name a relation uses; null when not known (the relation is then skipped). */
export function ledgerFigure(figures: LedgerFigures, name: LedgerFigureName): number | null {
  switch (name) {
    case 'received': return figures.received;
    case 'issuedRoom': return figures.issuedRoom;
    case 'listPageSums': return figures.listPageSums;
    case 'issuedOutside': return figures.issuedOutside;
    case 'spoiled': return figures.spoiled;
    case 'cancelled': return figures.cancelled;
    case 'remaining': return figures.remaining;
    case 'listSize': return figures.listSize;
    case 'mobileBoxes': return figures.mobileBoxes;
    default: {
      const never: never = name;
      return never;
    }
  }
}

export type LedgerInvariantCode =
  | 'ledger-overdrawn'
  | 'ledger-unaccounted'
  | 'ledger-above-list-margin'
  | 'ledger-desk-differs-from-page-sums'
  | 'ledger-aeu-late'
  | 'ledger-nothing-received';

export interface LedgerInvariant {
  code: LedgerInvariantCode;
  holds: boolean;
  severity: 'error' | 'warning';
  params: Record<string, number | string>;
}

/** The largest number received that stays within list + 0.1 % (exact integer arithmetic). */
export function listMargin(listSize: number): number {
  return Math.floor((listSize * 1001) / 1000);
}

/**
 * The total of signatures counted on the paper list's pages (item 75) as it stands: the latest
 * `ListPageSumsEntered` in log order after its corrections (a withdrawn entry leaves the one before
 * it); null while none is entered. `foldLedger` and the center (its figures of a precinct) read it,
 * so the act, the protocol's pre-fill and the center give one figure.
 */
export function signaturesEntered(facts: readonly LedgerFact[]): number | null {
  let total: number | null = null;
  for (const fact of correctedFacts(facts)) if (fact.type === 'ListPageSumsEntered') total = fact.payload.total;
  return total;
}

/** A page sums entry standing on its own: no later entry replaces it. */
export interface PageSumsHead {
  id: string;
  total: number;
  pages: number;
  at: string;
  enteredBy: string;
  device: string | null;
}

const entryBefore = (a: { at: string; id: string }, b: { at: string; id: string }): boolean => a.at < b.at || (a.at === b.at && a.id < b.id);

type PageSumsFact = Extract<LedgerFact, { type: 'ListPageSumsEntered' }> & { id: string };

/** Every page sums entry recorded (withdrawn ones too), by id. */
function pageSumsEntries(facts: readonly LedgerFact[]): Map<string, PageSumsFact> {
  const out = new Map<string, PageSumsFact>();
  for (const f of facts) if (f.type === 'ListPageSumsEntered' && f.id !== undefined) out.set(f.id, f as PageSumsFact);
  return out;
}

/** Whether `y` was entered knowing `x`: it names it, or is a later entry of the same laptop. */
const knewOf = (y: PageSumsFact, x: PageSumsFact): boolean =>
  y.id !== x.id &&
  ((y.payload.replaces ?? []).includes(x.id) || ((y.device ?? null) === (x.device ?? null) && entryBefore({ at: x.payload.at, id: x.id }, { at: y.payload.at, id: y.id })));

/** The entries each entry was entered knowing, directly or through the entries it knew (withdrawn ones too). */
function knownBy(entries: Map<string, PageSumsFact>): Map<string, Set<string>> {
  const all = [...entries.values()];
  const out = new Map<string, Set<string>>();
  for (const y of all) {
    const seen = new Set<string>();
    const stack = [y];
    while (stack.length > 0) {
      const z = stack.pop()!;
      for (const x of all) if (!seen.has(x.id) && knewOf(z, x)) {
        seen.add(x.id);
        stack.push(x);
      }
    }
    out.set(y.id, seen);
  }
  return out;
}

/**
 * The ids a new page sums entry on this laptop names as the entries it knowingly replaces: the
 * entries recorded here that no other entry was entered knowing (the rest it knows through them).
 */
export function pageSumsStanding(facts: readonly LedgerFact[]): string[] {
  const entries = pageSumsEntries(facts);
  const known = knownBy(entries);
  const reached = new Set<string>();
  for (const ids of known.values()) for (const id of ids) reached.add(id);
  return [...entries.keys()].filter((id) => !reached.has(id));
}

/**
 * Page sums that two laptops of the precinct entered, each without knowing the other's (before they
 * exchanged records), with different totals: the standing entries (corrected, not withdrawn) that no
 * other standing entry was entered knowing — directly (`replaces`, or a later entry of the same
 * laptop) or through entries it knew, withdrawn ones too — sorted by time. Empty when they agree or
 * only one stands. The protocol takes the latest in log order (`signaturesEntered`); this says that
 * another figure was entered too. It holds until the sums are entered again (knowing both), or one
 * is corrected to agree or withdrawn. A function of the set of facts and their corrections, not of
 * the order they were folded in.
 */
export function pageSumsDisagreement(facts: readonly LedgerFact[]): PageSumsHead[] {
  const known = knownBy(pageSumsEntries(facts));
  const standing = correctedFacts(facts).filter((f): f is PageSumsFact => f.type === 'ListPageSumsEntered' && f.id !== undefined);
  const heads = standing.filter((x) => !standing.some((y) => y.id !== x.id && (known.get(y.id)?.has(x.id) ?? false)));
  if (new Set(heads.map((h) => h.payload.total)).size < 2) return [];
  return heads
    .map((h) => ({ id: h.id, total: h.payload.total, pages: h.payload.pages, at: h.payload.at, enteredBy: h.payload.enteredBy, device: h.device ?? null }))
    .sort((a, b) => (entryBefore(a, b) ? -1 : entryBefore(b, a) ? 1 : 0));
}

/**
 * The act on ballots issued (item 76) is drawn up after the list work (item 75): its ballots issued
 * in the room are the signatures counted on the list's pages — the law's count of who took part (Art
 * 37(3)) — once they are entered; until then the desk's record stands in, said as such (the act's
 * copies are refused until then: shared/act-copies). `deskDifference` is the desk's record less the
 * act's figure (0 when they agree or when the act is by the desk).
 */
export function issuedByAct(
  f: Pick<LedgerFigures, 'issuedRoom' | 'issuedOutside' | 'listPageSums' | 'pageSumsEntered'>,
): { room: number; from: 'signatures' | 'desk'; deskDifference: number; total: number } {
  const bySignatures = f.pageSumsEntered && f.listPageSums !== null;
  const room = bySignatures ? (f.listPageSums as number) : f.issuedRoom;
  return { room, from: bySignatures ? 'signatures' : 'desk', deskDifference: f.issuedRoom - room, total: room + f.issuedOutside };
}

/**
 * Every invariant with whether it holds now. Not-yet-applicable ones (no act yet, no list, no АЭУ
 * report) are left out rather than reported as holding.
 */
export function ledgerInvariants(f: LedgerFigures): LedgerInvariant[] {
  const balance = {
    received: f.received, issuedRoom: f.issuedRoomByAct, issuedOutside: f.issuedOutside, spoiled: f.spoiled,
    cancelled: f.cancelled ?? 0, remaining: f.remaining,
  };
  const out: LedgerInvariant[] = [
    { code: 'ledger-nothing-received', holds: f.received > 0 || (f.issuedRoom === 0 && f.issuedOutside === 0), severity: 'warning', params: balance },
    // More ballots went out than came in: always an error.
    { code: 'ledger-overdrawn', holds: f.remaining >= 0, severity: 'error', params: { ...balance, difference: -f.remaining, count: -f.remaining } },
  ];
  if (f.cancelled !== null) {
    out.push({ code: 'ledger-unaccounted', holds: f.remaining <= 0, severity: 'error', params: { ...balance, difference: f.remaining, count: f.remaining } });
  }
  if (f.listSize !== null) {
    const max = listMargin(f.listSize);
    out.push({ code: 'ledger-above-list-margin', holds: f.received <= max, severity: 'warning', params: { received: f.received, listSize: f.listSize, max, difference: f.received - max } });
  }
  if (f.listPageSums !== null) {
    out.push({
      code: 'ledger-desk-differs-from-page-sums', holds: f.issuedRoom === f.listPageSums, severity: 'warning',
      params: { issuedRoom: f.issuedRoom, listPageSums: f.listPageSums, difference: f.issuedRoom - f.listPageSums },
    });
  }
  if (f.aeu && f.aeu.deadline) {
    out.push({ code: 'ledger-aeu-late', holds: !f.aeu.late, severity: 'warning', params: { printedAt: f.aeu.printedAt, deadline: f.aeu.deadline } });
  }
  return out;
}
