/**
 * A training scenario's start in the scenario worker (issue 19): the state built there and written by
 * raw IndexedDB in one transaction (core/training-store) is the one the window's `replaceLog` wrote
 * before — the same events, the same list under the same hash, the same projections — with the
 * desk's cache row of the list beside it; a failure while writing leaves the previous state whole.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { handleScenarioMessage } from '../../../../renderer/features/training/scenario-session';
import { replaceLogIn } from '../../../../renderer/core/training-store';
import { readList } from '../../../../renderer/core/list-cache';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import type { ScenarioReply } from '../../../../shared/training/scenario-protocol';
import { buildTrainingState, readTrainingState } from '../../../../shared/training/state-file';
import { buildScenarioState, DEFAULT_WHERE, scenarioById, scenarioFacts, scenarioWhere, type ScenarioWhere } from '../../../../shared/training/scenarios';
import { blobRecords } from '../../../support/list-blob';

const dbs: PrecinctDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function fresh() {
  const db = new PrecinctDatabase(`scenario-worker-${Math.random()}`);
  dbs.push(db);
  const store = new EventStore(db);
  return { db, store, deviceId: await store.deviceId() };
}

/** Ids as the worker and the window would make them, the same sequence for both paths. */
const counter = () => {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`;
};

/** The worker's side, in-process: every reply it posts. */
async function inWorker(db: PrecinctDatabase, deviceId: string, id: string, seed: number, where: ScenarioWhere, replace = replaceLogIn): Promise<ScenarioReply[]> {
  const replies: ScenarioReply[] = [];
  await handleScenarioMessage({ type: 'load', id: 1, scenarioId: id, seed, where: { ...where }, deviceId, database: db.name }, (m) => replies.push(m), replace, counter());
  return replies;
}

/** Everything a start writes, as read back. */
async function contents(db: PrecinctDatabase) {
  return {
    events: await db.events.orderBy('hlc').toArray(),
    blobs: (await db.blobs.toArray()).map((b) => ({ hash: b.hash, voters: blobRecords(b.data) })),
    projections: await db.projections.toArray(),
    voterStatus: await db.voterStatus.toArray(),
  };
}

describe('a scenario started in the scenario worker', () => {
  it.each([
    ['unbalanced-protocol', scenarioWhere(9034)!],
    ['double-issue', DEFAULT_WHERE],
    ['late-application', scenarioWhere(9001)!],
  ] as const)('%s: the same log, list hash, voters and projections as the window wrote, and the desk opens the list from its cache row', async (id, where) => {
    const before = await fresh();
    const state = await buildScenarioState(scenarioById(id)!, 11, { deviceId: before.deviceId, newId: counter() }, where);
    await before.store.replaceLog(state.events, state.blobs);

    const after = await fresh();
    const replies = await inWorker(after.db, before.deviceId, id, 11, where);
    const loaded = replies.at(-1)!;
    expect(replies.filter((r) => r.type === 'progress').map((r) => r.type === 'progress' && r.phase)).toEqual(['list', 'events', 'store']);
    const listHash = state.blobs[0]!.hash;
    expect(loaded).toEqual({ type: 'loaded', id: 1, listHash, startEvents: state.context.startEvents, clock: state.clock, facts: state.facts });
    expect((await scenarioFacts(scenarioById(id)!, 11, where)).listHash).toBe(listHash);

    expect(await contents(after.db)).toEqual(await contents(before.db));
    const opened = await readList(after.db, listHash, where.listSize);
    expect(opened.from).toBe('cache');
    expect(opened.voters.records()).toEqual(state.blobs[0]!.data);
    // A voter the scenario names is found by the desk's search.
    const voter = state.blobs[0]!.data[40] as { surname: string; id: string };
    expect(opened.index.search(voter.surname.toLowerCase(), 100_000).some((hit) => hit.voter.id === voter.id)).toBe(true);
  });

  it('a failure while writing leaves the previous scenario whole (log, list, cache row, projections) and answers an error', async () => {
    const { db, deviceId } = await fresh();
    const first = await inWorker(db, deviceId, 'double-issue', 3, DEFAULT_WHERE);
    expect(first.at(-1)!.type).toBe('loaded');
    const was = { ...(await contents(db)), listCache: await db.listCache.toCollection().primaryKeys() };
    // The second start's last event added twice: its transaction fails at the end, after every clear and put.
    const replies = await inWorker(db, deviceId, 'unbalanced-protocol', 5, scenarioWhere(9034)!, (database, events, list) => replaceLogIn(database, [...events, events.at(-1)!], list));
    expect(replies.at(-1)).toMatchObject({ type: 'error', id: 1 });
    expect({ ...(await contents(db)), listCache: await db.listCache.toCollection().primaryKeys() }).toEqual(was);
  });

  it('answers a message outside the protocol with an error, and recomputes the facts of a reference from its seed', async () => {
    const replies: ScenarioReply[] = [];
    await handleScenarioMessage({ type: 'load', id: 4 }, (m) => replies.push(m), replaceLogIn);
    await handleScenarioMessage({ type: 'facts', id: 5, scenarioId: 'late-application', seed: 11, where: { ...DEFAULT_WHERE } }, (m) => replies.push(m), replaceLogIn);
    expect(replies[0]).toMatchObject({ type: 'error', id: 4 });
    expect(replies[1]).toEqual({ type: 'facts', id: 5, facts: (await scenarioFacts(scenarioById('late-application')!, 11)).facts });
  });

  it('a training state file is checked and loaded there: the same log, lists and projections as the window wrote, the desk\'s cache row beside; a changed file is refused with nothing written', async () => {
    const trainer = await fresh();
    await inWorker(trainer.db, trainer.deviceId, 'unbalanced-protocol', 9, scenarioWhere(9034)!);
    const events = await trainer.store.allEvents();
    const blobs = (await trainer.db.blobs.toArray()).map((b) => ({ hash: b.hash, kind: 'voter-list' as const, data: blobRecords(b.data) }));
    const text = buildTrainingState({ exportedAt: '2026-12-07T12:00:00.000Z', clock: '2017-10-15T19:00:00.000Z', title: '', events, blobs, scenario: { id: 'unbalanced-protocol', seed: 9, startEvents: events.length, precinct: 9034, listSize: 92 } });

    const before = await fresh();
    const read = await readTrainingState(text);
    if (!read.ok) throw new Error(read.error.code);
    await before.store.replaceLog(read.value.events, read.value.blobs);

    const after = await fresh();
    const replies: ScenarioReply[] = [];
    await handleScenarioMessage({ type: 'state', id: 3, file: new Blob([text]), database: after.db.name }, (m) => replies.push(m), replaceLogIn);
    expect(replies).toEqual([{ type: 'state', id: 3, result: { ok: true, value: { clock: '2017-10-15T19:00:00.000Z', scenario: read.value.scenario } } }]);
    expect(await contents(after.db)).toEqual(await contents(before.db));
    const opened = await readList(after.db, blobs[0]!.hash, 92);
    expect(opened.from).toBe('cache');
    expect(opened.voters.records()).toEqual(blobs[0]!.data);

    const was = await contents(after.db);
    // A figure of an event changed: its hash no longer chains.
    const tampered = JSON.parse(text) as { events: { payload: { count?: number } }[] };
    const received = tampered.events.find((e) => typeof e.payload.count === 'number')!;
    received.payload.count = received.payload.count! + 1;
    const refused: ScenarioReply[] = [];
    await handleScenarioMessage({ type: 'state', id: 4, file: new Blob([JSON.stringify(tampered)]), database: after.db.name }, (m) => refused.push(m), replaceLogIn);
    expect(refused).toMatchObject([{ type: 'state', id: 4, result: { ok: false, error: { code: 'broken-chain' } } }]);
    expect(await contents(after.db)).toEqual(was);
  });
});
