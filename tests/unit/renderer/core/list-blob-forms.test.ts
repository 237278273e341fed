/**
 * A list's blob is stored packed since issue 19 (the import's peak of memory); older databases,
 * restored backups and training states hold the records. Whatever the form, a backup or a training
 * state carries the records the list's hash names, and the worker and the desk read the same voters.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { db } from '../../../../renderer/core/store';
import { readLogWithBlobs } from '../../../../renderer/core/device';
import { readActiveListIn, stageListIn } from '../../../../renderer/core/import-store';
import { readList } from '../../../../renderer/core/list-cache';
import { voterListHash } from '../../../../renderer/core/activate-list';
import { generateVoters } from '../../../../shared/voters/generate';
import { packVoters } from '../../../../shared/voters/packed';
import { VoterSearchIndex } from '../../../../shared/voters/search';

describe("a list's blob in either form", () => {
  it('is exported as records by a backup, and read the same by the desk and by the import worker', async () => {
    const packedList = generateVoters(400, 3);
    const recordList = generateVoters(250, 4);
    const packedHash = await voterListHash(packedList);
    const recordHash = await voterListHash(recordList);
    await db.blobs.bulkPut([
      { hash: packedHash, kind: 'voter-list', data: packVoters(packedList) },
      { hash: recordHash, kind: 'voter-list', data: recordList },
    ]);
    const { blobs } = await readLogWithBlobs();
    const exported = new Map(blobs.map((b) => [b.hash, b.data]));
    expect(exported.get(packedHash)).toEqual(packedList);
    expect(exported.get(recordHash)).toEqual(recordList);
    for (const [hash, list] of [[packedHash, packedList], [recordHash, recordList]] as const) {
      await db.listCache.clear();
      const read = await readList(db, hash, list.length);
      expect(read.from).toBe('blob');
      expect(read.voters.records()).toEqual(list);
      await db.listCache.clear();
      expect(await readActiveListIn(db.name, hash, list.length)).toEqual(list);
    }
  });

  it('a blob that is neither form stops the backup rather than leaving the list out', async () => {
    await db.blobs.clear();
    await db.blobs.put({ hash: 'f'.repeat(64), kind: 'voter-list', data: { format: 2, count: 'x' } });
    await expect(readLogWithBlobs()).rejects.toThrow('cannot be read (unsound-packed-list)');
    await db.blobs.clear();
  });
});

describe("the import worker's stage (raw IndexedDB)", () => {
  it('writes the blob packed and the cache row (the index, the list the blob\'s); a blob already there is not written again; a cache row that cannot be written leaves no blob behind', async () => {
    const voters = generateVoters(120, 5);
    const listHash = await voterListHash(voters);
    const packed = packVoters(voters);
    await db.blobs.clear();
    await db.listCache.clear();
    const index = new VoterSearchIndex(voters).toStored();
    expect(await stageListIn(db.name, { listHash, packed, index })).toBe(true);
    expect((await db.blobs.get(listHash))?.data).toEqual(packed);
    // The packed list written once: the row holds the index, its list is the blob's.
    expect(await db.listCache.get(listHash)).toEqual({ listHash, packedIn: 'blob', index });
    expect(await stageListIn(db.name, { listHash, packed, index })).toBe(false);
    // The blob was there already: the row holds its own.
    expect(await db.listCache.get(listHash)).toEqual({ listHash, packed, index });
    const other = voters.slice(0, 7);
    const otherHash = await voterListHash(other);
    // A value IndexedDB cannot clone: the cache row is refused, and the blob written for it removed.
    await expect(stageListIn(db.name, { listHash: otherHash, packed: packVoters(other), index: () => 0 })).rejects.toThrow();
    expect(await db.blobs.get(otherHash)).toBeUndefined();
    expect(await db.listCache.get(otherHash)).toBeUndefined();
    expect(await db.blobs.toCollection().primaryKeys()).toEqual([listHash]);
  });
});
