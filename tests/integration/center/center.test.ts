/** The center end to end over HTTP (Fastify inject), once on PGlite and once on PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { canonicalJson } from '../../../shared/util/canonical-json';
import type { Dashboard } from '../../../shared/sync/dashboard';
import { computeEventHash, eventEnvelopeSchema, type StoredEvent } from '../../../shared/events/envelope';
import {
  centerKeySchema,
  enrolmentResponseSchema,
  importPublicKey,
  pullResponseSchema,
  pushAckSchema,
  signBatch,
  signedBundleSchema,
  syncErrorSchema,
  verifySignedBundle,
  type SignedBatch,
} from '../../../shared/sync/index';
import type { Center } from '../../../center/src/center';
import { readUsbFile, USB_FILE_FORMAT, USB_FILE_VERSION } from '../../../shared/sync/usb-file';
import { loadMigrations, migrate } from '../../../center/src/db/migrate';
import { openPg } from '../../../center/src/db/pg';
import { openCenter } from '../../../center/src/open-center';
import {
  adminHeaders,
  BACKENDS,
  countEvents,
  enrolledDevice,
  freshPgDatabase,
  issueCode,
  PG_AVAILABLE,
  server,
  storedEvents,
  testBundle,
  TestDevice,
} from './harness';

describe.each(BACKENDS)('center on $name', (backend) => {
  let center: Center;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await backend.open();
    center = opened.center;
    cleanup = opened.cleanup;
    app = server(center);
    const res = await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: await testBundle() });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await cleanup();
  });

  const push = async (batch: unknown) => app.inject({ method: 'POST', url: '/api/push', payload: batch as object });
  const errorOf = (res: { statusCode: number; json: () => unknown }) => {
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    return syncErrorSchema.parse(res.json()).error;
  };

  describe('origins and modes', () => {
    it('device routes answer any origin (trust is in signatures); admin routes do not', async () => {
      const pre = await app.inject({ method: 'OPTIONS', url: '/api/push', headers: { origin: 'app://precinct-desk', 'access-control-request-method': 'POST' } });
      expect(pre.statusCode).toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBe('*');
      expect(String(pre.headers['access-control-allow-headers'])).toContain('x-device-auth');
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.headers['access-control-allow-origin']).toBe('*');
      expect(health.json()).toMatchObject({ ok: true, mode: 'production' });
      const adminRes = await app.inject({ method: 'GET', url: '/api/admin/precincts', headers: adminHeaders });
      expect(adminRes.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('enrolment', () => {
    it('registers the key for the code’s precinct once; a retry by the same laptop gets the same answer', async () => {
      const device = await TestDevice.create(9019);
      const code = await issueCode(app, 9019);
      const request = await device.enrolRequest(code);
      const res = await app.inject({ method: 'POST', url: '/api/enrol', payload: request });
      expect(res.statusCode, res.body).toBe(200);
      const body = enrolmentResponseSchema.parse(res.json());
      expect(body).toMatchObject({ deviceId: device.deviceId, precinct: 9019, electionId: 'demo-kg-president-2017', ackSeq: 0 });
      expect(centerKeySchema.parse(body.centerKey).keyId).toBe(center.signingKey.keyId);
      const again = await app.inject({ method: 'POST', url: '/api/enrol', payload: request });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(res.json());
    });

    it('refuses a wrong code, a used code, an expired code and a second enrolment of one device id', async () => {
      const device = await TestDevice.create(9001);
      expect(errorOf(await app.inject({ method: 'POST', url: '/api/enrol', payload: await device.enrolRequest('AAAA-BBBB-CCCC') }))).toBe('enrolment-code-invalid');

      const code = await issueCode(app, 9001);
      expect((await app.inject({ method: 'POST', url: '/api/enrol', payload: await device.enrolRequest(code.toLowerCase().replace(/-/gu, ' ')) })).statusCode).toBe(200);
      const other = await TestDevice.create(9001);
      expect(errorOf(await app.inject({ method: 'POST', url: '/api/enrol', payload: await other.enrolRequest(code) }))).toBe('enrolment-code-used');

      const expired = await issueCode(app, 9001, { ttlHours: 0.01 });
      const past = await center.db.query<{ n: number }>("update enrolment_codes set expires_at = now() - interval '1 minute' where used_at is null and expires_at < now() + interval '1 hour' returning 1 as n");
      expect(past.length).toBeGreaterThan(0);
      expect(errorOf(await app.inject({ method: 'POST', url: '/api/enrol', payload: await other.enrolRequest(expired) }))).toBe('enrolment-code-expired');

      const fresh = await issueCode(app, 9002);
      expect(errorOf(await app.inject({ method: 'POST', url: '/api/enrol', payload: await device.enrolRequest(fresh) }))).toBe('device-already-enrolled');
    });

    it('refuses a request not signed by the key it registers, and keeps the code unused', async () => {
      const device = await TestDevice.create(9003);
      const thief = await TestDevice.create(9003);
      const code = await issueCode(app, 9003);
      const forged = { ...(await thief.enrolRequest(code)), deviceId: device.deviceId };
      expect(errorOf(await app.inject({ method: 'POST', url: '/api/enrol', payload: forged }))).toBe('bad-signature');
      expect((await app.inject({ method: 'POST', url: '/api/enrol', payload: await device.enrolRequest(code) })).statusCode).toBe(200);
    });

    it('only lets the admin issue codes', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/admin/enrolment-codes', payload: { precinct: 9001 } });
      expect(errorOf(res)).toBe('unauthorized');
      const wrong = await app.inject({ method: 'POST', url: '/api/admin/enrolment-codes', headers: { authorization: 'Bearer nope' }, payload: { precinct: 9001 } });
      expect(errorOf(wrong)).toBe('unauthorized');
      const unknown = await app.inject({ method: 'POST', url: '/api/admin/enrolment-codes', headers: adminHeaders, payload: { precinct: 1234 } });
      expect(errorOf(unknown)).toBe('not-found');
    });
  });

  describe('push', () => {
    it('takes a batch sent as canonical text (the laptop’s way) and one in any key order alike; a tampered text is refused', async () => {
      const device = await enrolledDevice(app, 9019);
      await device.appendMarks(2);
      await device.append('BallotIssued', { voterId: 'v-ң', page: 1, row: 1, listHash: 'b'.repeat(64) });
      const canonical = await app.inject({ method: 'POST', url: '/api/push', headers: { 'content-type': 'application/json' }, payload: canonicalJson(await device.batch(1, 2)) });
      expect(canonical.json()).toEqual({ ackSeq: 2, stored: 2 });
      // Keys reversed at every level: the center re-encodes, the signature and hashes still hold.
      const reverse = (v: unknown): unknown =>
        Array.isArray(v) ? v.map(reverse) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverse(x)])) : v;
      const shuffled = JSON.stringify(reverse(await device.batch(3, 3)));
      expect(shuffled.startsWith('{"signature"')).toBe(true);
      expect((await app.inject({ method: 'POST', url: '/api/push', headers: { 'content-type': 'application/json' }, payload: shuffled })).json()).toEqual({ ackSeq: 3, stored: 1 });
      const rows = await storedEvents(center, device.deviceId);
      expect(rows.map((r) => r.body)).toEqual(device.events.map((e) => canonicalJson(e)));
      // A canonical text changed after signing fails the signature, on the fast path too.
      await device.appendMarks(1);
      const tampered = canonicalJson(await device.batch(4, 4)).replace('"done":true', '"done":false');
      expect(errorOf(await app.inject({ method: 'POST', url: '/api/push', headers: { 'content-type': 'application/json' }, payload: tampered }))).toBe('bad-signature');
      expect((await storedEvents(center, device.deviceId)).length).toBe(3);
    });

    it('stores a signed batch, acknowledges it, and a retry returns the same ack without duplicates', async () => {
      const device = await enrolledDevice(app, 9019);
      await device.appendMarks(5);
      const batch = await device.batch(1, 5);
      const first = await push(batch);
      expect(first.statusCode, first.body).toBe(200);
      expect(pushAckSchema.parse(first.json())).toEqual({ ackSeq: 5, stored: 5 });
      const retry = await push(batch);
      expect(retry.json()).toEqual({ ackSeq: 5, stored: 0 });
      const rows = await storedEvents(center, device.deviceId);
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
      // Stored exactly as signed: the body is the canonical JSON of the event and re-hashes.
      for (const [i, r] of rows.entries()) {
        expect(r.body).toBe(canonicalJson(device.events[i]));
        expect(await computeEventHash(JSON.parse(r.body) as StoredEvent)).toBe(r.hash);
      }
      // A later batch that overlaps the stored ones (a lost ack) stores only the new part.
      await device.appendMarks(3);
      expect((await push(await device.batch(4, 8))).json()).toEqual({ ackSeq: 8, stored: 3 });
      // The same batch carried on a USB stick and imported by the admin: same checks, same ack.
      await device.appendMarks(1);
      const usb = await device.batch(9, 9);
      expect(errorOf(await app.inject({ method: 'POST', url: '/api/admin/import-batch', payload: usb }))).toBe('unauthorized');
      expect((await app.inject({ method: 'POST', url: '/api/admin/import-batch', headers: adminHeaders, payload: usb })).json()).toEqual({ ackSeq: 9, stored: 1 });
      expect((await push(usb)).json()).toEqual({ ackSeq: 9, stored: 0 });
      // An empty batch tells the device where the center stands.
      expect((await push(await device.batch(10, 9))).json()).toEqual({ ackSeq: 9, stored: 0 });
    });

    it('imports a USB file of several batches with the checks of a push: a tampered file stores nothing, the good one once', async () => {
      const device = await enrolledDevice(app, 9024);
      await device.appendMarks(8);
      const batches = [await device.batch(1, 5), await device.batch(6, 8)];
      const file = {
        format: USB_FILE_FORMAT, formatVersion: USB_FILE_VERSION, exportedAt: '2017-10-16T02:00:00Z',
        deviceId: device.deviceId, precinct: 9024, electionId: batches[0]!.electionId, batches,
      };
      const importFile = (body: object) => app.inject({ method: 'POST', url: '/api/admin/import-batch', headers: adminHeaders, payload: body });
      // One event of the second batch changed on the stick: its signature fails, and not even batch 1 is stored.
      const tampered = JSON.parse(JSON.stringify(file)) as typeof file;
      (tampered.batches[1]!.events[0] as { payload: { note: string } }).payload.note = 'changed';
      const refused = await importFile(tampered);
      expect(refused.json()).toMatchObject({ error: 'bad-signature', detail: 'batch 2 of 2' });
      expect(await storedEvents(center, device.deviceId)).toEqual([]);
      // The tampered file is an incident of the laptop it names: one, however often it is tried.
      expect((await importFile(tampered)).statusCode).toBe(401);
      const usbIncidents = (await center.listIncidents()).filter((x) => x.kind === 'usb:bad-signature' && x.deviceId === device.deviceId);
      expect(usbIncidents).toHaveLength(1);
      expect(usbIncidents[0]).toMatchObject({ precinct: 9024, repeats: 2, detail: { batch: 2, batches: 2, fromSeq: 6, events: 3 } });
      expect(errorOf(await importFile({ ...file, formatVersion: 9 }))).toBe('malformed');
      expect(errorOf(await importFile({ ...file, batches: [batches[1]!, batches[0]!] }))).toBe('seq-gap');
      expect(await storedEvents(center, device.deviceId)).toEqual([]);
      expect((await importFile(file)).json()).toEqual({ ackSeq: 8, stored: 8, batches: 2 });
      expect((await importFile(file)).json()).toEqual({ ackSeq: 8, stored: 0, batches: 2 });
      expect((await storedEvents(center, device.deviceId)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(readUsbFile(file)).toMatchObject({ ok: true });
      expect(readUsbFile({ ...file, batches: [{ ...batches[0]!, deviceId: 'other' }] })).toEqual({ ok: false, error: 'mixed-devices' });
      expect(readUsbFile(batches[0])).toEqual({ ok: true, value: { batches: [batches[0]], header: null } });
    });

    it('records a double issuance on two laptops of a precinct as an incident at the center, once; an undo in between is not one', async () => {
      const a = await enrolledDevice(app, 9027, 'desk-a');
      const b = await enrolledDevice(app, 9027, 'desk-b');
      const listHash = 'c'.repeat(64);
      const issue = (d: TestDevice, voterId: string) => d.append('BallotIssued', { voterId, page: 1, row: 1, listHash });
      const first = await issue(a, 'voter_1');
      const wrong = await issue(a, 'voter-2');
      await a.append('BallotIssueUndone', { voterId: 'voter-2', undoes: wrong.id, reason: 'тест: жаңылыш берилди' });
      await issue(b, 'voter_1');
      await issue(b, 'voter-2');
      expect((await push(await a.batch(1, 3))).statusCode).toBe(200);
      expect((await push(await b.batch(1, 2))).statusCode).toBe(200);
      const incidents = async () =>
        ((await app.inject({ method: 'GET', url: '/api/admin/incidents', headers: adminHeaders })).json() as { incidents: { kind: string; precinct: number | null; detail: unknown }[] }).incidents
          .filter((i) => i.kind === 'double-issue' && i.precinct === 9027);
      const found = await incidents();
      expect(found).toHaveLength(1);
      expect(found[0]?.detail).toEqual({ voterId: 'voter_1', devices: [a.deviceId, b.deviceId].sort() });
      // A third laptop issuing again does not add a second incident for the same voter.
      const c = await enrolledDevice(app, 9027, 'desk-c');
      await issue(c, 'voter_1');
      expect((await push(await c.batch(1, 1))).statusCode).toBe(200);
      expect(await incidents()).toHaveLength(1);
      expect(first.type).toBe('BallotIssued');

      // The commission's resolution, recorded on laptop b, closes the center's incident.
      const dashboard = async () => (await app.inject({ method: 'GET', url: '/api/admin/dashboard', headers: adminHeaders })).json() as Dashboard;
      const row = async () => (await dashboard()).precincts.find((p) => p.number === 9027);
      expect(await row()).toMatchObject({ incidents: 1, incidentsResolved: 0 });
      await b.append('IncidentResolved', { incident: `double-issue:voter_1:${b.events[0]!.id}`, resolution: 'Экинчи бюллетень акт менен жокко чыгарылды.' });
      // Another voter's resolution (no such incident at the center) changes nothing.
      await b.append('IncidentResolved', { incident: `double-issue:voter_9:${b.events[1]!.id}`, resolution: 'Башка шайлоочу, тест.' });
      expect((await push(await b.batch(3, 4))).statusCode).toBe(200);
      const closed = await incidents();
      expect(closed).toHaveLength(1);
      expect(closed[0]).toMatchObject({ resolution: { text: 'Экинчи бюллетень акт менен жокко чыгарылды.', by: b.deviceId, at: b.events[2]!.recordedAt } });
      expect(await row()).toMatchObject({ incidents: 0, incidentsResolved: 1 });
      const listed = (await dashboard()).incidents.filter((i) => i.precinct === 9027);
      expect(listed).toEqual([
        expect.objectContaining({ kind: 'double-issue', voterId: 'voter_1', devices: [a.deviceId, b.deviceId].sort(), resolution: expect.objectContaining({ by: b.deviceId }) }),
      ]);
    });

    it('a resolution that reached the center before the second issue closes the incident as it is raised', async () => {
      const a = await enrolledDevice(app, 9028, 'desk-a');
      const b = await enrolledDevice(app, 9028, 'desk-b');
      const listHash = 'c'.repeat(64);
      await a.append('BallotIssued', { voterId: 'voter-7', page: 1, row: 7, listHash });
      const second = await b.append('BallotIssued', { voterId: 'voter-7', page: 1, row: 7, listHash });
      // Laptop a learnt of b's issue (say, by a file) and resolved it before b's events reached the center.
      await a.append('IncidentResolved', { incident: `double-issue:voter-7:${second.id}`, resolution: 'Комиссия чечти: экинчи бюллетень жокко чыгарылды.' });
      expect((await push(await a.batch(1, 2))).statusCode).toBe(200);
      expect((await push(await b.batch(1, 1))).statusCode).toBe(200);
      const found = ((await app.inject({ method: 'GET', url: '/api/admin/incidents', headers: adminHeaders })).json() as { incidents: { kind: string; precinct: number | null; resolution: unknown }[] }).incidents
        .filter((i) => i.kind === 'double-issue' && i.precinct === 9028);
      expect(found).toEqual([expect.objectContaining({ resolution: expect.objectContaining({ text: 'Комиссия чечти: экинчи бюллетень жокко чыгарылды.', by: a.deviceId }) })]);
    });

    it('records a voter who voted outside the premises on one laptop and in the room on another as an incident, once, closed by the laptop\'s resolution', async () => {
      const a = await enrolledDevice(app, 9046, 'team-laptop');
      const b = await enrolledDevice(app, 9046, 'desk-b');
      const listHash = 'c'.repeat(64);
      await a.append('OutOfPremisesApplicationRegistered', { number: 1, voterId: 'voter-5', listHash, page: 1, row: 5, receivedAt: '2017-10-12T10:00:00+03:00', receivedBy: 'm-sec', address: 'Арбат 1', reason: 'illness', reasonText: '', note: '' });
      await a.append('MobileTeamsDrawn', { drawnAt: '2017-10-13T15:00:00Z', boxes: [{ box: 1, seal: 'S-1' }], teams: [{ team: 1, memberIds: ['m-3', 'm-4'], operatorName: 'Оператор', boxes: [1] }] });
      await a.append('MobileBallotsHanded', { team: 1, count: 5, handedAt: '2017-10-14T07:30:00+03:00', handedBy: 'm-sec', receivedBy: 'm-3' });
      await a.append('MobileTeamDeparted', { team: 1, departedAt: '2017-10-14T07:45:00+03:00' });
      await a.append('MobileVisitRecorded', { team: 1, number: 1, voterId: 'voter-5', visitedAt: '2017-10-14T10:00:00+03:00', outcome: 'voted', outcomeText: '', ballotsIssued: 1, ballotsSpoiled: 0, box: 1 });
      // Another voter only visited (not at home) and issued in the room: no incident.
      await a.append('MobileVisitRecorded', { team: 1, number: 1, voterId: 'voter-6', visitedAt: '2017-10-14T10:30:00+03:00', outcome: 'not-at-home', outcomeText: '', ballotsIssued: 0, ballotsSpoiled: 0, box: null });
      const issue = await b.append('BallotIssued', { voterId: 'voter-5', page: 1, row: 5, listHash });
      await b.append('BallotIssued', { voterId: 'voter-6', page: 1, row: 6, listHash });
      expect((await push(await b.batch(1, 2))).statusCode).toBe(200);
      expect((await push(await a.batch(1, 6))).statusCode).toBe(200);
      const incidents = async () =>
        ((await app.inject({ method: 'GET', url: '/api/admin/incidents', headers: adminHeaders })).json() as { incidents: { kind: string; precinct: number | null; detail: unknown; resolution: unknown }[] }).incidents
          .filter((i) => i.precinct === 9046 && i.kind === 'outside-and-room');
      const found = await incidents();
      expect(found).toEqual([expect.objectContaining({ kind: 'outside-and-room', detail: { voterId: 'voter-5', devices: [a.deviceId, b.deviceId].sort() }, resolution: null })]);
      // A later push of the desk (another room issue to someone else) adds nothing.
      await b.append('BallotIssued', { voterId: 'voter-8', page: 1, row: 8, listHash });
      expect((await push(await b.batch(3, 3))).statusCode).toBe(200);
      expect(await incidents()).toHaveLength(1);
      await a.append('IncidentResolved', { incident: `outside-and-room:voter-5:${issue.id}`, resolution: 'Комиссия: бөлмөдөгү бюллетень акт менен жокко чыгарылды.' });
      expect((await push(await a.batch(7, 7))).statusCode).toBe(200);
      expect(await incidents()).toEqual([expect.objectContaining({ kind: 'outside-and-room', resolution: expect.objectContaining({ text: 'Комиссия: бөлмөдөгү бюллетень акт менен жокко чыгарылды.', by: a.deviceId }) })]);
    });

    it('refuses every kind of bad batch with its code and stores nothing', async () => {
      const device = await enrolledDevice(app, 9022);
      await device.appendMarks(6);
      expect((await push(await device.batch(1, 2))).json()).toEqual({ ackSeq: 2, stored: 2 });
      const before = await countEvents(center);
      const resign = (b: Omit<SignedBatch, 'signature'>) => signBatch(b, device.keys.privateKey);
      const base = { deviceId: device.deviceId, precinct: 9022, electionId: device.electionId };
      const ev = device.events;
      const at = (i: number): StoredEvent => ev[i] as StoredEvent;
      const cases: [string, unknown][] = [
        ['malformed', { hello: 'world' }],
        ['malformed', { ...(await device.batch(3, 4)), extra: 1 }],
        ['unknown-device', await signBatch({ ...base, deviceId: 'nobody-here', fromSeq: 3, events: ev.slice(2, 4) }, device.keys.privateKey)],
        ['wrong-precinct', await resign({ ...base, precinct: 9023, fromSeq: 3, events: ev.slice(2, 4) })],
        ['wrong-election', await resign({ ...base, electionId: 'other-election', fromSeq: 3, events: ev.slice(2, 4) })],
        ['bad-signature', { ...(await device.batch(3, 4)), fromSeq: 3, signature: (await device.batch(3, 5)).signature }],
        ['bad-signature', await device.batch(3, 4, (await TestDevice.create(9022)).keys.privateKey)],
        ['seq-gap', await device.batch(4, 5)],
        ['seq-gap', await resign({ ...base, fromSeq: 3, events: [at(2), at(4)] })],
        ['seq-gap', await resign({ ...base, fromSeq: 3, events: [at(3), at(2)] })],
        ['hash-mismatch', await resign({ ...base, fromSeq: 3, events: [{ ...at(2), payload: { item: 99, done: false, note: 'forged' } }, at(3)] })],
        ['broken-chain', await resign({ ...base, fromSeq: 3, events: [at(2), { ...at(3), prevHash: at(1).hash }] })],
        ['invalid-event', await resign({ ...base, fromSeq: 3, events: [{ ...at(2), payload: { item: 'x' } }] })],
        ['invalid-event', await resign({ ...base, fromSeq: 3, events: [{ ...at(2), unexpected: true }] })],
        ['invalid-event', await resign({ ...base, fromSeq: 3, events: [{ ...at(2), deviceId: 'someone-else' }] })],
      ];
      // A chain that is internally valid but forks from the stored one: rehash seq 3 on another prev.
      const forkedUnhashed = { ...at(2), prevHash: at(0).hash } as StoredEvent;
      const forked = { ...forkedUnhashed, hash: await computeEventHash(forkedUnhashed) } as StoredEvent;
      cases.push(['broken-chain', await resign({ ...base, fromSeq: 3, events: [forked] })]);
      // Same seq as a stored event, well-formed, but other content: a rewritten (forked) log.
      const rewrittenUnhashed = { ...at(1), payload: { item: 42, done: false, note: 'rewritten' } } as StoredEvent;
      cases.push(['seq-replayed-different', await resign({ ...base, fromSeq: 2, events: [{ ...rewrittenUnhashed, hash: await computeEventHash(rewrittenUnhashed) }] })]);
      // An event of another precinct inside the batch.
      const elsewhereUnhashed = { ...at(2), precinct: 9001 } as StoredEvent;
      cases.push(['wrong-precinct', await resign({ ...base, fromSeq: 3, events: [{ ...elsewhereUnhashed, hash: await computeEventHash(elsewhereUnhashed) }] })]);

      for (const [code, body] of cases) {
        const res = await push(body);
        expect(errorOf(res), `${code}: ${res.body}`).toBe(code);
      }
      expect(await countEvents(center)).toBe(before);
      expect((await storedEvents(center, device.deviceId)).map((r) => r.seq)).toEqual([1, 2]);
      // Not JSON at all, and too large.
      const notJson = await app.inject({ method: 'POST', url: '/api/push', headers: { 'content-type': 'application/json' }, payload: '{"deviceId":' });
      expect(errorOf(notJson)).toBe('malformed');
      const small = server(center, { bodyLimit: 1024 });
      expect(errorOf(await small.inject({ method: 'POST', url: '/api/push', payload: await device.batch(3, 6) }))).toBe('body-too-large');
      await small.close();
      // The honest continuation still goes through.
      expect((await push(await device.batch(3, 6))).json()).toEqual({ ackSeq: 6, stored: 4 });
      const incidents = await app.inject({ method: 'GET', url: '/api/admin/incidents', headers: adminHeaders });
      const kinds = (incidents.json() as { incidents: { kind: string; deviceId: string | null }[] }).incidents.filter((i) => i.deviceId === device.deviceId).map((i) => i.kind);
      expect(kinds).toEqual(expect.arrayContaining(['push:seq-replayed-different', 'push:wrong-precinct']));
      // A bad signature proves nothing about who sent it: never an incident (see sync-trust.test.ts).
      expect(kinds).not.toContain('push:bad-signature');
    });

    it('refuses a revoked device, and a device pushing as another precinct', async () => {
      const device = await enrolledDevice(app, 9024);
      await device.appendMarks(2);
      expect((await push(await device.batch(1, 1))).statusCode).toBe(200);
      const revoke = await app.inject({ method: 'POST', url: `/api/admin/devices/${device.deviceId}/revoke`, headers: adminHeaders, payload: { reason: 'laptop stolen' } });
      expect(revoke.statusCode, revoke.body).toBe(200);
      expect(errorOf(await push(await device.batch(2, 2)))).toBe('device-revoked');
      expect(errorOf(await app.inject({ method: 'GET', url: '/api/pull', headers: await device.authHeader('/api/pull') }))).toBe('device-revoked');

      const foreign = await enrolledDevice(app, 9025);
      await foreign.appendMarks(1);
      const asOther = await signBatch({ deviceId: foreign.deviceId, precinct: 9024, electionId: foreign.electionId, fromSeq: 1, events: foreign.events }, foreign.keys.privateKey);
      expect(errorOf(await push(asOther))).toBe('wrong-precinct');
      expect(await storedEvents(center, foreign.deviceId)).toEqual([]);
      expect((await storedEvents(center, device.deviceId)).length).toBe(1);
    });

    it('a laptop revoked while its re-key code waits stays revoked: the code no longer enrols it', async () => {
      const device = await enrolledDevice(app, 9024, 'rekey-then-revoke');
      const rekey = await app.inject({ method: 'POST', url: `/api/admin/devices/${device.deviceId}/rekey`, headers: adminHeaders, payload: {} });
      expect(rekey.statusCode, rekey.body).toBe(200);
      const revoke = await app.inject({ method: 'POST', url: `/api/admin/devices/${device.deviceId}/revoke`, headers: adminHeaders, payload: { reason: 'laptop and code stolen' } });
      expect(revoke.statusCode, revoke.body).toBe(200);
      const thief = await device.withNewKeys();
      const enrol = await app.inject({ method: 'POST', url: '/api/enrol', payload: await thief.enrolRequest((rekey.json() as { code: string }).code) });
      // Before: 200, the device un-revoked under the thief's key.
      expect(errorOf(enrol)).toBe('enrolment-code-expired');
      const row = await center.db.query<{ revoked: boolean; reason: string | null }>('select revoked_at is not null as revoked, revoke_reason as reason from devices where device_id = $1', [device.deviceId]);
      expect(row[0]).toEqual({ revoked: true, reason: 'laptop and code stolen' });
      // The thief's key was never taken: its requests do not verify.
      expect(errorOf(await app.inject({ method: 'GET', url: '/api/pull', headers: await thief.authHeader('/api/pull') }))).toBe('bad-signature');
    });

    it('rate-limits a device that pushes too often', async () => {
      const limited = server(center, { rateLimits: { perDevice: { limit: 2, windowMs: 60_000 } } });
      const device = await enrolledDevice(app, 9027);
      await device.appendMarks(1);
      const batch = await device.batch(1, 1);
      for (let i = 0; i < 2; i += 1) expect((await limited.inject({ method: 'POST', url: '/api/push', payload: batch })).statusCode).toBe(200);
      const third = await limited.inject({ method: 'POST', url: '/api/push', payload: batch });
      expect(third.statusCode).toBe(429);
      expect(syncErrorSchema.parse(third.json())).toMatchObject({ error: 'rate-limited' });
      await limited.close();
    });
  });

  describe('pull and bundle', () => {
    it('lets two laptops of one precinct see each other’s events, not their own, not other precincts’', async () => {
      const a = await enrolledDevice(app, 9029, 'a');
      const b = await enrolledDevice(app, 9029, 'b');
      const stranger = await enrolledDevice(app, 9030, 'c');
      await a.appendMarks(3);
      await b.appendMarks(2);
      await stranger.appendMarks(2);
      // A pushes two batches (1–2, 3): a page never cuts a batch.
      expect((await push(await a.batch(1, 2))).statusCode).toBe(200);
      expect((await push(await a.batch(3, 3))).statusCode).toBe(200);
      for (const d of [b, stranger]) expect((await push(await d.batch(1, d.events.length))).statusCode).toBe(200);

      const pull = async (d: TestDevice, after: string, limit?: number) => {
        const path = `/api/pull?after=${after}${limit ? `&limit=${limit}` : ''}`;
        const res = await app.inject({ method: 'GET', url: path, headers: await d.authHeader(path) });
        expect(res.statusCode, res.body).toBe(200);
        const body = pullResponseSchema.parse(res.json());
        // Each batch as its device signed it.
        for (const batch of body.batches) expect(batch.signature).not.toBeNull();
        return { ...body, events: body.batches.flatMap((x) => x.events) };
      };
      const forA = await pull(a, '0');
      expect(forA.events).toEqual(b.events);
      expect(forA.hasMore).toBe(false);
      const forB = await pull(b, '0', 2);
      expect(forB.events).toEqual(a.events.slice(0, 2));
      expect(forB.hasMore).toBe(true);
      const forB2 = await pull(b, forB.cursor, 2);
      expect(forB2.events).toEqual(a.events.slice(2));
      expect(forB2.hasMore).toBe(false);
      for (const e of forB2.events) expect(eventEnvelopeSchema.safeParse(e).success).toBe(true);
      // Nothing new after the cursor; then a new event of A shows up.
      expect((await pull(b, forB2.cursor)).events).toEqual([]);
      await a.appendMarks(1);
      await push(await a.batch(4, 4));
      expect((await pull(b, forB2.cursor)).events).toEqual(a.events.slice(3));

      // The admin view shows both laptops and when they last synced.
      const list = await app.inject({ method: 'GET', url: '/api/admin/precincts', headers: adminHeaders });
      const p = (list.json() as { precincts: { number: number; devices: { deviceId: string; ackSeq: number }[]; events: number; lastSyncAt: string | null }[] }).precincts.find((x) => x.number === 9029);
      expect(p?.devices.map((d) => [d.deviceId, d.ackSeq]).sort()).toEqual([[a.deviceId, 4], [b.deviceId, 2]].sort());
      expect(p?.events).toBe(6);
      expect(p?.lastSyncAt).not.toBeNull();
    });

    it('authenticates GET requests: missing, forged, replayed on another path, stale clock', async () => {
      const d = await enrolledDevice(app, 9031);
      expect(errorOf(await app.inject({ method: 'GET', url: '/api/pull' }))).toBe('auth-missing');
      expect(errorOf(await app.inject({ method: 'GET', url: '/api/pull', headers: { 'x-device-auth': 'garbage' } }))).toBe('malformed');
      expect(errorOf(await app.inject({ method: 'GET', url: '/api/pull?after=5', headers: await d.authHeader('/api/pull?after=0') }))).toBe('bad-signature');
      const thief = await TestDevice.create(9031);
      const forged = (await thief.authHeader('/api/pull'))['x-device-auth']?.split('.')[1];
      const claims = (await d.authHeader('/api/pull'))['x-device-auth']?.split('.')[0];
      expect(errorOf(await app.inject({ method: 'GET', url: '/api/pull', headers: { 'x-device-auth': `${claims}.${forged}` } }))).toBe('bad-signature');
      const stale = await app.inject({ method: 'GET', url: '/api/pull', headers: await d.authHeader('/api/pull', Date.now() - 3_600_000) });
      expect(errorOf(stale)).toBe('auth-expired');
      expect(Math.abs((syncErrorSchema.parse(stale.json()).serverTime ?? 0) - Date.now())).toBeLessThan(60_000);
      const unknown = await TestDevice.create(9031);
      expect(errorOf(await app.inject({ method: 'GET', url: '/api/pull', headers: await unknown.authHeader('/api/pull') }))).toBe('unknown-device');
    });

    it('serves the current bundle signed with the key given at enrolment; a newer version replaces it', async () => {
      const device = await TestDevice.create(9034);
      const code = await issueCode(app, 9034);
      const enrol = enrolmentResponseSchema.parse((await app.inject({ method: 'POST', url: '/api/enrol', payload: await device.enrolRequest(code) })).json());
      const key = await importPublicKey(enrol.centerKey.publicKey);
      if (!key) throw new Error('center key does not import');
      const fetchBundle = async () => {
        const res = await app.inject({ method: 'GET', url: '/api/bundle', headers: await device.authHeader('/api/bundle') });
        expect(res.statusCode, res.body).toBe(200);
        return signedBundleSchema.parse(res.json());
      };
      const signed = await fetchBundle();
      const verified = await verifySignedBundle(signed, { keyId: enrol.centerKey.keyId, key });
      expect(verified.ok).toBe(true);
      expect(signed.statement.bundleVersion).toBe(1);
      // Tampering with the bundle or the statement is caught by the laptop.
      const tampered = { ...signed, bundle: { ...(signed.bundle as object), issuer: 'someone else' } };
      expect((await verifySignedBundle(tampered, { keyId: enrol.centerKey.keyId, key })).ok).toBe(false);
      const restated = { ...signed, statement: { ...signed.statement, bundleVersion: 7 } };
      expect((await verifySignedBundle(restated, { keyId: enrol.centerKey.keyId, key })).ok).toBe(false);

      // Loading the same bundle again changes nothing; an older or equal version with other content is refused.
      expect((await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: await testBundle(1) })).json()).toMatchObject({ unchanged: true });
      const v2 = await testBundle(2);
      expect((await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: v2 })).statusCode).toBe(200);
      expect((await fetchBundle()).statement.bundleVersion).toBe(2);
      expect(errorOf(await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: { ...v2, integrity: undefined, issuer: 'changed' } }))).toBe('bundle-invalid');
      expect(errorOf(await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: { format: 'nope' } }))).toBe('bundle-invalid');
    });
  });
});

describe.runIf(PG_AVAILABLE)('several center processes on one PostgreSQL', () => {
  it('apply migrations once when they start at the same time, and share one signing key', async () => {
    const fresh = await freshPgDatabase();
    const dbs = Array.from({ length: 4 }, () => openPg(fresh.url, 2));
    try {
      const applied = await Promise.all(dbs.map((db) => migrate(db)));
      // Every migration applied exactly once, by one of the four.
      expect(applied.flat().sort()).toEqual((await loadMigrations()).map((m) => m.version));
      expect(applied.flat()).toContain('002_protocol_qr');
      const { loadOrCreateCenterKey } = await import('../../../center/src/center-key');
      const keys = await Promise.all(dbs.map((db) => loadOrCreateCenterKey(db)));
      expect(new Set(keys.map((k) => k.keyId)).size).toBe(1);
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
      await fresh.drop();
    }
  });

  it('take the same batch at once from two processes: one ack, no duplicates; a puller misses nothing', async () => {
    const fresh = await freshPgDatabase();
    const [c1, c2] = await Promise.all([openCenter({ databaseUrl: fresh.url }), openCenter({ databaseUrl: fresh.url })]);
    const [s1, s2] = [server(c1), server(c2)];
    try {
      await c1.loadBundle(await testBundle());
      const a = await enrolledDevice(s1, 9019, 'a');
      const b = await enrolledDevice(s2, 9019, 'b');
      const reader = await enrolledDevice(s1, 9019, 'r');
      await a.appendMarks(40);
      await b.appendMarks(40);
      const batchA = await a.batch(1, 40);
      const answers = await Promise.all([s1, s2, s1, s2].map((s) => s.inject({ method: 'POST', url: '/api/push', payload: batchA })));
      expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
      expect(answers.map((r) => (r.json() as { ackSeq: number }).ackSeq)).toEqual([40, 40, 40, 40]);
      expect(answers.map((r) => (r.json() as { stored: number }).stored).sort()).toEqual([0, 0, 0, 40]);
      expect((await storedEvents(c1, a.deviceId)).length).toBe(40);

      // B pushes in small batches through both processes while the reader pulls through both.
      const seen: unknown[] = [];
      let cursor = '0';
      const pullOnce = async (s: FastifyInstance) => {
        const path = `/api/pull?after=${cursor}&limit=7`;
        const res = await s.inject({ method: 'GET', url: path, headers: await reader.authHeader(path) });
        const body = pullResponseSchema.parse(res.json());
        seen.push(...body.batches.flatMap((x) => x.events));
        cursor = body.cursor;
      };
      const pushes = (async () => {
        for (let from = 1; from <= 40; from += 5) {
          const res = await (from % 2 ? s1 : s2).inject({ method: 'POST', url: '/api/push', payload: await b.batch(from, from + 4) });
          expect(res.statusCode).toBe(200);
        }
      })();
      const pulls = (async () => {
        for (let i = 0; i < 12; i += 1) await pullOnce(i % 2 ? s1 : s2);
      })();
      await Promise.all([pushes, pulls]);
      for (let i = 0; i < 20; i += 1) await pullOnce(s2);
      const key = (e: unknown) => `${(e as StoredEvent).deviceId}:${(e as StoredEvent).seq}`;
      expect(new Set(seen.map(key)).size).toBe(seen.length);
      expect(seen.length).toBe(80);
    } finally {
      await s1.close();
      await s2.close();
      await c1.db.close();
      await c2.db.close();
      await fresh.drop();
    }
  });
});
