/**
 * Issuing a ballot and undoing an issue. The rule is checked inside the transaction that records
 * the event, against the stored status, so a double click or a second window cannot issue twice.
 */
import { checkBallotIssue, checkUndo, foldIssued, type IssueRefusal, type UndoRefusal, type VoterBallotStatus } from '../../../shared/ballots/issue';
import type { MemberRole } from '../../../shared/election/model';
import type { EventContext, EventStore } from '../../db/event-store';

export class IssueRefused extends Error {
  constructor(readonly refusal: IssueRefusal) {
    super(refusal.code);
  }
}

export class UndoRefused extends Error {
  constructor(readonly refusal: UndoRefusal) {
    super(refusal.code);
  }
}

export interface IssueTarget {
  voterId: string;
  page: number;
  row: number;
}

export async function issueBallot(store: EventStore, voter: IssueTarget, listHash: string, context: EventContext) {
  return store.append('BallotIssued', { voterId: voter.voterId, page: voter.page, row: voter.row, listHash }, context, {
    // The desk's hot path: one strict transaction of raw requests — the event, the check against
    // the stored status (an issue already made, or a vote outside the premises) and the new status.
    raw: {
      stores: ['voterStatus'],
      replaces: ['voters'],
      run(tx, event, fail) {
        const statuses = tx.objectStore('voterStatus');
        const get = statuses.get(voter.voterId);
        get.onsuccess = () => {
          const status = get.result as VoterBallotStatus | undefined;
          const refusal = checkBallotIssue(status, true);
          if (refusal) {
            fail(new IssueRefused(refusal));
            return;
          }
          statuses.put(foldIssued(status, voter.voterId, voter.page, { eventId: event.id, at: event.recordedAt, by: event.actor, deviceId: event.deviceId }));
        };
      },
    },
  });
}

export async function undoBallotIssue(store: EventStore, voterId: string, role: MemberRole | null, reason: string, context: EventContext) {
  const check = async (db: EventStore['db']): Promise<string> => {
    const status = await db.voterStatus.get(voterId);
    const refusal = checkUndo(status, role, reason);
    if (refusal) throw new UndoRefused(refusal);
    return status?.issued?.eventId ?? '';
  };
  const undoes = await check(store.db);
  return store.append('BallotIssueUndone', { voterId, undoes, reason: reason.trim() }, context, {
    tables: ['voterStatus'],
    // Checked again inside the transaction: the issue undone must still be the one named.
    guard: async (db) => {
      if ((await check(db)) !== undoes) throw new UndoRefused({ code: 'not-issued' });
    },
  });
}
