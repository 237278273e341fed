/**
 * An acknowledged push is on disk before the ack is sent, on a PGlite data folder too. PGlite's
 * own start runs PostgreSQL with fsync off and its Node file system has no fsync, so a commit
 * reached only the operating system's cache: a power cut after the ack could lose the events
 * (kill -9 does not show it — the cache outlives the process — so the test watches the fsync
 * calls themselves: the WAL file holding the commit is synced before the answer).
 */
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Center } from '../../../center/src/center';
import { openCenter } from '../../../center/src/open-center';
import { adminHeaders, enrolledDevice, server, storedEvents, testBundle } from './harness';

describe('PGlite data folder durability', () => {
  let dir: string;
  let center: Center;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pd-durable-'));
    // A real data folder (initdb: slow on a loaded machine).
    center = await openCenter({ dataDir: join(dir, 'data') });
  }, 180_000);
  afterAll(async () => {
    await center.db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('syncs the WAL holding a pushed batch to disk before the push is acknowledged', async () => {
    const app = server(center);
    expect((await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: await testBundle() })).statusCode).toBe(200);
    const device = await enrolledDevice(app, 9001);
    await device.appendMarks(3);

    // Every fsync from now on, by the file it synced.
    const synced: string[] = [];
    const real = fs.fsyncSync;
    const spy = vi.spyOn(fs, 'fsyncSync').mockImplementation((fd: number) => {
      synced.push(fs.readlinkSync(`/proc/self/fd/${fd}`));
      real(fd);
    });
    try {
      let syncedAtAck: string[] = [];
      const push = app.inject({ method: 'POST', url: '/api/push', payload: await device.batch(1, 3) }).then((res) => {
        syncedAtAck = [...synced];
        return res;
      });
      const res = await push;
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ ackSeq: 3, stored: 3 });
      expect(syncedAtAck.some((path) => path.includes(`${join(dir, 'data')}/pg_wal/`))).toBe(true);
      expect(await storedEvents(center, device.deviceId)).toHaveLength(3);
    } finally {
      spy.mockRestore();
      await app.close();
    }
  });
});
