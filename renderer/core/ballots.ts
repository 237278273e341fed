/**
 * Issuing a ballot and undoing an issue, through the one door. The issue is judged against the
 * voting hours at the command's one clock reading (the same instant becomes the event's
 * `recordedAt`), and against the voter's stored status inside the recording transaction (raw
 * requests: the desk's hot path), so a double click or a second window cannot issue twice. The
 * undo is decided on the stored status and decided again inside its transaction.
 */
import { decideIssueHours, type HoursRefusal, type VotingHours } from '../../shared/ballots/hours';
import { checkBallotIssue, checkUndo, foldIssued, type IssueRefusal, type UndoRefusal, type VoterBallotStatus } from '../../shared/ballots/issue';
import type { MemberRole } from '../../shared/election/model';
import { err, ok, type Result } from '../../shared/util/result';
import type { EventContext } from '../db/event-store';
import type { Command, CommandBus, Recorded } from './command';

export interface IssueTarget {
  voterId: string;
  page: number;
  row: number;
}

/** The desk's voting hours and, when the chair allows it, the exception with its reason. */
export interface IssueHours {
  hours: VotingHours;
  exception: { reason: string; by: string | null; role: MemberRole | null } | null;
}

export type IssueOutcome = Result<Recorded<'BallotIssued', never>, IssueRefusal | HoursRefusal>;
export type UndoOutcome = Result<Recorded<'BallotIssueUndone', never>, UndoRefusal>;

export function issueCommand(voter: IssueTarget, listHash: string, hours: IssueHours | null): Command<'BallotIssued', IssueRefusal | HoursRefusal> {
  return {
    type: 'BallotIssued',
    reads: [],
    async decide(db, now) {
      let hoursException = undefined;
      if (hours) {
        const decided = decideIssueHours(now, hours.hours, hours.exception);
        if (!decided.ok) {
          // A voter who already has a ballot (or voted outside) is told that first: no exception to
          // the hours could change it.
          const standing = checkBallotIssue(await db.voterStatus.get(voter.voterId), true);
          return err(standing.ok ? decided.error : standing.error);
        }
        hoursException = decided.value ?? undefined;
      }
      return ok({ payload: { voterId: voter.voterId, page: voter.page, row: voter.row, listHash, ...(hoursException ? { hoursException } : {}) }, warnings: [] });
    },
    raw: (refusal) => ({
      stores: ['voterStatus'],
      replaces: ['voters'],
      run(tx, event, fail) {
        const statuses = tx.objectStore('voterStatus');
        const record = { eventId: event.id, at: event.recordedAt, by: event.actor, deviceId: event.deviceId };
        // The check and the write are sent together: the write does not wait for the read's answer
        // to reach this thread. Requests run in order, so the read sees the status as stored; the
        // usual case (no status yet) is then done, a refusal aborts the transaction (the write with
        // it), and a voter with a status (issued again after an undo) is written again over it.
        const get = statuses.get(voter.voterId);
        statuses.put(foldIssued(undefined, voter.voterId, voter.page, record));
        get.onsuccess = () => {
          const status = get.result as VoterBallotStatus | undefined;
          if (status === undefined) return;
          const checked = checkBallotIssue(status, true);
          if (!checked.ok) {
            fail(refusal(checked.error));
            return;
          }
          statuses.put(foldIssued(status, voter.voterId, voter.page, record));
        };
      },
    }),
  };
}

export function undoCommand(voterId: string, role: MemberRole | null, reason: string): Command<'BallotIssueUndone', UndoRefusal> {
  // The issue undone is the one standing when the command was first decided: if another window
  // undid it (or it was replaced) before this one recorded, nothing is undone.
  let named: string | null = null;
  return {
    type: 'BallotIssueUndone',
    reads: ['voterStatus'],
    async decide(db) {
      const status = await db.voterStatus.get(voterId);
      const checked = checkUndo(status, role, reason);
      if (!checked.ok) return checked;
      const undoes = status?.issued?.eventId ?? '';
      named ??= undoes;
      if (undoes !== named) return err({ code: 'not-issued' });
      return ok({ payload: { voterId, undoes, reason: reason.trim() }, warnings: [] });
    },
  };
}

export function issueBallot(bus: CommandBus, voter: IssueTarget, listHash: string, context: EventContext, hours: IssueHours | null = null): Promise<IssueOutcome> {
  return bus.execute(issueCommand(voter, listHash, hours), context);
}

export function undoBallotIssue(bus: CommandBus, voterId: string, role: MemberRole | null, reason: string, context: EventContext): Promise<UndoOutcome> {
  return bus.execute(undoCommand(voterId, role, reason), context);
}
