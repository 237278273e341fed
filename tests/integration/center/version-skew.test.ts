/**
 * Version skew, with the real center (PGlite and PostgreSQL) over HTTP: laptops are updated by USB
 * at different times, so a laptop a version ahead writes events whose payloads carry fields this
 * version does not know. The center and a laptop of this version take them whole — stored as they
 * came, their chain verified with those fields, counted in the figures — by push, by USB file and
 * by pull. Hostile input stays refused: a field added after the event was hashed, a field this
 * version knows with a wrong value, another election.
 */
import 'fake-indexeddb/auto';
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Center } from '../../../center/src/center';
import { syncStoreOf } from '../../../renderer/core/sync-store';
import { pullOthers, pushWaiting, type SyncState } from '../../../renderer/sync/client';
import { computeEventHash, verifyChains, type StoredEvent } from '../../../shared/events/envelope';
import type { EventPayload, EventType } from '../../../shared/events/catalog';
import { dashboardSchema } from '../../../shared/sync/dashboard';
import { syncErrorSchema } from '../../../shared/sync/errors';
import { USB_FILE_FORMAT, USB_FILE_VERSION } from '../../../shared/sync/usb-file';
import { canonicalJson } from '../../../shared/util/canonical-json';
import { adminHeaders, BACKENDS, ELECTION, enrolledDevice, storedEvents, type TestDevice } from './harness';
import { listeningCenter, type ListeningCenter } from './laptops';

const PRECINCT = 9043;
const LIST = 'a'.repeat(64);

/** An event of a kind this version does not know, as a newer version writes it (hashed, chained). */
async function newerKind(device: TestDevice, type: string, payload: Record<string, unknown>): Promise<StoredEvent> {
  const e = await device.append('CalendarItemMarked', { item: 1, done: true, note: '' });
  const unhashed = { ...e, type, payload, hash: undefined } as unknown as StoredEvent;
  delete (unhashed as Partial<StoredEvent>).hash;
  const event = { ...unhashed, hash: await computeEventHash(unhashed) } as StoredEvent;
  device.events[device.events.length - 1] = event;
  return event;
}

/**
 * A center of the version before this one, between the laptop and this center: it refuses a push
 * holding an event whose payload has a field it does not know as it did (`invalid-event` at
 * `payload`), and passes everything else on.
 */
async function olderCenter(target: string, refusal: Record<string, unknown> = { error: 'invalid-event', seq: 1, detail: 'payload' }): Promise<{ url: string; close: () => Promise<void> }> {
  const s = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        if (req.url === '/api/push') {
          res.writeHead(422, { 'content-type': 'application/json' });
          res.end(JSON.stringify(refusal));
          return;
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
        const answer = await fetch(`${target}${req.url ?? '/'}`, { method: req.method, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(await answer.text());
      })();
    });
  });
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, close: () => new Promise((r) => s.close(() => r())) };
}

/** An event as a newer version writes it: `extra` fields in its payload, hashed with them. */
function newer<T extends EventType>(device: TestDevice, type: T, payload: EventPayload<T>, extra: Record<string, unknown>): Promise<StoredEvent> {
  return device.append(type, { ...payload, ...extra } as EventPayload<T>);
}

describe.each(BACKENDS)('events of a newer version on $name', (backend) => {
  let listening: ListeningCenter;
  let center: Center;
  let app: FastifyInstance;
  beforeAll(async () => {
    listening = await listeningCenter(backend);
    ({ center, app } = listening);
  });
  afterAll(() => listening.close());

  const push = (device: TestDevice, from: number, to = device.events.length) => device.batch(from, to).then((payload) => app.inject({ method: 'POST', url: '/api/push', payload }));
  const refusal = (res: { statusCode: number; json: () => unknown }) => ({ status: res.statusCode, ...syncErrorSchema.parse(res.json()) });
  const ballotsOf = async (precinct: number) => {
    const res = await app.inject({ method: 'GET', url: '/api/admin/dashboard', headers: adminHeaders });
    return dashboardSchema.parse(res.json()).precincts.find((p) => p.number === precinct)?.ballotsIssued;
  };

  it('a push, a USB file and a pull take them whole: the new fields kept, the chain verified, the ballots counted', async () => {
    const ahead = await enrolledDevice(app, PRECINCT, 'newer');
    await newer(ahead, 'BallotIssued', { voterId: 'v-new-1', page: 1, row: 2, listHash: LIST }, { ballotSerial: 'A-0017', stamp: { by: 'm2', kind: 'seal' } });
    await newer(ahead, 'CalendarItemMarked', { item: 5, done: true, note: '' }, { attachment: 'photo-1.jpg' });
    expect((await push(ahead, 1)).json()).toEqual({ ackSeq: 2, stored: 2 });
    // Stored as written: the new fields are in the event the center keeps and serves.
    const stored = await storedEvents(center, ahead.deviceId);
    expect(stored.map((r) => r.hash)).toEqual(ahead.events.map((e) => e.hash));
    expect(JSON.parse(stored[0]!.body)).toMatchObject({ payload: { ballotSerial: 'A-0017', stamp: { by: 'm2', kind: 'seal' } } });
    expect(await ballotsOf(PRECINCT)).toBe(1);

    // The same laptop's next events by USB file, a new field nested in a known one.
    await newer(ahead, 'BallotIssued', { voterId: 'v-new-2', page: 1, row: 3, listHash: LIST, hoursException: { outside: 'after-closing', reason: 'The voter came at 20:01 by the chair’s decision', by: 'm1' } }, {});
    const deep = ahead.events[2]!;
    (deep.payload as { hoursException: Record<string, unknown> }).hoursException.witness = 'm3';
    const rehashed = { ...deep, hash: '' } as StoredEvent;
    rehashed.hash = await computeEventHash(rehashed);
    ahead.events[2] = rehashed;
    const file = {
      format: USB_FILE_FORMAT, formatVersion: USB_FILE_VERSION, exportedAt: '2017-10-16T02:00:00Z',
      deviceId: ahead.deviceId, precinct: PRECINCT, electionId: ahead.electionId, batches: [await ahead.batch(3, 3)],
    };
    const usb = await app.inject({ method: 'POST', url: '/api/admin/import-batch', headers: adminHeaders, payload: file });
    expect(usb.statusCode, usb.body).toBe(200);
    expect(usb.json()).toEqual({ ackSeq: 3, stored: 1, batches: 1 });
    expect(await ballotsOf(PRECINCT)).toBe(2);

    // A laptop of this version pulls them: kept whole, its log's chains verify, both voters marked.
    const { store, db } = await listening.laptop(listening.url, PRECINCT, 'older');
    expect(await pullOthers(syncStoreOf(store), { training: false })).toBe(3);
    const held = await db.events.where('deviceId').equals(ahead.deviceId).sortBy('seq');
    expect(held.map((e) => e.hash)).toEqual(ahead.events.map((e) => e.hash));
    expect(held[0]!.payload).toMatchObject({ ballotSerial: 'A-0017' });
    expect(held[2]!.payload).toMatchObject({ hoursException: { witness: 'm3' } });
    expect((await verifyChains(await db.events.toArray())).ok).toBe(true);
    expect(Boolean((await db.voterStatus.get('v-new-1'))?.issued)).toBe(true);
    expect(Boolean((await db.voterStatus.get('v-new-2'))?.issued)).toBe(true);
  });

  it('still refuses a field added after hashing, a known field with a wrong value, and another election', async () => {
    const forged = await enrolledDevice(app, PRECINCT, 'tampered');
    const e = await forged.append('BallotIssued', { voterId: 'v-t', page: 1, row: 4, listHash: LIST });
    (e.payload as Record<string, unknown>).ballotSerial = 'added later';
    expect(refusal(await push(forged, 1))).toMatchObject({ status: 422, error: 'hash-mismatch', seq: 1 });

    const wrong = await enrolledDevice(app, PRECINCT, 'wrong-value');
    await newer(wrong, 'BallotIssued', { voterId: 'v-w', page: 'one' as never, row: 4, listHash: LIST }, { ballotSerial: 'A-1' });
    expect(refusal(await push(wrong, 1))).toMatchObject({ status: 422, error: 'invalid-event', seq: 1, detail: 'payload' });

    const other = await enrolledDevice(app, PRECINCT, 'other-election');
    const ev = await newer(other, 'BallotIssued', { voterId: 'v-o', page: 1, row: 4, listHash: LIST }, { ballotSerial: 'A-2' });
    const moved = { ...ev, electionId: 'kg-parliament-2021', hash: '' } as StoredEvent;
    moved.hash = await computeEventHash(moved);
    other.events[0] = moved;
    expect(refusal(await push(other, 1))).toMatchObject({ status: 403, error: 'wrong-election', seq: 1 });
    expect(await storedEvents(center, forged.deviceId)).toEqual([]);
    expect(await storedEvents(center, wrong.deviceId)).toEqual([]);
    expect(await storedEvents(center, other.deviceId)).toEqual([]);
  });

  it('an event of a kind this center does not know is refused naming the kind, recorded for the operator; nothing is stored', async () => {
    const ahead = await enrolledDevice(app, PRECINCT, 'newer-kind');
    await ahead.append('CalendarItemMarked', { item: 2, done: true, note: '' });
    await newerKind(ahead, 'BallotSerialRecorded', { voterId: 'v-k', serial: 'A-0099' });
    const res = await push(ahead, 1);
    expect(refusal(res)).toEqual({ status: 422, error: 'newer-event', seq: 2, detail: 'BallotSerialRecorded' });
    expect(await storedEvents(center, ahead.deviceId)).toEqual([]);
    const found = (await center.listIncidents()).filter((i) => i.kind === 'push:newer-event' && i.deviceId === ahead.deviceId);
    expect(found).toEqual([expect.objectContaining({ precinct: PRECINCT, detail: expect.objectContaining({ seq: 2, type: 'BallotSerialRecorded' }) })]);
    // A kind that is no name at all stays a malformed event.
    const odd = await enrolledDevice(app, PRECINCT, 'odd-kind');
    await newerKind(odd, 'not a kind', {});
    expect(refusal(await push(odd, 1))).toMatchObject({ status: 422, error: 'invalid-event', seq: 1 });
  });

  it('a laptop pushing to a center of an older version, or made to push a kind the center does not know, is told so with its version; nothing is lost', async () => {
    const old = await olderCenter(listening.url);
    try {
      const { store, db } = await listening.laptop(old.url, PRECINCT, 'to-older');
      await store.append('CalendarItemMarked', { item: 3, done: true, note: '' }, { electionId: ELECTION, bundleHash: null, precinct: PRECINCT, actor: 'm1' });
      await expect(pushWaiting(syncStoreOf(store), { training: false })).rejects.toMatchObject({ code: 'center-older' });
      const state = (await db.sync.get('state')) as SyncState;
      expect(state.lastError).toMatchObject({ code: 'center-older', seq: 1 });
      expect(state.ackSeq).toBe(0);
    } finally {
      await old.close();
    }
    // This center, and a record of a kind it does not know in the laptop's log (a newer version's).
    const { store, db } = await listening.laptop(listening.url, PRECINCT, 'kind-ahead');
    await store.append('CalendarItemMarked', { item: 4, done: true, note: '' }, { electionId: ELECTION, bundleHash: null, precinct: PRECINCT, actor: 'm1' });
    const [first] = await db.events.toArray();
    const unhashed = { ...first!, id: crypto.randomUUID(), seq: 2, prevHash: first!.hash, type: 'BallotSerialRecorded', payload: { serial: 'A-1' } } as unknown as StoredEvent;
    delete (unhashed as Partial<StoredEvent>).hash;
    await db.events.add({ ...unhashed, hash: await computeEventHash(unhashed) } as StoredEvent);
    await expect(pushWaiting(syncStoreOf(store), { training: false })).rejects.toMatchObject({ code: 'newer-event' });
    const state = (await db.sync.get('state')) as SyncState;
    expect(state.lastError).toMatchObject({ code: 'newer-event', seq: 2, kind: 'BallotSerialRecorded' });
    expect(state.ackSeq).toBe(0);
  });

  it('a pulled event of a kind this laptop does not know (a newer center took it) refuses the page naming the laptop, nothing stored', async () => {
    const ahead = await enrolledDevice(app, PRECINCT, 'newer-center');
    await ahead.append('BallotIssued', { voterId: 'v-p', page: 1, row: 9, listHash: LIST });
    await newerKind(ahead, 'BallotSerialRecorded', { voterId: 'v-p', serial: 'A-0100' });
    // As a newer center stores them: the events and the laptop's signature over the batch.
    const batch = await ahead.batch(1, 2);
    for (const e of ahead.events) {
      await center.db.query(
        'insert into events (device_id, seq, election_id, precinct, event_id, hash, prev_hash, hlc, type, payload, body) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)',
        [ahead.deviceId, e.seq, ahead.electionId, PRECINCT, e.id, e.hash, e.prevHash, e.hlc, e.type, JSON.stringify(e.payload), canonicalJson(e)],
      );
    }
    await center.db.query('insert into batch_signatures (device_id, from_seq, to_seq, signature) values ($1, 1, 2, $2)', [ahead.deviceId, batch.signature]);
    await center.db.query('update device_cursors set ack_seq = 2, ack_hash = $2 where device_id = $1', [ahead.deviceId, ahead.events[1]!.hash]);
    const { store, db } = await listening.laptop(listening.url, PRECINCT, 'pulls-newer');
    await expect(pullOthers(syncStoreOf(store), { training: false })).rejects.toMatchObject({ code: 'pull-refused' });
    const state = (await db.sync.get('state')) as SyncState;
    expect(state.refusedPulls).toContainEqual(expect.objectContaining({ code: 'newer-event', deviceId: ahead.deviceId, seq: 2 }));
    expect(await db.events.where('deviceId').equals(ahead.deviceId).count()).toBe(0);
  });

  it('a refusal of a newer center — a code this laptop does not know, or a field it does not — is said as such, not as an answer that could not be read', async () => {
    const newer = await olderCenter(listening.url, { error: 'ballot-serial-required', seq: 1, detail: 'x', hint: 'newer field' });
    try {
      const { store, db } = await listening.laptop(newer.url, PRECINCT, 'to-newer');
      await store.append('CalendarItemMarked', { item: 6, done: true, note: '' }, { electionId: ELECTION, bundleHash: null, precinct: PRECINCT, actor: 'm1' });
      await expect(pushWaiting(syncStoreOf(store), { training: false })).rejects.toMatchObject({ code: 'center-newer' });
      expect(((await db.sync.get('state')) as SyncState).lastError).toMatchObject({ code: 'center-newer', kind: 'ballot-serial-required' });
    } finally {
      await newer.close();
    }
    const known = await olderCenter(listening.url, { error: 'rate-limited', retryAfter: 5, hint: 'newer field' });
    try {
      const { store } = await listening.laptop(known.url, PRECINCT, 'to-newer-known');
      await store.append('CalendarItemMarked', { item: 7, done: true, note: '' }, { electionId: ELECTION, bundleHash: null, precinct: PRECINCT, actor: 'm1' });
      await expect(pushWaiting(syncStoreOf(store), { training: false })).rejects.toMatchObject({ code: 'rate-limited', detail: { retryAfter: 5 } });
    } finally {
      await known.close();
    }
  });
});
