/**
 * A training laptop in the trainer's room (shared/training/room): it sends its scenario's progress,
 * signed with its enrolment key, and pulls the trainer's command, acting only on one signed by the
 * center key pinned at enrolment (or one it endorsed after a rotation, which the laptop then pins:
 * advanceCenterPin). Only with a center in training mode (checkCenterMode).
 */
import { importPublicKey, syncErrorSchema } from '../../shared/sync';
import { canonicalJson } from '../../shared/util/canonical-json';
import { roomCommandResponseSchema, signRoomReport, verifyRoomCommand, ROOM_REPORT_FORMAT, type RoomCommandStatement, type RoomReportBody } from '../../shared/training/room';
import type { SyncStore } from '../core/sync-store';
import { advanceCenterPin, checkCenterMode, reachCenter, readSync, signedGet, SyncProblem } from './client';
import { deviceKeys } from './device-key';

async function enrolled(store: SyncStore) {
  const { enrolment } = await readSync(store);
  const keys = await deviceKeys(store);
  if (!enrolment || !keys) throw new SyncProblem('not-enrolled');
  await checkCenterMode(enrolment.centerUrl, true);
  return { enrolment, keys };
}

async function answer(response: Response): Promise<unknown> {
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const e = syncErrorSchema.safeParse(json);
    throw new SyncProblem(e.success ? e.data.error : 'bad-response');
  }
  return json;
}

/**
 * Sends this laptop's progress (what `body` says, signed now — on the center's clock as this laptop
 * knows it, as its signed GETs are). The center takes a report within ten minutes of its clock: a
 * laptop whose clock is further off is answered `auth-expired` with the center's time, learns the
 * offset and sends once more, instead of being refused every two seconds, unseen by the trainer.
 */
export async function sendRoomReport(store: SyncStore, body: Omit<RoomReportBody, 'format' | 'deviceId' | 'sentAt'>): Promise<void> {
  const { enrolment, keys } = await enrolled(store);
  for (let attempt = 0; ; attempt += 1) {
    const { clockOffsetMs } = await store.read();
    const report = await signRoomReport({ format: ROOM_REPORT_FORMAT, deviceId: enrolment.deviceId, sentAt: Math.max(0, Math.round(Date.now() + clockOffsetMs)), ...body }, keys.privateKey);
    const sentAt = Date.now();
    const response = await reachCenter(`${enrolment.centerUrl}/api/training/report`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: canonicalJson(report) });
    if (response.status === 401 && attempt === 0) {
      const refusal = syncErrorSchema.safeParse(await response.clone().json().catch(() => null));
      if (refusal.success && refusal.data.error === 'auth-expired' && refusal.data.serverTime !== undefined) {
        // The center's clock at about the middle of the round trip.
        await store.learnFromRefusal({ clockOffsetMs: refusal.data.serverTime - (sentAt + Date.now()) / 2 });
        continue;
      }
    }
    await answer(response);
    return;
  }
}

/** The trainer's current command, verified with the pinned center key (null when there is none). */
export async function fetchRoomCommand(store: SyncStore): Promise<RoomCommandStatement | null> {
  const { enrolment, keys } = await enrolled(store);
  // Signed as every GET of this laptop (its request counter, the center's clock offset).
  const { response, json } = await signedGet(store, enrolment, keys, '/api/training/command');
  if (!response.ok) {
    const e = syncErrorSchema.safeParse(json);
    throw new SyncProblem(e.success ? e.data.error : 'bad-response');
  }
  const parsed = roomCommandResponseSchema.safeParse(json);
  if (!parsed.success) throw new SyncProblem('bad-response');
  if (parsed.data.command === null) return null;
  const key = await importPublicKey(enrolment.centerKey.publicKey);
  if (!key) throw new SyncProblem('bad-signature');
  const verified = await verifyRoomCommand(parsed.data.command, { keyId: enrolment.centerKey.keyId, key });
  if (!verified.ok) throw new SyncProblem(verified.error === 'malformed' ? 'bad-response' : 'bad-signature');
  await advanceCenterPin(store, parsed.data.command.keyId, parsed.data.command.keyChain);
  return verified.value;
}

const ROOM_KEY = 'precinct-desk.training.room';

/** Whether this training laptop joined a trainer's room (it then reports instead of sending its log). */
export function roomJoined(): boolean {
  try {
    return localStorage.getItem(ROOM_KEY) === '1';
  } catch {
    return false;
  }
}

export function setRoomJoined(joined: boolean): void {
  if (joined) localStorage.setItem(ROOM_KEY, '1');
  else localStorage.removeItem(ROOM_KEY);
}
