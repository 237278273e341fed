/**
 * The register of written applications (атайын реестр): who may be entered, under which number,
 * refusals, withdrawals. Checks are pure; the renderer calls them inside the transaction that
 * records the event, with the folded state read in that transaction.
 */
import type { VoterBallotStatus } from '../ballots/issue';
import { err, type Result } from '../util/result';
import type { ApplicationReason, ApplicationRefusalCode, OutPremisesPayload, WithdrawalReason } from './events';
import { APPLICATION_REFUSAL_CODES } from './events';
import { checkVisitAgainstRoom } from './exclusion';
import {
  collect,
  futureProblem,
  judgeApplicationTime,
  localParams,
  memberKnown,
  parseInstant,
  parsePayload,
  problem,
  settle,
  type CheckResult,
  type OutPremisesContext,
  type OutPremisesProblem,
} from './rules';
import { entryByNumber, nextApplicationNumber, type OutPremisesState } from './state';

export type RegisteredPayload = OutPremisesPayload<'OutOfPremisesApplicationRegistered'>;
export type RefusedPayload = OutPremisesPayload<'OutOfPremisesApplicationRefused'>;
export type WithdrawnPayload = OutPremisesPayload<'OutOfPremisesApplicationWithdrawn'>;

/** A voter found in the active list (shared/voters `VoterRecord` fits). */
export interface ListedVoter {
  id: string;
  page: number;
  row: number;
}

export interface ApplicationDraft {
  /** The active list's hash; null when no list is active. */
  listHash: string | null;
  /** The voter picked from the active list; null when the person is not in it. */
  voter: ListedVoter | null;
  receivedAt: string;
  receivedBy: string;
  address: string;
  reason: ApplicationReason;
  reasonText?: string;
  note?: string;
}

/**
 * May this application be entered in the register? On success the payload carries the next
 * number. Codes: no-list, not-in-list, unknown-member, reason-text-required, in-future { localDate, localTime },
 * application-late { deadlineDate, deadlineTime, localDate, localTime, timeZone },
 * application-early { formedDate, formedTime, localDate, localTime },
 * received-out-of-order { number, localDate, localTime } (the last entry was received later),
 * already-registered { number }, issued-in-room { at, by, localDate, localTime }, invalid-field { field, issue }.
 */
export function checkApplication(
  state: OutPremisesState,
  draft: ApplicationDraft,
  ctx: OutPremisesContext,
  roomStatus?: VoterBallotStatus,
): CheckResult<RegisteredPayload> {
  const problems: OutPremisesProblem[] = [];
  if (!draft.listHash) problems.push(problem('no-list', {}, 'voterId'));
  else if (!draft.voter) problems.push(problem('not-in-list', {}, 'voterId'));
  if (!memberKnown(ctx, draft.receivedBy)) problems.push(problem('unknown-member', { memberId: draft.receivedBy }, 'receivedBy'));
  if (draft.reason === 'other' && (draft.reasonText ?? '').trim() === '') problems.push(problem('reason-text-required', {}, 'reasonText'));

  const received = parseInstant(draft.receivedAt);
  if (received) {
    collect(problems, futureProblem(draft.receivedAt, ctx, 'receivedAt'));
    collect(problems, judgeApplicationTime(received, ctx));
    const last = state.entries[state.entries.length - 1];
    const lastReceived = last ? parseInstant(last.receivedAt) : null;
    if (last && lastReceived && received.getTime() < lastReceived.getTime()) {
      problems.push(problem('received-out-of-order', { number: last.number, ...localParams(last.receivedAt, ctx.timeZone) }, 'receivedAt'));
    }
  }

  if (draft.voter) {
    const existing = state.activeByVoter[draft.voter.id];
    if (existing !== undefined) problems.push(problem('already-registered', { number: existing }, 'voterId'));
    collect(problems, checkVisitAgainstRoom(roomStatus, ctx.timeZone));
  }

  const parsed = parsePayload('OutOfPremisesApplicationRegistered', {
    number: nextApplicationNumber(state),
    voterId: draft.voter?.id ?? '',
    listHash: draft.listHash ?? '',
    page: draft.voter?.page ?? 0,
    row: draft.voter?.row ?? 0,
    receivedAt: draft.receivedAt,
    receivedBy: draft.receivedBy,
    address: draft.address,
    reason: draft.reason,
    reasonText: draft.reasonText ?? '',
    note: draft.note ?? '',
  });
  // Without a voter the schema's complaints about the empty voter fields say nothing new.
  const schemaProblems = draft.voter ? parsed : filterFields<RegisteredPayload>(parsed, ['voterId', 'listHash', 'page', 'row']);
  return settle(problems, schemaProblems);
}

function filterFields<P>(parsed: Result<P, OutPremisesProblem[]>, fields: string[]): Result<P, OutPremisesProblem[]> {
  if (parsed.ok) return parsed;
  return err(parsed.error.filter((p) => !fields.includes(p.field ?? '')));
}

/** Problem codes that have their own refusal code; any other refusal is recorded as `other`. */
export function refusalCodeFor(code: string): ApplicationRefusalCode {
  return (APPLICATION_REFUSAL_CODES as readonly string[]).includes(code) ? (code as ApplicationRefusalCode) : 'other';
}

export interface RefusalDraft {
  voterId: string | null;
  voterName: string;
  receivedAt: string;
  receivedBy: string;
  /** The problem that refused the application (from `checkApplication`), or null for another reason. */
  problem: OutPremisesProblem | null;
  reasonText: string;
}

/**
 * The refusal event for an application that may not be registered: code and params come from the
 * problem. Codes: unknown-member, invalid-field.
 */
export function checkRefusal(draft: RefusalDraft, ctx: OutPremisesContext): CheckResult<RefusedPayload> {
  const problems: OutPremisesProblem[] = [];
  if (!memberKnown(ctx, draft.receivedBy)) problems.push(problem('unknown-member', { memberId: draft.receivedBy }, 'receivedBy'));
  const parsed = parsePayload('OutOfPremisesApplicationRefused', {
    voterId: draft.voterId,
    voterName: draft.voterName,
    receivedAt: draft.receivedAt,
    receivedBy: draft.receivedBy,
    code: draft.problem ? refusalCodeFor(draft.problem.code) : 'other',
    params: draft.problem?.params ?? {},
    reasonText: draft.reasonText,
    decision: 'commission',
  });
  return settle(problems, parsed);
}

export interface WithdrawalDraft {
  number: number;
  /** The entry's voter: tells apart two entries under one number (two laptops numbered before they exchanged records). */
  voterId?: string;
  reason: WithdrawalReason;
  reasonText?: string;
}

/**
 * May the entry be withdrawn? Codes: entry-not-found { number }, entry-withdrawn { number, at },
 * entry-voted { number, team, at } (a ballot was issued at the visit), reason-text-required.
 */
export function checkWithdrawal(state: OutPremisesState, draft: WithdrawalDraft): CheckResult<WithdrawnPayload> {
  const entry = entryByNumber(state, draft.number, draft.voterId);
  if (!entry) return err([problem('entry-not-found', { number: draft.number }, 'number')]);
  const problems: OutPremisesProblem[] = [];
  if (entry.withdrawn) problems.push(problem('entry-withdrawn', { number: entry.number, at: entry.withdrawn.recordedAt }, 'number'));
  const voted = state.votedOutside[entry.voterId];
  if (voted && voted.number === entry.number) problems.push(problem('entry-voted', { number: entry.number, team: voted.team, at: voted.visitedAt }, 'number'));
  if (draft.reason === 'other' && (draft.reasonText ?? '').trim() === '') problems.push(problem('reason-text-required', {}, 'reasonText'));
  const parsed = parsePayload('OutOfPremisesApplicationWithdrawn', {
    number: entry.number,
    voterId: entry.voterId,
    reason: draft.reason,
    reasonText: draft.reasonText ?? '',
  });
  return settle(problems, parsed);
}
