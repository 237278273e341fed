import 'fake-indexeddb/auto';
import { blobRecords } from '../../../support/list-blob';
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { verifyChains } from '../../../../shared/events/envelope';
import { ok } from '../../../../shared/util/result';
import { buildTrainingState, readTrainingState } from '../../../../shared/training/state-file';
import { buildScenarioState, OTHER_DEVICE_ID, SCENARIOS, scenarioById, scenarioFacts, scenarioPassed } from '../../../../shared/training/scenarios';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';

async function loaded(id: string, seed = 3) {
  const db = new PrecinctDatabase(`scenario-${Math.random()}`);
  const store = new EventStore(db);
  const deviceId = await store.deviceId();
  const state = await buildScenarioState(scenarioById(id)!, seed, { deviceId, newId: randomUUID });
  await store.replaceLog(state.events, state.blobs);
  return { db, store, state, deviceId };
}

describe('a scenario start as an event log', () => {
  it.each(SCENARIOS.map((s) => [s.id]))('%s: chains verify, the log loads, and the check sees nothing done', async (id) => {
    const { store, state, deviceId } = await loaded(id);
    expect(await verifyChains(state.events)).toEqual(ok(undefined));
    expect(state.events[0]!.type).toBe('SetupActivated');
    expect(state.events[0]!.deviceId).toBe(deviceId);
    const all = await store.allEvents();
    expect(all).toHaveLength(state.context.startEvents);
    expect(scenarioPassed(scenarioById(id)!.check(all, state.context))).toBe(false);
  });

  it('the double issue comes from two laptops and raises an open incident once loaded', async () => {
    const { db, state, deviceId } = await loaded('double-issue');
    const issues = state.events.filter((e) => e.type === 'BallotIssued');
    expect(issues.map((e) => e.deviceId)).toEqual([OTHER_DEVICE_ID, deviceId]);
    const incidents = (await db.projections.get('incidents'))?.value as { id: string; resolution: unknown }[];
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.id).toBe(`double-issue:${String(state.facts.voterId)}:${issues[1]!.id}`);
  });

  it('the trainee continues the chain of this laptop and the check follows (double issue resolved)', async () => {
    const { store, state, db } = await loaded('double-issue');
    const incidents = (await db.projections.get('incidents'))?.value as { id: string }[];
    const ctx = { electionId: 'demo-kg-president-2017', bundleHash: null, precinct: 9001, actor: 'm9001-1' };
    await store.append('IncidentResolved', { incident: incidents[0]!.id, resolution: 'Экинчи бюллетень жокко чыгарылды, акт түзүлдү' }, ctx);
    const all = await store.allEvents();
    expect(await verifyChains(all)).toEqual(ok(undefined));
    expect(scenarioPassed(scenarioById('double-issue')!.check(all, state.context))).toBe(true);
  });

  it('the trainee\'s events come after the start even when the training clock is moved back', async () => {
    const db = new PrecinctDatabase(`scenario-${Math.random()}`);
    const early = Date.parse('2017-10-01T00:00:00Z');
    const store = new EventStore(db, { now: () => early });
    const state = await buildScenarioState(scenarioById('double-issue')!, 3, { deviceId: await store.deviceId(), newId: randomUUID });
    await store.replaceLog(state.events, state.blobs);
    const incidents = (await db.projections.get('incidents'))?.value as { id: string }[];
    await store.append('IncidentResolved', { incident: incidents[0]!.id, resolution: 'Экинчи бюллетень жокко чыгарылды, акт түзүлдү' }, { electionId: null, bundleHash: null, precinct: 9001, actor: null });
    const all = await store.allEvents();
    expect(all.at(-1)!.type).toBe('IncidentResolved');
    expect(scenarioPassed(scenarioById('double-issue')!.check(all, state.context))).toBe(true);
  });

  it('the same seed gives the same facts; the facts can be recomputed from id and seed', async () => {
    const a = await loaded('late-application', 11);
    const again = await scenarioFacts(scenarioById('late-application')!, 11);
    expect(again.facts).toEqual(a.state.facts);
    expect(a.state.blobs[0]!.hash).toBe(again.listHash);
  });

  it('a state file carries the scenario; the trainee imports it and the check still works', async () => {
    const { store, state, db } = await loaded('late-application');
    const events = await store.allEvents();
    const blobs = (await db.blobs.toArray()).map((b) => ({ hash: b.hash, kind: b.kind, data: blobRecords(b.data) }));
    const text = buildTrainingState({ exportedAt: '2017-10-13T07:00:00.000Z', clock: state.clock, title: 'late', events, blobs, scenario: { id: state.scenarioId, seed: state.seed, startEvents: state.context.startEvents } });
    const read = await readTrainingState(text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.scenario).toEqual({ id: 'late-application', seed: 3, startEvents: state.context.startEvents });
    const trainee = new EventStore(new PrecinctDatabase(`trainee-${Math.random()}`));
    await trainee.replaceLog(read.value.events, read.value.blobs);
    const { facts } = await scenarioFacts(scenarioById(read.value.scenario!.id)!, read.value.scenario!.seed);
    await trainee.append(
      'OutOfPremisesApplicationRefused',
      { voterId: String(facts.voterId), voterName: String(facts.voterName), receivedAt: '2017-10-13T10:00:00+03:00', receivedBy: 'm9001-3', code: 'application-late', params: {}, reasonText: 'Мөөнөтү өтүп кеткен', decision: 'commission' },
      { electionId: 'demo-kg-president-2017', bundleHash: null, precinct: 9001, actor: 'm9001-3' },
    );
    const results = scenarioById('late-application')!.check(await trainee.allEvents(), { startEvents: read.value.scenario!.startEvents, facts, deviceId: await trainee.deviceId() });
    expect(scenarioPassed(results)).toBe(true);
  });

  it('a state file without a scenario (written before scenarios) still reads, with none', async () => {
    const { store, db } = await loaded('not-in-list');
    const blobs = (await db.blobs.toArray()).map((b) => ({ hash: b.hash, kind: b.kind, data: blobRecords(b.data) }));
    const text = buildTrainingState({ exportedAt: '2017-10-13T07:00:00.000Z', clock: '2017-10-13T07:00:00.000Z', title: '', events: await store.allEvents(), blobs });
    expect(JSON.parse(text)).not.toHaveProperty('scenario');
    const read = await readTrainingState(text);
    expect(read.ok && read.value.scenario).toBeNull();
  });

  it('refuses a scenario reference that is malformed or claims more start events than the file has', async () => {
    const { store, db } = await loaded('not-in-list');
    const blobs = (await db.blobs.toArray()).map((b) => ({ hash: b.hash, kind: b.kind, data: blobRecords(b.data) }));
    const events = await store.allEvents();
    const base = { exportedAt: '2017-10-13T07:00:00.000Z', clock: '2017-10-13T07:00:00.000Z', title: '', events, blobs };
    const tooMany = await readTrainingState(buildTrainingState({ ...base, scenario: { id: 'not-in-list', seed: 1, startEvents: events.length + 1 } }));
    expect(tooMany).toEqual({ ok: false, error: { code: 'invalid-file', path: 'scenario.startEvents' } });
    const bad = await readTrainingState(buildTrainingState({ ...base, scenario: { id: 'Not Valid!', seed: 1, startEvents: 1 } }));
    expect(bad).toEqual({ ok: false, error: { code: 'invalid-file', path: 'scenario.id' } });
  });
});
