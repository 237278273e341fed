/**
 * After a backup is restored the database holds the list's blob and no cache row: the first start
 * builds the row. It is built and stored away from the window (list-build.ts, run by the
 * list-build worker; here in-process) and the window opens the row it is handed as a row read from
 * the database — it neither packs the voters nor builds their index itself (issue 19: that was one
 * task of 600–790 ms at 100,000 voters). The desk finds the same voters; the next start opens the
 * stored row.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { db } from '../../../../renderer/core/store';
import { readList } from '../../../../renderer/core/list-cache';
import { buildListRowIn } from '../../../../renderer/core/list-build';
import { voterListHash } from '../../../../renderer/core/activate-list';
import { generateVoters } from '../../../../shared/voters/generate';
import { packVoters, PackedVoters } from '../../../../shared/voters/packed';

describe('the list built from its blob away from the window', () => {
  it('is stored and opened from its row; the desk finds the voters; the next start reads the row', async () => {
    const voters = generateVoters(500, 7);
    const hash = await voterListHash(voters);
    // As a restore leaves it: the blob (records, as a backup carries them), no cache row but an old list's.
    await db.blobs.put({ hash, kind: 'voter-list', data: voters });
    await db.listCache.clear();
    await db.listCache.put({ listHash: 'an older list', packed: packVoters(voters.slice(0, 3)), index: null });
    const asked: string[] = [];
    const read = await readList(db, hash, voters.length, undefined, (database, listHash) => {
      asked.push(listHash);
      return buildListRowIn(database, listHash);
    });
    expect(asked).toEqual([hash]);
    expect(read.from).toBe('blob');
    // Opened from the row handed over (packed, records made when asked), not built in the window.
    expect(read.voters).toBeInstanceOf(PackedVoters);
    expect(read.voters.records()).toEqual(voters);
    const someone = voters[123]!;
    const hits = read.index.search(`${someone.surname} ${someone.name}`);
    expect(hits.map((h) => h.voter.id)).toContain(someone.id);
    expect(read.index.search(`${someone.page}/${someone.row}`)[0]?.voter.id).toBe(someone.id);
    // Stored for the next start: only this list's row.
    expect((await db.listCache.toArray()).map((r) => r.listHash)).toEqual([hash]);
    const next = await readList(db, hash, voters.length, undefined, () => Promise.reject(new Error('not asked')));
    expect(next.from).toBe('cache');
    expect(next.voters.records()).toEqual(voters);
  });

  it('is built in the window as before when the builder cannot, or hands an unsound row', async () => {
    const voters = generateVoters(200, 8);
    const hash = await voterListHash(voters);
    await db.blobs.put({ hash, kind: 'voter-list', data: packVoters(voters) });
    for (const build of [() => Promise.resolve(null), () => Promise.reject(new Error('no worker')), () => Promise.resolve({ listHash: hash, packed: {}, index: {} })]) {
      await db.listCache.clear();
      const read = await readList(db, hash, voters.length, undefined, build);
      expect(read.from).toBe('blob');
      expect(read.voters.records()).toEqual(voters);
      await read.written;
      expect((await db.listCache.toArray()).map((r) => r.listHash)).toEqual([hash]);
    }
  });

  it('refuses a list whose blob is missing, as before', async () => {
    await expect(readList(db, 'no such list', 3, undefined, buildListRowIn)).rejects.toThrow(/missing from this laptop/u);
  });
});
