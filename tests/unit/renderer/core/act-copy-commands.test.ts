import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { issueActCopy, readActCopies } from '../../../../renderer/core/act-copies';
import { CommandBus } from '../../../../renderer/core/command';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';

const context = { electionId: 'e', bundleHash: null, precinct: 9001, actor: 'sec' };
const members = [{ id: 'chair' }, { id: 'sec' }];
const dbs: PrecinctDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

describe('act copy commands', () => {
  it('refused before the page sums; then two windows giving at once take two numbers; a reload reads the log', async () => {
    const name = `act-copies-${Math.random()}`;
    let t = Date.parse('2017-10-15T20:30:00+06:00');
    const clock = () => (t += 1);
    const open = () => {
      const db = new PrecinctDatabase(name);
      dbs.push(db);
      return { db, bus: new CommandBus(new EventStore(db, { now: clock }), clock) };
    };
    const a = open();
    const b = open();
    const input = (recipientName: string) => ({ act: 'issued' as const, recipientName, recipientRole: 'observer' as const, represents: '', issuedBy: 'sec' });

    expect(await issueActCopy(a.bus, input('Осмонов Т.'), members, context)).toEqual({ ok: false, error: ['list-not-summed'] });
    expect(await a.db.events.count()).toBe(0);

    await a.bus.store.append('ListPageSumsEntered', { total: 0, pages: 3, at: new Date(clock()).toISOString(), enteredBy: 'sec' }, context);
    const [x, y] = await Promise.all([issueActCopy(a.bus, input('Осмонов Т.'), members, context), issueActCopy(b.bus, input('Садыкова А.'), members, context)]);
    if (!x.ok || !y.ok) throw new Error('refused');
    expect([x.value.event.payload.copyNumber, y.value.event.payload.copyNumber].sort()).toEqual([1, 2]);
    expect(x.value.event.payload.issuedAt).toBe(x.value.event.recordedAt);
    // A double click records once.
    const [p, q] = await Promise.all([issueActCopy(a.bus, input('Үсөнов Б.'), members, context), issueActCopy(a.bus, input('Үсөнов Б.'), members, context)]);
    expect(p).toBe(q);

    const reloaded = open();
    const log = await readActCopies(reloaded.db);
    expect(log.map((c) => c.copyNumber).sort()).toEqual([1, 2, 3]);
    expect(log.find((c) => c.recipientName === 'Үсөнов Б.')?.total).toBe(0);
  });

  it('logs a copy of the act on ballots issued with the act\'s total: the signatures on the list\'s pages, not the desk\'s record', async () => {
    const name = `act-copies-${Math.random()}`;
    let t = Date.parse('2017-10-15T20:30:00+06:00');
    const clock = () => (t += 1);
    const db = new PrecinctDatabase(name);
    dbs.push(db);
    const bus = new CommandBus(new EventStore(db, { now: clock }), clock);
    // The desk recorded no ballot; the list's pages hold 3 signatures (the act prints 3).
    await bus.store.append('ListPageSumsEntered', { total: 3, pages: 3, at: new Date(clock()).toISOString(), enteredBy: 'sec' }, context);
    const given = await issueActCopy(bus, { act: 'issued', recipientName: 'Осмонов Т.', recipientRole: 'observer', represents: '', issuedBy: 'sec' }, members, context);
    if (!given.ok) throw new Error('refused');
    expect(given.value.event.payload.total).toBe(3);
  });
});
