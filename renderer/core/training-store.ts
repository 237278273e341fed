/**
 * A training scenario's start written by the scenario worker (issue 19): the training log, the
 * list it names and the projections replaced in one strict raw-IndexedDB transaction — a worker has
 * no Dexie of the window — so a start is all or nothing, and the window never clones, writes or
 * folds the start's events (60,000 ballots issued at 100,000 voters). The projections are folded
 * here by the projectors' own rebuilds (renderer/db/projectors.ts), each over the whole log in causal
 * order as the window's `rebuildProjections` runs them, into memory first, then written.
 */
import type { StoredEvent } from '../../shared/events/envelope';
import type { PackedVoterList, StoredSearchIndex } from '../../shared/voters';
import type { Transaction } from 'dexie';
import { PROJECTORS, type ProjectionTable } from '../db/projectors';
import type { PrecinctDatabase } from '../db/schema';
import { openExisting } from './open-existing';

/** Each projection table's key path (renderer/db/schema.ts). */
const KEY_OF: Record<ProjectionTable, string> = { projections: 'key', voterStatus: 'voterId' };

/** A projection table in memory, as much of Dexie's table as the projectors' rebuilds use. */
function memoryTable(rows: Map<string, object>, keyPath: string) {
  const put = (value: object) => {
    rows.set(String((value as Record<string, unknown>)[keyPath]), value);
    return Promise.resolve();
  };
  return {
    get: (key: string) => Promise.resolve(rows.get(key)),
    put,
    bulkPut: async (values: readonly object[]) => {
      for (const v of values) await put(v);
    },
    delete: (key: string) => Promise.resolve(void rows.delete(key)),
    bulkDelete: (keys: readonly string[]) => Promise.resolve(void keys.forEach((k) => rows.delete(k))),
    where: () => ({
      between: (lower: string, upper: string) => ({
        toArray: () =>
          Promise.resolve(
            [...rows.entries()]
              .filter(([k]) => k >= lower && k <= upper)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([, v]) => v),
          ),
      }),
    }),
  };
}

/**
 * The projections folded in memory by the projectors' own rebuilds (each over the whole log in
 * causal order, as `EventStore.rebuildProjections` runs them), given tables in memory for Dexie's.
 */
export async function foldProjections(events: readonly StoredEvent[]): Promise<Record<ProjectionTable, Map<string, object>>> {
  const tables: Record<ProjectionTable, Map<string, object>> = { projections: new Map(), voterStatus: new Map() };
  const projections = memoryTable(tables.projections, KEY_OF.projections);
  const voterStatus = memoryTable(tables.voterStatus, KEY_OF.voterStatus);
  const db = { projections, voterStatus, table: (name: string) => (name === 'voterStatus' ? voterStatus : projections) };
  const ordered = [...events].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  // The rebuilds read and write through these tables alone (no transaction of their own here).
  for (const projector of PROJECTORS) await projector.rebuild(db as unknown as PrecinctDatabase, ordered, null as unknown as Transaction);
  return tables;
}

const STORES = ['events', 'blobs', 'listCache', 'projections', 'voterStatus'] as const;

/**
 * Replaces the log of `database` by `events` and its lists by `list` (its blob, packed, and the
 * desk's cache row) and `others`, the projections folded from the events, in one strict transaction: a failure
 * (or the worker stopped before it commits) leaves the old state whole. The other tables (this
 * laptop's id, its sync state) are kept: the laptop's chain starts again after the new log.
 */
export async function replaceLogIn(
  database: string,
  events: readonly StoredEvent[],
  /** The lists the log names: the desk's one packed with its index (its cache row written too), any other as stored. */
  list: { listHash: string; packed: PackedVoterList; index: StoredSearchIndex } | null,
  others: readonly { hash: string; data: unknown }[] = [],
): Promise<void> {
  const folded = await foldProjections(events);
  const db = await openExisting(database);
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction([...STORES], 'readwrite', { durability: 'strict' });
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new Error('the training log could not be replaced'));
      try {
        for (const name of STORES) tx.objectStore(name).clear();
        for (const other of others) tx.objectStore('blobs').put({ hash: other.hash, kind: 'voter-list', data: other.data });
        if (list) {
          tx.objectStore('blobs').put({ hash: list.listHash, kind: 'voter-list', data: list.packed });
          tx.objectStore('listCache').put({ listHash: list.listHash, packed: list.packed, index: list.index });
        }
        const store = tx.objectStore('events');
        for (const event of events) store.add(event);
        for (const table of ['projections', 'voterStatus'] as const) {
          const rows = tx.objectStore(table);
          for (const row of folded[table].values()) rows.put(row);
        }
      } catch (e) {
        tx.abort();
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  } finally {
    db.close();
  }
}
