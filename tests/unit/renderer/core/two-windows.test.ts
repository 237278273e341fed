/**
 * Every command that hands out a number, run at once in two windows (two Dexie connections on one
 * database, each with its own store and command bus): no number is taken twice, and the register
 * as folded agrees. The numbering commands: the out-of-premises register, list applications (each
 * form's own register), certified copies of the protocol, copies of the acts (each act's own
 * numbers) and the protocol's versions.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { applicationBodySchema, type ApplicationForm } from '../../../../shared/applications';
import type { CopiedAct } from '../../../../shared/act-copies';
import { checkApplication, type OutPremisesState } from '../../../../shared/outpremises';
import { evaluate } from '../../../../shared/protocol/relations';
import { issueActCopy, readActCopies } from '../../../../renderer/core/act-copies';
import { registerApplication } from '../../../../renderer/core/applications';
import { CommandBus } from '../../../../renderer/core/command';
import { recordOutPremises } from '../../../../renderer/core/outpremises';
import { issueCertifiedCopy } from '../../../../renderer/core/copies';
import { signProtocolCommand, type SignInput } from '../../../../renderer/core/protocol';
import { copiesProjector, outPremisesProjector, protocolProjector, readApplications } from '../../../../renderer/db/projectors';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import { application, MEMBERS } from '../../shared/outpremises/helpers';
import { builtinForm, goodValues } from '../../shared/protocol/helpers';

const base = { votingDay: '2017-10-15' as const, timeZone: 'Asia/Bishkek', members: MEMBERS };
const context = { electionId: 'e', bundleHash: null, precinct: 9001, actor: 'm-sec' };
const dbs: PrecinctDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** A window: its own Dexie connection on the shared database, its own store and command bus. */
function window(name: string, at = '2017-10-11T12:00:00+06:00') {
  const db = new PrecinctDatabase(name);
  dbs.push(db);
  const clock = () => Date.parse(at);
  return { db, bus: new CommandBus(new EventStore(db, { now: clock }), clock) };
}

/** Two windows on one fresh database. */
function twoWindows(prefix: string, at?: string) {
  const name = `${prefix}-${Math.random()}`;
  return [window(name, at), window(name, at)] as const;
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
  it('list application numbers: Form 2 and Form 3 registered at once in two windows are numbered 1, 2, 3 in each form\'s own register', async () => {
    const [a, b] = twoWindows('two-windows-applications', '2017-09-30T14:40:00Z');
    const deadline = { date: '2017-09-30', time: '24:00', timeZone: 'Asia/Tokyo' };
    const members = [{ id: 'm1' }, { id: 'm3' }];
    const body = (form: ApplicationForm, n: number) =>
      applicationBodySchema.parse({
        form,
        receivedAt: '2017-09-30T14:30:00Z',
        receivedBy: 'm3',
        applicant: { surname: `${form === 'form2' ? 'Асанова' : 'Бакирова'} ${n}`, name: 'Гүлзат', address: 'Tokyo' },
        ...(form === 'form2' ? { document: { kind: 'id-card', number: `ID ${form}${n}` } } : { subject: 'absence' }),
      });
    const jobs = (['form2', 'form3'] as const).flatMap((form) => [1, 2, 3].map((n) => ({ form, n })));
    const results = await Promise.all(jobs.map(({ form, n }, i) => registerApplication(i % 2 === 0 ? a.bus : b.bus, body(form, n), deadline, members, context)));
    const numbers = (form: ApplicationForm) =>
      results.flatMap((r, i) => (jobs[i]!.form === form && r.ok && r.value.kind === 'registered' ? [r.value.number] : [])).sort((x, y) => x - y);
    expect(numbers('form2')).toEqual([1, 2, 3]);
    expect(numbers('form3')).toEqual([1, 2, 3]);
    const register = await readApplications(b.db);
    for (const form of ['form2', 'form3'] as const) {
      expect(register.entries.filter((e) => e.form === form).map((e) => e.number).sort((x, y) => x - y), form).toEqual([1, 2, 3]);
    }
  });

  it('act copy numbers: copies of two acts given at once in two windows are numbered 1, 2, 3 for each act', async () => {
    const [a, b] = twoWindows('two-windows-act-copies', '2017-10-15T20:30:00+06:00');
    // Both acts can be drawn up: the list summed (item 75), the unused ballots counted and cancelled (item 74).
    await a.bus.store.append('ListPageSumsEntered', { total: 0, pages: 3, at: '2017-10-15T14:30:00.000Z', enteredBy: 'm-sec' }, context);
    await a.bus.store.append('UnusedBallotsCancelled', { count: 120, actNumber: '1', at: '2017-10-15T14:20:00.000Z' }, context);
    const members = [{ id: 'm-chair' }, { id: 'm-sec' }];
    const jobs = (['issued', 'ballots'] as const).flatMap((act) => [1, 2, 3].map((n) => ({ act, n })));
    const results = await Promise.all(
      jobs.map(({ act, n }, i) =>
        issueActCopy(i % 2 === 0 ? a.bus : b.bus, { act, recipientName: `Observer ${act} ${n}`, recipientRole: 'observer', represents: '', issuedBy: 'm-sec' }, members, context),
      ),
    );
    for (const r of results) expect(r.ok, JSON.stringify(r)).toBe(true);
    const log = await readActCopies(b.db);
    const numbersOf = (act: CopiedAct) => log.filter((c) => c.act === act).map((c) => c.copyNumber).sort((x, y) => x - y);
    expect(numbersOf('issued')).toEqual([1, 2, 3]);
    expect(numbersOf('ballots')).toEqual([1, 2, 3]);
  });

  it('protocol versions: two windows signing at once record one version 1; the other is refused, nothing signed twice', async () => {
    const [a, b] = twoWindows('two-windows-signing', '2017-10-16T01:10:00+06:00');
    const form = builtinForm();
    const members = [
      { id: 'chair', name: 'Төрага', role: 'chair' as const },
      { id: 'sec', name: 'Катчы', role: 'secretary' as const },
    ];
    const values = goodValues();
    const input: SignInput = { form, electionId: 'kg-pres-2017', precinct: 9001, values, findings: evaluate(form, values), members, membersPresent: ['chair', 'sec'], acknowledged: [], override: null };
    const ctx = { ...context, electionId: 'kg-pres-2017', actor: 'sec' };
    const results = await Promise.all([a, b, a, b].map((w) => signProtocolCommand(w.bus, input, (id) => id, ctx)));
    const signed = results.flatMap((r) => (r.ok ? [r.value.event.id] : []));
    expect(new Set(signed).size).toBe(1);
    for (const r of results) if (!r.ok) expect(r.error).toContainEqual({ code: 'nothing-to-sign' });
    expect(await a.db.events.where('type').equals('ProtocolSigned').count()).toBe(1);
    const state = await protocolProjector.read(b.db);
    expect(state.signed.map((v) => v.version)).toEqual([1]);
  });
});
