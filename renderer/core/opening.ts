/**
 * The opening (item 72) through the one door: each step decided by `shared/opening` on the opening
 * as stored (the projection row) and the teams' boxes, again inside the recording transaction, so
 * two windows never record the safe twice or an act before the last box; the same step submitted
 * twice while the first is in flight (a double click) records once.
 */
import { decideOpening, EMPTY_OPENING, type OpeningEventType, type OpeningRefusal, type OpeningState } from '../../shared/opening';
import type { Member } from '../../shared/election/model';
import { boxesTakenOut } from '../../shared/outpremises';
import { canonicalJson } from '../../shared/util/canonical-json';
import { err, ok, type Result } from '../../shared/util/result';
import type { EventContext } from '../db/event-store';
import { openingProjector, outPremisesProjector } from '../db/projectors';
import type { PrecinctDatabase } from '../db/schema';
import type { CommandBus, Recorded } from './command';
import { useQuery } from './query';

/** The opening as recorded (the lot, the safe, the lists, the boxes, the act), live. */
export function useOpeningState(): OpeningState {
  return useQuery((database) => openingProjector.read(database), [], EMPTY_OPENING);
}

/** Mobile boxes the teams take (their drawing), each to be sealed at the opening. */
/** The mobile boxes the teams' drawing names, and those a team already took out (not sealed at the opening). */
export async function readMobileBoxes(database: PrecinctDatabase): Promise<{ mobileBoxes: number; boxesOut: number[] }> {
  const outside = await outPremisesProjector.read(database);
  return { mobileBoxes: outside.drawing?.boxes.length ?? 0, boxesOut: boxesTakenOut(outside).map((b) => b.box) };
}

export function recordOpeningStep<T extends OpeningEventType>(
  bus: CommandBus,
  type: T,
  input: unknown,
  members: readonly Member[],
  context: EventContext,
): Promise<Result<Recorded<T, never>, OpeningRefusal>> {
  return bus.execute(
    {
      type,
      reads: ['projections'],
      key: canonicalJson([context.actor, input ?? null]),
      async decide(database: PrecinctDatabase) {
        const state = await openingProjector.read(database);
        const r = decideOpening(type, state, input, { members, ...(await readMobileBoxes(database)) });
        // The decision is `type`'s own payload; the catalog's generic input type cannot see that link.
        return r.ok ? ok({ payload: r.value as never, warnings: [] }) : err(r.error);
      },
    },
    context,
  );
}
