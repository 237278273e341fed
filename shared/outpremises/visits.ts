/**
 * Visits on the day before voting day (calendar item 71, 08:00–20:00 local time): for each
 * register entry visited, the outcome and the ballots issued and spoiled.
 */
import type { VoterBallotStatus } from '../ballots/issue';
import { err, type Result } from '../util/result';
import type { OutPremisesPayload, VisitOutcome } from './events';
import { checkVisitAgainstRoom } from './exclusion';
import { ALLOWED, collect, futureProblem, judgeVisitTime, refuse, localParams, parseInstant, parsePayload, problem, settle, type CheckResult, type OutPremisesContext, type OutPremisesProblem } from './rules';
import { entryByNumber, teamByNumber, teamLedger, type OutPremisesState, type TeamState } from './state';

export type VisitPayload = OutPremisesPayload<'MobileVisitRecorded'>;

export interface VisitDraft {
  team: number;
  /** The register entry visited. */
  number: number;
  /** Its voter: tells apart two entries under one number (two laptops numbered before they exchanged records). */
  voterId?: string;
  visitedAt: string;
  outcome: VisitOutcome;
  outcomeText?: string;
  /** 1 when the voter voted, else 0. */
  ballotsIssued: number;
  /** Ballots the voter spoiled (each replaced by a new one). */
  ballotsSpoiled: number;
  /** The box the ballot went into; required when voted. */
  box?: number | null;
}

/**
 * A departure recorded by the clock at 10:15:40 is typed "10:15" on the visit: the visit's time is
 * to the minute, so a trip starts at its departure's minute (else a visit in that minute is refused).
 */
const departureMinute = (at: string): number | null => {
  const d = parseInstant(at);
  return d ? Math.floor(d.getTime() / 60_000) * 60_000 : null;
};

function checkTrip(team: TeamState, at: Date, timeZone: string): Result<void, OutPremisesProblem> {
  if (team.trips.length === 0) return ALLOWED;
  const inside = team.trips.some((t) => {
    const from = departureMinute(t.departedAt);
    const to = t.returned ? parseInstant(t.returned.returnedAt) : null;
    // A return stamped before its departure (the laptops' clocks disagree) bounds nothing: the
    // visiting window still does.
    if (from !== null && to && to.getTime() < from) return true;
    return (from === null || from <= at.getTime()) && (!to || at.getTime() <= to.getTime());
  });
  if (inside) return ALLOWED;
  const first = team.trips[0];
  const firstFrom = first ? departureMinute(first.departedAt) : null;
  if (first && firstFrom !== null && at.getTime() < firstFrom) {
    return refuse('visit-before-departure', { team: team.team, ...localParams(first.departedAt, timeZone) }, 'visitedAt');
  }
  const lastReturn = [...team.trips].reverse().find((t) => t.returned && (parseInstant(t.returned.returnedAt)?.getTime() ?? Infinity) < at.getTime())?.returned;
  return refuse('visit-after-return', { team: team.team, ...(lastReturn ? localParams(lastReturn.returnedAt, timeZone) : {}) }, 'visitedAt');
}

/**
 * May this visit be recorded? Codes: teams-not-drawn, unknown-team { team }, entry-not-found
 * { number }, entry-withdrawn { number, at }, already-voted-outside { number, team, at, localDate,
 * localTime }, issued-in-room { at, by, localDate, localTime }, in-future { localDate, localTime },
 * visit-outside-window { date, from, to, timeZone, localDate, localTime },
 * visit-before-departure / visit-after-return { team, localDate, localTime },
 * outcome-text-required, ballot-count-mismatch { outcome, ballotsIssued } (voted ⇔ 1 ballot),
 * box-required, box-not-with-team { box, team }, no-ballots-in-hand { team, held, needed },
 * invalid-field.
 */
export function checkVisit(state: OutPremisesState, draft: VisitDraft, ctx: OutPremisesContext, roomStatus?: VoterBallotStatus): CheckResult<VisitPayload> {
  if (!state.drawing) return err([problem('teams-not-drawn', {}, 'team')]);
  const team = teamByNumber(state, draft.team);
  const entry = entryByNumber(state, draft.number, draft.voterId);
  const problems: OutPremisesProblem[] = [];
  if (!team) problems.push(problem('unknown-team', { team: draft.team }, 'team'));
  if (!entry) problems.push(problem('entry-not-found', { number: draft.number }, 'number'));
  if (!team || !entry) return err(problems);

  if (entry.withdrawn) problems.push(problem('entry-withdrawn', { number: entry.number, at: entry.withdrawn.recordedAt }, 'number'));
  const voted = state.votedOutside[entry.voterId];
  if (voted) problems.push(problem('already-voted-outside', { number: voted.number, team: voted.team, at: voted.visitedAt, ...localParams(voted.visitedAt, ctx.timeZone) }, 'number'));
  collect(problems, checkVisitAgainstRoom(roomStatus, ctx.timeZone));

  const at = parseInstant(draft.visitedAt);
  if (at) {
    collect(problems, futureProblem(draft.visitedAt, ctx, 'visitedAt'));
    collect(problems, judgeVisitTime(at, ctx));
    collect(problems, checkTrip(team, at, ctx.timeZone));
  }

  if (draft.outcome === 'other' && (draft.outcomeText ?? '').trim() === '') problems.push(problem('outcome-text-required', {}, 'outcomeText'));
  const expectIssued = draft.outcome === 'voted' ? 1 : 0;
  if (draft.ballotsIssued !== expectIssued) problems.push(problem('ballot-count-mismatch', { outcome: draft.outcome, ballotsIssued: draft.ballotsIssued }, 'ballotsIssued'));
  const box = draft.box ?? null;
  if (draft.outcome === 'voted' && box === null) problems.push(problem('box-required', {}, 'box'));
  if (box !== null && !team.boxes.includes(box)) problems.push(problem('box-not-with-team', { box, team: team.team }, 'box'));

  const needed = Math.max(0, draft.ballotsIssued) + Math.max(0, draft.ballotsSpoiled);
  const held = teamLedger(state, team).held;
  if (needed > held) problems.push(problem('no-ballots-in-hand', { team: team.team, held, needed }, 'ballotsIssued'));

  const parsed = parsePayload('MobileVisitRecorded', {
    team: draft.team,
    number: entry.number,
    voterId: entry.voterId,
    visitedAt: draft.visitedAt,
    outcome: draft.outcome,
    outcomeText: draft.outcomeText ?? '',
    ballotsIssued: draft.ballotsIssued,
    ballotsSpoiled: draft.ballotsSpoiled,
    box,
  });
  return settle(problems, parsed);
}
