/**
 * The desk's figures are read incrementally (issue 19): after the first read, a read folds only the
 * events appended since (one after an issue), and still equals the one fold of the whole log after
 * issues, undos, visits, merges of another laptop's log (in either direction) and a replaced log.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { eventsReadForFigures, readBallotFacts, readBallotTally } from '../../../../renderer/core/figures';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import { issueBallot, undoBallotIssue } from '../../../../renderer/core/ballot-actions';
import { ballotsIssued, foldBallotFacts } from '../../../../shared/figures';

const LIST_HASH = 'e'.repeat(64);
const context = { electionId: 'e', bundleHash: null, precinct: 9001, actor: 'm-4' };
const dbs: PrecinctDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

function laptop(n: number) {
  const db = new PrecinctDatabase(`figures-inc-${n}-${Math.random()}`);
  dbs.push(db);
  let t = Date.parse('2017-10-15T08:00:00+06:00');
  return { db, store: new EventStore(db, { now: () => (t += 1000) }) };
}

async function expectTheOneFold(db: PrecinctDatabase): Promise<void> {
  const fold = foldBallotFacts(await db.events.toArray());
  const tally = await readBallotTally(db);
  expect(tally.figures()).toEqual(ballotsIssued(fold));
  expect(await readBallotFacts(db)).toEqual(fold);
}

describe('figures read incrementally', () => {
  it('after the first read, the next reads only the events appended since', async () => {
    const { db, store } = laptop(0);
    for (let i = 0; i < 60; i += 1) await issueBallot(store, { voterId: `v${i}`, page: 1, row: i + 1 }, LIST_HASH, context);
    expect((await readBallotTally(db)).figures().room).toBe(60);
    const read = eventsReadForFigures(db);
    expect(read).toBe(60);
    // Read again with nothing new: nothing read.
    await readBallotTally(db);
    expect(eventsReadForFigures(db)).toBe(read);
    // One more issue: one event read, not the day's 61.
    await issueBallot(store, { voterId: 'v-next', page: 2, row: 1 }, LIST_HASH, context);
    expect((await readBallotTally(db)).figures().room).toBe(61);
    expect(eventsReadForFigures(db)).toBe(read + 1);
    await undoBallotIssue(store, 'v3', 'secretary', 'кате шайлоочу белгиленди', context);
    expect((await readBallotTally(db)).figures()).toMatchObject({ room: 60, votersRoom: 60 });
    expect(eventsReadForFigures(db)).toBe(read + 2);
    await expectTheOneFold(db);
  });

  it('a replaced log (training) is folded again from the start', async () => {
    const a = laptop(1);
    const b = laptop(2);
    for (let i = 0; i < 5; i += 1) await issueBallot(a.store, { voterId: `a${i}`, page: 1, row: i + 1 }, LIST_HASH, context);
    for (let i = 0; i < 2; i += 1) await issueBallot(b.store, { voterId: `b${i}`, page: 1, row: i + 1 }, LIST_HASH, context);
    expect((await readBallotTally(a.db)).figures().room).toBe(5);
    await a.store.replaceLog(await b.store.allEvents(), []);
    expect((await readBallotTally(a.db)).figures().room).toBe(2);
    await expectTheOneFold(a.db);
    // Its own chain starts again after the imported log: still folded.
    await issueBallot(a.store, { voterId: 'a-new', page: 1, row: 9 }, LIST_HASH, context);
    expect((await readBallotTally(a.db)).figures().room).toBe(3);
    await expectTheOneFold(a.db);
  });

  it('equals the one fold after every step: issues, undos, visits and merges either way (property)', async () => {
    type Step = { kind: 'issue' | 'undo' | 'visit'; laptop: number; voter: number } | { kind: 'merge'; into: number };
    const stepArb: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constantFrom('issue' as const, 'undo' as const, 'visit' as const), laptop: fc.nat(1), voter: fc.nat(4) }),
      fc.record({ kind: fc.constant('merge' as const), into: fc.nat(1) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 20 }), async (steps) => {
        const laptops = [laptop(3), laptop(4)];
        let visit = 0;
        for (const step of steps) {
          if (step.kind === 'merge') {
            const into = laptops[step.into]!;
            await into.store.mergeEvents(await laptops[1 - step.into]!.store.allEvents());
            await expectTheOneFold(into.db);
            continue;
          }
          const l = laptops[step.laptop]!;
          const voterId = `v${step.voter}`;
          if (step.kind === 'issue') await issueBallot(l.store, { voterId, page: 1, row: step.voter + 1 }, LIST_HASH, context).catch(() => null);
          else if (step.kind === 'undo') await undoBallotIssue(l.store, voterId, 'secretary', 'кате шайлоочу белгиленди', context).catch(() => null);
          else {
            visit += 1;
            await l.store.append('MobileVisitRecorded', {
              team: 1, number: visit, voterId, visitedAt: '2017-10-15T03:00:00.000Z', outcome: 'voted', outcomeText: '', ballotsIssued: 1, ballotsSpoiled: 0, box: 1,
            }, context);
          }
          await expectTheOneFold(l.db);
        }
        for (const l of laptops) await l.db.delete();
      }),
      { numRuns: 25, endOnFailure: true },
    );
  }, 120_000);
});
