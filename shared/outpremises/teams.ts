/**
 * Mobile teams and boxes: the drawing of lots, ballots handed to a team against signature, the
 * team's departures and returns.
 */
import { err } from '../util/result';
import type { OutPremisesPayload, OutPremisesPayloadInput } from './events';
import {
  MIN_TEAM_MEMBERS,
  collect,
  futureProblem,
  localParams,
  lotDrawingDate,
  memberKnown,
  parseInstant,
  parsePayload,
  problem,
  settle,
  type CheckResult,
  type OutPremisesContext,
  type OutPremisesProblem,
} from './rules';
import { openTrip, teamByNumber, teamLedger, type OutPremisesState, type TeamState } from './state';
import { localDateTimeIn } from '../time/zone';

export type TeamsDrawnPayload = OutPremisesPayload<'MobileTeamsDrawn'>;
export type BallotsHandedPayload = OutPremisesPayload<'MobileBallotsHanded'>;
export type TeamDepartedPayload = OutPremisesPayload<'MobileTeamDeparted'>;
export type TeamReturnedPayload = OutPremisesPayload<'MobileTeamReturned'>;

/**
 * May these teams be recorded as drawn? Blocking codes: team-number-duplicate { team },
 * team-too-small { team, min, count }, unknown-member { memberId, team },
 * member-in-two-teams { memberId, teams } (also the same member twice in one team),
 * box-number-duplicate { box }, seal-duplicate { seal, boxes }, team-without-box { team },
 * box-not-declared { box, team }, box-in-two-teams { box, teams },
 * teams-already-out { teams } (ballots were handed already: no redrawing), in-future, invalid-field.
 * Warnings: box-unassigned { box }, drawing-not-on-lot-day { expectedDate, localDate, localTime }.
 */
export function checkTeamsDrawing(state: OutPremisesState, draft: OutPremisesPayloadInput<'MobileTeamsDrawn'>, ctx: OutPremisesContext): CheckResult<TeamsDrawnPayload> {
  const problems: OutPremisesProblem[] = [];
  const warnings: OutPremisesProblem[] = [];

  const out = state.teams.filter((t) => t.handings.length > 0).map((t) => t.team);
  if (out.length > 0) problems.push(problem('teams-already-out', { teams: out.join(', ') }));

  const teamNumbers = new Set<number>();
  const memberTeams = new Map<string, number[]>();
  const boxTeams = new Map<number, number[]>();
  const declared = new Set(draft.boxes.map((b) => b.box));

  for (const t of draft.teams) {
    if (teamNumbers.has(t.team)) problems.push(problem('team-number-duplicate', { team: t.team }, 'teams'));
    teamNumbers.add(t.team);
    const distinct = new Set(t.memberIds);
    if (distinct.size < MIN_TEAM_MEMBERS) problems.push(problem('team-too-small', { team: t.team, min: MIN_TEAM_MEMBERS, count: distinct.size }, 'teams'));
    for (const id of t.memberIds) {
      if (!memberKnown(ctx, id)) problems.push(problem('unknown-member', { memberId: id, team: t.team }, 'teams'));
      memberTeams.set(id, [...(memberTeams.get(id) ?? []), t.team]);
    }
    if (t.boxes.length === 0) problems.push(problem('team-without-box', { team: t.team }, 'teams'));
    for (const box of new Set(t.boxes)) {
      if (!declared.has(box)) problems.push(problem('box-not-declared', { box, team: t.team }, 'teams'));
      boxTeams.set(box, [...(boxTeams.get(box) ?? []), t.team]);
    }
  }
  for (const [memberId, teams] of memberTeams) {
    if (teams.length > 1) problems.push(problem('member-in-two-teams', { memberId, teams: teams.join(', ') }, 'teams'));
  }
  for (const [box, teams] of boxTeams) {
    if (teams.length > 1) problems.push(problem('box-in-two-teams', { box, teams: teams.join(', ') }, 'teams'));
  }

  const boxNumbers = new Set<number>();
  const sealBoxes = new Map<string, number[]>();
  for (const b of draft.boxes) {
    if (boxNumbers.has(b.box)) problems.push(problem('box-number-duplicate', { box: b.box }, 'boxes'));
    boxNumbers.add(b.box);
    const seal = b.seal.trim();
    sealBoxes.set(seal, [...(sealBoxes.get(seal) ?? []), b.box]);
    if (!boxTeams.has(b.box)) warnings.push(problem('box-unassigned', { box: b.box }, 'boxes'));
  }
  for (const [seal, boxes] of sealBoxes) {
    if (boxes.length > 1) problems.push(problem('seal-duplicate', { seal, boxes: boxes.join(', ') }, 'boxes'));
  }

  collect(problems, futureProblem(draft.drawnAt, ctx, 'drawnAt'));
  const drawnAt = parseInstant(draft.drawnAt);
  if (drawnAt) {
    const expectedDate = lotDrawingDate(ctx.votingDay);
    const local = localDateTimeIn(drawnAt, ctx.timeZone);
    if (local.date !== expectedDate) warnings.push(problem('drawing-not-on-lot-day', { expectedDate, localDate: local.date, localTime: local.time }, 'drawnAt'));
  }

  // Empty member or box lists are already said by team-too-small / team-without-box.
  const parsed = parsePayload('MobileTeamsDrawn', draft);
  const schema = parsed.ok ? parsed : err(parsed.error.filter((p) => !(p.params.issue === 'too_small' && /^teams\.\d+\.(memberIds|boxes)$/u.test(p.field ?? ''))));
  return settle(problems, schema, warnings);
}

function teamOrProblem(state: OutPremisesState, team: number): TeamState | OutPremisesProblem {
  if (!state.drawing) return problem('teams-not-drawn', {}, 'team');
  return teamByNumber(state, team) ?? problem('unknown-team', { team }, 'team');
}

const isTeam = (t: TeamState | OutPremisesProblem): t is TeamState => 'handings' in t;

/**
 * Ballots handed to a team against signature. Codes: teams-not-drawn, unknown-team { team },
 * unknown-member { memberId }, receiver-not-in-team { memberId, team },
 * handed-by-receiver { memberId }, in-future { localDate, localTime }, invalid-field (count 1–10000).
 */
export function checkBallotsHanded(state: OutPremisesState, draft: OutPremisesPayloadInput<'MobileBallotsHanded'>, ctx: OutPremisesContext): CheckResult<BallotsHandedPayload> {
  const t = teamOrProblem(state, draft.team);
  if (!isTeam(t)) return err([t]);
  const problems: OutPremisesProblem[] = [];
  if (!memberKnown(ctx, draft.handedBy)) problems.push(problem('unknown-member', { memberId: draft.handedBy }, 'handedBy'));
  if (!memberKnown(ctx, draft.receivedBy)) problems.push(problem('unknown-member', { memberId: draft.receivedBy }, 'receivedBy'));
  else if (!t.memberIds.includes(draft.receivedBy)) problems.push(problem('receiver-not-in-team', { memberId: draft.receivedBy, team: t.team }, 'receivedBy'));
  if (draft.handedBy === draft.receivedBy) problems.push(problem('handed-by-receiver', { memberId: draft.handedBy }, 'handedBy'));
  collect(problems, futureProblem(draft.handedAt, ctx, 'handedAt'));
  return settle(problems, parsePayload('MobileBallotsHanded', draft));
}

/**
 * A team leaves. Codes: teams-not-drawn, unknown-team, team-already-out { team, localDate, localTime },
 * in-future.
 * Warning: departed-without-ballots { team }.
 */
export function checkDeparture(state: OutPremisesState, draft: OutPremisesPayloadInput<'MobileTeamDeparted'>, ctx: OutPremisesContext): CheckResult<TeamDepartedPayload> {
  const t = teamOrProblem(state, draft.team);
  if (!isTeam(t)) return err([t]);
  const problems: OutPremisesProblem[] = [];
  const warnings: OutPremisesProblem[] = [];
  const open = openTrip(t);
  if (open) problems.push(problem('team-already-out', { team: t.team, ...localParams(open.departedAt, ctx.timeZone) }, 'team'));
  collect(problems, futureProblem(draft.departedAt, ctx, 'departedAt'));
  if (teamLedger(state, t).held <= 0) warnings.push(problem('departed-without-ballots', { team: t.team }, 'team'));
  return settle(problems, parsePayload('MobileTeamDeparted', draft), warnings);
}

/**
 * A team is back (or hands back the ballots of a trip it never made). Codes: teams-not-drawn,
 * unknown-team, team-not-out { team } (it is back already), in-future.
 * Warnings: return-before-departure { team, localDate, localTime } (the departure's local time: the
 * laptops' clocks disagree), return-before-visit { team, number, localDate, localTime } (the latest
 * visit of the trip later than the return: the clock went back), returned-more-than-held { team, returned, held },
 * seal-mismatch { box, expected, found }.
 */
export function checkReturn(state: OutPremisesState, draft: OutPremisesPayloadInput<'MobileTeamReturned'>, ctx: OutPremisesContext): CheckResult<TeamReturnedPayload> {
  const t = teamOrProblem(state, draft.team);
  if (!isTeam(t)) return err([t]);
  const problems: OutPremisesProblem[] = [];
  const warnings: OutPremisesProblem[] = [];
  const open = openTrip(t);
  // A team that never left may still hand its ballots back; one that is back cannot return twice.
  if (!open && t.trips.length > 0) problems.push(problem('team-not-out', { team: t.team }, 'team'));
  const returnedAt = parseInstant(draft.returnedAt);
  const departedAt = open ? parseInstant(open.departedAt) : null;
  // The return is stamped by this laptop's clock when the team is back: one that reads before the
  // departure means the clocks disagree (another laptop's ran ahead, or this one was moved back), not
  // that the team is still out. Refusing it kept the ballots "with the team" until the clock caught up.
  if (open && returnedAt && departedAt && returnedAt.getTime() < departedAt.getTime()) {
    warnings.push(problem('return-before-departure', { team: t.team, ...localParams(open.departedAt, ctx.timeZone) }, 'returnedAt'));
  }
  // Likewise a return stamped before a visit of this trip (its time typed off the team's paper): this
  // laptop's clock went back (set right, NTP) or the visit's time is mistyped. Said once, the latest visit.
  const visitAfter = open && returnedAt
    ? state.visits
      .filter((v) => v.team === t.team && (departedAt === null || (parseInstant(v.visitedAt)?.getTime() ?? 0) >= departedAt.getTime()))
      .filter((v) => (parseInstant(v.visitedAt)?.getTime() ?? 0) > returnedAt.getTime())
      .sort((a, b) => (parseInstant(b.visitedAt)?.getTime() ?? 0) - (parseInstant(a.visitedAt)?.getTime() ?? 0))[0]
    : undefined;
  if (visitAfter) warnings.push(problem('return-before-visit', { team: t.team, number: visitAfter.number, ...localParams(visitAfter.visitedAt, ctx.timeZone) }, 'returnedAt'));
  collect(problems, futureProblem(draft.returnedAt, ctx, 'returnedAt'));
  const held = teamLedger(state, t).held;
  if (draft.ballotsReturned > held) warnings.push(problem('returned-more-than-held', { team: t.team, returned: draft.ballotsReturned, held }, 'ballotsReturned'));
  warnings.push(...sealMismatches(state, draft.seals ?? []));
  return settle(problems, parsePayload('MobileTeamReturned', draft), warnings);
}

/** Seals found on return that differ from the seals recorded at the drawing. */
export function sealMismatches(state: OutPremisesState, seals: readonly { box: number; seal: string }[]): OutPremisesProblem[] {
  const out: OutPremisesProblem[] = [];
  for (const s of seals) {
    const expected = state.drawing?.boxes.find((b) => b.box === s.box)?.seal;
    if (expected !== undefined && expected.trim() !== s.seal.trim()) out.push(problem('seal-mismatch', { box: s.box, expected, found: s.seal.trim() }, 'seals'));
  }
  return out;
}
