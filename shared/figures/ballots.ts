/**
 * THE one definition of the day's ballot figures: ballots issued (in the room, outside the premises,
 * in total), the voters who took part, turnout at each report time, and the list's page sums. The
 * desk counter, the turnout panel, the page-sums sheet, the protocol's pre-fill and the center's
 * dashboard and `summary.csv` all fold the events with this module, so they cannot disagree.
 *
 * Counting rules (the same everywhere):
 * - A ballot issued in the room is one `BallotIssued` event that no `BallotIssueUndone` takes back
 *   (by its `undoes` event id). A voter who got two ballots on two laptops counts TWO ballots
 *   (two ballots left the stock) and ONE voter; the open double-issue incident says why.
 * - A ballot issued outside is a `MobileVisitRecorded`'s `ballotsIssued` (1 when the voter voted).
 * - Voters who took part: distinct voters with a standing room issue, plus distinct voters who
 *   voted outside without one.
 * - A figure "at" an instant counts the facts whose own time (`recordedAt` for the desk, the
 *   visit's `visitedAt` outside) is not after it; an undo counts from its own time.
 *
 * The fold is order-independent and idempotent: the same set of events gives the same figures in
 * any order and with any event seen twice, which is what the center needs (events arrive by device,
 * not in causal order). Payloads are read with the catalog's schemas; anything that does not parse
 * is ignored (the center's stored events were checked at ingest; this is defence, not policy).
 */
import { eventPayloadSchemas } from '../events/catalog';
import { knownPart } from '../events/known-payload';
import type { IsoDate, TimeOfDay } from '../time/date';
import { zonedToInstant } from '../time/zone';
import { summarizePages, type PageSummary, type VoterVoteStatus } from '../voters/summation';
import type { VoterRecord } from '../voters/validate';

/** The least of an event the fold reads: what the laptop stores and the center can give. */
export interface FigureEvent {
  id: string;
  type: string;
  payload: unknown;
  /** ISO instant the event was recorded. */
  recordedAt: string;
}

export interface RoomIssue {
  voterId: string;
  page: number;
  at: string;
}

export interface RoomUndo {
  undoes: string;
  voterId: string;
  at: string;
}

export interface OutsideVote {
  voterId: string;
  number: number;
  /** When the voter was visited (the visit's own time, not when it was typed in). */
  at: string;
  ballots: number;
  spoiled: number;
  voted: boolean;
}

/** The facts the figures are computed from, keyed by event id (plain data: storable, comparable). */
export interface BallotFacts {
  issues: Record<string, RoomIssue>;
  undos: Record<string, RoomUndo>;
  visits: Record<string, OutsideVote>;
}

export const EMPTY_BALLOT_FACTS: BallotFacts = Object.freeze({ issues: {}, undos: {}, visits: {} }) as BallotFacts;

/** The event types that change the figures. */
export const FIGURE_EVENT_TYPES = ['BallotIssued', 'BallotIssueUndone', 'MobileVisitRecorded'] as const;

type FactKind = keyof BallotFacts;
export type Fact = { kind: 'issues'; value: RoomIssue } | { kind: 'undos'; value: RoomUndo } | { kind: 'visits'; value: OutsideVote };

export const KIND_OF: Partial<Record<string, FactKind>> = { BallotIssued: 'issues', BallotIssueUndone: 'undos', MobileVisitRecorded: 'visits' };

/** The fact an event records, or null when it records none (another type, a payload that does not parse). */
export function factOf(event: FigureEvent): Fact | null {
  switch (event.type) {
    case 'BallotIssued': {
      const p = knownPart(eventPayloadSchemas.BallotIssued, event.payload);
      return p ? { kind: 'issues', value: { voterId: p.voterId, page: p.page, at: event.recordedAt } } : null;
    }
    case 'BallotIssueUndone': {
      const p = knownPart(eventPayloadSchemas.BallotIssueUndone, event.payload);
      return p ? { kind: 'undos', value: { undoes: p.undoes, voterId: p.voterId, at: event.recordedAt } } : null;
    }
    case 'MobileVisitRecorded': {
      const v = knownPart(eventPayloadSchemas.MobileVisitRecorded, event.payload);
      if (!v) return null;
      return { kind: 'visits', value: { voterId: v.voterId, number: v.number, at: v.visitedAt, ballots: v.ballotsIssued, spoiled: v.ballotsSpoiled, voted: v.outcome === 'voted' } };
    }
    default:
      return null;
  }
}

/** One event into the facts. Pure; returns `facts` itself when the event changes nothing (an event id seen before keeps its first fact). */
export function evolveBallotFacts(facts: BallotFacts, event: FigureEvent): BallotFacts {
  const kind = KIND_OF[event.type];
  if (kind === undefined || Object.prototype.hasOwnProperty.call(facts[kind], event.id)) return facts;
  const fact = factOf(event);
  if (!fact) return facts;
  return { ...facts, [kind]: { ...facts[kind], [event.id]: fact.value } };
}

/**
 * Many events into the facts: the same result as `evolveBallotFacts` applied to each in turn, in
 * linear time (a precinct's day is thousands of events; copying the facts per event is quadratic).
 */
export function foldBallotFacts(events: Iterable<FigureEvent>): BallotFacts {
  const maps = { issues: new Map<string, RoomIssue>(), undos: new Map<string, RoomUndo>(), visits: new Map<string, OutsideVote>() };
  for (const e of events) {
    const kind = KIND_OF[e.type];
    if (kind === undefined || maps[kind].has(e.id)) continue;
    const fact = factOf(e);
    // Only the first parsing event of an id counts, as in evolveBallotFacts.
    if (fact) (maps[fact.kind] as Map<string, Fact['value']>).set(e.id, fact.value);
  }
  // Object.fromEntries defines own properties: an id such as "__proto__" stays a plain key.
  return { issues: Object.fromEntries(maps.issues), undos: Object.fromEntries(maps.undos), visits: Object.fromEntries(maps.visits) };
}

/** Whole-day figures, or the figures at an instant (ISO) when `at` is given. */
export interface BallotsIssued {
  /** Ballots issued at the desk (signatures in the list). */
  room: number;
  /** Ballots issued outside the premises (out-of-premises register). */
  outside: number;
  /** room + outside: the ballots voters took. */
  total: number;
  /** Distinct voters with a standing ballot issued at the desk. */
  votersRoom: number;
  /** Distinct voters who voted outside and have no standing desk ballot. */
  votersOutside: number;
  /** Voters who took part: votersRoom + votersOutside. */
  voters: number;
  /** Ballots spoiled outside (each replaced), as recorded at the visits. */
  spoiledOutside: number;
}

const notAfter = (t: string, at: string | undefined) => at === undefined || Date.parse(t) <= Date.parse(at);

/** How each voter took part: 'issued' (desk) wins over 'out-of-premises'; absent = did not vote. */
export function voterVoteStatuses(facts: BallotFacts, at?: string): Map<string, Exclude<VoterVoteStatus, 'none'>> {
  const undone = new Set<string>();
  for (const u of Object.values(facts.undos)) if (notAfter(u.at, at)) undone.add(u.undoes);
  const out = new Map<string, Exclude<VoterVoteStatus, 'none'>>();
  for (const [id, i] of Object.entries(facts.issues)) if (notAfter(i.at, at) && !undone.has(id)) out.set(i.voterId, 'issued');
  for (const v of Object.values(facts.visits)) if (v.voted && notAfter(v.at, at) && !out.has(v.voterId)) out.set(v.voterId, 'out-of-premises');
  return out;
}

export function ballotsIssued(facts: BallotFacts, at?: string): BallotsIssued {
  const undone = new Set<string>();
  for (const u of Object.values(facts.undos)) if (notAfter(u.at, at)) undone.add(u.undoes);
  let room = 0;
  const roomVoters = new Set<string>();
  for (const [id, i] of Object.entries(facts.issues)) {
    if (!notAfter(i.at, at) || undone.has(id)) continue;
    room += 1;
    roomVoters.add(i.voterId);
  }
  let outside = 0;
  let spoiledOutside = 0;
  const outVoters = new Set<string>();
  for (const v of Object.values(facts.visits)) {
    if (!notAfter(v.at, at)) continue;
    outside += v.ballots;
    spoiledOutside += v.spoiled;
    if (v.voted && !roomVoters.has(v.voterId)) outVoters.add(v.voterId);
  }
  return {
    room,
    outside,
    total: room + outside,
    votersRoom: roomVoters.size,
    votersOutside: outVoters.size,
    voters: roomVoters.size + outVoters.size,
    spoiledOutside,
  };
}

export interface TurnoutPoint {
  time: TimeOfDay;
  /** The instant of `time` on voting day in the precinct's zone. */
  instant: string;
  /** Ballots issued by then, in the room and outside (undos by then taken out). */
  ballots: number;
  room: number;
  outside: number;
  /** Share of the list, in percent with two decimals; null without a list. */
  percent: number | null;
  /** The reporting time has come (by the clock passed in). */
  reached: boolean;
}

/** Whether a report time (its instant, ISO) has come by the clock `now`. */
export const turnoutReached = (instant: string, now: Date): boolean => now.getTime() >= Date.parse(instant);

/** A report time and its instant (ISO) on voting day in the precinct's zone. */
export interface ReportInstant {
  time: TimeOfDay;
  instant: string;
}

/** The election's report times on voting day in the precinct's zone, in time order. */
export function reportInstants(votingDay: IsoDate, times: readonly TimeOfDay[], timeZone: string): ReportInstant[] {
  return [...times].sort().map((time) => ({ time, instant: zonedToInstant(votingDay, time, timeZone).toISOString() }));
}

/** Turnout at the report times from the slots of those same report instants (see `figureSlots`). */
export function turnoutFromSlots(slots: Pick<FigureSlots, 'room' | 'outside'>, reports: readonly ReportInstant[], listSize: number | null, now: Date): TurnoutPoint[] {
  return reports.map(({ time, instant }, k) => {
    const f = figuresAtSlot(slots, k);
    const percent = listSize ? Math.round((f.total / listSize) * 10000) / 100 : null;
    return { time, instant, ballots: f.total, room: f.room, outside: f.outside, percent, reached: turnoutReached(instant, now) };
  });
}

/** Turnout at the election's report times (local time in the precinct's zone). */
export function turnoutPoints(
  facts: BallotFacts,
  options: { votingDay: IsoDate; times: readonly TimeOfDay[]; timeZone: string; listSize: number | null; now: Date },
): TurnoutPoint[] {
  const reports = reportInstants(options.votingDay, options.times, options.timeZone);
  return turnoutFromSlots(figureSlots(facts, reports.map((r) => r.instant)), reports, options.listSize, options.now);
}

/** The list summed page by page: voters listed, signatures at the desk, out-of-premises voters. */
export function pageSumsOf(voters: readonly VoterRecord[], facts: BallotFacts): PageSummary {
  const statuses = voterVoteStatuses(facts);
  return summarizePages(voters, (id) => statuses.get(id));
}

/**
 * The figures kept per report slot, so a reader sums a few numbers instead of folding the events:
 * with the report instants I₀ < I₁ < … < Iₙ₋₁ (ISO, in time order), slot k < n holds what starts
 * counting at Iₖ (its time is after Iₖ₋₁ and not after Iₖ), slot n what starts counting after the
 * last one (or has no readable time). The figures at report k are the sums of slots 0..k; the day's
 * are the sums of every slot. An issue counts +1 in its own slot and, when taken back, −1 in the
 * slot of the later of the issue and its earliest undo — exactly `ballotsIssued(facts, Iₖ)`.
 *
 * The sums are additive over issues and visits, so the center keeps them at ingest: the slots of
 * the facts a push touches after it, minus the same facts' slots before it (`subtractSlots`).
 */
export interface FigureSlots {
  /** Room ballots (issues, minus the ones taken back) by slot; length = instants + 1. */
  room: number[];
  /** Ballots issued outside by slot. */
  outside: number[];
  /** Room issues taken back (by any undo, whenever). */
  undone: number;
}

/** The slot of an instant (ISO) among the report instants (ISO, in time order). */
export function slotOf(at: string, instants: readonly string[]): number {
  const t = Date.parse(at);
  for (let k = 0; k < instants.length; k += 1) if (t <= Date.parse(instants[k] ?? '')) return k;
  return instants.length;
}

export function figureSlots(facts: BallotFacts, instants: readonly string[]): FigureSlots {
  const n = instants.length + 1;
  const room = Array.from({ length: n }, () => 0);
  const outside = Array.from({ length: n }, () => 0);
  // Each issue's earliest undo (by slot: an undo counts from its own time).
  const undoSlot = new Map<string, number>();
  for (const u of Object.values(facts.undos)) {
    const s = slotOf(u.at, instants);
    const seen = undoSlot.get(u.undoes);
    if (seen === undefined || s < seen) undoSlot.set(u.undoes, s);
  }
  let undone = 0;
  for (const [id, i] of Object.entries(facts.issues)) {
    const s = slotOf(i.at, instants);
    room[s] = (room[s] ?? 0) + 1;
    const u = undoSlot.get(id);
    if (u === undefined) continue;
    undone += 1;
    const back = Math.max(s, u);
    room[back] = (room[back] ?? 0) - 1;
  }
  for (const v of Object.values(facts.visits)) {
    const s = slotOf(v.at, instants);
    outside[s] = (outside[s] ?? 0) + v.ballots;
  }
  return { room, outside, undone };
}

/** a − b, slot by slot (the change a push makes). */
export function subtractSlots(a: FigureSlots, b: FigureSlots): FigureSlots {
  return { room: a.room.map((x, k) => x - (b.room[k] ?? 0)), outside: a.outside.map((x, k) => x - (b.outside[k] ?? 0)), undone: a.undone - b.undone };
}

/** The figures at report k (0-based; k = instants.length for the whole day) from the slots. */
export function figuresAtSlot(slots: Pick<FigureSlots, 'room' | 'outside'>, k: number): { room: number; outside: number; total: number } {
  let room = 0;
  let outside = 0;
  for (let s = 0; s <= k && s < slots.room.length; s += 1) {
    room += slots.room[s] ?? 0;
    outside += slots.outside[s] ?? 0;
  }
  return { room, outside, total: room + outside };
}
