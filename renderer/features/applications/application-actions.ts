/**
 * Recording Form 2 / Form 3 applications. The checks run again inside the transaction that records
 * the event, against the stored register, so two windows can never give out one number twice. The
 * caller's one reading of the clock (`now`, `at`) is both what is checked and the event's
 * `recordedAt`: nothing is stamped after the check.
 */
import {
  checkApplication,
  checkDecision,
  checkForward,
  judgeApplication,
  nextNumber,
  type ApplicationBody,
  type ApplicationOutcome,
  type ApplicationProblem,
  type FollowUpProblem,
  type ForwardTarget,
} from '../../../shared/applications';
import type { LocalDeadline } from '../../../shared/calendar/deadline';
import type { EventContext, EventStore } from '../../db/event-store';
import { readApplications } from '../../db/projectors';

export class ApplicationInvalid extends Error {
  constructor(readonly problems: ApplicationProblem[]) {
    super(problems.map((p) => p.code).join(', '));
  }
}

export class FollowUpRefused extends Error {
  constructor(readonly problem: FollowUpProblem) {
    super(problem.code);
  }
}

/** The register changed between reading it and recording (another window): prepare again. */
class RegisterMoved extends Error {}

export type RegisterOutcome =
  | { kind: 'registered'; number: number; eventId: string }
  | { kind: 'refused-late'; deadline: LocalDeadline; local: { date: string; time: string }; eventId: string };

/**
 * Enters an application in the register, or records its refusal when it came too late. Problems in
 * the form itself throw `ApplicationInvalid` and record nothing.
 */
export async function registerApplication(
  store: EventStore,
  body: ApplicationBody,
  deadline: LocalDeadline,
  members: readonly { id: string }[],
  now: Date,
  context: EventContext,
): Promise<RegisterOutcome> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const state = await readApplications(store.db);
    const problems = checkApplication(state, body, { members, now });
    if (problems.length > 0) throw new ApplicationInvalid(problems);
    const judged = judgeApplication(state, body, deadline);
    try {
      if (!judged.accept) {
        const event = await store.append('ListApplicationRefused', { ...body, reason: judged.reason, deadline: judged.deadline }, context, { at: now.getTime() });
        return { kind: 'refused-late', deadline: judged.deadline, local: judged.local, eventId: event.id };
      }
      const event = await store.append('ListApplicationRegistered', { ...body, number: judged.number }, context, {
        at: now.getTime(),
        guard: async (db) => {
          const current = await readApplications(db);
          if (nextNumber(current, body.form) !== judged.number) throw new RegisterMoved();
          const again = checkApplication(current, body, { members, now });
          if (again.length > 0) throw new ApplicationInvalid(again);
        },
      });
      return { kind: 'registered', number: judged.number, eventId: event.id };
    } catch (e) {
      if (e instanceof RegisterMoved) continue;
      throw e;
    }
  }
  throw new Error('the register kept changing while this application was being recorded');
}

export async function forwardApplication(store: EventStore, application: string, to: ForwardTarget, at: Date, note: string, context: EventContext) {
  return store.append('ListApplicationForwarded', { application, to, at: at.toISOString(), note }, context, {
    at: at.getTime(),
    guard: async (db) => {
      const problem = checkForward(await readApplications(db), application);
      if (problem) throw new FollowUpRefused(problem);
    },
  });
}

export async function decideApplication(store: EventStore, application: string, outcome: ApplicationOutcome, at: Date, note: string, context: EventContext) {
  return store.append('ListApplicationDecided', { application, outcome, at: at.toISOString(), note }, context, {
    at: at.getTime(),
    guard: async (db) => {
      const problem = checkDecision(await readApplications(db), application, outcome, note);
      if (problem) throw new FollowUpRefused(problem);
    },
  });
}
