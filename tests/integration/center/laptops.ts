/**
 * The real center listening on a local port (PGlite or PostgreSQL, the test bundle loaded), and
 * laptops talking to it over HTTP with their own sync client (IndexedDB is fake-indexeddb in Node):
 * the set-up the laptop-side integration tests (key rotation, verified pulls, replays) share.
 */
import 'fake-indexeddb/auto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Center } from '../../../center/src/center';
import { EventStore } from '../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../renderer/db/schema';
import { syncStoreOf } from '../../../renderer/core/sync-store';
import { enrol } from '../../../renderer/sync/client';
import { adminHeaders, ELECTION, issueCode, server, testBundle, type Backend } from './harness';

export interface Laptop {
  store: EventStore;
  db: PrecinctDatabase;
}

export interface ListeningCenter {
  center: Center;
  app: FastifyInstance;
  /** The center's own address (a test may put a proxy in front of it). */
  url: string;
  /** PostgreSQL's, or null on PGlite. */
  databaseUrl: string | null;
  /** A fresh laptop database (named `name-…`) and its event store, not enrolled. */
  freshLaptop(name: string): Laptop;
  /** A laptop enrolled with a one-time code for `precinct`, through `url` (the center's or a proxy's). */
  laptop(url: string, precinct: number, name?: string): Promise<Laptop>;
  /** The laptop's database opened again (the app restarted): the new handle. */
  reopen(db: PrecinctDatabase): PrecinctDatabase;
  /** Stops the center and deletes every laptop database. */
  close(): Promise<void>;
}

export async function listeningCenter(backend: Backend): Promise<ListeningCenter> {
  const { center, cleanup, databaseUrl } = await backend.open();
  const app = server(center);
  expect((await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: await testBundle() })).statusCode).toBe(200);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const dbs: PrecinctDatabase[] = [];
  const freshLaptop = (name: string): Laptop => {
    const db = new PrecinctDatabase(`${name}-${Math.random()}`);
    dbs.push(db);
    return { store: new EventStore(db), db };
  };
  return {
    center,
    app,
    url,
    databaseUrl: databaseUrl ?? null,
    freshLaptop,
    async laptop(through, precinct, name = 'laptop') {
      const fresh = freshLaptop(name);
      await enrol(syncStoreOf(fresh.store), through, await issueCode(app, precinct, { electionId: ELECTION }), { training: false });
      return fresh;
    },
    reopen(db) {
      const again = new PrecinctDatabase(db.name);
      const i = dbs.indexOf(db);
      if (i >= 0) dbs[i] = again;
      else dbs.push(again);
      return again;
    },
    async close() {
      await app.close();
      await cleanup();
      for (const db of dbs.splice(0)) await db.delete();
    },
  };
}
