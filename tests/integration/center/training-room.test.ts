/**
 * The trainer's room: laptops enrol with the room's code, report their scenario signed with their
 * key (a forged, replayed or unknown laptop's report changes nothing), pull the trainer's command
 * signed by the pinned center key (an altered one is refused on the laptop), take it after the
 * center key is rotated through the chain sent beside it (and then pin the new key), and a
 * production center refuses all of it. Real centers on PGlite, the renderer's own clients, fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Center } from '../../../center/src/center';
import { ensureTrainingElection, TrainingRoom } from '../../../center/src/training-room';
import { EventStore } from '../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../renderer/db/schema';
import { enrol, readSync, SyncProblem } from '../../../renderer/sync/client';
import { syncStoreOf } from '../../../renderer/core/sync-store';
import { fetchRoomCommand, sendRoomReport } from '../../../renderer/sync/room-client';
import { endorseKey, exportPublicJwk, generateSigningKeyPair, keyId, signCanonical } from '../../../shared/sync';
import { ROOM_REPORT_FORMAT, signRoomReport, type RoomView } from '../../../shared/training/room';
import { adminHeaders, issueCode, pgliteBackend, server } from './harness';

interface Running {
  center: Center;
  app: FastifyInstance;
  url: string;
  cleanup: () => Promise<void>;
}

async function running(mode: 'production' | 'training', roomClock?: () => number): Promise<Running> {
  const opened = await pgliteBackend.open();
  await ensureTrainingElection(opened.center);
  const app = server(opened.center, { mode, ...(roomClock ? { room: new TrainingRoom(opened.center, roomClock) } : {}) });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { center: opened.center, app, url, cleanup: opened.cleanup };
}

const laptop = () => new EventStore(new PrecinctDatabase(`trainee-${Math.random()}`));
const refusalOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    return e instanceof SyncProblem ? e.code : `other: ${String(e)}`;
  }
  return 'no refusal';
};
const step = (state: 'pending' | 'correct' | 'wrong', id = 'balanced') => ({ step: id, state, detailKey: `scenarios:detail.${state === 'wrong' ? 'override-used' : 'waiting'}`, params: {}, terms: {}, notes: [] });

describe('the trainer’s room', () => {
  let training: Running;
  let production: Running;
  let code: string;
  const room = async (): Promise<RoomView> => (await training.app.inject({ method: 'GET', url: '/api/admin/training/room', headers: adminHeaders })).json<RoomView>();
  beforeAll(async () => {
    training = await running('training');
    production = await running('production');
    code = (await room()).code;
  });
  afterAll(async () => {
    for (const r of [training, production]) {
      await r.app.close();
      await r.cleanup();
    }
  });

  it('enrols any number of laptops with the room code, each under its name', async () => {
    const a = laptop();
    const b = laptop();
    await enrol(syncStoreOf(a), training.url, code.toLowerCase(), { training: true, label: 'Айгүл' });
    await enrol(syncStoreOf(b), training.url, code, { training: true, label: 'Бакыт' });
    const view = await room();
    expect(view.trainees.map((t) => t.label)).toEqual(expect.arrayContaining(['Айгүл', 'Бакыт']));
    expect(view.trainees.every((t) => t.verdict === 'none')).toBe(true);
    // A wrong code is still refused; a production center has no room code.
    expect(await refusalOf(enrol(syncStoreOf(laptop()), training.url, 'ABCD-EFGH', { training: true }))).toBe('enrolment-code-invalid');
    const real = laptop();
    expect(await refusalOf(enrol(syncStoreOf(real), production.url, code, { training: false }))).toBe('enrolment-code-invalid');
  });

  it('keeps a signed report, ignores a replayed one and refuses a forged one', async () => {
    const store = laptop();
    const enrolment = await enrol(syncStoreOf(store), training.url, code, { training: true, label: 'Чолпон' });
    await sendRoomReport(syncStoreOf(store), { scenario: { id: 'unbalanced-protocol', precinct: 9001 }, steps: [step('wrong'), step('wrong', 'no-override')], verdict: 'mistake', commandId: null });
    let me = (await room()).trainees.find((t) => t.deviceId === enrolment.deviceId)!;
    expect(me.verdict).toBe('mistake');
    expect(me.history).toHaveLength(1);
    expect(me.history[0]!.mistakes.map((m) => m.step)).toEqual(['balanced', 'no-override']);

    // Signed by another key in this laptop's name: refused, nothing changes.
    const stranger = await generateSigningKeyPair(false);
    const forged = await signRoomReport({ format: ROOM_REPORT_FORMAT, deviceId: enrolment.deviceId, sentAt: Date.now() + 1000, scenario: null, steps: [], verdict: 'passed', commandId: null }, stranger.privateKey);
    const res = await training.app.inject({ method: 'POST', url: '/api/training/report', payload: forged });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: 'bad-signature' });
    // Hostile shapes: unknown device, extra fields, a verdict not in the list.
    expect((await training.app.inject({ method: 'POST', url: '/api/training/report', payload: { ...forged, deviceId: 'nobody' } })).json()).toEqual({ error: 'unknown-device' });
    expect((await training.app.inject({ method: 'POST', url: '/api/training/report', payload: { ...forged, extra: 1 } })).statusCode).toBe(400);
    expect((await training.app.inject({ method: 'POST', url: '/api/training/report', payload: { ...forged, verdict: 'great' } })).statusCode).toBe(400);
    me = (await room()).trainees.find((t) => t.deviceId === enrolment.deviceId)!;
    expect(me.verdict).toBe('mistake');
  });

  it('a laptop whose clock is two hours off still reports: it learns the center’s time from the refusal and sends once more', async () => {
    const behind = await running('training', () => Date.now() - 2 * 3_600_000);
    try {
      const roomCode = (await behind.app.inject({ method: 'GET', url: '/api/admin/training/room', headers: adminHeaders })).json<RoomView>().code;
      const store = laptop();
      const enrolment = await enrol(syncStoreOf(store), behind.url, roomCode, { training: true, label: 'Нурлан' });
      await sendRoomReport(syncStoreOf(store), { scenario: { id: 'unbalanced-protocol', precinct: 9001 }, steps: [step('correct')], verdict: 'passed', commandId: null });
      const seen = (await behind.app.inject({ method: 'GET', url: '/api/admin/training/room', headers: adminHeaders })).json<RoomView>().trainees.find((t) => t.deviceId === enrolment.deviceId);
      expect(seen?.verdict).toBe('passed');
      // The next report is signed on the center's clock at once.
      await sendRoomReport(syncStoreOf(store), { scenario: { id: 'unbalanced-protocol', precinct: 9001 }, steps: [step('correct')], verdict: 'passed', commandId: null });
      expect(Math.abs((await readSync(syncStoreOf(store))).clockOffsetMs + 2 * 3_600_000)).toBeLessThan(60_000);
    } finally {
      await behind.app.close();
      await behind.cleanup();
    }
  });

  it('signs the trainer’s command with the key the laptops pinned; an altered command is refused on the laptop', async () => {
    const store = laptop();
    await enrol(syncStoreOf(store), training.url, code, { training: true });
    expect(await fetchRoomCommand(syncStoreOf(store))).toBeNull();
    const sent = await training.app.inject({ method: 'POST', url: '/api/admin/training/command', headers: adminHeaders, payload: { action: 'start', scenarioId: 'unbalanced-protocol' } });
    expect(sent.statusCode, sent.body).toBe(200);
    const command = await fetchRoomCommand(syncStoreOf(store));
    expect(command).toMatchObject({ action: 'start', scenarioId: 'unbalanced-protocol' });
    // An unknown scenario is refused; reset is a command of its own.
    expect((await training.app.inject({ method: 'POST', url: '/api/admin/training/command', headers: adminHeaders, payload: { action: 'start', scenarioId: 'nope' } })).statusCode).toBe(404);
    expect((await training.app.inject({ method: 'POST', url: '/api/admin/training/command', payload: { action: 'reset' } })).statusCode).toBe(401);
    await training.app.inject({ method: 'POST', url: '/api/admin/training/command', headers: adminHeaders, payload: { action: 'reset' } });
    expect((await fetchRoomCommand(syncStoreOf(store)))?.action).toBe('reset');
    // A center (or anyone on the room's network) changing the command after signing: refused.
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await realFetch(input, init);
      if (!String(input).endsWith('/api/training/command')) return response;
      const body = (await response.json()) as { command: { statement: Record<string, unknown> } };
      body.command.statement = { ...body.command.statement, action: 'start', scenarioId: 'correction' };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    try {
      expect(await refusalOf(fetchRoomCommand(syncStoreOf(store)))).toBe('bad-signature');
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('a production center refuses every training route', async () => {
    const store = laptop();
    await enrol(syncStoreOf(store), production.url, await issueCode(production.app, 9001), { training: false });
    for (const [method, url] of [['POST', '/api/training/report'], ['GET', '/api/training/command'], ['GET', '/api/admin/training/room'], ['GET', '/trainer']] as const) {
      const res = await production.app.inject({ method, url, headers: adminHeaders, ...(method === 'POST' ? { payload: {} } : {}) });
      expect(res.statusCode, url).toBe(404);
    }
    // And a training laptop never sends its report there (the laptop's own wall).
    expect(await refusalOf(sendRoomReport(syncStoreOf(store), { scenario: null, steps: [], verdict: 'none', commandId: null }))).toBe('training-refused');
  });

  it('serves the trainer’s screen with its own CSP, no external resource', async () => {
    const res = await training.app.inject({ method: 'GET', url: '/trainer' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).not.toMatch(/(src|href)="https?:/u);
    expect(res.body).toContain('Тренердин бөлмөсү');
    // The summary's A4 sheet: the same page and policy at its own address; nothing else under /trainer.
    const sheet = await training.app.inject({ method: 'GET', url: '/trainer/print' });
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-security-policy']).toBe(res.headers['content-security-policy']);
    expect(sheet.body).toContain('id="sheet"');
    expect((await training.app.inject({ method: 'GET', url: '/trainer/other' })).statusCode).toBe(404);
    expect((await production.app.inject({ method: 'GET', url: '/trainer/print' })).statusCode).toBe(404);
  });

  it('after a center key rotation the trainer’s commands carry the chain: laptops enrolled before take them and pin the new key', async () => {
    const pinOf = async (store: EventStore) => (await readSync(syncStoreOf(store))).enrolment?.centerKey.keyId;
    const commandWith = async (store: EventStore, change: (command: Record<string, unknown>) => Promise<void>) => {
      const realFetch = globalThis.fetch;
      globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
        const response = await realFetch(input, init);
        if (!String(input).endsWith('/api/training/command')) return response;
        const body = (await response.json()) as { command: Record<string, unknown> };
        await change(body.command);
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      }) as typeof fetch;
      try {
        return await fetchRoomCommand(syncStoreOf(store));
      } finally {
        globalThis.fetch = realFetch;
      }
    };
    const early = laptop();
    const stale = laptop();
    await enrol(syncStoreOf(early), training.url, code, { training: true });
    await enrol(syncStoreOf(stale), training.url, code, { training: true });
    const aKey = training.center.signingKey;
    expect(await pinOf(early)).toBe(aKey.keyId);
    // Issued under A, then the key rotated twice (A→B→C).
    await training.app.inject({ method: 'POST', url: '/api/admin/training/command', headers: adminHeaders, payload: { action: 'start', scenarioId: 'unbalanced-protocol' } });
    await training.center.rotateKey();
    await training.center.rotateKey();
    const c = training.center.signingKey.keyId;
    expect(c).not.toBe(aKey.keyId);
    // The command issued before comes signed by C with the chain: the laptop on A takes it and pins C.
    expect(await fetchRoomCommand(syncStoreOf(early))).toMatchObject({ action: 'start', scenarioId: 'unbalanced-protocol' });
    expect(await pinOf(early)).toBe(c);
    // A command issued after the rotations, to a laptop enrolled after them and one still on A.
    await training.app.inject({ method: 'POST', url: '/api/admin/training/command', headers: adminHeaders, payload: { action: 'reset' } });
    const late = laptop();
    await enrol(syncStoreOf(late), training.url, code, { training: true });
    expect(await pinOf(late)).toBe(c);
    expect((await fetchRoomCommand(syncStoreOf(late)))?.action).toBe('reset');
    expect((await fetchRoomCommand(syncStoreOf(early)))?.action).toBe('reset');
    // Without the chain the laptop still on A cannot tell C from anyone: refused.
    expect(await refusalOf(commandWith(stale, async (command) => void delete command.keyChain))).toBe('bad-signature');
    expect(await pinOf(stale)).toBe(aKey.keyId);
    expect((await fetchRoomCommand(syncStoreOf(stale)))?.action).toBe('reset');
    expect(await pinOf(stale)).toBe(c);
    // The retired key A, stolen, endorsing a key of the thief's: refused by laptops that pinned C.
    const d = await generateSigningKeyPair(true);
    const dJwk = await exportPublicJwk(d.publicKey);
    const stolenLink = await endorseKey(aKey, dJwk, new Date().toISOString());
    const dId = await keyId(dJwk);
    const byThief = async (command: Record<string, unknown>) => {
      command.statement = { ...(command.statement as Record<string, unknown>), action: 'start', scenarioId: 'correction' };
      command.keyId = dId;
      command.signature = await signCanonical(command.statement, d.privateKey);
      command.keyChain = [stolenLink];
    };
    expect(await refusalOf(commandWith(early, byThief))).toBe('bad-signature');
    expect(await refusalOf(commandWith(stale, byThief))).toBe('bad-signature');
    expect(await pinOf(early)).toBe(c);
  });
});
