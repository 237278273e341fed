import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { foldLedger } from '../../../../shared/protocol/ledger';
import { CommandBus } from '../../../../renderer/core/command';
import { correctLedgerEntry, readLedgerFacts, recordLedgerEntry } from '../../../../renderer/core/ledger';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';

const context = { electionId: 'e', bundleHash: null, precinct: 9001, actor: 'm-sec' };
const counts = { issuedRoom: 0, listPageSums: null, issuedOutside: 0, listSize: null };
const dbs: PrecinctDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

function runningClock(start: string) {
  let t = Date.parse(start);
  return () => (t += 1);
}
function open() {
  const db = new PrecinctDatabase(`ledger-cmd-${Math.random()}`);
  dbs.push(db);
  const clock = runningClock('2017-10-15T10:00:00+06:00');
  return { db, bus: new CommandBus(new EventStore(db, { now: clock }), clock) };
}

describe('ledger commands', () => {
  it('a double submission of one spoiled entry records it once; a later, separate one records again', async () => {
    const { db, bus } = open();
    const spoil = () => recordLedgerEntry(bus, 'BallotsSpoiled', { count: 5, reason: 'voter-mistake', note: '' }, context);
    const [a, b] = await Promise.all([spoil(), spoil()]);
    expect(a).toBe(b);
    expect(await db.events.count()).toBe(1);
    expect(foldLedger(await readLedgerFacts(db), counts).spoiled).toBe(5);
    // Not a double click: a second spoiled entry after the first was recorded.
    await spoil();
    expect(foldLedger(await readLedgerFacts(db), counts).spoiled).toBe(10);
  });

  it('a refused entry records nothing and names the field', async () => {
    const { db, bus } = open();
    const r = await recordLedgerEntry(bus, 'BallotsSpoiled', { reason: 'voter-mistake' }, context);
    expect(r).toEqual({ ok: false, error: [{ field: 'count', reason: 'required' }] });
    expect(await db.events.count()).toBe(0);
  });

  it('the act is stamped with the command’s clock reading, the same as the event’s', async () => {
    const { bus } = open();
    const r = await recordLedgerEntry(bus, 'UnusedBallotsCancelled', { count: 0, actNumber: 'C-1', packetNumber: '' }, context);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.event.payload.at).toBe(r.value.event.recordedAt);
  });

  it('a correction is a counter-entry: the entry stays as recorded, the figures fold the correction', async () => {
    const { db, bus } = open();
    const first = await recordLedgerEntry(bus, 'BallotsSpoiled', { count: 5, reason: 'voter-mistake', note: '' }, context);
    await recordLedgerEntry(bus, 'BallotsSpoiled', { count: 2, reason: 'misprint', note: '' }, context);
    if (!first.ok) throw new Error('not recorded');
    const input = { entry: first.value.event.id, count: 3, reason: 'five typed for three', by: 'm-chair' };
    const [c1, c2] = await Promise.all([correctLedgerEntry(bus, input, context), correctLedgerEntry(bus, input, context)]);
    expect(c1.ok && c2.ok).toBe(true);
    expect(await db.events.count()).toBe(3);
    const facts = await readLedgerFacts(db);
    expect(foldLedger(facts, counts).spoiled).toBe(5);
    const stored = await db.events.get({ id: first.value.event.id });
    expect(stored?.payload).toMatchObject({ count: 5 });
    // The same correction again changes nothing: refused, not recorded.
    expect(await correctLedgerEntry(bus, input, context)).toEqual({ ok: false, error: { code: 'unchanged' } });
    const withdraw = await correctLedgerEntry(bus, { ...input, count: null, reason: 'recorded on the wrong day' }, context);
    expect(withdraw.ok).toBe(true);
    expect(foldLedger(await readLedgerFacts(db), counts).spoiled).toBe(2);
    expect(await db.events.count()).toBe(4);
  });
});
