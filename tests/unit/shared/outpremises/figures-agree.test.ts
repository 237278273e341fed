/**
 * One fact, one number (property): the ballots of the mobile teams are read three ways — the trip
 * sheets' reconciliation (per team: taken, issued, spoiled, returned, pending or a difference), the
 * ledger's "with the teams" (`ballotsWithTeams`), and the one fold the protocol, the ledger and the
 * center count ballots issued and spoiled outside with (`shared/figures`). After any hand-overs,
 * departures, visits and returns, stamped by clocks that need not agree (each step's time is drawn
 * anywhere in the visiting day, so a return may read before its departure or handing), they agree.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ballotsIssued, foldBallotFacts } from '../../../../shared/figures';
import { checkBallotsHanded, checkDeparture, checkReturn, checkVisit, reconcileTeams } from '../../../../shared/outpremises';
import { ballotsWithTeams, teamLedger } from '../../../../shared/outpremises/state';
import { Desk } from './helpers';

type Step =
  | { kind: 'hand'; team: number; count: number; minute: number }
  | { kind: 'depart'; team: number; minute: number }
  | { kind: 'visit'; team: number; entry: number; voted: boolean; spoiled: number; minute: number }
  | { kind: 'return'; team: number; short: number; minute: number };

const team = fc.integer({ min: 1, max: 2 });
/** Minutes after 08:00 on the visiting day (14 Oct 2017, Bishkek), until 19:59. */
const minute = fc.integer({ min: 0, max: 719 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('hand' as const), team, count: fc.integer({ min: 1, max: 5 }), minute }),
  fc.record({ kind: fc.constant('depart' as const), team, minute }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('visit' as const), team, entry: fc.integer({ min: 1, max: 8 }), voted: fc.boolean(), spoiled: fc.integer({ min: 0, max: 1 }), minute }) },
  fc.record({ kind: fc.constant('return' as const), team, short: fc.integer({ min: -1, max: 2 }), minute }),
);

const at = (m: number) => new Date(Date.parse('2017-10-14T08:00:00+06:00') + m * 60_000).toISOString();

describe('mobile teams: trip sheets, ledger and the one fold agree (property)', () => {
  it('ballots issued and spoiled outside, and those still with the teams, are the same numbers everywhere', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const desk = new Desk();
        for (let n = 1; n <= 8; n += 1) desk.register(n, '2017-10-01T09:00:00+06:00');
        desk.drawTeams();
        for (const s of steps) {
          const ctx = desk.ctx;
          if (s.kind === 'hand') {
            const r = checkBallotsHanded(desk.state, { team: s.team, count: s.count, handedAt: at(s.minute), handedBy: 'm-sec', receivedBy: s.team === 1 ? 'm-3' : 'm-5' }, ctx);
            if (r.ok) desk.record('MobileBallotsHanded', r.value.payload);
          } else if (s.kind === 'depart') {
            const r = checkDeparture(desk.state, { team: s.team, departedAt: at(s.minute) }, ctx);
            if (r.ok) desk.record('MobileTeamDeparted', r.value.payload);
          } else if (s.kind === 'visit') {
            const r = checkVisit(desk.state, {
              team: s.team, number: s.entry, visitedAt: at(s.minute), outcome: s.voted ? 'voted' : 'not-at-home',
              ballotsIssued: s.voted ? 1 : 0, ballotsSpoiled: s.spoiled, box: s.voted ? (s.team === 1 ? 1 : 2) : null,
            }, ctx);
            if (r.ok) desk.record('MobileVisitRecorded', r.value.payload);
          } else {
            const t = desk.state.teams.find((x) => x.team === s.team);
            const held = t ? teamLedger(desk.state, t).held : 0;
            const r = checkReturn(desk.state, { team: s.team, returnedAt: at(s.minute), ballotsReturned: Math.max(0, held - s.short) }, ctx);
            if (r.ok) desk.record('MobileTeamReturned', r.value.payload);
          }
        }

        const one = ballotsIssued(foldBallotFacts(desk.events));
        const rows = reconcileTeams(desk.state);
        expect(rows.reduce((n, r) => n + r.issued, 0)).toBe(one.outside);
        expect(rows.reduce((n, r) => n + r.spoiled, 0)).toBe(one.spoiledOutside);
        // Every ballot taken is issued, spoiled, returned, or the team's difference (in hand or missing).
        expect(rows.reduce((n, r) => n + r.taken, 0)).toBe(one.outside + one.spoiledOutside + rows.reduce((n, r) => n + r.returned + r.difference, 0));
        // What the ledger keeps out of the safe is what the trip sheets show as pending in the teams' hands.
        const pending = rows.filter((r) => r.status === 'out' || r.status === 'not-out').reduce((n, r) => n + Math.max(0, r.difference), 0);
        expect(ballotsWithTeams(desk.state)).toBe(pending);
      }),
      { numRuns: 300 },
    );
  });
});
