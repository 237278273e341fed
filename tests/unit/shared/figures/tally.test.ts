/**
 * The running tally (issue 19) gives exactly what the one fold gives: `ballotsIssued(foldBallotFacts)`
 * and the facts themselves, whatever the order events come in and with events seen twice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BallotTally, ballotsIssued, foldBallotFacts, type FigureEvent } from '../../../../shared/figures';

const HASH = 'a'.repeat(64);
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const VOTERS = ['v1', 'v2', 'v3', 'v4'];
const AT = '2030-01-01T08:00:00.000Z';

type Gen = { kind: 'issue'; voter: number } | { kind: 'undo'; of: number } | { kind: 'visit'; voter: number; voted: boolean; spoiled: number } | { kind: 'junk' };
const genArb: fc.Arbitrary<Gen> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('issue' as const), voter: fc.nat(VOTERS.length - 1) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('undo' as const), of: fc.nat(40) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('visit' as const), voter: fc.nat(VOTERS.length - 1), voted: fc.boolean(), spoiled: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'junk' as const }) },
);

/** Events from the generators: undos name an earlier (or later, or unknown) issue's id. */
function eventsOf(gens: readonly Gen[]): FigureEvent[] {
  return gens.map((g, i): FigureEvent => {
    const id = uuid(i + 1);
    switch (g.kind) {
      case 'issue':
        return { id, type: 'BallotIssued', recordedAt: AT, payload: { voterId: VOTERS[g.voter], page: 1, row: 1, listHash: HASH } };
      case 'undo':
        return { id, type: 'BallotIssueUndone', recordedAt: AT, payload: { voterId: 'v1', undoes: uuid(g.of + 1), reason: 'wrong voter' } };
      case 'visit':
        return {
          id, type: 'MobileVisitRecorded', recordedAt: AT,
          payload: { team: 1, number: i + 1, voterId: VOTERS[g.voter], visitedAt: AT, outcome: g.voted ? 'voted' : 'not-at-home', outcomeText: '', ballotsIssued: g.voted ? 1 : 0, ballotsSpoiled: g.spoiled, box: g.voted ? 1 : null },
        };
      case 'junk':
        return { id, type: 'BallotIssued', recordedAt: AT, payload: { nothing: true } };
    }
  });
}

describe('BallotTally equals the one fold (property)', () => {
  it('in any order, with events repeated, figures and facts agree after every event', () => {
    fc.assert(
      fc.property(fc.array(genArb, { maxLength: 40 }).chain((gens) => {
        const events = eventsOf(gens);
        // Some events again (a merge, a second read of a page) and every event in a random order.
        return fc.tuple(fc.constant(events), fc.shuffledSubarray(events), fc.infiniteStream(fc.nat()));
      }).chain(([events, again]) => fc.shuffledSubarray([...events, ...again], { minLength: events.length + again.length })), (stream) => {
        const tally = new BallotTally();
        const seen: FigureEvent[] = [];
        for (const event of stream) {
          const before = tally.version;
          const changed = tally.add(event);
          expect(changed).toBe(tally.version !== before);
          seen.push(event);
          const fold = foldBallotFacts(seen);
          expect(tally.figures()).toEqual(ballotsIssued(fold));
          expect(tally.facts()).toEqual(fold);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same objects until something changes', () => {
    const tally = new BallotTally();
    const [issue] = eventsOf([{ kind: 'issue', voter: 0 }]);
    tally.add(issue!);
    const figures = tally.figures();
    const facts = tally.facts();
    expect(tally.add(issue!)).toBe(false);
    expect(tally.figures()).toBe(figures);
    expect(tally.facts()).toBe(facts);
  });
});
