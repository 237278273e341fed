/**
 * Property (issue 14): for random voting days on one or two laptops of a precinct — issues, undos
 * (a laptop may take back an issue it pulled from the other, both may take back the same one),
 * double issues on two laptops, visits outside the premises (voted, not at home, spoiled ballots),
 * spoiled ballots at the desk, the list's page sums entered (on either laptop, a million too),
 * corrected and withdrawn, syncs in between — the desk's protocol pre-fill and act on ballots issued
 * (`issuedByAct`: signatures once entered, else the desk's fold), the center's dashboard figures and
 * `summary.csv` give the same ballots issued (room, outside, total), and the desk's fold and the
 * center the same turnout at every report time. Once on PGlite and once on PostgreSQL, each run on a precinct
 * of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { demoBundle } from '../../../shared/election/demo';
import { candidateSchema } from '../../../shared/election/model';
import type { StoredEvent } from '../../../shared/events/envelope';
import { ballotsIssued, foldBallotFacts, turnoutPoints } from '../../../shared/figures';
import { KG_2017_PRESIDENTIAL_FORM } from '../../../shared/protocol/builtin';
import { expandForm } from '../../../shared/protocol/form';
import { foldLedger, issuedByAct, LEDGER_FACT_TYPES, type LedgerFact } from '../../../shared/protocol/ledger';
import { knownValues } from '../../../shared/protocol/prefill';
import type { IsoDate } from '../../../shared/time/date';
import { dashboardSchema } from '../../../shared/sync/dashboard';
import type { Center } from '../../../center/src/center';
import { DASHBOARD_STRINGS } from '../../../center/src/dashboard-page';
import { adminHeaders, BACKENDS, enrolledDevice, parseCsv, server, testBundle, type TestDevice } from './harness';

const LIST_HASH = 'd'.repeat(64);
const bundle = demoBundle();
const t = DASHBOARD_STRINGS.ky;
const VOTERS = ['v1', 'v2', 'v3', 'v4', 'v5', 'v6'];
const form = expandForm(KG_2017_PRESIDENTIAL_FORM, candidateSchema.array().parse(bundle.candidates), bundle.againstAll);

type Step =
  | { kind: 'issue'; laptop: number; voter: number; gapMin: number }
  | { kind: 'undo'; laptop: number; pick: number; gapMin: number }
  | { kind: 'visit'; laptop: number; voter: number; voted: boolean; spoiled: number; earlierMin: number; gapMin: number }
  | { kind: 'spoiled'; laptop: number; count: number; gapMin: number }
  | { kind: 'sums'; laptop: number; total: number; gapMin: number }
  | { kind: 'correct'; laptop: number; pick: number; count: number | null; gapMin: number }
  | { kind: 'sync' };

const laptopArb = fc.integer({ min: 0, max: 1 });
const gapArb = fc.integer({ min: 0, max: 90 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('issue' as const), laptop: laptopArb, voter: fc.integer({ min: 0, max: VOTERS.length - 1 }), gapMin: gapArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('undo' as const), laptop: laptopArb, pick: fc.nat(), gapMin: gapArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('visit' as const), laptop: laptopArb, voter: fc.integer({ min: 0, max: VOTERS.length - 1 }), voted: fc.boolean(),
      spoiled: fc.integer({ min: 0, max: 2 }), earlierMin: fc.integer({ min: 0, max: 240 }), gapMin: gapArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('spoiled' as const), laptop: laptopArb, count: fc.integer({ min: 1, max: 3 }), gapMin: gapArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sums' as const), laptop: laptopArb, total: fc.oneof(fc.nat(8), fc.constant(1_000_000)), gapMin: gapArb }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('correct' as const), laptop: laptopArb, pick: fc.nat(), count: fc.option(fc.nat(8), { nil: null }), gapMin: gapArb }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'sync' as const }) },
);

describe.each(BACKENDS)('one fold on the desk and at the center on $name (property)', (backend) => {
  let center: Center;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  const free = bundle.precincts.map((p) => p.number);

  beforeAll(async () => {
    const opened = await backend.open();
    center = opened.center;
    cleanup = opened.cleanup;
    app = server(center);
    expect((await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: await testBundle() })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await cleanup();
  });

  /** Plays the steps on the precinct's laptops; returns the events each laptop holds at the end (after a last sync). */
  async function play(precinct: number, laptops: number, steps: readonly Step[]): Promise<StoredEvent[]> {
    const devices: TestDevice[] = [];
    for (let i = 0; i < laptops; i += 1) devices.push(await enrolledDevice(app, precinct, `lap${i}`));
    // What each laptop has seen: its own events and those pulled at the last sync.
    const seen: StoredEvent[][] = devices.map(() => []);
    const pushed = devices.map(() => 0);
    let visitNumber = 0;
    const sync = async () => {
      for (const [i, d] of devices.entries()) {
        if (d.events.length > pushed[i]!) {
          const res = await app.inject({ method: 'POST', url: '/api/push', payload: await d.batch(pushed[i]! + 1, d.events.length) });
          expect(res.statusCode, res.body).toBe(200);
          pushed[i] = d.events.length;
        }
      }
      const all = devices.flatMap((d) => d.events);
      for (const s of seen) s.splice(0, s.length, ...all);
      // A dashboard read between syncs keeps the figures it folded; the next read must see the precinct moved.
      expect((await app.inject({ method: 'GET', url: '/api/admin/dashboard', headers: adminHeaders })).statusCode).toBe(200);
    };
    for (const step of steps) {
      if (step.kind === 'sync') {
        await sync();
        continue;
      }
      const i = step.laptop % laptops;
      const d = devices[i]!;
      d.advance(step.gapMin * 60_000);
      let e: StoredEvent | null = null;
      if (step.kind === 'issue') e = await d.append('BallotIssued', { voterId: VOTERS[step.voter]!, page: 1, row: step.voter + 1, listHash: LIST_HASH });
      else if (step.kind === 'undo') {
        // An issue this laptop knows of (its own or pulled) — possibly one already taken back elsewhere.
        const known = seen[i]!.filter((x) => x.type === 'BallotIssued');
        const target = known[step.pick % Math.max(1, known.length)];
        if (target) e = await d.append('BallotIssueUndone', { voterId: (target.payload as { voterId: string }).voterId, undoes: target.id, reason: 'кате шайлоочу' });
      } else if (step.kind === 'visit') {
        visitNumber += 1;
        const visitedAt = new Date(Date.parse(d.nextRecordedAt()) - step.earlierMin * 60_000).toISOString();
        e = await d.append('MobileVisitRecorded', {
          team: 1, number: visitNumber, voterId: `o-${VOTERS[step.voter]!}`, visitedAt, outcome: step.voted ? 'voted' : 'not-at-home', outcomeText: '',
          ballotsIssued: step.voted ? 1 : 0, ballotsSpoiled: step.spoiled, box: step.voted ? 1 : null,
        });
      } else if (step.kind === 'sums') {
        e = await d.append('ListPageSumsEntered', { total: step.total, pages: 2, at: d.nextRecordedAt(), enteredBy: 'm-sec' });
      } else if (step.kind === 'correct') {
        // A page-sums entry this laptop knows of, corrected or withdrawn (possibly corrected before, elsewhere).
        const known = seen[i]!.filter((x) => x.type === 'ListPageSumsEntered');
        const target = known[step.pick % Math.max(1, known.length)];
        if (target) e = await d.append('LedgerEntryCorrected', { entry: target.id, count: step.count, reason: 'page 2 counted again', by: 'm-sec' });
      } else e = await d.append('BallotsSpoiled', { count: step.count, reason: 'voter-mistake', note: '' });
      if (e) seen[i]!.push(e);
    }
    await sync();
    return seen[0]!;
  }

  it('desk fold == protocol pre-fill == act == dashboard == summary.csv, room, outside, total and turnout at every report time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 }), fc.array(stepArb, { minLength: 1, maxLength: 30 }), async (laptops, steps) => {
        const precinct = free.shift();
        if (precinct === undefined) throw new Error('no precinct left for another run');
        const deskEvents = await play(precinct, laptops, steps);

        const facts = foldBallotFacts(deskEvents);
        const desk = ballotsIssued(facts);
        // The desk's protocol screen and act read the ledger's facts in log order (renderer/core/ledger.ts).
        const ledgerFacts = deskEvents
          .filter((e) => (LEDGER_FACT_TYPES as readonly string[]).includes(e.type))
          .sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .map((e) => ({ type: e.type, payload: e.payload, id: e.id }) as LedgerFact);
        const ledger = foldLedger(ledgerFacts, { issuedRoom: desk.room, listPageSums: null, issuedOutside: desk.outside, listSize: null });
        const act = issuedByAct(ledger);
        const known = knownValues(form, ledger);
        expect([known.C?.value, known.D?.value, known.E?.value]).toEqual([act.room, desk.outside, act.total]);
        const zone = bundle.precincts.find((p) => p.number === precinct);
        const points = turnoutPoints(facts, {
          votingDay: bundle.election.votingDay as IsoDate, times: bundle.election.turnoutReportTimes ?? [], timeZone: zone?.timeZone ?? '',
          listSize: zone?.voterCount ?? null, now: new Date(center.now()),
        });

        const board = dashboardSchema.parse((await app.inject({ method: 'GET', url: '/api/admin/dashboard', headers: adminHeaders })).json());
        const p = board.precincts.find((x) => x.number === precinct);
        expect([p?.ballotsRoom, p?.ballotsOutside, p?.ballotsIssued]).toEqual([act.room, desk.outside, act.total]);
        expect(p?.turnout.map((x) => [x.time, x.ballots, x.room, x.outside, x.percent])).toEqual(points.map((x) => [x.time, x.ballots, x.room, x.outside, x.percent]));

        const rows = parseCsv((await app.inject({ method: 'GET', url: '/api/admin/summary.csv', headers: adminHeaders })).rawPayload.toString('utf8').slice(1), ';');
        const header = rows[0] ?? [];
        const row = rows.find((r) => r[0] === String(precinct)) ?? [];
        const cell = (name: string) => Number(row[header.indexOf(name)]);
        expect([cell(t.colBallotsRoom), cell(t.colBallotsOutside), cell(t.colBallots)]).toEqual([act.room, desk.outside, act.total]);
        expect(board.reportTimes.map((time) => cell(`${t.colTurnout} ${time}`))).toEqual(points.map((x) => x.ballots));
      }),
      { numRuns: Math.min(15, bundle.precincts.length), endOnFailure: true },
    );
  });
});
