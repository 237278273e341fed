/**
 * Mutual exclusion of the room and the visit: a voter who voted outside the premises cannot
 * receive a ballot in the room, and one who received a ballot in the room cannot be visited.
 * Both take folded states (shared/ballots/issue.ts `VoterBallotStatus` for the room,
 * `OutPremisesState` for the visits) so the renderer can call them inside the recording
 * transaction, next to `checkBallotIssue`.
 */
import type { VoterBallotStatus } from '../ballots/issue';
import type { Result } from '../util/result';
import { ALLOWED, localParams, problem, refuse, type OutPremisesProblem } from './rules';
import type { OutPremisesState } from './state';

/**
 * Before a ballot is issued in the room: `voted-outside` { number, team, at, by, localDate,
 * localTime } when the voter voted at a visit (`by` = the member who recorded the visit, '' if
 * unknown). Allowed when nothing stands in the way.
 */
export function checkRoomIssueAgainstOutPremises(state: OutPremisesState, voterId: string, timeZone: string): Result<void, OutPremisesProblem> {
  const voted = state.votedOutside[voterId];
  if (!voted) return ALLOWED;
  return refuse('voted-outside', { number: voted.number, team: voted.team, at: voted.visitedAt, by: voted.recordedBy ?? '', ...localParams(voted.visitedAt, timeZone) }, 'voterId');
}

/**
 * Not a refusal: the voter issued a ballot in the room has an open register entry (applied, not
 * voted outside, not withdrawn). `registered-outside` { number }: the desk should withdraw the
 * entry with reason `came-to-room`.
 */
export function roomIssueNotice(state: OutPremisesState, voterId: string): OutPremisesProblem | null {
  const number = state.activeByVoter[voterId];
  if (number === undefined || state.votedOutside[voterId]) return null;
  return problem('registered-outside', { number }, 'voterId');
}

/**
 * Before a visit is recorded (and before an application is registered): `issued-in-room`
 * { at, by, localDate, localTime } when the voter holds a ballot issued in the room (an issue
 * undone does not count).
 */
export function checkVisitAgainstRoom(roomStatus: VoterBallotStatus | undefined, timeZone: string): Result<void, OutPremisesProblem> {
  const issued = roomStatus?.issued;
  if (!issued) return ALLOWED;
  return refuse('issued-in-room', { at: issued.at, by: issued.by ?? '', ...localParams(issued.at, timeZone) }, 'voterId');
}
