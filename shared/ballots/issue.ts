/**
 * Issuing ballots at the list desk: when a ballot may be issued, when an issue may be undone, and
 * how the events fold into a voter's status. Pure; the event store calls these inside the same
 * transaction that records the event, so two clicks can never issue twice on one laptop.
 */
import type { MemberRole } from '../election/model';
import { err, ok, type Result } from '../util/result';

export interface IssueRecord {
  eventId: string;
  at: string;
  by: string | null;
  deviceId: string;
}

export interface UndoRecord extends IssueRecord {
  reason: string;
  undid: string;
}

export interface VoterBallotStatus {
  voterId: string;
  page: number;
  /** The ballot currently issued to this voter, if any. */
  issued: IssueRecord | null;
  /** Every issue ever undone, with its reason: the history stays. */
  undone: UndoRecord[];
  /** Set when the voter voted at an out-of-premises visit (the day before). */
  votedOutside?: { number: number; team: number; at: string; by: string | null };
}

/**
 * Whether `known` already holds, for every one of `ids`, the status `read` holds (both none, or the
 * same facts): a reader of the desk's rows keeps what it has then, and the desk is not rendered
 * again for statuses that did not change (issue 19: a second render on every keystroke).
 */
export function sameStatusesFor(known: ReadonlyMap<string, VoterBallotStatus>, read: ReadonlyMap<string, VoterBallotStatus>, ids: readonly string[]): boolean {
  for (const id of ids) {
    const a = known.get(id);
    const b = read.get(id);
    if (a === b) continue;
    if (a === undefined || b === undefined || JSON.stringify(a) !== JSON.stringify(b)) return false;
  }
  return true;
}

export type IssueRefusal =
  | { code: 'already-issued'; at: string; by: string | null }
  /** The voter voted at an out-of-premises visit (register entry `number`, team `team`). */
  | { code: 'voted-outside'; at: string; by: string | null; number: number; team: number }
  | { code: 'not-in-list' }
  | { code: 'no-list' };

/** The one allowed answer, made once: the desk's hot path builds no object when nothing is wrong. */
const ALLOWED: Result<void, never> = Object.freeze(ok(undefined));

export function checkBallotIssue(status: VoterBallotStatus | undefined, inList: boolean): Result<void, IssueRefusal> {
  if (!inList) return err({ code: 'not-in-list' });
  if (status?.issued) return err({ code: 'already-issued', at: status.issued.at, by: status.issued.by });
  if (status?.votedOutside) return err({ code: 'voted-outside', ...status.votedOutside });
  return ALLOWED;
}

/** Only the chair or the secretary may undo, and only with a written reason. */
export const UNDO_ROLES: readonly MemberRole[] = ['chair', 'secretary'];
export const MIN_UNDO_REASON = 5;

export type UndoRefusal = { code: 'not-issued' } | { code: 'role-not-allowed' } | { code: 'reason-required'; min: number };

export function checkUndo(status: VoterBallotStatus | undefined, role: MemberRole | null, reason: string): Result<void, UndoRefusal> {
  if (!status?.issued) return err({ code: 'not-issued' });
  if (!role || !UNDO_ROLES.includes(role)) return err({ code: 'role-not-allowed' });
  if (reason.trim().length < MIN_UNDO_REASON) return err({ code: 'reason-required', min: MIN_UNDO_REASON });
  return ALLOWED;
}

export function foldIssued(status: VoterBallotStatus | undefined, voterId: string, page: number, record: IssueRecord): VoterBallotStatus {
  return { ...status, voterId, page, undone: status?.undone ?? [], issued: record };
}

export function foldUndone(status: VoterBallotStatus | undefined, voterId: string, page: number, record: UndoRecord): VoterBallotStatus {
  return { ...status, voterId, page, issued: null, undone: [...(status?.undone ?? []), record] };
}

/** A vote at an out-of-premises visit, kept on the voter's status so the desk's check is one read. */
export function foldVotedOutside(status: VoterBallotStatus | undefined, voterId: string, page: number, vote: NonNullable<VoterBallotStatus['votedOutside']>): VoterBallotStatus {
  return { voterId, page, issued: null, undone: [], ...status, votedOutside: vote };
}
