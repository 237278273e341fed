/**
 * The out-of-premises projection (`OutPremisesState`), folded from the events in log order. Pure
 * and deterministic: the same events in the same order give a deep-equal state, plain data only
 * (no Map, no Date), so the renderer can store it in Dexie and rebuild it from the log.
 *
 * The fold never refuses: events were checked when recorded. What could only arise from merging
 * two laptops' logs (a number used twice, a voter registered twice, a second vote) is kept and
 * listed in `anomalies`, never hidden.
 */
import type { ApplicationReason, ApplicationRefusalCode, OutPremisesEvent, VisitOutcome, WithdrawalReason } from './events';
import type { ProblemParams } from './rules';

export interface RecordedBy {
  /** Id of the event. */
  eventId: string;
  /** When it was recorded (envelope `recordedAt`). */
  recordedAt: string;
  /** The member at the laptop (envelope `actor`). */
  recordedBy: string | null;
}

export interface Withdrawal extends RecordedBy {
  reason: WithdrawalReason;
  reasonText: string;
}

export interface RegisterEntry extends RecordedBy {
  number: number;
  voterId: string;
  listHash: string;
  page: number;
  row: number;
  receivedAt: string;
  receivedBy: string;
  address: string;
  reason: ApplicationReason;
  reasonText: string;
  note: string;
  /** The entry keeps its number when withdrawn. */
  withdrawn: Withdrawal | null;
}

export interface RefusalRecord extends RecordedBy {
  voterId: string | null;
  voterName: string;
  receivedAt: string;
  receivedBy: string;
  code: ApplicationRefusalCode;
  params: ProblemParams;
  reasonText: string;
}

export interface VisitRecord extends RecordedBy {
  team: number;
  number: number;
  voterId: string;
  visitedAt: string;
  outcome: VisitOutcome;
  outcomeText: string;
  ballotsIssued: number;
  ballotsSpoiled: number;
  box: number | null;
}

export interface Handing extends RecordedBy {
  count: number;
  handedAt: string;
  handedBy: string;
  receivedBy: string;
}

export interface Trip {
  departedEventId: string;
  departedAt: string;
  returned:
    | (RecordedBy & {
        returnedAt: string;
        ballotsReturned: number;
        seals: { box: number; seal: string }[];
        /**
         * The team's handings folded before this return (log order, not the clocks'): a handing after
         * it puts ballots in the team's hands again. Absent in a state folded before it was kept.
         */
        afterHandings?: number;
      })
    | null;
}

export interface Explanation extends RecordedBy {
  difference: number;
  explanation: string;
}

export interface TeamState {
  team: number;
  memberIds: string[];
  operatorName: string;
  boxes: number[];
  handings: Handing[];
  trips: Trip[];
  explanations: Explanation[];
}

export interface Drawing extends RecordedBy {
  drawnAt: string;
  boxes: { box: number; seal: string }[];
}

export type OutPremisesAnomalyCode = 'duplicate-number' | 'duplicate-voter' | 'unknown-entry' | 'unknown-team' | 'second-vote' | 'teams-redrawn-after-handing';

export interface OutPremisesAnomaly {
  code: OutPremisesAnomalyCode;
  eventId: string;
  params: ProblemParams;
}

export interface VotedOutside {
  number: number;
  team: number;
  visitedAt: string;
  eventId: string;
  recordedBy: string | null;
}

export interface OutPremisesState {
  /** The register in number order; withdrawn entries stay. */
  entries: RegisterEntry[];
  /** voterId → number of the voter's entry that is not withdrawn. */
  activeByVoter: Record<string, number>;
  /** voterId → the visit at which the voter voted outside the premises. */
  votedOutside: Record<string, VotedOutside>;
  refusals: RefusalRecord[];
  drawing: Drawing | null;
  /** Teams of the current drawing, by team number. */
  teams: TeamState[];
  /** Every visit, in log order. */
  visits: VisitRecord[];
  anomalies: OutPremisesAnomaly[];
}

export const EMPTY_OUT_PREMISES_STATE: OutPremisesState = {
  entries: [],
  activeByVoter: {},
  votedOutside: {},
  refusals: [],
  drawing: null,
  teams: [],
  visits: [],
  anomalies: [],
};

// ---------------------------------------------------------------------------------------------
// Queries

/**
 * The entry under `number`; with `voterId`, the entry under that number for that voter. Two laptops
 * that each entered an application before they exchanged records give one number to two voters:
 * both entries stay (anomaly `duplicate-number`), and a withdrawal or a visit (whose payloads name
 * the voter too) belongs to its own voter's entry, never to the first one of the number.
 */
export function entryByNumber(state: OutPremisesState, number: number, voterId?: string): RegisterEntry | undefined {
  return state.entries.find((e) => e.number === number && (voterId === undefined || e.voterId === voterId));
}

/**
 * Voters with more than one entry still in force (two laptops each took the same application before
 * they exchanged records): the numbers of each such voter's entries, ascending, in the order of their
 * first number. One of them is to be withdrawn.
 */
export function votersEnteredTwice(state: Pick<OutPremisesState, 'entries'>): number[][] {
  const byVoter = new Map<string, number[]>();
  for (const e of state.entries) {
    if (e.withdrawn !== null) continue;
    const list = byVoter.get(e.voterId);
    if (list) list.push(e.number);
    else byVoter.set(e.voterId, [e.number]);
  }
  return [...byVoter.values()].filter((n) => n.length > 1).map((n) => [...n].sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
}

/** Register numbers given to more than one entry (two laptops numbered before they exchanged records), ascending. */
export function registerNumbersGivenTwice(state: Pick<OutPremisesState, 'entries'>): number[] {
  const seen = new Set<number>();
  const twice = new Set<number>();
  for (const e of state.entries) {
    if (seen.has(e.number)) twice.add(e.number);
    seen.add(e.number);
  }
  return [...twice].sort((a, b) => a - b);
}

/** The number the next application gets: one more than the highest used. */
export function nextApplicationNumber(state: OutPremisesState): number {
  return state.entries.reduce((max, e) => Math.max(max, e.number), 0) + 1;
}

export function teamByNumber(state: OutPremisesState, team: number): TeamState | undefined {
  return state.teams.find((t) => t.team === team);
}

export function visitsOf(state: OutPremisesState, number: number, voterId?: string): VisitRecord[] {
  return state.visits.filter((v) => v.number === number && (voterId === undefined || v.voterId === voterId));
}

/** A mobile box that went out with its team: when it first left, and its seal from the drawing. */
export interface BoxTakenOut {
  box: number;
  team: number;
  departedAt: string;
  seal: string | null;
}

/** The mobile boxes the teams have taken out (on a trip, or back from one), in box order. */
export function boxesTakenOut(state: OutPremisesState): BoxTakenOut[] {
  const out: BoxTakenOut[] = [];
  for (const team of state.teams) {
    const first = team.trips[0];
    if (!first) continue;
    for (const box of team.boxes) out.push({ box, team: team.team, departedAt: first.departedAt, seal: state.drawing?.boxes.find((b) => b.box === box)?.seal ?? null });
  }
  return out.sort((a, b) => a.box - b.box);
}

export function openTrip(team: TeamState): Trip | undefined {
  const last = team.trips[team.trips.length - 1];
  return last && !last.returned ? last : undefined;
}

export interface TeamLedger {
  taken: number;
  issued: number;
  spoiled: number;
  returned: number;
  /** taken − issued − spoiled − returned: in the team's hands, or missing once it is back. */
  held: number;
}

export function teamLedger(state: OutPremisesState, team: TeamState): TeamLedger {
  const taken = team.handings.reduce((s, h) => s + h.count, 0);
  let issued = 0;
  let spoiled = 0;
  for (const v of state.visits) {
    if (v.team !== team.team) continue;
    issued += v.ballotsIssued;
    spoiled += v.ballotsSpoiled;
  }
  const returned = team.trips.reduce((s, t) => s + (t.returned?.ballotsReturned ?? 0), 0);
  return { taken, issued, spoiled, returned, held: taken - issued - spoiled - returned };
}

/**
 * Ballots out of the safe in the mobile teams' hands now: for each team not yet back from its last
 * handing, what it took less what it issued, spoiled and brought back. A team that is back holds none
 * (ballots it cannot account for stay a finding of its return and of the ledger, not "with the team").
 */
export function ballotsWithTeams(state: OutPremisesState): number {
  let out = 0;
  for (const team of state.teams) {
    if (team.handings.length === 0 || teamBack(team)) continue;
    out += Math.max(0, teamLedger(state, team).held);
  }
  return out;
}

/**
 * The team is back from its last trip and was handed no ballots since: its ledger is closed until
 * the next handing. "Since" is in the log, not by the clocks that stamped them (they may disagree:
 * a return stamped before the handing by a clock set back is still after it).
 */
export function teamBack(team: TeamState): boolean {
  const returned = team.trips[team.trips.length - 1]?.returned;
  if (!returned) return false;
  if (returned.afterHandings !== undefined) return returned.afterHandings >= team.handings.length;
  return team.handings.every((h) => h.handedAt <= returned.returnedAt);
}

// ---------------------------------------------------------------------------------------------
// Fold

const by = (e: OutPremisesEvent): RecordedBy => ({ eventId: e.id, recordedAt: e.recordedAt, recordedBy: e.actor });

function withTeam(state: OutPremisesState, eventId: string, team: number, change: (t: TeamState) => TeamState): OutPremisesState {
  if (!teamByNumber(state, team)) return { ...state, anomalies: [...state.anomalies, { code: 'unknown-team', eventId, params: { team } }] };
  return { ...state, teams: state.teams.map((t) => (t.team === team ? change(t) : t)) };
}

export function applyOutPremisesEvent(state: OutPremisesState, event: OutPremisesEvent): OutPremisesState {
  switch (event.type) {
    case 'OutOfPremisesApplicationRegistered': {
      const p = event.payload;
      const anomalies = [...state.anomalies];
      if (entryByNumber(state, p.number)) anomalies.push({ code: 'duplicate-number', eventId: event.id, params: { number: p.number } });
      const existing = state.activeByVoter[p.voterId];
      if (existing !== undefined) anomalies.push({ code: 'duplicate-voter', eventId: event.id, params: { number: existing, voterId: p.voterId } });
      const entry: RegisterEntry = { ...by(event), ...p, withdrawn: null };
      const entries = [...state.entries, entry].sort((a, b) => a.number - b.number);
      // The first entry of a voter stays the voter's entry when a merge brought a second one.
      const activeByVoter = existing === undefined ? { ...state.activeByVoter, [p.voterId]: p.number } : state.activeByVoter;
      return { ...state, entries, activeByVoter, anomalies };
    }
    case 'OutOfPremisesApplicationRefused':
      return { ...state, refusals: [...state.refusals, { ...by(event), ...event.payload }] };
    case 'OutOfPremisesApplicationWithdrawn': {
      const p = event.payload;
      const entry = entryByNumber(state, p.number, p.voterId);
      if (!entry) return { ...state, anomalies: [...state.anomalies, { code: 'unknown-entry', eventId: event.id, params: { number: p.number } }] };
      const withdrawn: Withdrawal = { ...by(event), reason: p.reason, reasonText: p.reasonText };
      const activeByVoter = { ...state.activeByVoter };
      if (activeByVoter[entry.voterId] === entry.number) {
        // A second entry of the voter (two laptops entered the same application) stays the voter's entry.
        const other = state.entries.find((e) => e !== entry && e.voterId === entry.voterId && e.withdrawn === null);
        if (other) activeByVoter[entry.voterId] = other.number;
        else delete activeByVoter[entry.voterId];
      }
      return { ...state, entries: state.entries.map((e) => (e === entry ? { ...e, withdrawn: e.withdrawn ?? withdrawn } : e)), activeByVoter };
    }
    case 'MobileTeamsDrawn': {
      const p = event.payload;
      const anomalies = state.teams.some((t) => t.handings.length > 0)
        ? [...state.anomalies, { code: 'teams-redrawn-after-handing' as const, eventId: event.id, params: {} }]
        : state.anomalies;
      // Ledgers of a team number carry over to the new drawing, so no ballot is lost from the count.
      const teams = [...p.teams]
        .sort((a, b) => a.team - b.team)
        .map((t): TeamState => {
          const old = teamByNumber(state, t.team);
          return {
            team: t.team,
            memberIds: [...t.memberIds],
            operatorName: t.operatorName,
            boxes: [...t.boxes].sort((a, b) => a - b),
            handings: old?.handings ?? [],
            trips: old?.trips ?? [],
            explanations: old?.explanations ?? [],
          };
        });
      const boxes = [...p.boxes].sort((a, b) => a.box - b.box);
      return { ...state, drawing: { ...by(event), drawnAt: p.drawnAt, boxes }, teams, anomalies };
    }
    case 'MobileBallotsHanded': {
      const { team, ...rest } = event.payload;
      return withTeam(state, event.id, team, (t) => ({ ...t, handings: [...t.handings, { ...by(event), ...rest }] }));
    }
    case 'MobileTeamDeparted':
      return withTeam(state, event.id, event.payload.team, (t) =>
        openTrip(t) ? t : { ...t, trips: [...t.trips, { departedEventId: event.id, departedAt: event.payload.departedAt, returned: null }] },
      );
    case 'MobileTeamReturned': {
      const { team, ...rest } = event.payload;
      return withTeam(state, event.id, team, (t) => {
        const returned = { ...by(event), ...rest, seals: [...rest.seals].sort((a, b) => a.box - b.box), afterHandings: t.handings.length };
        const open = openTrip(t);
        // A return without a recorded departure still counts its ballots, as a trip of its own.
        const trips = open ? t.trips.map((x) => (x === open ? { ...x, returned } : x)) : [...t.trips, { departedEventId: '', departedAt: rest.returnedAt, returned }];
        return { ...t, trips };
      });
    }
    case 'MobileVisitRecorded': {
      const p = event.payload;
      const visit: VisitRecord = { ...by(event), ...p };
      const anomalies = [...state.anomalies];
      if (!entryByNumber(state, p.number, p.voterId)) anomalies.push({ code: 'unknown-entry', eventId: event.id, params: { number: p.number } });
      if (!teamByNumber(state, p.team)) anomalies.push({ code: 'unknown-team', eventId: event.id, params: { team: p.team } });
      let votedOutside = state.votedOutside;
      if (p.outcome === 'voted') {
        const before = state.votedOutside[p.voterId];
        if (before) anomalies.push({ code: 'second-vote', eventId: event.id, params: { number: before.number, voterId: p.voterId } });
        else votedOutside = { ...votedOutside, [p.voterId]: { number: p.number, team: p.team, visitedAt: p.visitedAt, eventId: event.id, recordedBy: event.actor } };
      }
      return { ...state, visits: [...state.visits, visit], votedOutside, anomalies };
    }
    case 'MobileDiscrepancyExplained': {
      const { team, difference, explanation } = event.payload;
      return withTeam(state, event.id, team, (t) => ({ ...t, explanations: [...t.explanations, { ...by(event), difference, explanation }] }));
    }
    default: {
      const never: never = event;
      return never;
    }
  }
}

export function foldOutPremises(events: readonly OutPremisesEvent[], from: OutPremisesState = EMPTY_OUT_PREMISES_STATE): OutPremisesState {
  return events.reduce(applyOutPremisesEvent, from);
}
