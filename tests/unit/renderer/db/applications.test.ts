import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { applicationBodySchema } from '../../../../shared/applications';
import { EventStore } from '../../../../renderer/db/event-store';
import { readApplications } from '../../../../renderer/db/projectors';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import {
  ApplicationInvalid,
  decideApplication,
  FollowUpRefused,
  forwardApplication,
  registerApplication,
} from '../../../../renderer/features/applications/application-actions';

const ctx = { electionId: 'e', bundleHash: null, precinct: 9019, actor: 'm3' };
const members = [{ id: 'm1' }, { id: 'm3' }];
const deadline = { date: '2017-09-30', time: '24:00', timeZone: 'Asia/Tokyo' };
const now = new Date('2017-09-30T14:40:00Z');
const dbs: PrecinctDatabase[] = [];
function fresh() {
  const db = new PrecinctDatabase(`applications-${Math.random()}`);
  dbs.push(db);
  return { db, store: new EventStore(db) };
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
    const { db, store } = fresh();
    await registerApplication(store, body('Үсөнова'), deadline, members, now, ctx);
    await registerApplication(store, body('Кечиккен', '2017-09-30T15:00:00Z', 'ID 8'), deadline, members, new Date('2017-09-30T15:01:00Z'), ctx);
    const [registered, refused] = await db.events.orderBy('hlc').toArray();
    expect(registered?.recordedAt).toBe(now.toISOString());
    expect(refused?.recordedAt).toBe('2017-09-30T15:01:00.000Z');
  });

  it('numbers applications, refuses and records a late one, and rebuilds the same register', async () => {
    const { db, store } = fresh();
    expect(await registerApplication(store, body('Үсөнова'), deadline, members, now, ctx)).toMatchObject({ kind: 'registered', number: 1 });
    expect(await registerApplication(store, body('Бекова', '2017-09-30T14:35:00Z', 'ID 7'), deadline, members, now, ctx)).toMatchObject({ kind: 'registered', number: 2 });
    const late = await registerApplication(store, body('Кечиккен', '2017-09-30T15:00:00Z', 'ID 8'), deadline, members, new Date('2017-09-30T15:01:00Z'), ctx);
    expect(late).toMatchObject({ kind: 'refused-late', local: { date: '2017-10-01', time: '00:00' } });
    const state = await readApplications(db);
    expect(state.entries.map((e) => e.number)).toEqual([1, 2]);
    expect(state.refusals.map((r) => r.applicant.surname)).toEqual(['Кечиккен']);
    await store.rebuildProjections();
    expect(await readApplications(db)).toEqual(state);
  });

  it('a form with problems records nothing', async () => {
    const { db, store } = fresh();
    const noCopy = { ...body('Үсөнова'), document: null };
    await expect(registerApplication(store, noCopy, deadline, members, now, ctx)).rejects.toBeInstanceOf(ApplicationInvalid);
    expect(await db.events.count()).toBe(0);
  });

  it('two windows registering at once never share a number', async () => {
    const { db } = fresh();
    const a = new EventStore(db);
    const b = new EventStore(db);
    const results = await Promise.all([
      registerApplication(a, body('Асанова', undefined, 'ID 1'), deadline, members, now, ctx),
      registerApplication(b, body('Бакирова', undefined, 'ID 2'), deadline, members, now, ctx),
    ]);
    expect(results.map((r) => (r.kind === 'registered' ? r.number : 0)).sort()).toEqual([1, 2]);
    expect((await readApplications(db)).entries.map((e) => e.number).sort()).toEqual([1, 2]);
  });

  it('forwarding and outcome are checked inside the transaction', async () => {
    const { db, store } = fresh();
    const r = await registerApplication(store, body('Үсөнова'), deadline, members, now, ctx);
    if (r.kind !== 'registered') throw new Error('not registered');
    await forwardApplication(store, r.eventId, 'cec', now, '', ctx);
    await expect(decideApplication(store, r.eventId, 'rejected', now, 'no', ctx)).rejects.toBeInstanceOf(FollowUpRefused);
    await decideApplication(store, r.eventId, 'included', now, '', ctx);
    await expect(forwardApplication(store, r.eventId, 'tec', now, '', ctx)).rejects.toMatchObject({ problem: { code: 'already-decided' } });
    const entry = (await readApplications(db)).entries[0]!;
    expect(entry.forwarded.map((f) => f.to)).toEqual(['cec']);
    expect(entry.decision?.outcome).toBe('included');
  });
});
