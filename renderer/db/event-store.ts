/**
 * Appends events to the log and updates the projections in one strict transaction.
 *
 * The hash is computed with WebCrypto, which an IndexedDB transaction cannot wait for, so appends
 * are serialised in this tab and hashed before the transaction opens; inside it, the stored chain
 * head is compared with the one the hash was built on. If another tab appended meanwhile, the
 * append is prepared again on the new head.
 */
import type { EventPayloadInput, EventType } from '../../shared/events/catalog';
import { eventPayloadSchemas } from '../../shared/events/catalog';
import { computeEventHash, GENESIS_HASH, type StoredEvent, type UnhashedEvent } from '../../shared/events/envelope';
import { decodeHlc, encodeHlc, receiveHlc, tickHlc, type Hlc } from '../../shared/events/hlc';

const maxHlc = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a > b ? a : b);

/** The clock to tick from: this device's last, or a newer one seen in the log (as this device's). */
function latestClock(own: string | null, seen: string | null, deviceId: string): Hlc | null {
  const newest = maxHlc(own, seen);
  if (newest === null) return null;
  const { wallMs, counter } = decodeHlc(newest);
  return { wallMs, counter, deviceId };
}
import { dexieProjectionStore, PROJECTORS, rawProjectionStore } from './projectors';
import Dexie, { RangeSet } from 'dexie';
import type { BlobRow, DeviceHead, DeviceIdentity, PrecinctDatabase } from './schema';
import { storedListData } from '../../shared/voters/packed';

/** A list's blob as this laptop stores it: its records packed when they pack back to its hash (`storedListData`). */
function storedBlob(blob: BlobRow): BlobRow {
  return Array.isArray(blob.data) ? { ...blob, data: storedListData(blob.data, blob.hash) } : blob;
}

export interface EventContext {
  electionId: string | null;
  bundleHash: string | null;
  precinct: number | null;
  actor: string | null;
}

export class ChainHeadMoved extends Error {
  constructor() {
    super('another window appended an event first');
  }
}

/**
 * Work done inside the append's transaction: `guard` may refuse the event (throw) after reading
 * the projections, `attach` writes what the event refers to (a content-addressed blob).
 */
export interface AppendExtras {
  /** The command's one reading of the clock (ms): the event's `recordedAt`. Defaults to now. */
  at?: number;
  tables?: readonly string[];
  guard?: (db: PrecinctDatabase) => Promise<void>;
  attach?: (db: PrecinctDatabase) => Promise<void>;
  /**
   * The hot path (a ballot at the desk): the event and its projection written with raw IndexedDB
   * requests in one strict transaction, without Dexie's per-request cost. `run` issues the check and
   * the projection writes on `tx` and calls `fail` to refuse (the transaction is aborted, nothing is
   * written). `replaces` names the projectors whose work `run` does for this event type; any other
   * projector handling it makes the append throw (a programming error, caught by the tests).
   */
  raw?: {
    stores: readonly string[];
    replaces: readonly string[];
    run(tx: IDBTransaction, event: StoredEvent, fail: (error: unknown) => void): void;
  };
}

export interface EventStoreOptions {
  now?: () => number;
  newId?: () => string;
}

export class EventStore {
  private queue: Promise<unknown> = Promise.resolve();
  /** The chain head as last seen by this window; checked again inside every commit. */
  private cachedHead: DeviceHead | null = null;
  private readonly appendListeners = new Set<(event: StoredEvent) => void>();
  /**
   * The newest clock this window has seen in the log, other laptops' included (`receiveHlc`): a
   * local event is always stamped after every event already taken, so a laptop whose clock runs
   * ahead does not outrank what this laptop decides after seeing its events.
   */
  private seenHlc: string | null = null;
  /** The clock events are stamped with when a command gives no reading of its own. */
  readonly now: () => number;
  private readonly newId: () => string;

  constructor(
    readonly db: PrecinctDatabase,
    options: EventStoreOptions = {},
  ) {
    this.now = options.now ?? (() => Date.now());
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  /** This laptop's device id, created on first use and kept for good. */
  async deviceId(): Promise<string> {
    const existing = await this.db.meta.get('device');
    if (existing) return existing.deviceId;
    const fresh: DeviceIdentity = { key: 'device', deviceId: this.newId() };
    await this.db.transaction('rw', this.db.meta, async () => {
      if (!(await this.db.meta.get('device'))) await this.db.meta.put(fresh);
    });
    return (await this.db.meta.get('device'))?.deviceId ?? fresh.deviceId;
  }

  /**
   * The chain head: this device's last event. It is read from the log itself, so there is no
   * second copy to keep in step.
   */
  async head(): Promise<DeviceHead> {
    const deviceId = await this.deviceId();
    const last = await this.db.events.where('[deviceId+seq]').between([deviceId, Dexie.minKey], [deviceId, Dexie.maxKey]).last();
    return last
      ? { deviceId, lastSeq: last.seq, lastHash: last.hash, lastHlc: last.hlc }
      : { deviceId, lastSeq: 0, lastHash: GENESIS_HASH, lastHlc: null };
  }

  /** Called after each durable append (sync pushes soon after). Returns the unsubscribe. */
  onAppend(listener: (event: StoredEvent) => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  /** Appends one event; resolves once it and its projections are durably stored. */
  append<T extends EventType>(type: T, payload: EventPayloadInput<T>, context: EventContext, extras: AppendExtras = {}): Promise<StoredEvent<T>> {
    const run = this.queue.then(() => this.appendNow(type, payload, context, extras));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async appendNow<T extends EventType>(type: T, payload: EventPayloadInput<T>, context: EventContext, extras: AppendExtras): Promise<StoredEvent<T>> {
    const parsedPayload = eventPayloadSchemas[type].parse(payload);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const fresh = this.cachedHead === null;
      const head = this.cachedHead ?? (await this.head());
      // The newest clock in the log (other laptops' events too), read again with the head.
      if (fresh) this.seenHlc = maxHlc(this.seenHlc, (await this.db.events.orderBy('hlc').last())?.hlc ?? null);
      const at = extras.at ?? this.now();
      const hlc = tickHlc(latestClock(head.lastHlc, this.seenHlc, head.deviceId), at, head.deviceId);
      const unhashed = {
        id: this.newId(),
        deviceId: head.deviceId,
        seq: head.lastSeq + 1,
        hlc: encodeHlc(hlc),
        recordedAt: new Date(at).toISOString(),
        electionId: context.electionId,
        bundleHash: context.bundleHash,
        precinct: context.precinct,
        actor: context.actor,
        type,
        payload: parsedPayload,
        prevHash: head.lastHash,
      } as UnhashedEvent<T>;
      const event = { ...unhashed, hash: await computeEventHash(unhashed) } as StoredEvent<T>;
      try {
        await this.commit(event as StoredEvent, extras);
        this.cachedHead = { ...head, lastSeq: event.seq, lastHash: event.hash, lastHlc: event.hlc };
        for (const listener of this.appendListeners) listener(event as StoredEvent);
        return event;
      } catch (e) {
        this.cachedHead = null;
        if (e instanceof ChainHeadMoved) continue;
        throw e;
      }
    }
    throw new Error('could not append the event: the log kept changing under this window');
  }

  /**
   * One strict transaction: the event and its projections. `[deviceId+seq]` is the primary key, so
   * if another window appended this seq first, `add` fails and the append is prepared again.
   */
  private async commit(event: StoredEvent, extras: AppendExtras): Promise<void> {
    const projectors = PROJECTORS.filter((p) => p.handles.has(event.type));
    if (extras.raw) return this.commitRaw(event, extras.raw, projectors.map((p) => p.name));
    if (!extras.guard && !extras.attach) {
      // Nothing to read through Dexie first: the event and its projections as raw requests in one
      // strict transaction, the projectors folding through the same transaction.
      const stores = [...new Set([...projectors.flatMap((p) => p.tables), ...((extras.tables ?? []) as string[])])];
      return this.commitRaw(
        event,
        {
          stores,
          replaces: projectors.map((p) => p.name),
          run(tx, stored, fail) {
            const store = rawProjectionStore(tx);
            for (const projector of projectors) projector.apply(store, stored).catch(fail);
          },
        },
        projectors.map((p) => p.name),
      );
    }
    const names = new Set([...projectors.flatMap((p) => p.tables), ...(extras.tables ?? [])]);
    const tables = [this.db.events, ...[...names].map((t) => this.db.table(t))];
    try {
      await this.db.transaction('rw', tables, async () => {
        if (extras.guard) await extras.guard(this.db);
        if (extras.attach) await extras.attach(this.db);
        // Issued together: IndexedDB runs the requests in order, and Dexie's per-await hops
        // (the bulk of an append's cost) are paid once instead of once per request.
        await Promise.all([this.db.events.add(event), ...projectors.map((projector) => projector.apply(dexieProjectionStore(this.db), event))]);
      });
    } catch (e) {
      if (e instanceof Dexie.ConstraintError || (e instanceof Error && e.name === 'ConstraintError')) throw new ChainHeadMoved();
      throw e;
    }
  }

  private async commitRaw(event: StoredEvent, raw: NonNullable<AppendExtras['raw']>, projectorNames: readonly string[]): Promise<void> {
    const missing = projectorNames.filter((n) => !raw.replaces.includes(n));
    if (missing.length > 0) throw new Error(`raw append of ${event.type} would skip the projectors ${missing.join(', ')}`);
    if (!this.db.isOpen()) await this.db.open();
    const stores = ['events', ...raw.stores];
    await new Promise<void>((resolve, reject) => {
      const tx = this.db.backendDB().transaction(stores, 'readwrite', { durability: 'strict' });
      let failure: unknown = null;
      const fail = (error: unknown) => {
        failure ??= error;
        try {
          tx.abort();
        } catch {
          // already finishing: the abort handler reports the first failure
        }
      };
      const add = tx.objectStore('events').add(event);
      add.onerror = (ev) => {
        ev.preventDefault();
        fail(add.error?.name === 'ConstraintError' ? new ChainHeadMoved() : add.error);
      };
      raw.run(tx, event, fail);
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(failure ?? tx.error ?? new Error('the transaction was aborted'));
    });
    // Tell Dexie's live queries (in this window and the others) what changed, as Dexie itself does,
    // in a task of its own after the append's caller has been answered: the desk paints "ballot
    // issued" first, then the screens' live queries read again (issue 19: their re-reads started
    // here, before the answer, and the confirmation waited for them). A message, not a timer: a
    // window in the background is not held back a second.
    afterAnswer(() => this.notifyChanged(stores));
  }

  /** Dexie's live queries told that `stores` changed (everything in them). */
  private notifyChanged(stores: readonly string[]): void {
    const everything = () => new RangeSet(-Infinity, [[[]]]);
    const parts: Record<string, ReturnType<typeof everything>> = {};
    for (const name of stores) {
      const table = this.db.table(name);
      parts[`idb://${this.db.name}/${name}/`] = everything();
      for (const index of table.schema.indexes) parts[`idb://${this.db.name}/${name}/${index.name}`] = everything();
    }
    // This window first: Dexie's own path for a change made outside this Dexie instance, which also
    // drops the cached query results the change makes stale (firing alone would re-run the live
    // queries against the stale cache). Then the event itself, which Dexie broadcasts to the others.
    if (typeof dispatchEvent === 'function') dispatchEvent(new CustomEvent('x-storagemutated-1', { detail: parts }));
    Dexie.on.storagemutated.fire(parts);
  }

  /** All events in causal (hybrid logical clock) order. */
  async allEvents(): Promise<StoredEvent[]> {
    return this.db.events.orderBy('hlc').toArray();
  }

  /**
   * Training only: replaces the whole log (and the lists it points to) by an imported one, and
   * rebuilds the projections, in one transaction. This device's chain starts again after it.
   */
  async replaceLog(events: readonly StoredEvent[], blobs: readonly BlobRow[]): Promise<void> {
    const tables = [...new Set(['events', 'blobs', ...PROJECTORS.flatMap((p) => p.tables)])].map((name) => this.db.table(name));
    await this.db.transaction('rw', tables, async () => {
      for (const table of tables) await table.clear();
      await this.db.events.bulkAdd([...events]);
      await this.db.blobs.bulkPut(blobs.map(storedBlob));
      await this.rebuildProjections();
    });
    this.cachedHead = null;
  }

  /**
   * Restore from a verified backup: the whole local state (every table: log, lists, projections,
   * sync state, this device's id) is replaced in one transaction, so a failure leaves the old state
   * whole. `deviceId` is the identity the laptop continues as: the backup's own (its chain goes on)
   * or a fresh one (a new device holding the old log). The sync keys and enrolment are not restored:
   * the laptop enrols again.
   */
  async restoreAll(events: readonly StoredEvent[], blobs: readonly BlobRow[], deviceId: string): Promise<void> {
    const tables = this.db.tables;
    await this.db.transaction('rw', tables, async () => {
      for (const table of tables) await table.clear();
      await this.db.meta.put({ key: 'device', deviceId });
      await this.db.events.bulkAdd([...events]);
      await this.db.blobs.bulkPut(blobs.map(storedBlob));
      await this.rebuildProjections();
    });
    this.cachedHead = null;
  }

  /**
   * Merges events of the precinct's other laptops (already verified by the caller): stores the ones
   * not yet here and folds them into the projections, in one transaction, so a crash leaves either
   * both or neither. When every new event comes after everything known (the usual pull), they are
   * folded one by one in causal order; when one lands earlier (a laptop that was offline), the
   * projections are rebuilt from the log in causal order. Returns how many events were new.
   */
  async mergeEvents(events: readonly StoredEvent[]): Promise<{ added: number; rebuilt: boolean }> {
    if (events.length === 0) return { added: 0, rebuilt: false };
    const projectionTables = [...new Set(PROJECTORS.flatMap((p) => p.tables))].map((name) => this.db.table(name));
    return this.db.transaction('rw', [this.db.events, ...projectionTables], async (tx) => {
      const existing = await this.db.events.bulkGet(events.map((e) => [e.deviceId, e.seq]));
      const seen = new Set<string>();
      const fresh = events.filter((e, i) => {
        const key = `${e.deviceId}/${e.seq}`;
        if (existing[i] || seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (fresh.length === 0) return { added: 0, rebuilt: false };
      const last = await this.db.events.orderBy('hlc').last();
      // Our clock after seeing them (the tie-breaking id is replaced by ours when we tick from it).
      for (const e of fresh) {
        const seen = this.seenHlc ? decodeHlc(this.seenHlc) : null;
        this.seenHlc = maxHlc(this.seenHlc, encodeHlc(receiveHlc(seen, decodeHlc(e.hlc), this.now(), e.deviceId).hlc));
      }
      await this.db.events.bulkAdd(fresh);
      const ordered = [...fresh].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
      const first = ordered[0];
      if (!last || (first && first.hlc > last.hlc)) {
        const store = dexieProjectionStore(this.db);
        for (const event of ordered) {
          for (const projector of PROJECTORS) if (projector.handles.has(event.type)) await projector.apply(store, event);
        }
        return { added: fresh.length, rebuilt: false };
      }
      const all = await this.db.events.orderBy('hlc').toArray();
      for (const table of projectionTables) await table.clear();
      for (const projector of PROJECTORS) await projector.rebuild(this.db, all, tx);
      return { added: fresh.length, rebuilt: true };
    });
  }

  /** Throws away every projection and folds them again from the log. */
  async rebuildProjections(): Promise<void> {
    const tables = [...new Set(PROJECTORS.flatMap((p) => p.tables))].map((name) => this.db.table(name));
    await this.db.transaction('rw', [this.db.events, ...tables], async (tx) => {
      const events = await this.db.events.orderBy('hlc').toArray();
      for (const table of tables) await table.clear();
      for (const projector of PROJECTORS) await projector.rebuild(this.db, events, tx);
    });
  }
}


/** Runs `fn` in a task of its own, after the current task and its microtasks (a posted message: never throttled). */
function afterAnswer(fn: () => void): void {
  if (typeof MessageChannel === 'undefined') {
    setTimeout(fn, 0);
    return;
  }
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    fn();
  };
  channel.port2.postMessage(null);
}
