/**
 * Out-of-premises commands through the one door: the register, the drawing of lots, ballots handed,
 * departure, visits, return, explanations. The `decide` of each is the shared check of
 * `shared/outpremises` on the register as stored, with the command's ONE reading of the clock in
 * `ctx.now` — a time the command stamps (handed, departed, returned) is `ctx.now` itself, never a
 * second reading taken after the check (which the check would refuse as "in the future").
 * Register numbers are decided inside the recording transaction: two windows never take one number.
 */
import type { VoterBallotStatus } from '../../shared/ballots/issue';
import type {
  CheckResult,
  OutPremisesContext,
  OutPremisesEventType,
  OutPremisesPayload,
  OutPremisesProblem,
  OutPremisesState,
} from '../../shared/outpremises';
import { err, ok, type Result } from '../../shared/util/result';
import type { EventContext } from '../db/event-store';
import { outPremisesProjector } from '../db/projectors';
import type { PrecinctDatabase } from '../db/schema';
import type { CommandBus, Recorded } from './command';

/** What a decision may read besides the register: a voter's ballot status at the desk. */
export interface OutPremisesReads {
  state: OutPremisesState;
  roomStatus(voterId: string): Promise<VoterBallotStatus | undefined>;
}

export type OutPremisesDecide<T extends OutPremisesEventType> = (
  reads: OutPremisesReads,
  ctx: OutPremisesContext,
) => CheckResult<OutPremisesPayload<T>> | Promise<CheckResult<OutPremisesPayload<T>>>;

export type OutPremisesOutcome<T extends OutPremisesEventType> = Result<Recorded<T, OutPremisesProblem>, OutPremisesProblem[]>;

export function recordOutPremises<T extends OutPremisesEventType>(
  bus: CommandBus,
  type: T,
  decide: OutPremisesDecide<T>,
  base: Omit<OutPremisesContext, 'now'>,
  context: EventContext,
  key?: string,
): Promise<OutPremisesOutcome<T>> {
  return bus.execute(
    {
      type,
      key,
      reads: ['projections', 'voterStatus'],
      async decide(db: PrecinctDatabase, now: Date) {
        const reads: OutPremisesReads = { state: await outPremisesProjector.read(db), roomStatus: (id) => db.voterStatus.get(id) };
        const r = await decide(reads, { ...base, now });
        // The shared checks return exactly the payload of `type`; TypeScript cannot tie the generics together.
        return r.ok ? ok({ payload: r.value.payload as never, warnings: r.value.warnings }) : err(r.error);
      },
    },
    context,
  );
}
