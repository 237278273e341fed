/**
 * The ballot ledger: a pure fold over the ballot facts of the day (received from the TEC by act,
 * spoiled, unused cancelled by act, the АЭУ preliminary report, the manual count) together with the
 * counts the app already keeps (ballots issued at the desk = voters with an issued ballot; ballots
 * issued outside = out-of-premises register entries marked voted; the list's size and page sums).
 *
 *   received = issued in the room + issued outside + spoiled + cancelled + remaining
 *
 * `remaining` is what should still be in the safe. Before the cancellation act it must not be
 * negative; after the act it must be zero (every unused ballot was counted and cancelled).
 * The invariants are re-checked live, not only at close (anchors.md 1.3).
 */
import type { IsoDate } from '../time/date';
import { zonedToInstant } from '../time/zone';
import type { LedgerFigureName } from './form';
import type { ProtocolPayload } from './events';

/** Local time by which the АЭУ report is printed and sent (calendar item 78). */
export const AEU_DEADLINE_TIME = '21:00';

export type LedgerFact =
  | { type: 'BallotsReceived'; payload: ProtocolPayload<'BallotsReceived'> }
  | { type: 'BallotsSpoiled'; payload: ProtocolPayload<'BallotsSpoiled'> }
  | { type: 'UnusedBallotsCancelled'; payload: ProtocolPayload<'UnusedBallotsCancelled'> }
  | { type: 'ListPageSumsEntered'; payload: ProtocolPayload<'ListPageSumsEntered'> }
  | { type: 'AeuReportEntered'; payload: ProtocolPayload<'AeuReportEntered'> }
  | { type: 'ManualCountEntered'; payload: ProtocolPayload<'ManualCountEntered'> };

export const LEDGER_FACT_TYPES = [
  'BallotsReceived', 'BallotsSpoiled', 'UnusedBallotsCancelled', 'ListPageSumsEntered', 'AeuReportEntered', 'ManualCountEntered',
] as const satisfies readonly LedgerFact['type'][];

export interface LedgerCounts {
  /** Voters with a ballot issued at the desk (voter status, undos taken out). */
  issuedRoom: number;
  /**
   * Total of the list's page sums of signatures as the app counts them; null when unknown. A total
   * counted on the paper list (ListPageSumsEntered, item 75) takes its place once entered.
   */
  listPageSums: number | null;
  /** Out-of-premises register entries marked voted. */
  issuedOutside: number;
  /** Voters on the active list; null without a list. */
  listSize: number | null;
  /** Ballots the mobile teams spoiled outside (register visits); counted with the spoiled. */
  spoiledOutside?: number;
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
  issuedRoom: number;
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
  /** received − issued (room + outside) − spoiled − cancelled. */
  remaining: number;
  listSize: number | null;
  /** The latest АЭУ report entered (a re-entry replaces the earlier one). */
  aeu: AeuReport | null;
  /** The latest manual count entered. */
  manualCount: Record<string, number> | null;
}

/** The first late instant for the АЭУ report: 21:00 on voting day in the precinct's zone. */
export function aeuDeadline(votingDay: IsoDate, timeZone: string, time: string = AEU_DEADLINE_TIME): Date {
  return zonedToInstant(votingDay, time, timeZone);
}

export function foldLedger(facts: readonly LedgerFact[], counts: LedgerCounts, deadline: Date | null = null): LedgerFigures {
  let received = 0;
  const receipts: LedgerFigures['receipts'] = [];
  let spoiled = 0;
  let cancelled: number | null = null;
  let cancellationAct: string | null = null;
  let aeu: AeuReport | null = null;
  let manualCount: Record<string, number> | null = null;
  let listPageSums = counts.listPageSums;
  let pageSumsEntered = false;
  for (const fact of facts) {
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
        listPageSums = fact.payload.total;
        pageSumsEntered = true;
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
      default: {
        const never: never = fact;
        throw new Error(`foldLedger: unknown fact ${(never as { type: string }).type}`);
      }
    }
  }
  const spoiledOutside = counts.spoiledOutside ?? 0;
  spoiled += spoiledOutside;
  const remaining = received - counts.issuedRoom - counts.issuedOutside - spoiled - (cancelled ?? 0);
  return {
    received, receipts, issuedRoom: counts.issuedRoom, listPageSums, pageSumsEntered, issuedOutside: counts.issuedOutside,
    spoiled, spoiledOutside, cancelled, cancellationAct, remaining, listSize: counts.listSize, aeu, manualCount,
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
 * Every invariant with whether it holds now. Not-yet-applicable ones (no act yet, no list, no АЭУ
 * report) are left out rather than reported as holding.
 */
export function ledgerInvariants(f: LedgerFigures): LedgerInvariant[] {
  const balance = {
    received: f.received, issuedRoom: f.issuedRoom, issuedOutside: f.issuedOutside, spoiled: f.spoiled,
    cancelled: f.cancelled ?? 0, remaining: f.remaining,
  };
  const out: LedgerInvariant[] = [
    { code: 'ledger-nothing-received', holds: f.received > 0 || (f.issuedRoom === 0 && f.issuedOutside === 0), severity: 'warning', params: balance },
    // More ballots went out than came in: always an error.
    { code: 'ledger-overdrawn', holds: f.remaining >= 0, severity: 'error', params: { ...balance, difference: -f.remaining } },
  ];
  if (f.cancelled !== null) {
    out.push({ code: 'ledger-unaccounted', holds: f.remaining <= 0, severity: 'error', params: { ...balance, difference: f.remaining } });
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
