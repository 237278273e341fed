import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { applicationBodySchema } from '../../../../shared/applications';
import { EventStore } from '../../../../renderer/db/event-store';
import { readApplications } from '../../../../renderer/db/projectors';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import { decideApplication, forwardApplication, registerApplication, type RegisterOutcome } from '../../../../renderer/core/applications';
import { CommandBus } from '../../../../renderer/core/command';
import type { Result } from '../../../../shared/util/result';

const ctx = { electionId: 'e', bundleHash: null, precinct: 9019, actor: 'm3' };
const members = [{ id: 'm1' }, { id: 'm3' }];
const deadline = { date: '2017-09-30', time: '24:00', timeZone: 'Asia/Tokyo' };
const now = new Date('2017-09-30T14:40:00Z');
const dbs: PrecinctDatabase[] = [];
/** A window's command bus on a clock the test sets (read once per command). */
function busAt(store: EventStore, at: Date) {
  const time = { at };
  return Object.assign(new CommandBus(store, () => time.at.getTime()), { time });
}
function fresh() {
  const db = new PrecinctDatabase(`applications-${Math.random()}`);
  dbs.push(db);
  const store = new EventStore(db);
  return { db, store, bus: busAt(store, now) };
}
function value<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const body = (surname: string, receivedAt = '2017-09-30T14:30:00Z', documentNumber = `ID ${surname.length}00001`) =>
  applicationBodySchema.parse({
    form: 'form2',
    receivedAt,
    receivedBy: 'm3',
    applicant: { surname, name: 'Гүлзат', address: 'Tokyo' },
    document: { kind: 'id-card', number: documentNumber },
  });

describe('recording Form 2 / Form 3 applications', () => {
  it('stamps each event with the instant it was checked at (one reading of the clock), not a later one', async () => {
    const { db, bus } = fresh();
    await registerApplication(bus, body('Үсөнова'), deadline, members, ctx);
    bus.time.at = new Date('2017-09-30T15:01:00Z');
    await registerApplication(bus, body('Кечиккен', '2017-09-30T15:00:00Z', 'ID 8'), deadline, members, ctx);
    const [registered, refused] = await db.events.orderBy('hlc').toArray();
    expect(registered?.recordedAt).toBe(now.toISOString());
    expect(refused?.recordedAt).toBe('2017-09-30T15:01:00.000Z');
  });

  it('numbers applications, refuses and records a late one, and rebuilds the same register', async () => {
    const { db, store, bus } = fresh();
    expect(await registerApplication(bus, body('Үсөнова'), deadline, members, ctx)).toMatchObject({ ok: true, value: { kind: 'registered', number: 1 } });
    expect(await registerApplication(bus, body('Бекова', '2017-09-30T14:35:00Z', 'ID 7'), deadline, members, ctx)).toMatchObject({ ok: true, value: { kind: 'registered', number: 2 } });
    bus.time.at = new Date('2017-09-30T15:01:00Z');
    const late = await registerApplication(bus, body('Кечиккен', '2017-09-30T15:00:00Z', 'ID 8'), deadline, members, ctx);
    expect(late).toMatchObject({ ok: true, value: { kind: 'refused-late', local: { date: '2017-10-01', time: '00:00' } } });
    const state = await readApplications(db);
    expect(state.entries.map((e) => e.number)).toEqual([1, 2]);
    expect(state.refusals.map((r) => r.applicant.surname)).toEqual(['Кечиккен']);
    await store.rebuildProjections();
    expect(await readApplications(db)).toEqual(state);
  });

  it('a form with problems records nothing', async () => {
    const { db, bus } = fresh();
    const noCopy = { ...body('Үсөнова'), document: null };
    expect(await registerApplication(bus, noCopy, deadline, members, ctx)).toEqual({ ok: false, error: [{ code: 'document-required', field: 'document' }] });
    expect(await db.events.count()).toBe(0);
  });

  it('a double submission (a second click while the first is in flight) records one application', async () => {
    const { db, bus } = fresh();
    const [first, second] = await Promise.all([
      registerApplication(bus, body('Үсөнова'), deadline, members, ctx),
      registerApplication(bus, body('Үсөнова'), deadline, members, ctx),
    ]);
    expect(first).toEqual(second);
    expect(await db.events.count()).toBe(1);
    const r = value(first);
    if (r.kind !== 'registered') throw new Error('not registered');
    const [a, b] = await Promise.all([decideApplication(bus, r.eventId, 'included', '', ctx), decideApplication(bus, r.eventId, 'included', '', ctx)]);
    expect(a).toEqual(b);
    expect(await db.events.count()).toBe(2);
  });

  it('two windows registering at once never share a number', async () => {
    const { db } = fresh();
    const a = busAt(new EventStore(db), now);
    const b = busAt(new EventStore(db), now);
    const results: Result<RegisterOutcome, unknown>[] = await Promise.all([
      registerApplication(a, body('Асанова', undefined, 'ID 1'), deadline, members, ctx),
      registerApplication(b, body('Бакирова', undefined, 'ID 2'), deadline, members, ctx),
    ]);
    expect(results.map((r) => { const v = value(r); return v.kind === 'registered' ? v.number : 0; }).sort()).toEqual([1, 2]);
    expect((await readApplications(db)).entries.map((e) => e.number).sort()).toEqual([1, 2]);
  });

  it('forwarding and outcome are checked inside the transaction', async () => {
    const { db, bus } = fresh();
    const r = value(await registerApplication(bus, body('Үсөнова'), deadline, members, ctx));
    if (r.kind !== 'registered') throw new Error('not registered');
    expect(value(await forwardApplication(bus, r.eventId, 'cec', '', ctx)).event.payload.at).toBe(now.toISOString());
    expect(await decideApplication(bus, r.eventId, 'rejected', 'no', ctx)).toEqual({ ok: false, error: { code: 'note-required', min: 5 } });
    value(await decideApplication(bus, r.eventId, 'included', '', ctx));
    expect(await forwardApplication(bus, r.eventId, 'tec', '', ctx)).toMatchObject({ ok: false, error: { code: 'already-decided' } });
    const entry = (await readApplications(db)).entries[0]!;
    expect(entry.forwarded.map((f) => f.to)).toEqual(['cec']);
    expect(entry.decision?.outcome).toBe('included');
  });
});
