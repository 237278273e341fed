/**
 * The one door for recording a fact: read → decide → append → evolve.
 *
 * - The clock is read ONCE per command; the same instant goes to `decide` (which may stamp it into
 *   the payload) and becomes the event's `recordedAt`, so nothing is stamped after the check.
 * - `decide` runs on the state read before the transaction (to hash the event), and again inside
 *   the recording transaction (strict durability) on the state as stored then. A refusal there
 *   refuses the command; a different payload (another window took the number first) prepares the
 *   event again on the new state. Two windows can never take the same number.
 * - A second submission of the same command while the first is in flight (a double click) records
 *   nothing: it gets the first one's outcome.
 * - Refusals are values (`Result`), never exceptions; exceptions are faults.
 */
import type { EventPayloadInput, EventType } from '../../shared/events/catalog';
import type { StoredEvent } from '../../shared/events/envelope';
import { canonicalJson } from '../../shared/util/canonical-json';
import { err, ok, type Result } from '../../shared/util/result';
import type { AppendExtras, EventContext, EventStore } from '../db/event-store';
import type { PrecinctDatabase } from '../db/schema';

export interface Decision<T extends EventType, W = never> {
  payload: EventPayloadInput<T>;
  /** Said to the user after recording; never block. */
  warnings: readonly W[];
}

export interface Command<T extends EventType, R, W = never> {
  type: T;
  /** Tables `decide` reads, beyond what the projectors of `type` write. */
  reads: readonly string[];
  /** Pure decision on the stored state; `db` is only read. */
  decide(db: PrecinctDatabase, now: Date): Promise<Result<Decision<T, W>, R>>;
  /** Same key while in flight = the same submission: recorded once. Defaults to type + context + nothing (no dedupe). */
  key?: string;
  /**
   * `decide` reads nothing stored (a fact recorded as the user gave it): it is not run again inside
   * the recording transaction, which then holds only the event and its projections.
   */
  stateless?: boolean;
  /**
   * The hot path (a ballot at the desk): the stored check and the projection written with raw
   * requests inside the recording transaction (see `AppendExtras.raw`). The check passes
   * `refusal(r)` to `fail`: the transaction aborts, nothing is written, `r` is the outcome.
   */
  raw?: (refusal: (r: R) => Error) => RawAppend;
  /** Writes what the event refers to (a content-addressed blob) in the recording transaction; its tables are in `reads`. */
  attach?: AppendExtras['attach'];
}

type RawAppend = NonNullable<AppendExtras['raw']>;

/**
 * A fact recorded as given (its payload checked by the catalog's schema when appended): nothing
 * stored decides it. `key` makes a second submission while the first is in flight record nothing.
 */
export function fact<T extends EventType>(type: T, payload: EventPayloadInput<T>, key?: string): Command<T, never> {
  const decision: Result<Decision<T>, never> = ok({ payload, warnings: [] });
  return { type, reads: [], stateless: true, key, decide: () => Promise.resolve(decision) };
}

export interface Recorded<T extends EventType, W> {
  event: StoredEvent<T>;
  warnings: readonly W[];
}

class Refused<R> extends Error {
  constructor(readonly refusal: R) {
    super('refused inside the recording transaction');
  }
}
class StateMoved extends Error {
  constructor() {
    super('the stored state changed before the event was recorded');
  }
}

const MAX_ATTEMPTS = 5;

export class CommandBus {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /**
   * This window's commands run one after another: each decides on the state its predecessor left,
   * so only another window can move the state under it (several commands of one window deciding on
   * the same state would otherwise retry against each other until they gave up).
   */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly store: EventStore,
    private readonly clock: () => number,
  ) {}

  /** Runs a command; `Result.error` is the refusal, nothing is recorded then. */
  execute<T extends EventType, R, W = never>(command: Command<T, R, W>, context: EventContext): Promise<Result<Recorded<T, W>, R>> {
    const key = command.key === undefined ? null : `${command.type}\u0000${command.key}`;
    if (key !== null) {
      const running = this.inFlight.get(key);
      if (running) return running as Promise<Result<Recorded<T, W>, R>>;
    }
    const run = this.queue.then(() => this.run(command, context));
    this.queue = run.catch(() => undefined);
    if (key !== null) {
      this.inFlight.set(key, run);
      void run.finally(() => this.inFlight.delete(key)).catch(() => undefined);
    }
    return run;
  }

  private async run<T extends EventType, R, W>(command: Command<T, R, W>, context: EventContext): Promise<Result<Recorded<T, W>, R>> {
    const at = this.clock();
    const now = new Date(at);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const decided = await command.decide(this.store.db, now);
      if (!decided.ok) return decided;
      if (command.raw) {
        try {
          const event = await this.store.append(command.type, decided.value.payload, context, { at, raw: command.raw((r) => new Refused(r)) });
          return ok({ event, warnings: decided.value.warnings });
        } catch (e) {
          if (e instanceof Refused) return err(e.refusal as R);
          throw e;
        }
      }
      if (command.stateless) {
        const event = await this.store.append(command.type, decided.value.payload, context, {
          at,
          ...(command.attach ? { tables: command.reads, attach: command.attach } : {}),
        });
        return ok({ event, warnings: decided.value.warnings });
      }
      const expected = canonicalJson(decided.value.payload);
      try {
        const event = await this.store.append(command.type, decided.value.payload, context, {
          at,
          tables: command.reads,
          ...(command.attach ? { attach: command.attach } : {}),
          guard: async (db) => {
            const again = await command.decide(db, now);
            if (!again.ok) throw new Refused(again.error);
            if (canonicalJson(again.value.payload) !== expected) throw new StateMoved();
          },
        });
        return ok({ event, warnings: decided.value.warnings });
      } catch (e) {
        if (e instanceof Refused) return err(e.refusal as R);
        if (e instanceof StateMoved) continue;
        throw e;
      }
    }
    throw new Error('could not record: the stored state kept changing under this window');
  }
}
