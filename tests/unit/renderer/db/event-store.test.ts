import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { EventStore } from '../../../../renderer/db/event-store';
import { readSetupProjection } from '../../../../renderer/db/projectors';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import { checkBundle, setupFromBundle } from '../../../../shared/election/bundle';
import { demoBundle } from '../../../../shared/election/demo';
import { computeEventHash, verifyChains, GENESIS_HASH, type StoredEvent } from '../../../../shared/events/envelope';
import { err, ok } from '../../../../shared/util/result';
import { foldSetup, type SetupState } from '../../../../shared/setup/projection';
import Dexie from 'dexie';
import { CommandBus } from '../../../../renderer/core/command';
import { correctLedgerEntry, recordLedgerEntry } from '../../../../renderer/core/ledger';
import { readKnownFigures } from '../../../../renderer/core/protocol-queries';

let counter = 0;
const dbs: PrecinctDatabase[] = [];
function freshDb(): PrecinctDatabase {
  counter += 1;
  const db = new PrecinctDatabase(`test-${counter}-${Math.random()}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function demoSetup(precinct = 9001) {
  const checked = await checkBundle(demoBundle());
  if (!checked.ok) throw new Error('demo bundle invalid');
  const setup = setupFromBundle(checked.value, precinct, 'demo', null);
  if (!setup) throw new Error('no precinct');
  return setup;
}

const ctx = (setup: Awaited<ReturnType<typeof demoSetup>>) => ({
  electionId: setup.election.id,
  bundleHash: setup.source.bundleHash,
  precinct: setup.precinct.number,
  actor: setup.members[2]?.id ?? null,
});

async function projection(db: PrecinctDatabase): Promise<SetupState | undefined> {
  return (await readSetupProjection(db)) ?? undefined;
}

describe('EventStore', () => {
  it('appends events chained per device with increasing seq and updates the projection in the same transaction', async () => {
    const db = freshDb();
    const store = new EventStore(db);
    const setup = await demoSetup();
    const first = await store.append('SetupActivated', setup, ctx(setup));
    const second = await store.append('PrecinctUpdated', { precinct: { ...setup.precinct, address: 'Москва, Бол. Ордынка 64' } }, ctx(setup));
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    expect(second.hlc > first.hlc).toBe(true);
    const state = await projection(db);
    expect(state?.setup?.precinct.address).toBe('Москва, Бол. Ордынка 64');
    expect(state?.setup?.precinct.number).toBe(9001);
    expect(await verifyChains(await store.allEvents())).toEqual(ok(undefined));
  });

  it('refuses a payload that does not fit its event type, and stores nothing', async () => {
    const db = freshDb();
    const store = new EventStore(db);
    await expect(store.append('CalendarItemMarked', { item: -3, done: true } as never, { electionId: null, bundleHash: null, precinct: null, actor: null })).rejects.toThrow();
    expect(await db.events.count()).toBe(0);
    expect(await projection(db)).toBeUndefined();
  });

  it('rebuilding the projections from the log gives the same state', async () => {
    const db = freshDb();
    const store = new EventStore(db);
    const setup = await demoSetup(9019);
    await store.append('SetupActivated', setup, ctx(setup));
    await store.append('MembersUpdated', { members: setup.members.slice(0, 3) }, ctx(setup));
    await store.append('CalendarItemMarked', { item: 69, done: true, note: 'done' }, ctx(setup));
    await store.append('CandidatesUpdated', { candidates: setup.candidates.slice(1), againstAll: false }, ctx(setup));
    const incremental = await projection(db);
    await db.projections.clear();
    expect(await projection(db)).toBeUndefined();
    await store.rebuildProjections();
    const rebuilt = await projection(db);
    expect(rebuilt).toEqual(incremental);
    expect(rebuilt?.setup?.members).toHaveLength(3);
    expect(rebuilt?.setup?.againstAll).toBe(false);
    expect(rebuilt?.calendarMarks[69]?.done).toBe(true);
  });

  it('keeps a calendar mark in a row of its own, as the fold makes it; a new election drops them, the same one again keeps them', async () => {
    const db = freshDb();
    const store = new EventStore(db);
    const setup = await demoSetup();
    await store.append('SetupActivated', setup, ctx(setup));
    await store.append('CalendarItemMarked', { item: 69, done: true, note: 'done' }, ctx(setup));
    await store.append('CalendarItemMarked', { item: 70, done: true, note: '' }, ctx(setup));
    await store.append('CalendarItemMarked', { item: 69, done: false, note: 'taken back' }, ctx(setup));
    const fold = async () => foldSetup(await store.allEvents());
    // One row an item: marking one item writes that row alone (the calendar is not read and rewritten).
    expect(await db.projections.get('calendarMark:69')).toEqual({ key: 'calendarMark:69', value: (await fold()).calendarMarks[69] });
    expect(await db.projections.get('calendarMarks')).toBeUndefined();
    expect(await projection(db)).toEqual(await fold());
    await store.append('SetupActivated', setup, ctx(setup));
    expect(Object.keys((await projection(db))?.calendarMarks ?? {})).toEqual(['69', '70']);
    const other = { ...setup, election: { ...setup.election, id: `${setup.election.id}-again` } };
    await store.append('SetupActivated', other, ctx(other));
    await store.append('CalendarItemMarked', { item: 3, done: true, note: '' }, ctx(other));
    expect(await projection(db)).toEqual(await fold());
    expect(Object.keys((await projection(db))?.calendarMarks ?? {})).toEqual(['3']);
    expect((await db.projections.toCollection().primaryKeys()).filter((k) => k.startsWith('calendarMark'))).toEqual(['calendarMark:3']);
  });

  it('opens a database that kept every mark in one row (before issue 14) with its marks, one row an item', async () => {
    const name = `old-${Math.random()}`;
    const old = new Dexie(name);
    old.version(4).stores({ events: '[deviceId+seq], &id, hlc, type', meta: 'key', projections: 'key', blobs: 'hash', voterStatus: 'voterId, page', sync: 'key', listCache: 'listHash' });
    const mark = (item: number, done: boolean) => ({ item, done, note: '', at: '2026-03-01T05:00:00.000Z', actor: 'm1' });
    await old.table('projections').bulkPut([
      { key: 'setup', value: null },
      { key: 'calendarMarks', value: { 7: mark(7, true), 12: mark(12, false) } },
    ]);
    old.close();
    const db = new PrecinctDatabase(name);
    dbs.push(db);
    expect(await projection(db)).toEqual({ setup: null, calendarMarks: { 7: mark(7, true), 12: mark(12, false) } });
    expect(await db.projections.get('calendarMarks')).toBeUndefined();
    expect(await db.projections.get('calendarMark:12')).toEqual({ key: 'calendarMark:12', value: mark(12, false) });
  });

  it('detects an event edited in the database', async () => {
    const db = freshDb();
    const store = new EventStore(db);
    const setup = await demoSetup();
    await store.append('SetupActivated', setup, ctx(setup));
    const marked = await store.append('CalendarItemMarked', { item: 70, done: true, note: '' }, ctx(setup));
    await store.append('CalendarItemMarked', { item: 71, done: true, note: '' }, ctx(setup));
    expect(await verifyChains(await store.allEvents())).toEqual(ok(undefined));
    await db.events.update([marked.deviceId, marked.seq], { payload: { item: 70, done: false, note: '' } });
    const problems = await verifyChains(await store.allEvents());
    expect(problems).toEqual(err([{ code: 'hash-mismatch', deviceId: marked.deviceId, seq: 2 }]));
  });

  it('detects a removed event as a gap and a broken link', async () => {
    const db = freshDb();
    const store = new EventStore(db);
    const setup = await demoSetup();
    await store.append('SetupActivated', setup, ctx(setup));
    const mid = await store.append('CalendarItemMarked', { item: 70, done: true, note: '' }, ctx(setup));
    await store.append('CalendarItemMarked', { item: 71, done: true, note: '' }, ctx(setup));
    await db.events.delete([mid.deviceId, mid.seq]);
    const chain = await verifyChains(await store.allEvents());
    const kinds = (chain.ok ? [] : chain.error).map((p) => p.code).sort();
    expect(kinds).toEqual(['broken-link', 'seq-gap']);
  });

  it('two windows appending to one database keep one unbroken chain', async () => {
    const db = freshDb();
    const a = new EventStore(db);
    const b = new EventStore(db);
    const setup = await demoSetup();
    await a.append('SetupActivated', setup, ctx(setup));
    await Promise.all([
      a.append('CalendarItemMarked', { item: 68, done: true, note: '' }, ctx(setup)),
      b.append('CalendarItemMarked', { item: 69, done: true, note: '' }, ctx(setup)),
      a.append('CalendarItemMarked', { item: 70, done: true, note: '' }, ctx(setup)),
      b.append('CalendarItemMarked', { item: 71, done: true, note: '' }, ctx(setup)),
    ]);
    const events = await a.allEvents();
    expect(events.map((e) => e.seq).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5]);
    expect(await verifyChains(events)).toEqual(ok(undefined));
    const marks = (await projection(db))?.calendarMarks ?? {};
    expect(Object.keys(marks).sort()).toEqual(['68', '69', '70', '71']);
  });

  it('keeps the device identity across store instances (a restart)', async () => {
    const db = freshDb();
    const first = await new EventStore(db).head();
    expect(first.lastSeq).toBe(0);
    const store = new EventStore(db);
    const setup = await demoSetup();
    const appended = await store.append('SetupActivated', setup, ctx(setup));
    const again = await new EventStore(db).head();
    expect(again.deviceId).toBe(first.deviceId);
    expect(again).toMatchObject({ lastSeq: 1, lastHash: appended.hash, lastHlc: appended.hlc });
    const next = await new EventStore(db).append('CalendarItemMarked', { item: 1, done: true, note: '' }, ctx(setup));
    expect(next.prevHash).toBe(appended.hash);
  });
});

describe('merging other laptops\' events', () => {
  async function snapshot(db: PrecinctDatabase) {
    return { setup: await projection(db), projections: await db.projections.toArray(), status: await db.voterStatus.toArray() };
  }

  it('folds events that come after everything known one by one, and rebuilds when one lands earlier; the result equals a full rebuild', async () => {
    let clock = Date.parse('2017-10-15T03:00:00Z');
    const now = () => clock;
    const a = new EventStore(freshDb(), { now });
    const b = new EventStore(freshDb(), { now });
    const c = new EventStore(freshDb(), { now });
    const setup = await demoSetup();
    const s1 = await a.append('SetupActivated', setup, ctx(setup));
    clock += 1000;
    const m1 = await a.append('CalendarItemMarked', { item: 70, done: true, note: '' }, ctx(setup));

    // Laptop b has nothing yet: both fold in order; a repeated merge adds nothing.
    expect(await b.mergeEvents([m1, s1])).toEqual({ added: 2, rebuilt: false });
    expect(await b.mergeEvents([s1, m1])).toEqual({ added: 0, rebuilt: false });
    expect((await projection(b.db))?.calendarMarks[70]?.done).toBe(true);

    // Laptop c marked item 71 offline, earlier than b's own later mark.
    await c.mergeEvents([s1]);
    clock += 1000;
    const offline = await c.append('CalendarItemMarked', { item: 71, done: true, note: '' }, ctx(setup));
    clock += 1000;
    await b.append('CalendarItemMarked', { item: 70, done: false, note: 'taken back' }, ctx(setup));
    clock += 1000;
    const later = await a.append('CalendarItemMarked', { item: 72, done: true, note: '' }, ctx(setup));
    expect(await b.mergeEvents([later])).toEqual({ added: 1, rebuilt: false });
    expect(await b.mergeEvents([offline])).toEqual({ added: 1, rebuilt: true });

    const merged = await snapshot(b.db);
    expect(merged.setup?.calendarMarks[70]?.done).toBe(false);
    expect(merged.setup?.calendarMarks[71]?.done).toBe(true);
    expect(merged.setup?.calendarMarks[72]?.done).toBe(true);
    await b.rebuildProjections();
    expect(await snapshot(b.db)).toEqual(merged);
  });

  it('page sums two laptops entered before they exchanged records stay flagged, the same folded incrementally in any order and rebuilt, until entered again or corrected', async () => {
    let clock = Date.parse('2017-10-15T14:40:00Z');
    const now = () => (clock += 1000);
    const laptop = () => {
      const store = new EventStore(freshDb(), { now });
      return { store, bus: new CommandBus(store, now) };
    };
    const [a, b, c, d] = [laptop(), laptop(), laptop(), laptop()];
    const setup = await demoSetup();
    const context = { ...ctx(setup), actor: setup.members[1]!.id };
    const s1 = await a.store.append('SetupActivated', setup, ctx(setup));
    for (const l of [b, c, d]) await l.store.mergeEvents([s1]);
    const enter = async (l: typeof a, total: number) => {
      const r = await recordLedgerEntry(l.bus, 'ListPageSumsEntered', { total, pages: 12, enteredBy: context.actor }, context);
      if (!r.ok) throw new Error('refused');
      return r.value.event;
    };
    const flagged = async (l: typeof a) => (await readKnownFigures(l.store.db)).pageSumsDisagree.map((h) => [h.total, h.device, h.enteredBy]);

    // a enters 300 and b 310, neither having the other's: the later one (b's) is the act's figure, and both are named.
    const fromA = await enter(a, 300);
    const fromB = await enter(b, 310);
    const both = [[300, fromA.deviceId, context.actor], [310, fromB.deviceId, context.actor]];
    await b.store.mergeEvents([fromA]);
    await c.store.mergeEvents([fromA, fromB]);
    await d.store.mergeEvents([fromB]);
    await d.store.mergeEvents([fromA]);
    await a.store.mergeEvents([fromB]);
    for (const l of [a, b, c, d]) {
      expect(await flagged(l)).toEqual(both);
      expect((await readKnownFigures(l.store.db)).ledger.listPageSums).toBe(310);
    }
    const incremental = await readKnownFigures(d.store.db);
    await d.store.rebuildProjections();
    expect(await readKnownFigures(d.store.db)).toEqual(incremental);

    // One laptop entering after it had the other's replaces both: no disagreement.
    const again = await enter(c, 305);
    expect(again.payload.replaces?.sort()).toEqual([fromA.id, fromB.id].sort());
    for (const l of [a, b, d]) await l.store.mergeEvents([again]);
    for (const l of [a, b, c, d]) expect(await flagged(l)).toEqual([]);

    // Entered again on a laptop that already had the other's: replaced knowingly, never flagged.
    const x = laptop();
    await x.store.mergeEvents(await a.store.allEvents());
    await enter(x, 299);
    expect(await flagged(x)).toEqual([]);

    // Corrected: a's entry corrected to b's figure ends it too.
    const e = laptop();
    await e.store.mergeEvents([s1, fromA, fromB]);
    expect(await flagged(e)).toEqual(both);
    const corrected = await correctLedgerEntry(e.bus, { entry: fromA.id, count: 310, reason: 'recounted the pages', by: context.actor }, context);
    expect(corrected.ok).toBe(true);
    expect(await flagged(e)).toEqual([]);
  });

  it('an event of another laptop stamped at the last clock value stops neither the merge nor this laptop’s own events', async () => {
    const clock = Date.parse('2017-10-15T03:00:00Z');
    const a = new EventStore(freshDb(), { now: () => clock });
    const setup = await demoSetup();
    const s1 = await a.append('SetupActivated', setup, ctx(setup));
    const marked = await a.append('CalendarItemMarked', { item: 70, done: true, note: '' }, ctx(setup));
    // A forged or broken clock: the year 9999, the counter one short of full, then full.
    const stamped = async (e: StoredEvent, counter: string) => {
      const { hash: _hash, ...rest } = { ...e, hlc: `253402300799999-${counter}-${e.deviceId}` };
      return { ...rest, hash: await computeEventHash(rest) } as StoredEvent;
    };
    const nearlyFull = new EventStore(freshDb(), { now: () => clock });
    expect(await nearlyFull.mergeEvents([s1, await stamped(marked, 'zzzzzy')])).toEqual({ added: 2, rebuilt: false });
    const after = await nearlyFull.append('CalendarItemMarked', { item: 70, done: false, note: 'taken back' }, ctx(setup));
    expect(after.hlc > '253402300799999-zzzzzy').toBe(true);
    const full = new EventStore(freshDb(), { now: () => clock });
    expect(await full.mergeEvents([s1, await stamped(marked, 'zzzzzz')])).toEqual({ added: 2, rebuilt: false });
    const next = await full.append('CalendarItemMarked', { item: 70, done: false, note: 'taken back' }, ctx(setup));
    expect(next.hlc > '253402300799999-zzzzzz').toBe(true);
    expect((await projection(full.db))?.calendarMarks[70]?.done).toBe(false);
  });

  it('a laptop whose clock runs years ahead does not outrank what this laptop decides after seeing its events (receiveHlc)', async () => {
    let clock = Date.parse('2017-10-15T03:00:00Z');
    const a = new EventStore(freshDb(), { now: () => clock + 5 * 365 * 86_400_000 });
    const b = new EventStore(freshDb(), { now: () => clock });
    const setup = await demoSetup();
    const s1 = await a.append('SetupActivated', setup, ctx(setup));
    const marked = await a.append('CalendarItemMarked', { item: 70, done: true, note: '' }, ctx(setup));
    await b.mergeEvents([s1, marked]);
    clock += 1000;
    // After seeing A's mark, B takes it back: B's event comes after A's in causal order.
    const back = await b.append('CalendarItemMarked', { item: 70, done: false, note: 'taken back' }, ctx(setup));
    expect(back.hlc > marked.hlc).toBe(true);
    // A new window (a restart) reads the newest clock from the log.
    const again = await new EventStore(b.db, { now: () => clock }).append('CalendarItemMarked', { item: 71, done: true, note: '' }, ctx(setup));
    expect(again.hlc > back.hlc).toBe(true);
    await b.rebuildProjections();
    expect((await projection(b.db))?.calendarMarks[70]?.done).toBe(false);
  });
});
