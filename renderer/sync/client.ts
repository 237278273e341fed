/**
 * The sync client: enrolment with the center, and pushing this laptop's events in signed batches
 * after the last acknowledged seq. Every answer is checked with the wire schemas; a refusal keeps
 * its code so the screen can say what happened and what to do. Nothing here ever changes the log.
 */
import { MAX_USB_BATCHES, USB_FILE_FORMAT, USB_FILE_VERSION, type UsbFile } from '../../shared/sync/usb-file';
import type { CheckedBundle } from '../../shared/election/bundle';
import { canonicalJson } from '../../shared/util/canonical-json';
import {
  importPublicKey,
  signedBundleSchema,
  verifySignedBundle,
  type SignedBundleProblem,
  DEVICE_AUTH_HEADER,
  pullResponseSchema,
  signDeviceRequest,
  enrolmentResponseSchema,
  exportPublicJwk,
  MAX_BATCH_EVENTS,
  pushAckSchema,
  signBatch,
  signEnrolment,
  syncErrorSchema,
  type SignedBatch,
  type SyncErrorCode,
  verifyPulledPage,
  type HeldChains,
  type PullRefusal,
  type PullResponse,
  keyThroughChain,
  type KeyEndorsement,
} from '../../shared/sync';
import type { StoredEvent } from '../../shared/events/envelope';
import { err, ok, type Result } from '../../shared/util/result';
import type { PrecinctDatabase, SyncRow } from '../db/schema';
import { centerFetch, CenterNotAllowed } from './center-fetch';
import { deviceKeys, enrolmentKeys } from './device-key';
import type { EventStore } from '../db/event-store';

export type SyncState = Extract<SyncRow, { key: 'state' }>;
export type Enrolment = Extract<SyncRow, { key: 'enrolment' }>;
type Keys = CryptoKeyPair;
type Requests = Extract<SyncRow, { key: 'requests' }>;
export type PulledRefusal = NonNullable<SyncState['refusedPulls']>[number];

/** A failure the screen can explain: one of the center's codes, or the network/ours. */
export type SyncProblemCode = SyncErrorCode | 'offline' | 'center-not-allowed' | 'bad-response' | 'not-enrolled' | 'training-refused' | 'pull-refused';

export class SyncProblem extends Error {
  constructor(
    readonly code: SyncProblemCode,
    readonly detail: { seq?: number; ackSeq?: number; retryAfter?: number } = {},
  ) {
    super(code);
  }
}

export function normalizeCenterUrl(input: string): string | null {
  try {
    const url = new URL(input.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** One request to the center (renderer/sync/center-fetch.ts); no answer → `offline`, a refused address → `center-not-allowed`. */
export async function reachCenter(url: string, init: Parameters<typeof centerFetch>[1] = {}): Promise<Response> {
  try {
    return await centerFetch(url, init);
  } catch (e) {
    throw new SyncProblem(e instanceof CenterNotAllowed ? 'center-not-allowed' : 'offline');
  }
}

async function post(url: string, body: unknown): Promise<unknown> {
  // Canonical JSON: the center checks the signature and hashes over exactly this text's order.
  const response = await reachCenter(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: canonicalJson(body) });
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new SyncProblem('bad-response');
  }
  if (!response.ok) {
    const e = syncErrorSchema.safeParse(json);
    if (!e.success) throw new SyncProblem('bad-response');
    throw new SyncProblem(e.data.error, { seq: e.data.seq, ackSeq: e.data.ackSeq, retryAfter: e.data.retryAfter });
  }
  return json;
}

export async function readSync(db: PrecinctDatabase): Promise<{ enrolment: Enrolment | null; state: SyncState | null }> {
  const [enrolment, state] = await db.sync.bulkGet(['enrolment', 'state']);
  return { enrolment: (enrolment as Enrolment | undefined) ?? null, state: (state as SyncState | undefined) ?? null };
}

/**
 * After a signature by `signerKeyId` verified through `chain` (a center key rotation, issue 20): the
 * laptop pins the key it reached, so an endorsement made by an older key (a retired key, perhaps
 * stolen) is never followed again. Moves only forward from the pin stored now (re-read in the
 * transaction): a stale caller or a concurrent one cannot move it back.
 */
export async function advanceCenterPin(db: PrecinctDatabase, signerKeyId: string, chain: readonly KeyEndorsement[] | undefined): Promise<void> {
  if (!chain || chain.length === 0) return;
  const { enrolment } = await readSync(db);
  if (!enrolment || enrolment.centerKey.keyId === signerKeyId) return;
  const key = await importPublicKey(enrolment.centerKey.publicKey);
  if (!key) return;
  const reached = await keyThroughChain({ keyId: enrolment.centerKey.keyId, key }, signerKeyId, chain);
  if (!reached.ok || !reached.value.publicJwk) return;
  const centerKey = { keyId: reached.value.keyId, publicKey: reached.value.publicJwk };
  await db.transaction('rw', db.sync, async () => {
    const now = (await db.sync.get('enrolment')) as Enrolment | undefined;
    if (now?.centerKey.keyId === enrolment.centerKey.keyId) await db.sync.put({ ...now, centerKey });
  });
}

/**
 * Training and the real election never meet: a training laptop talks only to a center started in
 * training mode, a real one only to a production center.
 */
const confirmedModes = new Map<string, boolean>();

export async function checkCenterMode(url: string, training: boolean): Promise<void> {
  // A center does not change its mode while it runs: ask once per window, not before every batch.
  if (confirmedModes.get(url) === training) return;
  const health = await reachCenter(`${url}/api/health`);
  let json: unknown;
  try {
    json = await health.json();
  } catch {
    throw new SyncProblem('offline');
  }
  const mode = (json as { mode?: unknown } | null)?.mode === 'training' ? 'training' : 'production';
  if ((mode === 'training') !== training) throw new SyncProblem('training-refused');
  confirmedModes.set(url, training);
}

/** Registers this laptop with the center using the precinct's one-time code. */
export async function enrol(store: EventStore, centerUrl: string, code: string, options: { training: boolean; label?: string }): Promise<Enrolment> {
  const url = normalizeCenterUrl(centerUrl);
  if (!url) throw new SyncProblem('malformed');
  const deviceId = await store.deviceId();
  const pair = await enrolmentKeys(store.db, deviceId);
  // The name the center shows for this laptop (the dashboard, incidents); the id otherwise.
  const label = options.label?.trim().slice(0, 80);
  const request = await signEnrolment({ code: code.trim(), deviceId, publicKey: await exportPublicJwk(pair.publicKey), ...(label ? { label } : {}) }, pair.privateKey);
  await checkCenterMode(url, options.training);
  const response = enrolmentResponseSchema.safeParse(await post(`${url}/api/enrol`, request));
  if (!response.success) throw new SyncProblem('bad-response');
  const r = response.data;
  const enrolment: Enrolment = { key: 'enrolment', centerUrl: url, deviceId, precinct: r.precinct, electionId: r.electionId, centerKey: r.centerKey, enrolledAt: r.enrolledAt };
  const state: SyncState = { key: 'state', ackSeq: r.ackSeq, lastSuccessAt: new Date().toISOString(), lastAttemptAt: new Date().toISOString(), lastError: null, pullCursor: '0' };
  await store.db.sync.bulkPut([enrolment, state]);
  return enrolment;
}

/** Events of this laptop the center does not hold yet. */
export async function waitingCount(db: PrecinctDatabase, deviceId: string, ackSeq: number): Promise<number> {
  return db.events.where('[deviceId+seq]').between([deviceId, ackSeq + 1], [deviceId, Number.MAX_SAFE_INTEGER], true, true).count();
}

async function saveState(db: PrecinctDatabase, change: Partial<Omit<SyncState, 'key'>>): Promise<void> {
  await db.transaction('rw', db.sync, async () => {
    const state = ((await db.sync.get('state')) as SyncState | undefined) ?? { key: 'state', ackSeq: 0, lastSuccessAt: null, lastAttemptAt: null, lastError: null, pullCursor: '0' };
    await db.sync.put({ ...state, ...change });
  });
}

/**
 * The events the center has not acknowledged, as a USB file of signed batches (shared/sync/usb-file):
 * the same batches a push would send, for a laptop without a network. Null when nothing waits.
 */
export async function exportWaiting(db: PrecinctDatabase): Promise<{ file: UsbFile; events: number } | null> {
  const { enrolment, state } = await readSync(db);
  const keys = (await deviceKeys(db)) ?? undefined;
  if (!enrolment || !state || !keys) throw new SyncProblem('not-enrolled');
  const batches: SignedBatch[] = [];
  let from = state.ackSeq + 1;
  let total = 0;
  for (;;) {
    const events = await db.events
      .where('[deviceId+seq]')
      .between([enrolment.deviceId, from], [enrolment.deviceId, Number.MAX_SAFE_INTEGER], true, true)
      .limit(MAX_BATCH_EVENTS)
      .toArray();
    if (events.length === 0 || batches.length >= MAX_USB_BATCHES) break;
    batches.push(await signBatch({ deviceId: enrolment.deviceId, precinct: enrolment.precinct, electionId: enrolment.electionId, fromSeq: from, events }, keys.privateKey));
    from += events.length;
    total += events.length;
  }
  if (batches.length === 0) return null;
  const file: UsbFile = {
    format: USB_FILE_FORMAT, formatVersion: USB_FILE_VERSION, exportedAt: new Date().toISOString(),
    deviceId: enrolment.deviceId, precinct: enrolment.precinct, electionId: enrolment.electionId, batches,
  };
  return { file, events: total };
}

/**
 * Pushes everything waiting, batch after batch. Returns how many events the center newly stored.
 * A refusal is recorded in the state (with its code) and thrown.
 */
export async function pushWaiting(db: PrecinctDatabase, options: { training: boolean }): Promise<number> {
  const { enrolment, state } = await readSync(db);
  const keys = (await deviceKeys(db)) ?? undefined;
  if (!enrolment || !state || !keys) throw new SyncProblem('not-enrolled');
  let ackSeq = state.ackSeq;
  let stored = 0;
  const now = () => new Date().toISOString();
  try {
    await checkCenterMode(enrolment.centerUrl, options.training);
    for (;;) {
      const events = await db.events
        .where('[deviceId+seq]')
        .between([enrolment.deviceId, ackSeq + 1], [enrolment.deviceId, Number.MAX_SAFE_INTEGER], true, true)
        .limit(MAX_BATCH_EVENTS)
        .toArray();
      if (events.length === 0) break;
      const batch = await signBatch({ deviceId: enrolment.deviceId, precinct: enrolment.precinct, electionId: enrolment.electionId, fromSeq: ackSeq + 1, events }, keys.privateKey);
      const ack = pushAckSchema.safeParse(await post(`${enrolment.centerUrl}/api/push`, batch));
      if (!ack.success) throw new SyncProblem('bad-response');
      if (ack.data.ackSeq < ackSeq + events.length) throw new SyncProblem('bad-response');
      ackSeq = ack.data.ackSeq;
      stored += ack.data.stored;
      await saveState(db, { ackSeq, lastSuccessAt: now(), lastAttemptAt: now(), lastError: null });
    }
    await saveState(db, { lastSuccessAt: now(), lastAttemptAt: now(), lastError: null });
    return stored;
  } catch (e) {
    const problem = e instanceof SyncProblem ? e : new SyncProblem('bad-response');
    // The center says where it is: resume from there next time (a response lost after it stored).
    const resume = problem.detail.ackSeq !== undefined && problem.code === 'seq-gap' ? { ackSeq: problem.detail.ackSeq } : {};
    await saveState(db, { ...resume, lastAttemptAt: now(), lastError: { code: problem.code, at: now(), ...(problem.detail.seq !== undefined ? { seq: problem.detail.seq } : {}) } });
    throw problem;
  }
}

/** A laptop whose clock is this far ahead of ours is flagged (its events are still taken). */
export const CLOCK_SKEW_FLAG_MS = 10 * 60_000;

/**
 * Pulls the other laptops' events of this precinct after the saved cursor, checks each one (the
 * envelope and its hash: the laptop trusts nothing it did not verify), stores them under their own
 * device and seq (a repeated pull changes nothing), and folds them into the projections in causal
 * (HLC) order (EventStore.mergeEvents). Returns how many events were new.
 */
export async function pullOthers(store: EventStore, options: { training: boolean }): Promise<number> {
  const db = store.db;
  const { enrolment, state } = await readSync(db);
  const keys = (await deviceKeys(db)) ?? undefined;
  if (!enrolment || !state || !keys) throw new SyncProblem('not-enrolled');
  try {
    return await pullPages(store, enrolment, state, keys, options);
  } catch (e) {
    const problem = e instanceof SyncProblem ? e : new SyncProblem('bad-response');
    const at = new Date().toISOString();
    await saveState(db, { lastAttemptAt: at, lastError: { code: problem.code, at } });
    throw problem;
  }
}

async function pullPages(store: EventStore, enrolment: Enrolment, state: SyncState, keys: Keys, options: { training: boolean }): Promise<number> {
  await checkCenterMode(enrolment.centerUrl, options.training);
  let cursor = state.pullCursor;
  let added = 0;
  for (let page = 0; page < 1000; page += 1) {
    const { response, json } = await signedGet(store.db, enrolment, keys, `/api/pull?after=${cursor}`);
    if (!response.ok) {
      const e = syncErrorSchema.safeParse(json);
      throw new SyncProblem(e.success ? e.data.error : 'bad-response');
    }
    const parsed = pullResponseSchema.safeParse(json);
    if (!parsed.success) throw new SyncProblem('bad-response');
    added += await acceptPulledPage(store, enrolment, parsed.data);
    cursor = parsed.data.cursor;
    if (!parsed.data.hasMore) break;
  }
  return added;
}

/** The next request counter (one higher than the last used, kept) and the center clock's offset. */
export async function nextRequestCounter(db: PrecinctDatabase): Promise<{ counter: number; clockOffsetMs: number }> {
  return db.transaction('rw', db.sync, async () => {
    const row = (await db.sync.get('requests')) as Requests | undefined;
    const next: Requests = { key: 'requests', counter: (row?.counter ?? 0) + 1, clockOffsetMs: row?.clockOffsetMs ?? 0 };
    await db.sync.put(next);
    return { counter: next.counter, clockOffsetMs: next.clockOffsetMs };
  });
}

/** Keeps what the center said: its highest counter seen (`auth-replayed`) or its clock (`auth-expired`). */
async function learnFromRefusal(db: PrecinctDatabase, change: { counterAtLeast?: number; clockOffsetMs?: number }): Promise<void> {
  await db.transaction('rw', db.sync, async () => {
    const row = ((await db.sync.get('requests')) as Requests | undefined) ?? { key: 'requests', counter: 0, clockOffsetMs: 0 };
    await db.sync.put({
      key: 'requests',
      counter: Math.max(row.counter, change.counterAtLeast ?? 0),
      clockOffsetMs: change.clockOffsetMs ?? row.clockOffsetMs,
    });
  });
}

/**
 * A GET signed by this laptop (pull, bundle): method, path, time on the center's clock as this
 * laptop knows it, and the next request counter. The center refuses a header it has seen (a
 * replay): its answer `auth-replayed` names the highest counter it took, so a laptop restored from
 * an older backup, or two requests that crossed, move past it and try once more; likewise an
 * `auth-expired` answer gives the center's time and the laptop corrects its clock offset (a laptop
 * abroad with a wrong clock still syncs). Throws `offline` when the center cannot be reached.
 */
export async function signedGet(db: PrecinctDatabase, enrolment: Enrolment, keys: Keys, path: string): Promise<{ response: Response; json: unknown }> {
  for (let attempt = 0; ; attempt += 1) {
    const { counter, clockOffsetMs } = await nextRequestCounter(db);
    const auth = await signDeviceRequest({ deviceId: enrolment.deviceId, method: 'GET', path, time: Math.max(0, Math.round(Date.now() + clockOffsetMs)), counter }, keys.privateKey);
    const sentAt = Date.now();
    // Never from a cache (center-fetch asks for no-store).
    const response = await reachCenter(`${enrolment.centerUrl}${path}`, { headers: { [DEVICE_AUTH_HEADER]: auth } });
    const json: unknown = await response.json().catch(() => null);
    if (response.status === 401 && attempt === 0) {
      const refusal = syncErrorSchema.safeParse(json);
      if (refusal.success && refusal.data.error === 'auth-replayed' && refusal.data.requestCounter !== undefined) {
        await learnFromRefusal(db, { counterAtLeast: refusal.data.requestCounter });
        continue;
      }
      if (refusal.success && refusal.data.error === 'auth-expired' && refusal.data.serverTime !== undefined) {
        // The center's clock at about the middle of the round trip.
        await learnFromRefusal(db, { clockOffsetMs: refusal.data.serverTime - (sentAt + Date.now()) / 2 });
        continue;
      }
    }
    return { response, json };
  }
}

/** The most refused pulls kept to show (the newest). */
export const MAX_REFUSED_PULLS = 20;

/**
 * One pulled page, verified whole before anything of it is stored (shared/sync/pull-verify): the
 * roster signed by the pinned center key, each batch signed by its rostered device, each chain
 * continuing what this laptop holds. A refused page stores nothing, leaves the cursor where it
 * was, is kept in the state as a refusal the sync screen shows (what and which laptop), and
 * throws `pull-refused`. Returns how many events were new.
 */
export async function acceptPulledPage(store: EventStore, enrolment: Enrolment, page: PullResponse): Promise<number> {
  const db = store.db;
  // The pin as stored now (an earlier page of this pull may have moved it forward).
  const pin = (await readSync(db)).enrolment?.centerKey ?? enrolment.centerKey;
  const key = await importPublicKey(pin.publicKey);
  const held: HeldChains = {
    head: async (deviceId) => {
      const last = await db.events.where('[deviceId+seq]').between([deviceId, 0], [deviceId, Number.MAX_SAFE_INTEGER], true, true).last();
      return last ? { seq: last.seq, hash: last.hash } : null;
    },
    hashAt: async (deviceId, seq) => (await db.events.get([deviceId, seq]))?.hash,
  };
  const verified: Result<StoredEvent[], PullRefusal> = key
    ? await verifyPulledPage(page, { ownDeviceId: enrolment.deviceId, electionId: enrolment.electionId, precinct: enrolment.precinct, centerKey: { keyId: pin.keyId, key } }, held)
    : err({ code: 'roster-wrong-key', deviceId: null });
  if (!verified.ok) {
    const at = new Date().toISOString();
    await db.transaction('rw', db.sync, async () => {
      const state = (await db.sync.get('state')) as SyncState | undefined;
      if (!state) return;
      const refusal: PulledRefusal = { ...verified.error, at };
      const earlier = (state.refusedPulls ?? []).filter((r) => !(r.code === refusal.code && r.deviceId === refusal.deviceId && r.seq === refusal.seq));
      await db.sync.put({ ...state, refusedPulls: [refusal, ...earlier].slice(0, MAX_REFUSED_PULLS) });
    });
    throw new SyncProblem('pull-refused', verified.error.seq !== undefined ? { seq: verified.error.seq } : {});
  }
  const skewed = new Set(((await db.sync.get('state')) as SyncState | undefined)?.skewedDevices ?? []);
  for (const event of verified.value) if (Date.parse(event.recordedAt) - Date.now() > CLOCK_SKEW_FLAG_MS) skewed.add(event.deviceId);
  // Stored and folded into the projections together (incrementally when they come after
  // everything known, else by a rebuild in causal order).
  const added = (await store.mergeEvents(verified.value)).added;
  await saveState(db, { pullCursor: page.cursor, skewedDevices: [...skewed] });
  await advanceCenterPin(db, page.roster.keyId, page.roster.keyChain);
  return added;
}

export type CenterBundleRefusal = { code: SyncProblemCode | SignedBundleProblem['code'] };
export type CenterBundleResult = Result<CheckedBundle, CenterBundleRefusal>;

/**
 * The center's current election bundle, verified with the center key pinned at enrolment before
 * anything of it is shown: wrong key, bad signature, a bundle that is not the one signed, or one
 * that fails the bundle checks is refused with its code.
 */
export async function fetchCenterBundle(db: PrecinctDatabase, options: { training: boolean }): Promise<CenterBundleResult> {
  const { enrolment } = await readSync(db);
  const keys = (await deviceKeys(db)) ?? undefined;
  if (!enrolment || !keys) return err({ code: 'not-enrolled' });
  try {
    await checkCenterMode(enrolment.centerUrl, options.training);
  } catch (e) {
    return err({ code: e instanceof SyncProblem ? e.code : 'bad-response' });
  }
  let answer: { response: Response; json: unknown };
  try {
    answer = await signedGet(db, enrolment, keys, '/api/bundle');
  } catch (e) {
    return err({ code: e instanceof SyncProblem ? e.code : 'bad-response' });
  }
  const { response, json } = answer;
  if (!response.ok) {
    const e = syncErrorSchema.safeParse(json);
    return err({ code: e.success ? e.data.error : 'bad-response' });
  }
  const signed = signedBundleSchema.safeParse(json);
  if (!signed.success) return err({ code: 'bad-response' });
  const key = await importPublicKey(enrolment.centerKey.publicKey);
  if (!key) return err({ code: 'wrong-key' });
  const verified = await verifySignedBundle(signed.data, { keyId: enrolment.centerKey.keyId, key });
  if (!verified.ok) return err({ code: verified.error.code });
  await advanceCenterPin(db, signed.data.keyId, signed.data.keyChain);
  return ok(verified.value);
}
