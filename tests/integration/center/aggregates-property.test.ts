/**
 * Property (issue 20): the figures kept at ingest (`precinct_aggregates`) equal a rebuild from the
 * events after random pushes on real PostgreSQL — one or two laptops a precinct, issues, undos of
 * any issue either laptop made (an undo may reach the center before its issue, two undos may take
 * back one issue), visits outside the premises, protocols, partial pushes in any order, and new
 * bundles that move the report times between pushes. Each run on a precinct of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { demoBundle } from '../../../shared/election/demo';
import { sealBundle } from '../../../shared/election/bundle';
import type { StoredEvent } from '../../../shared/events/envelope';
import { figuresAtSlot, figureSlots, foldBallotFacts, reportInstants } from '../../../shared/figures';
import type { IsoDate, TimeOfDay } from '../../../shared/time/date';
import type { Center } from '../../../center/src/center';
import { computeAggregates, currentAggregates, figureBasis, readAggregates, rebuildAggregates, zoneOf } from '../../../center/src/aggregates';
import { currentBundleView } from '../../../center/src/bundle-view';
import { adminHeaders, demoSignedProtocol, ELECTION, enrolledDevice, postgresBackend, PG_AVAILABLE, server, type TestDevice } from './harness';

const LIST_HASH = 'd'.repeat(64);
const bundle = demoBundle();
const VOTERS = ['v1', 'v2', 'v3', 'v4', 'v5'];
const TIMES: TimeOfDay[][] = [['10:00', '14:00', '20:00'] as TimeOfDay[], ['08:30', '11:45', '15:00', '17:00'] as TimeOfDay[], ['12:00'] as TimeOfDay[]];

type Step =
  | { kind: 'issue'; laptop: number; voter: number; gapMin: number }
  | { kind: 'undo'; laptop: number; pick: number; gapMin: number }
  | { kind: 'visit'; laptop: number; voter: number; voted: boolean; earlierMin: number }
  | { kind: 'protocol'; laptop: number }
  | { kind: 'push'; laptop: number; upTo: number }
  | { kind: 'bundle'; times: number };

const laptopArb = fc.integer({ min: 0, max: 1 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('issue' as const), laptop: laptopArb, voter: fc.integer({ min: 0, max: VOTERS.length - 1 }), gapMin: fc.integer({ min: 0, max: 120 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('undo' as const), laptop: laptopArb, pick: fc.nat(), gapMin: fc.integer({ min: 0, max: 120 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('visit' as const), laptop: laptopArb, voter: fc.integer({ min: 0, max: VOTERS.length - 1 }), voted: fc.boolean(), earlierMin: fc.integer({ min: 0, max: 300 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('protocol' as const), laptop: laptopArb }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('push' as const), laptop: laptopArb, upTo: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bundle' as const), times: fc.integer({ min: 0, max: TIMES.length - 1 }) }) },
);

describe.skipIf(!PG_AVAILABLE)('figures kept at ingest == rebuilt from the events on PostgreSQL (property)', () => {
  let center: Center;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  let version = 1;
  const free = bundle.precincts.map((p) => p.number);

  const loadBundle = async (times: readonly TimeOfDay[]) => {
    version += 1;
    const b = demoBundle();
    const res = await app.inject({
      method: 'POST', url: '/api/admin/bundles', headers: adminHeaders,
      payload: await sealBundle({ ...b, bundleVersion: version, election: { ...b.election, turnoutReportTimes: [...times] } }),
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    const opened = await postgresBackend.open();
    center = opened.center;
    cleanup = opened.cleanup;
    app = server(center);
    const res = await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: await sealBundle({ ...demoBundle(), bundleVersion: 1 }) });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await cleanup();
  });

  async function play(precinct: number, laptops: number, steps: readonly Step[]): Promise<StoredEvent[]> {
    const devices: TestDevice[] = [];
    for (let i = 0; i < laptops; i += 1) devices.push(await enrolledDevice(app, precinct, `agg${i}`));
    const pushed = devices.map(() => 0);
    let visitNumber = 0;
    const push = async (i: number, upTo: number) => {
      const d = devices[i]!;
      if (upTo <= pushed[i]!) return;
      const res = await app.inject({ method: 'POST', url: '/api/push', payload: await d.batch(pushed[i]! + 1, upTo) });
      expect(res.statusCode, res.body).toBe(200);
      pushed[i] = upTo;
    };
    for (const step of steps) {
      if (step.kind === 'bundle') {
        await loadBundle(TIMES[step.times]!);
        continue;
      }
      const i = step.laptop % laptops;
      const d = devices[i]!;
      if (step.kind === 'push') {
        const pending = d.events.length - pushed[i]!;
        if (pending > 0) await push(i, pushed[i]! + 1 + (step.upTo % pending));
      } else if (step.kind === 'issue') {
        d.advance(step.gapMin * 60_000);
        await d.append('BallotIssued', { voterId: VOTERS[step.voter]!, page: 1, row: step.voter + 1, listHash: LIST_HASH });
      } else if (step.kind === 'undo') {
        d.advance(step.gapMin * 60_000);
        // Any issue of any laptop of the precinct, pushed or not, taken back already or not.
        const known = devices.flatMap((x) => x.events).filter((x) => x.type === 'BallotIssued');
        const target = known[step.pick % Math.max(1, known.length)];
        if (target) await d.append('BallotIssueUndone', { voterId: (target.payload as { voterId: string }).voterId, undoes: target.id, reason: 'кате шайлоочу' });
      } else if (step.kind === 'visit') {
        visitNumber += 1;
        const visitedAt = new Date(Date.parse(d.nextRecordedAt()) - step.earlierMin * 60_000).toISOString();
        await d.append('MobileVisitRecorded', {
          team: 1, number: visitNumber, voterId: `o-${VOTERS[step.voter]!}`, visitedAt, outcome: step.voted ? 'voted' : 'not-at-home', outcomeText: '',
          ballotsIssued: step.voted ? 1 : 0, ballotsSpoiled: 0, box: step.voted ? 1 : null,
        });
      } else {
        await d.append('ProtocolSigned', (await demoSignedProtocol(precinct)).signed);
      }
    }
    // Whatever is left is pushed at the end, laptop by laptop.
    for (const [i, d] of devices.entries()) await push(i, d.events.length);
    return devices.flatMap((d) => d.events);
  }

  it('after random pushes the rows kept at ingest are the rows a rebuild computes, and the fold of all the events', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 }), fc.array(stepArb, { minLength: 1, maxLength: 40 }), async (laptops, steps) => {
        const precinct = free.shift();
        if (precinct === undefined) throw new Error('no precinct left for another run');
        const events = await play(precinct, laptops, steps);

        const view = await currentBundleView(center.db, ELECTION);
        const zones = new Map((await center.db.query<{ number: number; time_zone: string }>('select number, time_zone from precincts where election_id = $1', [ELECTION])).map((r) => [r.number, r.time_zone]));
        const kept = (await currentAggregates(center.db, ELECTION, view, zones)).get(precinct);
        const basis = figureBasis(view, zoneOf(view, precinct, zones.get(precinct)));
        const [rebuilt] = await computeAggregates(center.db, ELECTION, [{ number: precinct, basis }]);
        expect(kept).toEqual(rebuilt);

        // And both are the laptops' fold of every event pushed.
        const slots = figureSlots(foldBallotFacts(events), basis.instants);
        expect(kept?.room).toEqual(slots.room);
        expect(kept?.outside).toEqual(slots.outside);
        expect(kept?.undone).toBe(slots.undone);
        expect(kept?.events).toBe(events.length);
        const protocols = events.filter((e) => e.type === 'ProtocolSigned');
        expect(kept?.protocol?.events ?? 0).toBe(protocols.length);
        if (view) {
          const reports = reportInstants(view.election.votingDay as IsoDate, [...view.election.turnoutReportTimes].sort() as TimeOfDay[], zoneOf(view, precinct, zones.get(precinct)));
          expect(reports.map((r) => r.instant)).toEqual(basis.instants);
          expect(figuresAtSlot(kept ?? slots, reports.length).total).toBe(figuresAtSlot(slots, reports.length).total);
        }
      }),
      { numRuns: Math.min(25, bundle.precincts.length), endOnFailure: true },
    );
  });

  it('the rebuild command writes the same rows as ingest kept', async () => {
    const before = await readAggregates(center.db, ELECTION);
    expect(before.size).toBeGreaterThan(0);
    await rebuildAggregates(center.db, ELECTION);
    const after = await readAggregates(center.db, ELECTION);
    for (const [n, row] of before) expect(after.get(n), `precinct ${n}`).toEqual(row);
  });
});
