/** Records a checked voter list: the voters as a content-addressed blob (packed) and the event, in one transaction. */
import type { EventPayloadInput } from '../../shared/events/catalog';
import { canonicalArraySha256 } from '../../shared/util/sha256-sync';
import type { VoterRecord } from '../../shared/voters';
import { generateVoters } from '../../shared/voters/generate';
import type { StoredEvent } from '../../shared/events/envelope';
import { ok } from '../../shared/util/result';
import type { EventContext } from '../db/event-store';
import type { PrecinctDatabase } from '../db/schema';
import type { CommandBus } from './command';
import { listCacheRow } from './list-cache';

/** SHA-256 of the list's canonical JSON, the text never made whole (shared/util/sha256-sync.ts). */
export async function voterListHash(voters: readonly VoterRecord[]): Promise<string> {
  return Promise.resolve(canonicalArraySha256(voters));
}

/**
 * Activates a checked list through the one door: the list's version is decided on the stored list
 * inside the recording transaction (strict), the voters stored as a content-addressed blob and the
 * desk's cache row written in the same transaction. A second activation of the same list while the
 * first is in flight (a double click) records nothing more: both get the one event.
 */
export async function activateVoterList(
  bus: CommandBus,
  voters: VoterRecord[],
  details: Omit<EventPayloadInput<'VoterListActivated'>, 'listHash' | 'listVersion'>,
  context: EventContext,
): Promise<StoredEvent<'VoterListActivated'>> {
  const listHash = await voterListHash(voters);
  // The desk's fast form of the list (packed, search index stored), written with the list itself.
  const cacheRow = listCacheRow(listHash, voters);
  return record(bus, details, context, listHash, async (db) => {
    // The blob holds the list packed, as the cache row does (`listBlobVoters` reads either form).
    if (!(await hasBlob(db, listHash))) await db.blobs.put({ hash: listHash, kind: 'voter-list', data: cacheRow.packed });
    await db.listCache.clear();
    await db.listCache.put(cacheRow);
  });
}

/**
 * Records a list the import worker has already stored (its `stage`, shared/voters/import-protocol.ts):
 * the blob `listHash` and the desk's cache row of that hash. The UI thread never clones the 100,000
 * records nor the packed list. Both are inert until this transaction records the event naming the
 * list; if either is not there, nothing is recorded. The other lists' cache rows are removed.
 */
export function activateStagedList(
  bus: CommandBus,
  details: Omit<EventPayloadInput<'VoterListActivated'>, 'listHash' | 'listVersion'>,
  context: EventContext,
  listHash: string,
): Promise<StoredEvent<'VoterListActivated'>> {
  return record(bus, details, context, listHash, async (db) => {
    const cached = (await db.listCache.where('listHash').equals(listHash).count()) > 0;
    if (!(await hasBlob(db, listHash)) || !cached) throw new Error(`the voter list ${listHash.slice(0, 12)} was not stored`);
    await db.listCache.where('listHash').notEqual(listHash).delete();
  });
}

/**
 * A staged list that no activation names (the activation failed after the worker stored it) is
 * removed again — its blob and its cache row — so a failed import leaves nothing behind; a list an
 * event names is kept.
 */
export async function discardStagedList(database: PrecinctDatabase, listHash: string): Promise<void> {
  await database.transaction('rw', database.events, database.blobs, database.listCache, async () => {
    const named = await database.events.where('type').equals('VoterListActivated').filter((e) => (e.payload as { listHash?: unknown }).listHash === listHash).count();
    if (named > 0) return;
    await database.blobs.delete(listHash);
    await database.listCache.delete(listHash);
  });
}

/** Whether the blob is stored, by its key alone (never reading the list back). */
async function hasBlob(db: PrecinctDatabase, listHash: string): Promise<boolean> {
  return (await db.blobs.where('hash').equals(listHash).count()) > 0;
}

async function record(
  bus: CommandBus,
  details: Omit<EventPayloadInput<'VoterListActivated'>, 'listHash' | 'listVersion'>,
  context: EventContext,
  listHash: string,
  /** The list's blob and cache row, inside the recording transaction. */
  store: (db: PrecinctDatabase) => Promise<void>,
): Promise<StoredEvent<'VoterListActivated'>> {
  const recorded = await bus.execute<'VoterListActivated', never>(
    {
      type: 'VoterListActivated',
      reads: ['blobs', 'listCache'],
      key: listHash,
      async decide(db) {
        const previous = await db.projections.get('voterList');
        const listVersion = ((previous?.value as { listVersion?: number } | null)?.listVersion ?? 0) + 1;
        return ok({ payload: { ...details, listHash, listVersion }, warnings: [] });
      },
      attach: store,
    },
    context,
  );
  if (!recorded.ok) throw new Error('a list activation is never refused');
  return recorded.value.event;
}

/**
 * A fictional list of the precinct's size for the demo (deterministic from the precinct number):
 * recorded like any list, with `source.kind = 'generated'` so it can never pass for a real one.
 */
export async function activateGeneratedList(bus: CommandBus, count: number, seed: number, votingDay: string, context: EventContext) {
  const voters = generateVoters(count, seed, { votingDay });
  return activateVoterList(
    bus,
    voters,
    {
      source: { kind: 'generated', fileName: null, fileHash: null, encoding: null },
      counts: { voters: voters.length, rowsInFile: voters.length, excluded: 0 },
      excluded: [],
      diff: null,
    },
    context,
  );
}
