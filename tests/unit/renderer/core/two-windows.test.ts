import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { checkApplication, type OutPremisesState } from '../../../../shared/outpremises';
import { CommandBus } from '../../../../renderer/core/command';
import { recordOutPremises } from '../../../../renderer/core/outpremises';
import { issueCertifiedCopy } from '../../../../renderer/core/copies';
import { copiesProjector } from '../../../../renderer/db/projectors';
import { EventStore } from '../../../../renderer/db/event-store';
import { outPremisesProjector } from '../../../../renderer/db/projectors';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import { application, MEMBERS } from '../../shared/outpremises/helpers';

const base = { votingDay: '2017-10-15' as const, timeZone: 'Asia/Bishkek', members: MEMBERS };
const context = { electionId: 'e', bundleHash: null, precinct: 9001, actor: 'm-sec' };
const dbs: PrecinctDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** A window: its own Dexie connection on the shared database, its own store and command bus. */
function window(name: string) {
  const db = new PrecinctDatabase(name);
  dbs.push(db);
  const clock = () => Date.parse('2017-10-11T12:00:00+06:00');
  return { db, bus: new CommandBus(new EventStore(db, { now: clock }), clock) };
}

describe('two windows on one database', () => {
  it('out-of-premises register numbers: registering at once in two windows never takes one number twice', async () => {
    const name = `two-windows-${Math.random()}`;
    const a = window(name);
    const b = window(name);
    const register = (w: { bus: CommandBus }, n: number) =>
      recordOutPremises(w.bus, 'OutOfPremisesApplicationRegistered', ({ state }, ctx) => checkApplication(state, application(n, '2017-10-11T10:00:00+06:00'), ctx), base, context);
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => register(n % 2 === 0 ? a : b, n)));
    for (const r of results) expect(r.ok, JSON.stringify(r)).toBe(true);
    const numbers = results.map((r) => (r.ok ? r.value.event.payload.number : 0));
    expect([...numbers].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
    // The register as folded agrees: six entries, six numbers, six voters.
    const state: OutPremisesState = await outPremisesProjector.read(a.db);
    expect(state.entries.map((e) => e.number).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(state.entries.map((e) => e.voterId)).size).toBe(6);
    // The same voter in both windows at once: registered once, the other refused.
    const twice = await Promise.all([register(a, 7), register(b, 7)]);
    expect(twice.filter((r) => r.ok)).toHaveLength(1);
    expect((await outPremisesProjector.read(b.db)).entries).toHaveLength(7);
  });

  it('certified copy numbers: copies issued at once in two windows get six numbers, each logged; a double click issues one', async () => {
    const name = `two-windows-copies-${Math.random()}`;
    const a = window(name);
    const b = window(name);
    const copy = (w: { bus: CommandBus }, n: number) =>
      issueCertifiedCopy(w.bus, { protocolHash: 'f'.repeat(64), version: 1, recipientName: `Observer ${n}`, recipientRole: 'observer', represents: '', issuedBy: 'm-sec' }, context);
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => copy(n % 2 === 0 ? a : b, n)));
    const numbers = results.map((r) => (r.ok ? r.value.event.payload.copyNumber : 0));
    expect([...numbers].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await copiesProjector.read(b.db)).map((c) => c.recipientName).sort()).toEqual(['Observer 1', 'Observer 2', 'Observer 3', 'Observer 4', 'Observer 5', 'Observer 6']);
    const [x, y] = await Promise.all([copy(a, 7), copy(a, 7)]);
    expect(x).toBe(y);
    expect(await copiesProjector.read(a.db)).toHaveLength(7);
    expect((await copy(a, 0).then((r) => r.ok)) && (await issueCertifiedCopy(a.bus, { protocolHash: 'f'.repeat(64), version: 1, recipientName: ' ', recipientRole: 'observer', represents: '', issuedBy: 'm-sec' }, context))).toEqual({ ok: false, error: 'invalid' });
  });
});
