import 'fake-indexeddb/auto';
import { blobRecords } from '../../../support/list-blob';
import { describe, expect, it } from 'vitest';
import { buildTrainingState, readTrainingState } from '../../../../shared/training/state-file';
import { generateVoters } from '../../../../shared/voters/generate';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import { CommandBus } from '../../../../renderer/core/command';
import { activateGeneratedList } from '../../../../renderer/core/activate-list';
import { issueBallot } from '../../../../renderer/core/ballot-actions';

async function sample() {
  const db = new PrecinctDatabase(`state-${Math.random()}`);
  const store = new EventStore(db);
  const ctx = { electionId: 'e', bundleHash: null, precinct: 9001, actor: 'm3' };
  const list = await activateGeneratedList(new CommandBus(store, Date.now), 50, 9001, '2017-10-15', ctx);
  const voter = generateVoters(50, 9001)[7]!;
  await issueBallot(store, { voterId: voter.id, page: voter.page, row: voter.row }, list.payload.listHash, ctx);
  const events = await store.allEvents();
  const blobs = (await db.blobs.toArray()).map((b) => ({ hash: b.hash, kind: b.kind, data: blobRecords(b.data) }));
  const text = buildTrainingState({ exportedAt: '2017-10-15T03:00:00.000Z', clock: '2017-10-15T04:00:00.000Z', title: 'Сабак 1', events, blobs });
  return { db, store, text, voter };
}

describe('training state files', () => {
  it('round-trip: the imported log rebuilds the same state in another database', async () => {
    const { text, voter } = await sample();
    const read = await readTrainingState(text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.clock).toBe('2017-10-15T04:00:00.000Z');
    const other = new PrecinctDatabase(`state-other-${Math.random()}`);
    const store = new EventStore(other);
    await store.replaceLog(read.value.events, read.value.blobs);
    expect((await other.voterStatus.get(voter.id))?.issued).not.toBeNull();
    expect(await other.events.count()).toBe(2);
    // The trainee's own events continue on this laptop's chain.
    const next = generateVoters(50, 9001)[8]!;
    await issueBallot(store, { voterId: next.id, page: next.page, row: next.row }, read.value.events[0]!.type === 'VoterListActivated' ? read.value.events[0]!.payload.listHash : '', { electionId: 'e', bundleHash: null, precinct: 9001, actor: 'm4' });
    expect(await other.events.count()).toBe(3);
  });

  it.each([
    ['not-json', (t: string) => t.slice(0, 40)],
    ['not-a-training-state', (t: string) => t.replace('precinct-desk/training-state', 'precinct-desk/election-bundle')],
    ['invalid-file', (t: string) => t.replace('"formatVersion":1', '"formatVersion":1,"extra":true')],
    ['broken-chain', (t: string) => t.replace('"row":8', '"row":9')],
    ['list-mismatch', (t: string) => t.replace(/"surname":"([^"]+)"/u, '"surname":"Башка"')],
  ])('%s is refused', async (code, tamper) => {
    const { text } = await sample();
    const read = await readTrainingState(tamper(text));
    expect(read.ok ? 'ok' : read.error.code).toBe(code);
  });

  it('a list an event names must be in the file', async () => {
    const { text } = await sample();
    const json = JSON.parse(text) as { blobs: unknown[] };
    json.blobs = [];
    const read = await readTrainingState(JSON.stringify(json));
    expect(read.ok ? 'ok' : read.error.code).toBe('list-missing');
  });
});
