/**
 * The handover act through the one door: each tick of a document and the handover itself (escort,
 * receiver, time) are recorded events, read back for the screen and the printed act.
 */
import { useQuery } from './query';
import {
  decideHandover, decideItemMark, EMPTY_HANDOVER, foldHandover, HANDOVER_EVENT_TYPES,
  type HandoverFact, type HandoverInput, type HandoverItem, type HandoverRefusal, type HandoverState,
} from '../../shared/handover';
import { err, ok, type Result } from '../../shared/util/result';
import type { EventContext } from '../db/event-store';
import type { PrecinctDatabase } from '../db/schema';
import type { CommandBus, Recorded } from './command';

export async function readHandover(database: PrecinctDatabase): Promise<HandoverState> {
  const events = await database.events.where('type').anyOf([...HANDOVER_EVENT_TYPES]).toArray();
  events.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  return foldHandover(events.map((e) => ({ type: e.type, payload: e.payload, actor: e.actor, recordedAt: e.recordedAt }) as HandoverFact));
}

export function useHandover(): HandoverState {
  return useQuery((database) => readHandover(database), [], EMPTY_HANDOVER);
}

export function markHandoverItem(bus: CommandBus, item: HandoverItem, handed: boolean, context: EventContext): Promise<Result<Recorded<'HandoverItemMarked', never>, HandoverRefusal>> {
  return bus.execute(
    {
      type: 'HandoverItemMarked',
      reads: ['events'],
      // No in-flight key: ticks run one after another in this window and a repeated tick is
      // refused as "unchanged" on the state its predecessor left; a key would fold a later
      // check into an earlier one still in flight (check, uncheck, check → unchecked).
      async decide(database) {
        const r = decideItemMark(await readHandover(database), item, handed);
        return r.ok ? ok({ payload: r.value, warnings: [] }) : err(r.error);
      },
    },
    context,
  );
}

export function recordHandover(
  bus: CommandBus,
  input: HandoverInput,
  members: readonly { id: string }[],
  context: EventContext,
): Promise<Result<Recorded<'HandoverRecorded', never>, HandoverRefusal[]>> {
  return bus.execute(
    {
      type: 'HandoverRecorded',
      reads: ['events'],
      key: JSON.stringify([[...input.escort].sort(), input.receiver.trim(), input.escortOthers?.trim() ?? '', input.packets?.trim() ?? '', input.seals?.trim() ?? '']),
      async decide(database, now) {
        const r = decideHandover(await readHandover(database), input, members, now);
        return r.ok ? ok({ payload: r.value, warnings: [] }) : err(r.error);
      },
    },
    context,
  );
}
