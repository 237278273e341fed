/**
 * The trainer's room survives its center: a training center (the real CLI, PGlite on a data folder)
 * is stopped and started again on the same folder, and shows the same room — code, command, each
 * trainee's verdict and history, the trainer's token; its laptop carries on without joining again; a
 * replayed or forged report is still refused. On PostgreSQL, `--training --processes 2` serves one
 * room from both processes.
 */
import 'fake-indexeddb/auto';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventStore } from '../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../renderer/db/schema';
import { enrol } from '../../../renderer/sync/client';
import { syncStoreOf } from '../../../renderer/core/sync-store';
import { fetchRoomCommand, sendRoomReport } from '../../../renderer/sync/room-client';
import { generateSigningKeyPair } from '../../../shared/sync/keys';
import { ROOM_REPORT_FORMAT, signRoomReport, type RoomView } from '../../../shared/training/room';
import { freePort, freshPgDatabase, PG_AVAILABLE } from './harness';

const root = join(__dirname, '../../..');
/** Every center this file started, stopped at the end even when a test timed out. */
const spawned = new Set<ChildProcess>();

interface Serving {
  child: ChildProcess;
  base: string;
  token: string;
  stop: () => Promise<void>;
}

/** `center serve --training` until it prints the trainer's address (its token read from there). */
async function serveTraining(args: string[], env: NodeJS.ProcessEnv = {}, port?: number): Promise<Serving> {
  port ??= await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'center/src/cli.ts', 'serve', '--training', '--port', String(port), ...args], {
    cwd: root,
    env: { ...process.env, CENTER_ADMIN_TOKEN: '', CENTER_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.add(child);
  let out = '';
  const token = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /\/trainer#token=([^\s]+)/u.exec(out);
      if (m) resolve(decodeURIComponent(m[1]!));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`center exited (${code}): ${out.slice(-800)}`)));
  });
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    token,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A request on a connection of its own (with --processes, the next process may take it). */
function request(url: string, options: { body?: unknown; token?: string } = {}): Promise<{ status: number; json: <T>() => T }> {
  return new Promise((resolve, reject) => {
    const text = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(text === undefined ? {} : { 'content-type': 'application/json' }) };
    const req = http.request(url, { method: text === undefined ? 'GET' : 'POST', agent: false, headers }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: <T>() => JSON.parse(data) as T }));
    });
    req.on('error', reject);
    req.end(text);
  });
}

const laptop = () => new EventStore(new PrecinctDatabase(`trainee-${Math.random()}`));
const step = (state: 'pending' | 'correct' | 'wrong', id: string) => ({ step: id, state, detailKey: `scenarios:detail.${state === 'wrong' ? 'override-used' : 'waiting'}`, params: {}, terms: {}, notes: [] });

/** What the laptop's fetch sent to a route (the exact bytes, to replay them later). */
function recording(suffix: string): { sent: string[]; restore: () => void } {
  const realFetch = globalThis.fetch;
  const sent: string[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input).endsWith(suffix) && typeof init?.body === 'string') sent.push(init.body);
    return realFetch(input, init);
  }) as typeof fetch;
  return { sent, restore: () => (globalThis.fetch = realFetch) };
}

describe('the trainer’s room across a restart of its center', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const child of spawned) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('shows the same room, trainees and verdicts after a restart; the laptop carries on; replays and forgeries still refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pd-room-'));
    dirs.push(dir);
    const dataDir = join(dir, 'data');
    let center = await serveTraining(['--data-dir', dataDir]);
    try {
      const room = async (): Promise<RoomView> => (await request(`${center.base}/api/admin/training/room`, { token: center.token })).json<RoomView>();
      const { code } = await room();

      const store = laptop();
      const enrolRec = recording('/api/enrol');
      const enrolment = await enrol(syncStoreOf(store), center.base, code, { training: true, label: 'Айгүл' }).finally(enrolRec.restore);
      const started = await request(`${center.base}/api/admin/training/command`, { token: center.token, body: { action: 'start', scenarioId: 'unbalanced-protocol' } });
      expect(started.status).toBe(200);
      const command = await fetchRoomCommand(syncStoreOf(store));
      expect(command?.action).toBe('start');
      const reportRec = recording('/api/training/report');
      try {
        await sendRoomReport(syncStoreOf(store), { scenario: { id: 'unbalanced-protocol', precinct: 9001 }, steps: [step('wrong', 'balanced'), step('pending', 'no-override')], verdict: 'mistake', commandId: command!.id });
      } finally {
        reportRec.restore();
      }
      const before = await room();
      expect(before.trainees).toHaveLength(1);
      expect(before.trainees[0]).toMatchObject({ label: 'Айгүл', verdict: 'mistake', scenario: { id: 'unbalanced-protocol' } });
      expect(before.trainees[0]!.history).toHaveLength(1);

      // Stopped and started again on the same folder (a crash or a restart between two lessons).
      const token = center.token;
      await center.stop();
      // The same address (the laptop knows the center by it).
      center = await serveTraining(['--data-dir', dataDir], {}, Number(new URL(center.base).port));
      // The trainer's address (its token) is the same: the open trainer's screen keeps working.
      expect(center.token).toBe(token);
      const after = await room();
      expect(after.code).toBe(before.code);
      expect(after.command).toEqual(before.command);
      expect(after.trainees).toEqual(before.trainees);

      // The laptop carries on without joining again: the same command (not carried out twice), its reports kept.
      expect((await fetchRoomCommand(syncStoreOf(store)))?.id).toBe(command!.id);
      await sendRoomReport(syncStoreOf(store), { scenario: { id: 'unbalanced-protocol', precinct: 9001 }, steps: [step('wrong', 'balanced'), step('wrong', 'no-override')], verdict: 'mistake', commandId: command!.id });
      const carried = (await room()).trainees[0]!;
      expect(carried.history).toHaveLength(1);
      expect(carried.history[0]!.mistakes.map((m) => m.step)).toEqual(['balanced', 'no-override']);
      // Its enrolment sent again with the room code (an answer lost before the restart): the same enrolment.
      const again = await request(`${center.base}/api/enrol`, { body: JSON.parse(enrolRec.sent[0]!) as unknown });
      expect(again.status).toBe(200);
      expect(again.json<{ precinct: number }>().precinct).toBe(enrolment.precinct);

      // The first report replayed after the restart: not kept (older than the last one kept).
      const replay = await request(`${center.base}/api/training/report`, { body: JSON.parse(reportRec.sent[0]!) as unknown });
      expect(replay.json()).toEqual({ ok: true, kept: false });
      // A report signed by another key in this laptop's name: refused.
      const stranger = await generateSigningKeyPair(false);
      const forged = await signRoomReport({ format: ROOM_REPORT_FORMAT, deviceId: enrolment.deviceId, sentAt: Date.now() + 1000, scenario: { id: 'unbalanced-protocol', precinct: 9001 }, steps: [step('correct', 'balanced')], verdict: 'passed', commandId: command!.id }, stranger.privateKey);
      const refused = await request(`${center.base}/api/training/report`, { body: forged });
      expect(refused.status).toBe(401);
      expect(refused.json()).toEqual({ error: 'bad-signature' });
      expect((await room()).trainees[0]).toEqual(carried);
    } finally {
      await center.stop();
    }
  }, 300_000);

  it.runIf(PG_AVAILABLE)('serves one room from every process of `--training --processes 2` on PostgreSQL', async () => {
    const fresh = await freshPgDatabase();
    const center = await serveTraining(['--processes', '2'], { DATABASE_URL: fresh.url, CENTER_DATA_DIR: '' });
    try {
      // Each request on a new connection: the two processes take turns.
      const views = async () => Promise.all([0, 1, 2, 3].map(async () => (await request(`${center.base}/api/admin/training/room`, { token: center.token })).json<RoomView>()));
      const codes = new Set((await views()).map((v) => v.code));
      expect(codes.size).toBe(1);
      const [code] = [...codes];
      const store = laptop();
      await enrol(syncStoreOf(store), center.base, code!, { training: true, label: 'Бакыт' });
      await request(`${center.base}/api/admin/training/command`, { token: center.token, body: { action: 'reset' } });
      for (let i = 0; i < 4; i += 1) {
        expect((await fetchRoomCommand(syncStoreOf(store)))?.action).toBe('reset');
        await sendRoomReport(syncStoreOf(store), { scenario: { id: 'late-application', precinct: 9001 }, steps: [step(i < 3 ? 'pending' : 'wrong', 'refused')], verdict: i < 3 ? 'in-progress' : 'mistake', commandId: null });
      }
      for (const v of await views()) {
        expect(v.trainees.map((t) => [t.label, t.verdict])).toEqual([['Бакыт', 'mistake']]);
        expect(v.command?.action).toBe('reset');
      }
    } finally {
      await center.stop();
      await fresh.drop();
    }
  }, 300_000);
});
