/**
 * Form 2 / Form 3 applications through the one door. Each command decides on the register as
 * stored, with the command's ONE reading of the clock, again inside the recording transaction
 * (strict), so two windows never give out one number twice; a second submission of the same
 * application while the first is in flight records nothing. Refusals are values:
 *
 * - a form with problems records nothing (`err({ code: 'invalid', problems })`);
 * - a late application is not an error: its refusal is recorded (`ListApplicationRefused`) and the
 *   outcome says so (`kind: 'refused-late'`).
 */
import {
  checkApplication,
  checkDecision,
  checkForward,
  judgeApplication,
  type ApplicationBody,
  type ApplicationOutcome,
  type ApplicationProblem,
  type FollowUpProblem,
  type ForwardTarget,
} from '../../shared/applications';
import type { LocalDeadline } from '../../shared/calendar/deadline';
import { canonicalJson } from '../../shared/util/canonical-json';
import { err, ok, type Result } from '../../shared/util/result';
import type { EventContext } from '../db/event-store';
import { readApplications } from '../db/projectors';
import type { CommandBus, Recorded } from './command';

export type RegisterOutcome =
  | { kind: 'registered'; number: number; eventId: string }
  | { kind: 'refused-late'; deadline: LocalDeadline; local: { date: string; time: string }; eventId: string };

type Late = { code: 'late'; deadline: LocalDeadline; local: { date: string; time: string } };
type Invalid = { code: 'invalid'; problems: ApplicationProblem[] };

/**
 * Enters an application in the register (the next number of its form), or records its refusal when
 * it came too late. Problems in the form itself record nothing and are the refusal.
 */
export async function registerApplication(
  bus: CommandBus,
  body: ApplicationBody,
  deadline: LocalDeadline,
  members: readonly { id: string }[],
  context: EventContext,
): Promise<Result<RegisterOutcome, ApplicationProblem[]>> {
  const key = `${context.actor ?? ''}\u0000${canonicalJson(body)}`;
  const registered = await bus.execute<'ListApplicationRegistered', Invalid | Late>(
    {
      type: 'ListApplicationRegistered',
      reads: [],
      key,
      async decide(db, now) {
        const state = await readApplications(db);
        const checked = checkApplication(state, body, { members, now });
        if (!checked.ok) return err({ code: 'invalid', problems: checked.error });
        const judged = judgeApplication(state, body, deadline);
        if (!judged.accept) return err({ code: 'late', deadline: judged.deadline, local: judged.local });
        return ok({ payload: { ...body, number: judged.number }, warnings: [] });
      },
    },
    context,
  );
  if (registered.ok) return ok({ kind: 'registered', number: registered.value.event.payload.number, eventId: registered.value.event.id });
  if (registered.error.code === 'invalid') return err(registered.error.problems);
  // Too late: the refusal is recorded, decided again on the register as stored then. Lateness is
  // judged on the time the application was received, so it cannot change between the two commands.
  const refused = await bus.execute<'ListApplicationRefused', Invalid>(
    {
      type: 'ListApplicationRefused',
      reads: [],
      key,
      async decide(db, now) {
        const state = await readApplications(db);
        const checked = checkApplication(state, body, { members, now });
        if (!checked.ok) return err({ code: 'invalid', problems: checked.error });
        const judged = judgeApplication(state, body, deadline);
        const missed = judged.accept ? deadline : judged.deadline;
        return ok({ payload: { ...body, reason: 'late' as const, deadline: missed }, warnings: [] });
      },
    },
    context,
  );
  if (!refused.ok) return err(refused.error.problems);
  return ok({ kind: 'refused-late', deadline: registered.error.deadline, local: registered.error.local, eventId: refused.value.event.id });
}

/** Sends an open application on (Form 2 to the CEC, Form 3 to the TEC); its time is the command's clock reading. */
export function forwardApplication(
  bus: CommandBus,
  application: string,
  to: ForwardTarget,
  note: string,
  context: EventContext,
): Promise<Result<Recorded<'ListApplicationForwarded', never>, FollowUpProblem>> {
  return bus.execute(
    {
      type: 'ListApplicationForwarded',
      reads: [],
      key: `${application}\u0000${to}`,
      async decide(db, now) {
        const open = checkForward(await readApplications(db), application);
        if (!open.ok) return open;
        return ok({ payload: { application, to, at: now.toISOString(), note }, warnings: [] });
      },
    },
    context,
  );
}

/** The outcome of an open application (once); a rejection needs a note. */
export function decideApplication(
  bus: CommandBus,
  application: string,
  outcome: ApplicationOutcome,
  note: string,
  context: EventContext,
): Promise<Result<Recorded<'ListApplicationDecided', never>, FollowUpProblem>> {
  return bus.execute(
    {
      type: 'ListApplicationDecided',
      reads: [],
      key: application,
      async decide(db, now) {
        const open = checkDecision(await readApplications(db), application, outcome, note);
        if (!open.ok) return open;
        return ok({ payload: { application, outcome, at: now.toISOString(), note }, warnings: [] });
      },
    },
    context,
  );
}
