/**
 * Training and the real election never meet over the network: a training laptop refuses to enrol
 * with, or send anything to, a production center; a center started in training mode accepts it (and
 * a real laptop refuses that one). The renderer's own sync client against real centers (PGlite) on
 * real ports; the laptops' databases in fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Center } from '../../../center/src/center';
import { EventStore } from '../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../renderer/db/schema';
import { enrol, pushWaiting, SyncProblem } from '../../../renderer/sync/client';
import { syncStoreOf } from '../../../renderer/core/sync-store';
import { adminHeaders, countEvents, issueCode, pgliteBackend, server, testBundle } from './harness';

interface Running {
  center: Center;
  app: FastifyInstance;
  url: string;
  cleanup: () => Promise<void>;
}

async function running(mode: 'production' | 'training'): Promise<Running> {
  const opened = await pgliteBackend.open();
  const app = server(opened.center, { mode });
  const res = await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: await testBundle() });
  expect(res.statusCode, res.body).toBe(200);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { center: opened.center, app, url: address, cleanup: opened.cleanup };
}

const laptop = () => new EventStore(new PrecinctDatabase(`laptop-${Math.random()}`));
const ctx = { electionId: 'demo-kg-president-2017', bundleHash: null, precinct: 9001, actor: 'm9001-3' };
const refusalOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    return e instanceof SyncProblem ? e.code : `other: ${String(e)}`;
  }
  return 'no refusal';
};

describe('training laptops and centers', () => {
  let production: Running;
  let training: Running;
  beforeAll(async () => {
    production = await running('production');
    training = await running('training');
  });
  afterAll(async () => {
    for (const r of [production, training]) {
      await r.app.close();
      await r.cleanup();
    }
  });

  it('each center says its mode on /api/health', async () => {
    expect(((await (await fetch(`${production.url}/api/health`)).json()) as { mode: string }).mode).toBe('production');
    expect(((await (await fetch(`${training.url}/api/health`)).json()) as { mode: string }).mode).toBe('training');
  });

  it('a training laptop refuses to enrol with a production center, and the code stays unused', async () => {
    const code = await issueCode(production.app, 9001);
    const store = laptop();
    expect(await refusalOf(enrol(syncStoreOf(store), production.url, code, { training: true }))).toBe('training-refused');
    expect(await store.db.sync.get('enrolment')).toBeUndefined();
    // Nothing reached the center: the same one-time code still enrols a real laptop.
    const real = laptop();
    await enrol(syncStoreOf(real), production.url, code, { training: false });
    expect(await real.db.sync.get('enrolment')).toBeDefined();
  });

  it('a center started in training mode enrols a training laptop and stores what it sends', async () => {
    const store = laptop();
    await enrol(syncStoreOf(store), training.url, await issueCode(training.app, 9001), { training: true });
    await store.append('CalendarItemMarked', { item: 42, done: true, note: '' }, ctx);
    expect(await pushWaiting(syncStoreOf(store), { training: true })).toBe(1);
    expect(await countEvents(training.center)).toBe(1);
  });

  it('a training laptop sends nothing to a production center it was enrolled with', async () => {
    const store = laptop();
    await enrol(syncStoreOf(store), production.url, await issueCode(production.app, 9001), { training: false });
    await store.append('CalendarItemMarked', { item: 43, done: true, note: '' }, ctx);
    const before = await countEvents(production.center);
    // The same database opened in training mode (as if the mode were switched under it).
    expect(await refusalOf(pushWaiting(syncStoreOf(store), { training: true }))).toBe('training-refused');
    expect(await countEvents(production.center)).toBe(before);
    // The real laptop itself pushes normally.
    expect(await pushWaiting(syncStoreOf(store), { training: false })).toBe(1);
    expect(await countEvents(production.center)).toBe(before + 1);
  });

  it('a real laptop refuses a training center', async () => {
    const store = laptop();
    expect(await refusalOf(enrol(syncStoreOf(store), training.url, await issueCode(training.app, 9001), { training: false }))).toBe('training-refused');
    expect(await store.db.sync.get('enrolment')).toBeUndefined();
  });
});
