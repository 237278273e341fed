/**
 * The core's door for renderer/sync (issue 14): every read and write the sync client makes of this
 * laptop's store — its enrolment and sync state, its request counter, its device key kept in
 * IndexedDB, the log's ranges it pushes, the chain heads it checks pulled pages against, and the
 * merge of what it pulled — is one named, typed call here. The sync client holds a SyncStore and
 * never the database: only the core (renderer/core, renderer/db) touches Dexie.
 */
import type { CenterKey } from '../../shared/sync/wire';
import type { StoredEvent } from '../../shared/events/envelope';
import type { EventStore } from '../db/event-store';
import type { SyncRow } from '../db/schema';

export type SyncState = Extract<SyncRow, { key: 'state' }>;
export type Enrolment = Extract<SyncRow, { key: 'enrolment' }>;
export type PulledRefusal = NonNullable<SyncState['refusedPulls']>[number];
type Requests = Extract<SyncRow, { key: 'requests' }>;
type KeysRow = Extract<SyncRow, { key: 'keys' }>;

/** The most refused pulls kept to show (the newest). */
const MAX_REFUSED_PULLS = 20;

const EMPTY_STATE: SyncState = { key: 'state', ackSeq: 0, lastSuccessAt: null, lastAttemptAt: null, lastError: null, pullCursor: '0' };

export interface SyncStore {
  /** This laptop's device id, made on first use. */
  deviceId(): Promise<string>;
  /** This laptop's device id if one was made, else null (nothing is made). */
  knownDeviceId(): Promise<string | null>;
  /** Enrolment and sync state (null before enrolment), and the center clock's offset learnt from its answers (center − laptop, ms; 0 until one was learnt). */
  read(): Promise<{ enrolment: Enrolment | null; state: SyncState | null; clockOffsetMs: number }>;
  /** Keeps a fresh enrolment with its first state. */
  saveEnrolment(enrolment: Enrolment, state: SyncState): Promise<void>;
  /** Changes the sync state (read and written in one transaction). */
  updateState(change: Partial<Omit<SyncState, 'key'>>): Promise<void>;
  /** Keeps a refused pulled page in the state (newest first, one per what/which laptop/seq, at most MAX_REFUSED_PULLS); nothing before enrolment. */
  keepRefusedPull(refusal: PulledRefusal): Promise<void>;
  /** Moves the pinned center key to `centerKey` only if the pin is still `fromKeyId` (never back). */
  movePin(fromKeyId: string, centerKey: CenterKey): Promise<void>;
  /** The next request counter (one higher than the last used, kept) and the center clock's offset. */
  nextRequestCounter(): Promise<{ counter: number; clockOffsetMs: number }>;
  /** Keeps what the center said: its highest counter seen, or its clock. */
  learnFromRefusal(change: { counterAtLeast?: number; clockOffsetMs?: number }): Promise<void>;
  /** How many events of `deviceId` lie after `ackSeq`. */
  countAfter(deviceId: string, ackSeq: number): Promise<number>;
  /** At most `limit` events of `deviceId` from `fromSeq` on, in seq order. */
  eventsFrom(deviceId: string, fromSeq: number, limit: number): Promise<StoredEvent[]>;
  /** The last event of `deviceId`'s chain held here, or null. */
  chainHead(deviceId: string): Promise<{ seq: number; hash: string } | null>;
  /** The hash of `deviceId`'s event `seq`, if held. */
  hashAt(deviceId: string, seq: number): Promise<string | undefined>;
  /** Stores pulled (verified) events and folds them into the projections. */
  mergeEvents(events: readonly StoredEvent[]): Promise<{ added: number }>;
  /** The device key pair kept in IndexedDB (laptops without an OS key store), or null. */
  storedKeys(): Promise<CryptoKeyPair | null>;
  /** Keeps `pair` in IndexedDB unless one is kept already (two windows keep one); answers the kept pair. */
  keepKeysOnce(pair: CryptoKeyPair): Promise<CryptoKeyPair>;
}

/** The sync store over an event store and its database (the window's: core/device's `windowSyncStore`; a test's own). */
export function syncStoreOf(store: EventStore): SyncStore {
  const db = store.db;
  const stateNow = async () => ((await db.sync.get('state')) as SyncState | undefined) ?? null;
  const storedKeys = async (): Promise<CryptoKeyPair | null> => {
    const row = (await db.sync.get('keys')) as KeysRow | undefined;
    return row ? { privateKey: row.privateKey, publicKey: row.publicKey } : null;
  };
  return {
    deviceId: () => store.deviceId(),
    knownDeviceId: async () => (await db.meta.get('device'))?.deviceId ?? null,
    async read() {
      const [enrolment, state, requests] = await db.sync.bulkGet(['enrolment', 'state', 'requests']);
      return { enrolment: (enrolment as Enrolment | undefined) ?? null, state: (state as SyncState | undefined) ?? null, clockOffsetMs: (requests as Requests | undefined)?.clockOffsetMs ?? 0 };
    },
    async saveEnrolment(enrolment, state) {
      await db.sync.bulkPut([enrolment, state]);
    },
    async updateState(change) {
      await db.transaction('rw', db.sync, async () => {
        await db.sync.put({ ...((await stateNow()) ?? EMPTY_STATE), ...change });
      });
    },
    async keepRefusedPull(refusal) {
      await db.transaction('rw', db.sync, async () => {
        const state = await stateNow();
        if (!state) return;
        const earlier = (state.refusedPulls ?? []).filter((r) => !(r.code === refusal.code && r.deviceId === refusal.deviceId && r.seq === refusal.seq));
        await db.sync.put({ ...state, refusedPulls: [refusal, ...earlier].slice(0, MAX_REFUSED_PULLS) });
      });
    },
    async movePin(fromKeyId, centerKey) {
      await db.transaction('rw', db.sync, async () => {
        const now = (await db.sync.get('enrolment')) as Enrolment | undefined;
        if (now?.centerKey.keyId === fromKeyId) await db.sync.put({ ...now, centerKey });
      });
    },
    nextRequestCounter() {
      return db.transaction('rw', db.sync, async () => {
        const row = (await db.sync.get('requests')) as Requests | undefined;
        const next: Requests = { key: 'requests', counter: (row?.counter ?? 0) + 1, clockOffsetMs: row?.clockOffsetMs ?? 0 };
        await db.sync.put(next);
        return { counter: next.counter, clockOffsetMs: next.clockOffsetMs };
      });
    },
    async learnFromRefusal(change) {
      await db.transaction('rw', db.sync, async () => {
        const row = ((await db.sync.get('requests')) as Requests | undefined) ?? { key: 'requests', counter: 0, clockOffsetMs: 0 };
        await db.sync.put({ key: 'requests', counter: Math.max(row.counter, change.counterAtLeast ?? 0), clockOffsetMs: change.clockOffsetMs ?? row.clockOffsetMs });
      });
    },
    countAfter: (deviceId, ackSeq) => db.events.where('[deviceId+seq]').between([deviceId, ackSeq + 1], [deviceId, Number.MAX_SAFE_INTEGER], true, true).count(),
    eventsFrom: (deviceId, fromSeq, limit) => db.events.where('[deviceId+seq]').between([deviceId, fromSeq], [deviceId, Number.MAX_SAFE_INTEGER], true, true).limit(limit).toArray(),
    async chainHead(deviceId) {
      const last = await db.events.where('[deviceId+seq]').between([deviceId, 0], [deviceId, Number.MAX_SAFE_INTEGER], true, true).last();
      return last ? { seq: last.seq, hash: last.hash } : null;
    },
    hashAt: async (deviceId, seq) => (await db.events.get([deviceId, seq]))?.hash,
    mergeEvents: (events) => store.mergeEvents(events),
    storedKeys,
    async keepKeysOnce(pair) {
      await db.transaction('rw', db.sync, async () => {
        if (!(await db.sync.get('keys'))) await db.sync.put({ key: 'keys', privateKey: pair.privateKey, publicKey: pair.publicKey });
      });
      const kept = await storedKeys();
      if (!kept) throw new Error('the laptop key pair was not kept');
      return kept;
    },
  };
}
