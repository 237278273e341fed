/**
 * Property (issue 14), on the laptops themselves: random commands on one or two laptops — ballots
 * issued and undone at the desk through the desk's own commands (refused when the laptop already
 * has the voter issued), out-of-premises visits, spoiled ballots and receipts through the ledger
 * command, merges of the other laptop's log in either direction (double issues on two laptops) —
 * and after a last merge, on EVERY laptop, every view gives the figures of the one fold of all the
 * events recorded: the desk counter's facts, the page sums, turnout at each report time, the ledger
 * and the protocol's pre-fill (`readKnownFigures`, what the protocol and the printed acts read).
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandBus } from '../../../../renderer/core/command';
import { readBallotFacts } from '../../../../renderer/core/figures';
import { recordLedgerEntry } from '../../../../renderer/core/ledger';
import { readKnownFigures } from '../../../../renderer/core/protocol-queries';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import { issueBallot, undoBallotIssue } from '../../../../renderer/core/ballot-actions';
import type { StoredEvent } from '../../../../shared/events/envelope';
import { ballotsIssued, foldBallotFacts, pageSumsOf, turnoutPoints } from '../../../../shared/figures';
import type { IsoDate } from '../../../../shared/time/date';
import type { VoterRecord } from '../../../../shared/voters';

const LIST_HASH = 'e'.repeat(64);
const VOTERS: VoterRecord[] = Array.from({ length: 6 }, (_, i) => ({
  id: `v${i + 1}`, page: 1 + Math.floor(i / 3), row: 1 + (i % 3), surname: `S${i}`, name: `N${i}`, patronymic: '', birthDate: '1980-01-01', address: '',
}) as unknown as VoterRecord);
const context = (actor: string) => ({ electionId: 'e', bundleHash: null, precinct: 9001, actor });

type Step =
  | { kind: 'issue'; laptop: number; voter: number; gapMin: number }
  | { kind: 'undo'; laptop: number; voter: number; gapMin: number }
  | { kind: 'visit'; laptop: number; voter: number; voted: boolean; spoiled: number; gapMin: number }
  | { kind: 'spoiled'; laptop: number; count: number; gapMin: number }
  | { kind: 'receipt'; laptop: number; count: number; gapMin: number }
  | { kind: 'merge'; into: number };

const laptopArb = fc.integer({ min: 0, max: 1 });
const gapArb = fc.integer({ min: 0, max: 120 });
const voterArb = fc.integer({ min: 0, max: VOTERS.length - 1 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('issue' as const), laptop: laptopArb, voter: voterArb, gapMin: gapArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('undo' as const), laptop: laptopArb, voter: voterArb, gapMin: gapArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('visit' as const), laptop: laptopArb, voter: voterArb, voted: fc.boolean(), spoiled: fc.integer({ min: 0, max: 2 }), gapMin: gapArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('spoiled' as const), laptop: laptopArb, count: fc.integer({ min: 1, max: 3 }), gapMin: gapArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('receipt' as const), laptop: laptopArb, count: fc.integer({ min: 10, max: 99 }), gapMin: gapArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('merge' as const), into: laptopArb }) },
);

const dbs: PrecinctDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

interface Laptop {
  db: PrecinctDatabase;
  store: EventStore;
  bus: CommandBus;
  advance(ms: number): void;
  now(): number;
}

function laptop(n: number): Laptop {
  const db = new PrecinctDatabase(`figures-prop-${n}-${Math.random()}`);
  dbs.push(db);
  // 07:00 on voting day in Bishkek; each command reads this running clock once.
  let t = Date.parse('2017-10-15T07:00:00+06:00');
  const clock = () => (t += 1);
  const store = new EventStore(db, { now: clock });
  return { db, store, bus: new CommandBus(store, clock), advance: (ms) => (t += ms), now: () => t };
}

async function play(count: number, steps: readonly Step[]): Promise<Laptop[]> {
  const laptops = Array.from({ length: count }, (_, i) => laptop(i));
  let visit = 0;
  for (const step of steps) {
    if (step.kind === 'merge') {
      const into = laptops[step.into % count]!;
      for (const other of laptops) if (other !== into) await into.store.mergeEvents(await other.store.allEvents());
      continue;
    }
    const l = laptops[step.laptop % count]!;
    l.advance(step.gapMin * 60_000);
    const v = VOTERS['voter' in step ? step.voter : 0]!;
    if (step.kind === 'issue') {
      // Refused when this laptop already has the voter issued (or voted outside): nothing recorded.
      await issueBallot(l.store, { voterId: v.id, page: v.page, row: v.row }, LIST_HASH, context('m-4')).catch(() => null);
    } else if (step.kind === 'undo') {
      await undoBallotIssue(l.store, v.id, 'secretary', 'кате шайлоочу белгиленди', context('m-sec')).catch(() => null);
    } else if (step.kind === 'visit') {
      visit += 1;
      await l.store.append('MobileVisitRecorded', {
        // Visited the day before, typed in now (a visit's own time counts, not when it was typed).
        team: 1, number: visit, voterId: v.id, visitedAt: new Date(l.now() - 20 * 3_600_000).toISOString(), outcome: step.voted ? 'voted' : 'not-at-home', outcomeText: '',
        ballotsIssued: step.voted ? 1 : 0, ballotsSpoiled: step.spoiled, box: step.voted ? 1 : null,
      }, context('m-4'));
    } else if (step.kind === 'spoiled') {
      const r = await recordLedgerEntry(l.bus, 'BallotsSpoiled', { count: step.count, reason: 'voter-mistake', note: '' }, context('m-sec'));
      expect(r.ok).toBe(true);
    } else {
      const r = await recordLedgerEntry(l.bus, 'BallotsReceived', { actNumber: String(step.count), actDate: '2017-10-14', count: step.count, handedBy: 'ТИК', receivedBy: 'm-1', serials: '' }, context('m-sec'));
      expect(r.ok).toBe(true);
    }
  }
  // The last merge: every laptop holds every event.
  for (const into of laptops) for (const other of laptops) if (other !== into) await into.store.mergeEvents(await other.store.allEvents());
  return laptops;
}

describe('every view on every laptop equals the one fold (property)', () => {
  it('desk counter, page sums, turnout, ledger and protocol pre-fill after random commands and merges', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 }), fc.array(stepArb, { minLength: 1, maxLength: 30 }), async (count, steps) => {
        const laptops = await play(count, steps);
        const all = new Map<string, StoredEvent>();
        for (const l of laptops) for (const e of await l.store.allEvents()) all.set(e.id, e);
        const events = [...all.values()];
        const facts = foldBallotFacts(events);
        const one = ballotsIssued(facts);
        const spoiledAtDesk = events.filter((e) => e.type === 'BallotsSpoiled').reduce((n, e) => n + (e.payload as { count: number }).count, 0);
        const received = events.filter((e) => e.type === 'BallotsReceived').reduce((n, e) => n + (e.payload as { count: number }).count, 0);
        const turnoutOptions = { votingDay: '2017-10-15' as IsoDate, times: ['10:00', '12:00', '15:00', '18:00', '20:00'] as never, timeZone: 'Asia/Bishkek', listSize: VOTERS.length, now: new Date('2017-10-16T00:00:00+06:00') };

        for (const l of laptops) {
          expect(await l.db.events.count()).toBe(events.length);
          // The desk counter and the turnout panel: the laptop's own read of the facts.
          const deskFacts = await readBallotFacts(l.db);
          expect(ballotsIssued(deskFacts)).toEqual(one);
          expect(turnoutPoints(deskFacts, turnoutOptions)).toEqual(turnoutPoints(facts, turnoutOptions));
          // The page-sums sheet: signatures and out-of-premises voters, page by page.
          const sums = pageSumsOf(VOTERS, deskFacts);
          expect([sums.totals.issued, sums.totals.outOfPremises]).toEqual([one.votersRoom, one.votersOutside]);
          expect(sums.pages.reduce((n, p) => n + p.issued + p.outOfPremises, 0)).toBe(one.voters);
          // The ledger and the protocol's pre-fill (what the protocol, the ledger screen and the acts read).
          const known = await readKnownFigures(l.db);
          expect([known.issuedRoom, known.issuedOutside]).toEqual([one.room, one.outside]);
          expect([known.ledger.issuedRoom, known.ledger.issuedOutside, known.ledger.spoiled, known.ledger.received]).toEqual([one.room, one.outside, spoiledAtDesk + one.spoiledOutside, received]);
        }
      }),
      { numRuns: 50, endOnFailure: true },
    );
  }, 120_000);
});
