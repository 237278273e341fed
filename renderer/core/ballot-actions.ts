/**
 * Issuing a ballot and undoing an issue on a given event store, with refusals as exceptions: the
 * form the tests, the training scenarios' set-up and the benchmark use. It runs the core's commands
 * (`renderer/core/ballots.ts`) — the very checks the desk runs through `commands` — on a command bus
 * of its own whose clock reads `hours.at` (or the store's clock).
 */
import type { HoursRefusal, VotingHours } from '../../shared/ballots/hours';
import type { IssueRefusal, UndoRefusal } from '../../shared/ballots/issue';
import type { MemberRole } from '../../shared/election/model';
import { issueCommand, undoCommand, type IssueTarget } from './ballots';
import { CommandBus } from './command';
import type { EventContext, EventStore } from '../db/event-store';

export type { IssueTarget } from './ballots';

export class IssueRefused extends Error {
  constructor(readonly refusal: IssueRefusal) {
    super(refusal.code);
  }
}

/** Outside voting hours (or an exception the chair may not record as asked): nothing is recorded. */
export class HoursRefused extends Error {
  constructor(readonly refusal: HoursRefusal) {
    super(refusal.code);
  }
}

export class UndoRefused extends Error {
  constructor(readonly refusal: UndoRefusal) {
    super(refusal.code);
  }
}

export interface IssueOptions {
  /** The desk's voting hours, judged at `at` (the instant that becomes the event's `recordedAt`). */
  hours?: { hours: VotingHours; at: number; exception: { reason: string; by: string | null; role: MemberRole | null } | null };
}

const ISSUE_CODES = new Set<string>(['already-issued', 'voted-outside', 'not-in-list', 'no-list'] satisfies IssueRefusal['code'][]);

export async function issueBallot(store: EventStore, voter: IssueTarget, listHash: string, context: EventContext, options: IssueOptions = {}) {
  const at = options.hours?.at;
  const bus = new CommandBus(store, () => at ?? store.now());
  const r = await bus.execute(issueCommand(voter, listHash, options.hours ? { hours: options.hours.hours, exception: options.hours.exception } : null), context);
  if (r.ok) return r.value.event;
  throw ISSUE_CODES.has(r.error.code) ? new IssueRefused(r.error as IssueRefusal) : new HoursRefused(r.error as HoursRefusal);
}

export async function undoBallotIssue(store: EventStore, voterId: string, role: MemberRole | null, reason: string, context: EventContext) {
  const r = await new CommandBus(store, () => store.now()).execute(undoCommand(voterId, role, reason), context);
  if (r.ok) return r.value.event;
  throw new UndoRefused(r.error);
}
