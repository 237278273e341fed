/**
 * A fact recorded as the user gave it (a complaint, a dissent, a copy handed, a count): the generic
 * command through the one door. Its payload is checked by the catalog's schema; a second submission
 * of the same fact while the first is in flight (a double click) records nothing and gets the first
 * one's event.
 */
import type { EventPayloadInput, EventType } from '../../shared/events/catalog';
import type { StoredEvent } from '../../shared/events/envelope';
import { canonicalJson } from '../../shared/util/canonical-json';
import type { EventContext } from '../db/event-store';
import { commands } from './bus';
import { fact, type CommandBus } from './command';
import { ok } from '../../shared/util/result';

export async function recordFact<T extends EventType>(type: T, payload: EventPayloadInput<T>, context: EventContext, bus: CommandBus = commands): Promise<StoredEvent<T>> {
  const recorded = await bus.execute(fact(type, payload, canonicalJson([context.actor, payload])), context);
  // A fact is never refused (nothing stored decides it); a payload that does not fit its type throws.
  if (!recorded.ok) throw new Error(`${type} refused`);
  return recorded.value.event;
}

/**
 * A fact that carries its own time (a decision's, an opinion's): the time is the command's one
 * clock reading, the same instant as the event's `recordedAt`, never a second reading.
 */
export async function recordStamped<T extends EventType>(type: T, payloadAt: (now: Date) => EventPayloadInput<T>, context: EventContext, bus: CommandBus = commands): Promise<StoredEvent<T>> {
  const recorded = await bus.execute({ type, reads: [], stateless: true, decide: (_db, now) => Promise.resolve(ok({ payload: payloadAt(now), warnings: [] })) }, context);
  if (!recorded.ok) throw new Error(`${type} refused`);
  return recorded.value.event;
}
