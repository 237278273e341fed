/**
 * Reconciliation at the end of the day. Per team: ballots taken = issued + spoiled + returned.
 * A difference is flagged until the commission explains it; the explanation clears the flag but
 * the numbers stay, and it explains only the difference it names (if the numbers change later,
 * the flag comes back). Totals feed the protocol (line D: ballots issued outside the premises)
 * and the CEC reports (applications by reason, visited, voted, not at home, refused).
 */
import { err } from '../util/result';
import { APPLICATION_REASONS, type ApplicationReason, type OutPremisesPayload } from './events';
import { MIN_EXPLANATION, parsePayload, problem, settle, type CheckResult, type OutPremisesProblem } from './rules';
import { teamBack, teamByNumber, teamLedger, type Explanation, type OutPremisesState, type TeamState } from './state';
import { sealMismatches } from './teams';

export type ExplainedPayload = OutPremisesPayload<'MobileDiscrepancyExplained'>;

/**
 * `not-out`: holds ballots, has not left yet; `out`: on a trip; `balanced`: back, nothing missing;
 * `difference`: back, taken ≠ issued + spoiled + returned, not explained (flagged);
 * `explained`: such a difference with an explanation of exactly that difference.
 */
export type TeamReconciliationStatus = 'not-out' | 'out' | 'balanced' | 'difference' | 'explained';

export interface TeamReconciliation {
  team: number;
  taken: number;
  issued: number;
  spoiled: number;
  returned: number;
  /** taken − (issued + spoiled + returned); while pending, the ballots still in the team's hands. */
  difference: number;
  status: TeamReconciliationStatus;
  flagged: boolean;
  /** The explanation in force, if any. */
  explanation: Explanation | null;
  /** Seals found on return that differ from the drawing's (`seal-mismatch`). */
  sealProblems: OutPremisesProblem[];
}

export function reconcileTeam(state: OutPremisesState, team: TeamState): TeamReconciliation {
  const l = teamLedger(state, team);
  const difference = l.held;
  let status: TeamReconciliationStatus;
  let explanation: Explanation | null = null;
  const last = team.trips[team.trips.length - 1];
  if (last && !last.returned) status = 'out';
  // Never left, or handed ballots again since it came back: pending, as the ledger's "with the teams".
  else if (!last || !teamBack(team)) status = l.taken > 0 ? 'not-out' : 'balanced';
  else if (difference === 0) status = 'balanced';
  else {
    explanation = [...team.explanations].reverse().find((e) => e.difference === difference) ?? null;
    status = explanation ? 'explained' : 'difference';
  }
  const sealProblems = team.trips.flatMap((t) => (t.returned ? sealMismatches(state, t.returned.seals) : []));
  return { team: team.team, taken: l.taken, issued: l.issued, spoiled: l.spoiled, returned: l.returned, difference, status, flagged: status === 'difference', explanation, sealProblems };
}

export function reconcileTeams(state: OutPremisesState): TeamReconciliation[] {
  return state.teams.map((t) => reconcileTeam(state, t));
}

/**
 * The explanation of a team's current difference. Codes: unknown-team { team },
 * nothing-to-explain { team, status } (balanced, or still out / not yet out),
 * explanation-too-short { min }, invalid-field.
 */
export function checkExplanation(state: OutPremisesState, draft: { team: number; explanation: string }): CheckResult<ExplainedPayload> {
  const team = teamByNumber(state, draft.team);
  if (!team) return err([problem('unknown-team', { team: draft.team }, 'team')]);
  const r = reconcileTeam(state, team);
  const problems: OutPremisesProblem[] = [];
  if (r.status !== 'difference' && r.status !== 'explained') problems.push(problem('nothing-to-explain', { team: team.team, status: r.status }, 'team'));
  if (draft.explanation.trim().length < MIN_EXPLANATION) problems.push(problem('explanation-too-short', { min: MIN_EXPLANATION }, 'explanation'));
  const parsed = parsePayload('MobileDiscrepancyExplained', { team: team.team, difference: r.difference, explanation: draft.explanation });
  const schema = parsed.ok ? parsed : err(parsed.error.filter((p) => !(p.field === 'explanation' && p.params.issue === 'too_small')));
  return settle(problems, schema);
}

export interface OutPremisesTotals {
  /** Entries in the register (withdrawn ones included: they keep their number). */
  applications: number;
  withdrawn: number;
  /** Entries not withdrawn. */
  active: number;
  /** Entries by reason (withdrawn included). */
  byReason: Record<ApplicationReason, number>;
  /** Applications refused (not in the register). */
  applicationsRefused: number;
  /** Entries visited at least once. */
  visited: number;
  /** Entries whose voter voted outside the premises. */
  voted: number;
  /** Visited, not voted, last visit outcome 'not-at-home' / 'refused' / 'other'. */
  notAtHome: number;
  refused: number;
  otherOutcome: number;
  /** Entries not withdrawn and never visited. */
  notVisited: number;
  ballotsTaken: number;
  /** Protocol line D: ballots issued to voters outside the premises. */
  ballotsIssued: number;
  ballotsSpoiled: number;
  ballotsReturned: number;
  teamsFlagged: number;
  /** Teams still out or holding ballots without having left. */
  teamsPending: number;
}

export function outPremisesTotals(state: OutPremisesState): OutPremisesTotals {
  const byReason = Object.fromEntries(APPLICATION_REASONS.map((r) => [r, 0])) as Record<ApplicationReason, number>;
  let withdrawn = 0;
  let visited = 0;
  let voted = 0;
  let notAtHome = 0;
  let refused = 0;
  let otherOutcome = 0;
  let notVisited = 0;
  // An entry is its number and its voter: one number given by two laptops is two entries.
  const key = (x: { number: number; voterId: string }) => `${x.number}|${x.voterId}`;
  const lastVisit = new Map<string, OutPremisesState['visits'][number]>();
  const votedNumbers = new Set<string>();
  for (const v of state.visits) {
    lastVisit.set(key(v), v);
    if (v.outcome === 'voted') votedNumbers.add(key(v));
  }
  for (const e of state.entries) {
    byReason[e.reason] += 1;
    if (e.withdrawn) withdrawn += 1;
    const last = lastVisit.get(key(e));
    if (!last) {
      if (!e.withdrawn) notVisited += 1;
      continue;
    }
    visited += 1;
    if (votedNumbers.has(key(e))) voted += 1;
    else if (last.outcome === 'not-at-home') notAtHome += 1;
    else if (last.outcome === 'refused') refused += 1;
    else otherOutcome += 1;
  }
  const teams = reconcileTeams(state);
  const sum = (f: (t: TeamReconciliation) => number) => teams.reduce((s, t) => s + f(t), 0);
  return {
    applications: state.entries.length,
    withdrawn,
    active: state.entries.length - withdrawn,
    byReason,
    applicationsRefused: state.refusals.length,
    visited,
    voted,
    notAtHome,
    refused,
    otherOutcome,
    notVisited,
    ballotsTaken: sum((t) => t.taken),
    ballotsIssued: state.visits.reduce((s, v) => s + v.ballotsIssued, 0),
    ballotsSpoiled: state.visits.reduce((s, v) => s + v.ballotsSpoiled, 0),
    ballotsReturned: sum((t) => t.returned),
    teamsFlagged: teams.filter((t) => t.flagged).length,
    teamsPending: teams.filter((t) => t.status === 'out' || t.status === 'not-out').length,
  };
}
