/**
 * The sync client: enrolment with the center, and pushing this laptop's events in signed batches
 * after the last acknowledged seq. Every answer is checked with the wire schemas; a refusal keeps
 * its code so the screen can say what happened and what to do. Nothing here ever changes the log.
 */
import { MAX_USB_BATCHES, USB_FILE_FORMAT, USB_FILE_VERSION, type UsbFile } from '../../shared/sync/usb-file';
import type { CheckedBundle } from '../../shared/election/bundle';
import { knownPart } from '../../shared/events/known-payload';
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
import { laptopsAhead, peersAgreedAt } from '../../shared/sync/laptop-clock';
import type { Enrolment, PulledRefusal, SyncState, SyncStore } from '../core/sync-store';
import { centerFetch, CenterNotAllowed } from './center-fetch';
import { deviceKeys, enrolmentKeys } from './device-key';

export type { Enrolment, PulledRefusal, SyncState, SyncStore };
type Keys = CryptoKeyPair;

/** A failure the screen can explain: one of the center's codes, or the network/ours. */
export type SyncProblemCode = SyncErrorCode | 'offline' | 'center-not-allowed' | 'bad-response' | 'not-enrolled' | 'training-refused' | 'pull-refused' | 'center-ahead' | 'center-older' | 'center-newer';

export class SyncProblem extends Error {
  constructor(
    readonly code: SyncProblemCode,
    /** `kind`: the kind of record a center too old for it named (`newer-event`), or the refusal code of a newer center (`center-newer`). */
    readonly detail: { seq?: number; ackSeq?: number; retryAfter?: number; kind?: string } = {},
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
  if (!response.ok) throw refusalOf(json);
  return json;
}

/**
 * The center's refusal as a problem the screen explains. A center of a newer version may answer
 * with fields (read past) or a code this version does not know: said as `center-newer`, naming the
 * code, not as an answer that could not be read.
 */
function refusalOf(json: unknown): SyncProblem {
  const e = knownPart(syncErrorSchema, json);
  if (e) {
    return new SyncProblem(olderCenter(e) ? 'center-older' : e.error, {
      seq: e.seq, ackSeq: e.ackSeq, retryAfter: e.retryAfter, ...(e.error === 'newer-event' && e.detail ? { kind: e.detail } : {}),
    });
  }
  const code = typeof json === 'object' && json !== null ? (json as { error?: unknown }).error : undefined;
  return typeof code === 'string' && /^[a-z][a-z0-9-]{0,59}$/u.test(code) ? new SyncProblem('center-newer', { kind: code }) : new SyncProblem('bad-response');
}

/**
 * A center of an older version (before it took fields it does not know, and named kinds it does
 * not know as `newer-event`) refuses this laptop's event as `invalid-event` at its `type` or its
 * `payload`: this laptop checked the event against its own catalogue before it was stored, so the
 * center's catalogue is the older one.
 */
function olderCenter(e: { error: string; detail?: string | undefined }): boolean {
  return e.error === 'invalid-event' && (e.detail === 'type' || e.detail === 'payload' || (e.detail?.startsWith('payload.') ?? false));
}

export function readSync(store: SyncStore): ReturnType<SyncStore['read']> {
  return store.read();
}

/**
 * After a signature by `signerKeyId` verified through `chain` (a center key rotation, issue 20): the
 * laptop pins the key it reached, so an endorsement made by an older key (a retired key, perhaps
 * stolen) is never followed again. Moves only forward from the pin stored now (re-read in the
 * transaction): a stale caller or a concurrent one cannot move it back.
 */
export async function advanceCenterPin(store: SyncStore, signerKeyId: string, chain: readonly KeyEndorsement[] | undefined): Promise<void> {
  if (!chain || chain.length === 0) return;
  const { enrolment } = await store.read();
  if (!enrolment || enrolment.centerKey.keyId === signerKeyId) return;
  const key = await importPublicKey(enrolment.centerKey.publicKey);
  if (!key) return;
  const reached = await keyThroughChain({ keyId: enrolment.centerKey.keyId, key }, signerKeyId, chain);
  if (!reached.ok || !reached.value.publicJwk) return;
  await store.movePin(enrolment.centerKey.keyId, { keyId: reached.value.keyId, publicKey: reached.value.publicJwk });
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
export async function enrol(store: SyncStore, centerUrl: string, code: string, options: { training: boolean; label?: string }): Promise<Enrolment> {
  const url = normalizeCenterUrl(centerUrl);
  if (!url) throw new SyncProblem('malformed');
  const deviceId = await store.deviceId();
  const pair = await enrolmentKeys(store, deviceId);
  // The name the center shows for this laptop (the dashboard, incidents); the id otherwise.
  const label = options.label?.trim().slice(0, 80);
  const request = await signEnrolment({ code: code.trim(), deviceId, publicKey: await exportPublicJwk(pair.publicKey), ...(label ? { label } : {}) }, pair.privateKey);
  await checkCenterMode(url, options.training);
  const response = enrolmentResponseSchema.safeParse(await post(`${url}/api/enrol`, request));
  if (!response.success) throw new SyncProblem('bad-response');
  const r = response.data;
  // The center holds more of this laptop's chain than the laptop: restored (as the same laptop) from a
  // backup older than what it had sent. Taking the center's ackSeq would pass over every event the
  // laptop records from here up to that seq ("everything is sent", never sent) and fork its chain.
  const held = await store.countAfter(deviceId, 0);
  if (r.ackSeq > held) throw new SyncProblem('center-ahead', { ackSeq: r.ackSeq, seq: held });
  const enrolment: Enrolment = { key: 'enrolment', centerUrl: url, deviceId, precinct: r.precinct, electionId: r.electionId, centerKey: r.centerKey, enrolledAt: r.enrolledAt };
  const state: SyncState = { key: 'state', ackSeq: r.ackSeq, lastSuccessAt: new Date().toISOString(), lastAttemptAt: new Date().toISOString(), lastError: null, pullCursor: '0' };
  await store.saveEnrolment(enrolment, state);
  return enrolment;
}

/** Events of this laptop the center does not hold yet. */
export function waitingCount(store: SyncStore, deviceId: string, ackSeq: number): Promise<number> {
  return store.countAfter(deviceId, ackSeq);
}

/**
 * The events the center has not acknowledged, as a USB file of signed batches (shared/sync/usb-file):
 * the same batches a push would send, for a laptop without a network. Null when nothing waits.
 */
export async function exportWaiting(store: SyncStore): Promise<{ file: UsbFile; events: number } | null> {
  const { enrolment, state } = await store.read();
  const keys = (await deviceKeys(store)) ?? undefined;
  if (!enrolment || !state || !keys) throw new SyncProblem('not-enrolled');
  const batches: SignedBatch[] = [];
  let from = state.ackSeq + 1;
  let total = 0;
  for (;;) {
    const events = await store.eventsFrom(enrolment.deviceId, from, MAX_BATCH_EVENTS);
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
export async function pushWaiting(store: SyncStore, options: { training: boolean }): Promise<number> {
  const { enrolment, state } = await store.read();
  const keys = (await deviceKeys(store)) ?? undefined;
  if (!enrolment || !state || !keys) throw new SyncProblem('not-enrolled');
  let ackSeq = state.ackSeq;
  let stored = 0;
  const now = () => new Date().toISOString();
  try {
    await checkCenterMode(enrolment.centerUrl, options.training);
    for (;;) {
      const events = await store.eventsFrom(enrolment.deviceId, ackSeq + 1, MAX_BATCH_EVENTS);
      if (events.length === 0) break;
      const batch = await signBatch({ deviceId: enrolment.deviceId, precinct: enrolment.precinct, electionId: enrolment.electionId, fromSeq: ackSeq + 1, events }, keys.privateKey);
      const ack = pushAckSchema.safeParse(await post(`${enrolment.centerUrl}/api/push`, batch));
      if (!ack.success) throw new SyncProblem('bad-response');
      if (ack.data.ackSeq < ackSeq + events.length) throw new SyncProblem('bad-response');
      ackSeq = ack.data.ackSeq;
      stored += ack.data.stored;
      await store.updateState({ ackSeq, lastSuccessAt: now(), lastAttemptAt: now(), lastError: null });
    }
    await store.updateState({ lastSuccessAt: now(), lastAttemptAt: now(), lastError: null });
    return stored;
  } catch (e) {
    const problem = e instanceof SyncProblem ? e : new SyncProblem('bad-response');
    // The center says where it is: resume from there next time (a response lost after it stored).
    const resume = problem.detail.ackSeq !== undefined && problem.code === 'seq-gap' ? { ackSeq: problem.detail.ackSeq } : {};
    await store.updateState({ ...resume, lastAttemptAt: now(), lastError: {
      code: problem.code, at: now(), ...(problem.detail.seq !== undefined ? { seq: problem.detail.seq } : {}), ...(problem.detail.kind !== undefined ? { kind: problem.detail.kind } : {}),
    } });
    throw problem;
  }
}

/**
 * Pulls the other laptops' events of this precinct after the saved cursor, checks each one (the
 * envelope and its hash: the laptop trusts nothing it did not verify), stores them under their own
 * device and seq (a repeated pull changes nothing), and folds them into the projections in causal
 * (HLC) order (EventStore.mergeEvents). Returns how many events were new.
 */
export async function pullOthers(store: SyncStore, options: { training: boolean }): Promise<number> {
  const { enrolment, state } = await store.read();
  const keys = (await deviceKeys(store)) ?? undefined;
  if (!enrolment || !state || !keys) throw new SyncProblem('not-enrolled');
  try {
    return await pullPages(store, enrolment, state, keys, options);
  } catch (e) {
    const problem = e instanceof SyncProblem ? e : new SyncProblem('bad-response');
    const at = new Date().toISOString();
    await store.updateState({ lastAttemptAt: at, lastError: { code: problem.code, at, ...(problem.detail.kind !== undefined ? { kind: problem.detail.kind } : {}) } });
    throw problem;
  }
}

async function pullPages(store: SyncStore, enrolment: Enrolment, state: SyncState, keys: Keys, options: { training: boolean }): Promise<number> {
  await checkCenterMode(enrolment.centerUrl, options.training);
  let cursor = state.pullCursor;
  let added = 0;
  for (let page = 0; page < 1000; page += 1) {
    const { response, json } = await signedGet(store, enrolment, keys, `/api/pull?after=${cursor}`);
    if (!response.ok) throw refusalOf(json);
    const parsed = pullResponseSchema.safeParse(json);
    if (!parsed.success) throw new SyncProblem('bad-response');
    // A page that says "more" must move the cursor on: a center (or anyone between) answering
    // "more" at the same place would keep this laptop asking until the page limit.
    if (parsed.data.hasMore && BigInt(parsed.data.cursor) <= BigInt(cursor)) throw new SyncProblem('bad-response');
    added += await acceptPulledPage(store, enrolment, parsed.data);
    cursor = parsed.data.cursor;
    if (!parsed.data.hasMore) break;
  }
  return added;
}

/**
 * The highest request counter a refusal may move this laptop to. The answer is not signed: a
 * counter near the largest number (from anyone between the laptop and the center) would leave no
 * counter to sign with, and the laptop could never pull again. A real center names one this laptop
 * signed: a count, or, from a laptop made before the counter, a request time in milliseconds — so
 * never past this laptop's counter or clock by much; a year's margin.
 */
function counterCeiling(counter: number): number {
  return Math.max(counter, Date.now()) + 366 * 86_400_000;
}

/**
 * A GET signed by this laptop (pull, bundle): method, path, time on the center's clock as this
 * laptop knows it, and the next request counter. The center refuses a header it has seen (a
 * replay): its answer `auth-replayed` names the highest counter it took, so a laptop restored from
 * an older backup, or two requests that crossed, move past it and try once more; likewise an
 * `auth-expired` answer gives the center's time and the laptop corrects its clock offset (a laptop
 * abroad with a wrong clock still syncs). Throws `offline` when the center cannot be reached.
 */
export async function signedGet(store: SyncStore, enrolment: Enrolment, keys: Keys, path: string): Promise<{ response: Response; json: unknown }> {
  for (let attempt = 0; ; attempt += 1) {
    const { counter, clockOffsetMs } = await store.nextRequestCounter();
    const auth = await signDeviceRequest({ deviceId: enrolment.deviceId, method: 'GET', path, time: Math.max(0, Math.round(Date.now() + clockOffsetMs)), counter }, keys.privateKey);
    const sentAt = Date.now();
    // Never from a cache (center-fetch asks for no-store).
    const response = await reachCenter(`${enrolment.centerUrl}${path}`, { headers: { [DEVICE_AUTH_HEADER]: auth } });
    const json: unknown = await response.json().catch(() => null);
    if (response.status === 401 && attempt === 0) {
      const refusal = syncErrorSchema.safeParse(json);
      if (refusal.success && refusal.data.error === 'auth-replayed' && refusal.data.requestCounter !== undefined && refusal.data.requestCounter <= counterCeiling(counter)) {
        await store.learnFromRefusal({ counterAtLeast: refusal.data.requestCounter });
        continue;
      }
      if (refusal.success && refusal.data.error === 'auth-expired' && refusal.data.serverTime !== undefined) {
        // The center's clock at about the middle of the round trip.
        await store.learnFromRefusal({ clockOffsetMs: refusal.data.serverTime - (sentAt + Date.now()) / 2 });
        continue;
      }
    }
    return { response, json };
  }
}

/**
 * One pulled page, verified whole before anything of it is stored (shared/sync/pull-verify): the
 * roster signed by the pinned center key, each batch signed by its rostered device, each chain
 * continuing what this laptop holds. A refused page stores nothing, leaves the cursor where it
 * was, is kept in the state as a refusal the sync screen shows (what and which laptop), and
 * throws `pull-refused`. Returns how many events were new.
 */
export async function acceptPulledPage(store: SyncStore, enrolment: Enrolment, page: PullResponse): Promise<number> {
  // The pin as stored now (an earlier page of this pull may have moved it forward).
  const pin = (await store.read()).enrolment?.centerKey ?? enrolment.centerKey;
  const key = await importPublicKey(pin.publicKey);
  const held: HeldChains = { head: (deviceId) => store.chainHead(deviceId), hashAt: (deviceId, seq) => store.hashAt(deviceId, seq) };
  const verified: Result<StoredEvent[], PullRefusal> = key
    ? await verifyPulledPage(page, { ownDeviceId: enrolment.deviceId, electionId: enrolment.electionId, precinct: enrolment.precinct, centerKey: { keyId: pin.keyId, key } }, held)
    : err({ code: 'roster-wrong-key', deviceId: null });
  if (!verified.ok) {
    await store.keepRefusedPull({ ...verified.error, at: new Date().toISOString() });
    throw new SyncProblem('pull-refused', verified.error.seq !== undefined ? { seq: verified.error.seq } : {});
  }
  const before = (await store.read()).state;
  const skewed = laptopsAhead(before?.skewedDevices ?? [], verified.value, Date.now());
  const agreed = peersAgreedAt(before?.peersAgreedAt ?? null, verified.value, enrolment.deviceId, Date.now());
  // Stored and folded into the projections together (incrementally when they come after
  // everything known, else by a rebuild in causal order).
  const added = (await store.mergeEvents(verified.value)).added;
  await store.updateState({ pullCursor: page.cursor, skewedDevices: skewed, peersAgreedAt: agreed });
  await advanceCenterPin(store, page.roster.keyId, page.roster.keyChain);
  return added;
}

export type CenterBundleRefusal = { code: SyncProblemCode | SignedBundleProblem['code'] };
export type CenterBundleResult = Result<CheckedBundle, CenterBundleRefusal>;

/**
 * The center's current election bundle, verified with the center key pinned at enrolment before
 * anything of it is shown: wrong key, bad signature, a bundle that is not the one signed, or one
 * that fails the bundle checks is refused with its code.
 */
export async function fetchCenterBundle(store: SyncStore, options: { training: boolean }): Promise<CenterBundleResult> {
  const { enrolment } = await store.read();
  const keys = (await deviceKeys(store)) ?? undefined;
  if (!enrolment || !keys) return err({ code: 'not-enrolled' });
  try {
    await checkCenterMode(enrolment.centerUrl, options.training);
  } catch (e) {
    return err({ code: e instanceof SyncProblem ? e.code : 'bad-response' });
  }
  let answer: { response: Response; json: unknown };
  try {
    answer = await signedGet(store, enrolment, keys, '/api/bundle');
  } catch (e) {
    return err({ code: e instanceof SyncProblem ? e.code : 'bad-response' });
  }
  const { response, json } = answer;
  if (!response.ok) return err({ code: refusalOf(json).code });
  const signed = signedBundleSchema.safeParse(json);
  if (!signed.success) return err({ code: 'bad-response' });
  const key = await importPublicKey(enrolment.centerKey.publicKey);
  if (!key) return err({ code: 'wrong-key' });
  const verified = await verifySignedBundle(signed.data, { keyId: enrolment.centerKey.keyId, key });
  if (!verified.ok) return err({ code: verified.error.code });
  await advanceCenterPin(store, signed.data.keyId, signed.data.keyChain);
  return ok(verified.value);
}
