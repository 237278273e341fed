/** List activation through the one door: idempotent against a double click; two windows take two versions. */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { activateVoterList } from '../../../../renderer/core/activate-list';
import { CommandBus } from '../../../../renderer/core/command';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import type { VoterRecord } from '../../../../shared/voters';
import { generateVoters } from '../../../../shared/voters/generate';

const ctx = { electionId: 'e', bundleHash: null, precinct: 9001, actor: 'm1' };
const details = (voters: VoterRecord[]) => ({
  source: { kind: 'generated' as const, fileName: null, fileHash: null, encoding: null },
  counts: { voters: voters.length, rowsInFile: voters.length, excluded: 0 },
  excluded: [],
  diff: null,
});
const dbs: PrecinctDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});
function fresh() {
  const db = new PrecinctDatabase(`activate-${Math.random()}`);
  dbs.push(db);
  return db;
}

describe('activating a voter list', () => {
  it('records one activation for a second click while the first is in flight, with its blob and cache row', async () => {
    const db = fresh();
    const bus = new CommandBus(new EventStore(db), Date.now);
    const voters = generateVoters(300, 7);
    const [a, b] = await Promise.all([activateVoterList(bus, voters, details(voters), ctx), activateVoterList(bus, voters, details(voters), ctx)]);
    expect(a.id).toBe(b.id);
    expect(await db.events.where('type').equals('VoterListActivated').count()).toBe(1);
    expect(a.payload.listVersion).toBe(1);
    expect(await db.blobs.get(a.payload.listHash)).toBeDefined();
    expect((await db.listCache.toArray()).map((r) => r.listHash)).toEqual([a.payload.listHash]);
  });

  it('gives two windows activating at once two versions, decided inside the recording transaction', async () => {
    const db = fresh();
    const one = generateVoters(200, 1);
    const two = generateVoters(200, 2);
    const events = await Promise.all([
      activateVoterList(new CommandBus(new EventStore(db), Date.now), one, details(one), ctx),
      activateVoterList(new CommandBus(new EventStore(db), Date.now), two, details(two), ctx),
    ]);
    expect(events.map((e) => e.payload.listVersion).sort()).toEqual([1, 2]);
    expect(((await db.projections.get('voterList'))?.value as { listVersion: number }).listVersion).toBe(2);
  });
});
