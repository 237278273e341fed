import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import { CommandBus } from '../../../../renderer/core/command';
import { activateVoterList } from '../../../../renderer/core/activate-list';
import { listFromCache, openCacheRow, readList } from '../../../../renderer/core/list-cache';
import { finish } from '../../../../shared/util/steps';
import { startListPreload, takePreloadedList } from '../../../../renderer/core/list-preload';
import { readListRow, rowBuffers } from '../../../../renderer/core/list-read';
import { openPreloadedList, takeOpenedList } from '../../../../renderer/core/list-open';
import { generateVoters } from '../../../../shared/voters/generate';
import { PackedVoters, type PackedVoterList, type StoredSearchIndex, type VoterRecord } from '../../../../shared/voters';

const ctx = { electionId: 'e', bundleHash: null, precinct: 9001, actor: 'm1' };
const dbs: PrecinctDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function activated(voters: VoterRecord[]) {
  const db = new PrecinctDatabase(`list-cache-${Math.random()}`);
  dbs.push(db);
  const store = new EventStore(db);
  await activateVoterList(new CommandBus(store, Date.now), voters, { source: { kind: 'generated', fileName: null, fileHash: null, encoding: null }, counts: { voters: voters.length, rowsInFile: voters.length, excluded: 0 }, excluded: [], diff: null }, ctx);
  const listHash = ((await db.projections.get('voterList'))?.value as { listHash: string }).listHash;
  return { db, store, listHash };
}

const VOTERS = generateVoters(1500, 19);
const QUERIES = ['а', 'асан', 'нур бак', 'уулу', 'ID1', '7/3', 'fcfy'];
const answers = (index: { searchCounted(q: string, l: number): { hits: { voter: VoterRecord }[]; total: number } }) =>
  QUERIES.map((q) => {
    const r = index.searchCounted(q, 50);
    return [q, r.total, r.hits.map((h) => h.voter.id)];
  });

describe('the list cache (the desk opens without normalising a name)', () => {
  it('is written with the list at activation, in the same transaction, and the desk reads from it the same voters', async () => {
    const { db, listHash } = await activated(VOTERS);
    expect(await db.listCache.count()).toBe(1);
    const fromCache = await readList(db, listHash, VOTERS.length);
    expect(fromCache.from).toBe('cache');
    // Opened as stored: no voter's record is made before a search shows them (issue 19).
    expect(fromCache.voters).toBeInstanceOf(PackedVoters);
    expect((fromCache.voters as PackedVoters).madeCount).toBe(0);
    fromCache.index.searchCounted('асан', 5);
    expect((fromCache.voters as PackedVoters).madeCount).toBeLessThanOrEqual(5);
    expect(fromCache.voters.records()).toEqual(VOTERS);
    expect(answers(fromCache.index)).toEqual(answers(new (await import('../../../../shared/voters')).VoterSearchIndex(VOTERS)));
  });

  it('missing (a restored backup, a training state): built from the blob, written for the next opening', async () => {
    const { db, listHash } = await activated(VOTERS);
    const expected = answers((await readList(db, listHash, VOTERS.length)).index);
    await db.listCache.clear();
    const first = await readList(db, listHash, VOTERS.length);
    expect(first.from).toBe('blob');
    await first.written;
    expect(answers(first.index)).toEqual(expected);
    const second = await readList(db, listHash, VOTERS.length);
    expect(second.from).toBe('cache');
    expect(answers(second.index)).toEqual(expected);
    expect(second.voters.records()).toEqual(VOTERS);
  });

  it('unsound (another format, a reference out of range, another list): rebuilt from the blob, the answers the same', async () => {
    const { db, listHash } = await activated(VOTERS);
    const expected = answers((await readList(db, listHash, VOTERS.length)).index);
    const row = (await db.listCache.get(listHash))!;
    const broken = [
      { ...row, packed: { ...(row.packed as object), format: 1 } },
      { ...row, index: { ...(row.index as object), byRank: new Int32Array(3) } },
      { ...row, packed: { ...(row.packed as object), count: 3 } },
    ];
    for (const b of broken) {
      await db.listCache.put(b);
      const read = await readList(db, listHash, VOTERS.length);
      expect(read.from).toBe('blob');
      expect(answers(read.index)).toEqual(expected);
      await read.written;
    }
    // A cache of another list (another size) is never taken for this one.
    const other = await activated(VOTERS.slice(0, 100));
    await db.listCache.put({ ...(await other.db.listCache.get(other.listHash))!, listHash });
    expect((await readList(db, listHash, VOTERS.length)).from).toBe('blob');
  });

  it('a list missing from the laptop is said so', async () => {
    const { db } = await activated(VOTERS.slice(0, 10));
    await expect(readList(db, 'f'.repeat(64), 10)).rejects.toThrow('missing');
  });
});

describe("the list read at the window's first line (before Dexie and the app load)", () => {
  it('gives the active list’s cache row; the desk builds the same voters and answers from it; Dexie opens after it', async () => {
    const { db, listHash } = await activated(VOTERS);
    const expected = answers((await readList(db, listHash, VOTERS.length)).index);
    db.close();
    startListPreload(db.name);
    const pre = await takePreloadedList();
    expect(pre?.listHash).toBe(listHash);
    expect((pre?.meta as { voters: number }).voters).toBe(VOTERS.length);
    // Taken once: a second asker reads for itself.
    expect(await takePreloadedList()).toBeNull();
    await db.open();
    const read = await readList(db, listHash, VOTERS.length, { row: pre!.row });
    expect(read.from).toBe('cache');
    expect(read.voters.records()).toEqual(VOTERS);
    expect(answers(read.index)).toEqual(expected);
  });

  /**
   * A stand-in for list-read.worker.ts (no Worker in Node): it answers the database's name with what
   * `answer` makes of it, posted as a worker posts it (a structured clone, the buffers given transferred).
   */
  function fakeWorker(answer: (name: string) => Promise<{ message: unknown; transfer: ArrayBuffer[] }>, log: string[]): () => Worker {
    return () => {
      const worker = {
        onmessage: null as ((e: MessageEvent<unknown>) => void) | null,
        onerror: null as ((e: ErrorEvent) => void) | null,
        onmessageerror: null as (() => void) | null,
        postMessage(name: string) {
          log.push('asked');
          void answer(name).then(({ message, transfer }) => worker.onmessage?.({ data: structuredClone(message, { transfer }) } as MessageEvent<unknown>));
        },
        terminate() {
          log.push('terminated');
        },
      };
      return worker as unknown as Worker;
    };
  }

  it('is read in a worker (off the window\'s thread), the row\'s typed arrays transferred: the same row, the same voters and answers; the worker let go', async () => {
    const { db, listHash } = await activated(VOTERS);
    const expected = answers((await readList(db, listHash, VOTERS.length)).index);
    db.close();
    const log: string[] = [];
    let transferred = 0;
    const worker = fakeWorker(async (name) => {
      const read = await readListRow(name);
      const transfer = rowBuffers(read?.row);
      transferred = transfer.length;
      return { message: read, transfer };
    }, log);
    startListPreload(db.name, worker);
    const pre = await takePreloadedList();
    expect(log).toEqual(['asked', 'terminated']);
    expect(pre?.listHash).toBe(listHash);
    // Every typed array of the row (the packed list's columns, the index's postings) goes as a buffer moved, not copied.
    const row = pre!.row as { packed: PackedVoterList; index: StoredSearchIndex };
    expect(transferred).toBe(rowBuffers(row).length);
    expect(rowBuffers(row)).toEqual(expect.arrayContaining([row.packed.surname.buffer, row.packed.strings.ends.buffer, row.index.names.flat.buffer, row.index.codes.start.buffer, row.index.byRank.buffer]));
    await db.open();
    const read = await readList(db, listHash, VOTERS.length, { row: pre!.row });
    expect(read.from).toBe('cache');
    expect(read.voters.records()).toEqual(VOTERS);
    expect(answers(read.index)).toEqual(expected);
  });

  it('a worker that cannot be made, fails or answers outside its one message: the window reads the row itself', async () => {
    const { db, listHash } = await activated(VOTERS.slice(0, 200));
    db.close();
    const failing: (() => Worker)[] = [
      () => {
        throw new Error('no worker here');
      },
      () => {
        const w = { onerror: null as ((e: ErrorEvent) => void) | null, onmessage: null, onmessageerror: null, postMessage: () => setTimeout(() => w.onerror?.({ preventDefault: () => undefined } as ErrorEvent)), terminate: () => undefined };
        return w as unknown as Worker;
      },
      fakeWorker(() => Promise.resolve({ message: { what: 'else' }, transfer: [] }), []),
    ];
    for (const create of failing) {
      startListPreload(db.name, create);
      const pre = await takePreloadedList();
      expect(pre?.listHash).toBe(listHash);
      expect((pre?.row as { listHash: string }).listHash).toBe(listHash);
    }
    // No list stored: the worker says so (null), as the window's read does.
    const empty = new PrecinctDatabase(`list-cache-empty-${Math.random()}`);
    dbs.push(empty);
    await empty.open();
    empty.close();
    startListPreload(empty.name, fakeWorker(async (name) => ({ message: await readListRow(name), transfer: [] }), []));
    expect(await takePreloadedList()).toBeNull();
  });

  it('is opened as soon as it is read (list-open, before the app has loaded): the first reader takes it as opened, the same voters and answers', async () => {
    const { db, listHash } = await activated(VOTERS);
    const expected = answers((await readList(db, listHash, VOTERS.length)).index);
    db.close();
    startListPreload(db.name);
    const opened = await openPreloadedList();
    expect(opened?.meta).toMatchObject({ listHash, voters: VOTERS.length });
    const form = opened!.form!;
    expect(answers(form.index)).toEqual(expected);
    // Asked again before it is taken: the same opening, not a second one.
    expect(await openPreloadedList()).toBe(opened);
    // Its checks run when asked for (after the desk's first answer), and pass.
    opened!.check();
    expect(await opened!.checked).toBe(true);
    await db.open();
    const read = await readList(db, listHash, VOTERS.length, opened!);
    expect(read.from).toBe('cache');
    expect(read.index).toBe(form.index);
    expect(read.voters.records()).toEqual(VOTERS);
    // Taken by the first reader only; later readers read the list themselves.
    expect(await takeOpenedList()).toBe(opened);
    expect(await takeOpenedList()).toBeNull();
    expect(await openPreloadedList()).toBeNull();
  });

  it('a row that is not sound is not trusted: the list is built from its blob', async () => {
    const { db, listHash } = await activated(VOTERS.slice(0, 200));
    for (const row of [undefined, null, 'x', { listHash, packed: { format: 1 }, index: {} }, { listHash: 'other' }]) {
      const read = await readList(db, listHash, 200, { row });
      expect(read.from).toBe('blob');
      expect(read.voters.records()).toEqual(VOTERS.slice(0, 200));
      await read.written;
    }
  });

  it('a row in shape but not sound answers before its checks (issue 19), which then say no: the list is built from its blob', async () => {
    const { db, listHash } = await activated(VOTERS);
    const expected = answers((await readList(db, listHash, VOTERS.length)).index);
    const row = (await db.listCache.get(listHash))!;
    const index = row.index as StoredSearchIndex;
    const n = VOTERS.length;
    // Every document's postings moved to the next voter (in range: a wrong answer), and one posting past the list.
    const shifted = index.codes.flat.map((p) => ((((p >> 2) + 1) % n) << 2) | (p & 3));
    shifted[0] = 4 * n;
    const doubled = index.byRank.slice();
    doubled[1] = doubled[0]!;
    const reversed = { ...index.names, keys: { text: index.names.keys.text, ends: index.names.keys.ends.slice().reverse() } };
    const packed = row.packed as PackedVoterList;
    const pastStrings = packed.surname.slice();
    pastStrings[5] = packed.strings.ends.length + 3;
    const unsound = [
      { ...row, index: { ...index, codes: { ...index.codes, flat: shifted } } },
      { ...row, index: { ...index, byRank: doubled } },
      { ...row, index: { ...index, names: reversed } },
      { ...row, packed: { ...packed, surname: pastStrings } },
    ];
    for (const [i, bad] of unsound.entries()) {
      // Opened at once from its shape: the desk may search it (the first one answers wrongly)…
      const open = openCacheRow(bad, listHash, n);
      expect(open, `row ${i}`).not.toBeNull();
      if (i === 0) expect(open!.form.index.searchCounted(VOTERS[137]!.document, 5).hits.map((h) => h.voter.id)).not.toContain(VOTERS[137]!.id);
      // …but its checks refuse it, as a row read after the app has loaded is refused.
      expect(finish(open!.sound()), `row ${i}`).toBe(false);
      expect(listFromCache(bad, listHash, n), `row ${i}`).toBeNull();
      // Read at the window's first line: opened, checked when asked, refused, and built from its blob.
      await db.listCache.put(bad);
      db.close();
      // A window's first line: its modules fresh (the opened list is taken once a window).
      vi.resetModules();
      const preload = await import('../../../../renderer/core/list-preload');
      const early = await import('../../../../renderer/core/list-open');
      preload.startListPreload(db.name);
      const opened = await early.takeOpenedList();
      expect(opened?.form, `row ${i}`).not.toBeNull();
      opened!.check();
      expect(await opened!.checked, `row ${i}`).toBe(false);
      await db.open();
      const read = await readList(db, listHash, n, { row: opened!.row, form: null });
      expect(read.from).toBe('blob');
      expect(answers(read.index)).toEqual(expected);
      await read.written;
    }
  });

  it('a row whose shape is wrong is not opened early at all (nothing to search before the blob is read)', async () => {
    const { db, listHash } = await activated(VOTERS.slice(0, 200));
    const row = (await db.listCache.get(listHash))!;
    const index = row.index as StoredSearchIndex;
    const wrong = [
      { ...row, packed: { ...(row.packed as object), format: 1 } },
      { ...row, packed: { ...(row.packed as object), name: new Int32Array(3) } },
      { ...row, index: { ...index, byRank: new Int32Array(3) } },
      { ...row, index: { ...index, names: { ...index.names, start: index.names.start.map((x, i) => (i === 2 ? 1e9 : x)) } } },
      { ...row, listHash: 'other' },
    ];
    for (const bad of wrong) expect(openCacheRow(bad, listHash, 200)).toBeNull();
  });

  it("gives the row as soon as it is read, not when its transaction completes (a reload of the desk waited for that: issue 19, desk.open)", async () => {
    const { db, listHash } = await activated(VOTERS);
    db.close();
    // The read's transaction is kept from completing (its 'complete' held back) until the end.
    const held: (() => void)[] = [];
    let rowRead: () => void = () => undefined;
    const rowWasRead = new Promise<void>((resolve) => {
      rowRead = resolve;
    });
    const transaction = IDBDatabase.prototype.transaction;
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const tx = transaction.apply(this, args);
      Object.defineProperty(tx, 'oncomplete', {
        configurable: true,
        get: () => null,
        set: (f: ((e: Event) => void) | null) => {
          if (f) held.push(() => f.call(tx, new Event('complete')));
        },
      });
      const objectStore = tx.objectStore.bind(tx);
      tx.objectStore = (name: string) => {
        const store = objectStore(name);
        if (name !== 'listCache') return store;
        const get = store.get.bind(store);
        store.get = (key: IDBValidKey | IDBKeyRange) => {
          const request = get(key);
          request.addEventListener('success', () => setTimeout(rowRead, 0));
          return request;
        };
        return store;
      };
      return tx;
    });
    try {
      let read: Awaited<ReturnType<typeof readListRow>> | undefined;
      void readListRow(db.name).then((r) => {
        read = r;
      });
      await rowWasRead;
      expect(held.length).toBe(1);
      expect(read?.listHash).toBe(listHash);
      expect((read?.meta as { voters: number }).voters).toBe(VOTERS.length);
      expect(read?.row).toBeDefined();
    } finally {
      spy.mockRestore();
      for (const complete of held) complete();
    }
  });

  it('on a first run (no database yet) gives nothing and creates no database', async () => {
    const name = `never-opened-${Math.random()}`;
    startListPreload(name);
    expect(await takePreloadedList()).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
    // Dexie then creates it with its schema as on any first run.
    const db = new PrecinctDatabase(name);
    dbs.push(db);
    await db.open();
    expect(db.tables.map((t) => t.name)).toContain('listCache');
  });

  it('a database without a list gives nothing', async () => {
    const db = new PrecinctDatabase(`no-list-${Math.random()}`);
    dbs.push(db);
    await db.open();
    db.close();
    startListPreload(db.name);
    expect(await takePreloadedList()).toBeNull();
  });
});
