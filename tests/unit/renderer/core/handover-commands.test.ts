import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandBus } from '../../../../renderer/core/command';
import { markHandoverItem, readHandover, recordHandover } from '../../../../renderer/core/handover';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';

const context = { electionId: 'e', bundleHash: null, precinct: 9001, actor: 'sec' };
const members = [{ id: 'chair' }, { id: 'm4' }];
const dbs: PrecinctDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

describe('handover commands', () => {
  it('ticks, escort and receiver are recorded events: a fresh connection (a reload) reads them back', async () => {
    const name = `handover-${Math.random()}`;
    const db = new PrecinctDatabase(name);
    dbs.push(db);
    let t = Date.parse('2017-10-16T01:15:00+06:00');
    const clock = () => (t += 1);
    const bus = new CommandBus(new EventStore(db, { now: clock }), clock);
    // A double click on one tick records it once: the second is decided on the state the first left.
    const [a, b] = await Promise.all([markHandoverItem(bus, 'protocol', true, context), markHandoverItem(bus, 'protocol', true, context)]);
    expect(a.ok).toBe(true);
    expect(b).toEqual({ ok: false, error: { code: 'unchanged' } });
    await markHandoverItem(bus, 'list', true, context);
    await markHandoverItem(bus, 'list', false, context);
    await markHandoverItem(bus, 'seals', true, context);
    const rec = await recordHandover(bus, { escort: ['chair', 'm4'], receiver: 'Иванов И., ТИК' }, members, context);
    if (!rec.ok) throw new Error(JSON.stringify(rec.error));
    expect(rec.value.event.payload.at).toBe(rec.value.event.recordedAt);
    expect(await db.events.count()).toBe(5);

    const reloaded = new PrecinctDatabase(name);
    dbs.push(reloaded);
    const state = await readHandover(reloaded);
    expect([...state.handed].sort()).toEqual(['protocol', 'seals']);
    expect(state.recorded).toEqual({ escort: ['chair', 'm4'], receiver: 'Иванов И., ТИК', at: rec.value.event.recordedAt });
  });

  it('rapid ticks of one document are recorded in the order clicked: check, uncheck, check ends ticked', async () => {
    const db = new PrecinctDatabase(`handover-${Math.random()}`);
    dbs.push(db);
    let t = Date.parse('2017-10-16T01:15:00+06:00');
    const clock = () => (t += 1);
    const bus = new CommandBus(new EventStore(db, { now: clock }), clock);
    const outcomes = await Promise.all([
      markHandoverItem(bus, 'seals', true, context),
      markHandoverItem(bus, 'seals', false, context),
      markHandoverItem(bus, 'seals', true, context),
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true]);
    expect([...(await readHandover(db)).handed]).toEqual(['seals']);
  });
});
