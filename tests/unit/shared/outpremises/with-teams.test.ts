import { describe, expect, it } from 'vitest';
import { reconcileTeams } from '../../../../shared/outpremises/reconcile';
import { ballotsWithTeams } from '../../../../shared/outpremises/state';
import { foldLedger } from '../../../../shared/protocol/ledger';
import { Desk, voted } from './helpers';

/**
 * Ballots handed to a mobile team are out of the safe until the team is back: "should still be in the
 * safe" must not count them (the ballots act said 68 in the safe while 3 were out with a team).
 */
describe('ballots with the mobile teams', () => {
  it('counts what a team took less what it issued, spoiled and brought back, only until it is back', () => {
    const desk = new Desk();
    desk.drawTeams();
    desk.register(1, '2017-10-01T09:00:00+06:00');
    desk.register(2, '2017-10-01T09:05:00+06:00');
    expect(ballotsWithTeams(desk.state)).toBe(0);
    desk.hand(1, 5, 'm-3');
    expect(ballotsWithTeams(desk.state)).toBe(5); // handed, not yet gone: still out of the safe
    desk.hand(2, 3, 'm-5');
    desk.depart(1);
    desk.depart(2);
    expect(ballotsWithTeams(desk.state)).toBe(8);
    desk.visit(voted(1, 1, '2017-10-14T10:00:00+06:00', 1, 1)); // one issued, one spoiled
    expect(ballotsWithTeams(desk.state)).toBe(6);
    desk.back(1, 3, '2017-10-14T12:00:00+06:00');
    expect(ballotsWithTeams(desk.state)).toBe(3); // team 1 is back; team 2 still holds 3
    desk.visit(voted(2, 2, '2017-10-14T13:00:00+06:00', 2));
    desk.back(2, 1, '2017-10-14T14:00:00+06:00'); // one ballot not brought back: missing, not "with the team"
    expect(ballotsWithTeams(desk.state)).toBe(0);
  });

  it('a second handing after a return puts ballots in the team\'s hands again', () => {
    const desk = new Desk();
    desk.drawTeams();
    desk.hand(1, 4, 'm-3', '2017-10-14T07:30:00+06:00');
    desk.depart(1, '2017-10-14T07:45:00+06:00');
    desk.back(1, 4, '2017-10-14T11:00:00+06:00');
    expect(ballotsWithTeams(desk.state)).toBe(0);
    desk.hand(1, 2, 'm-3', '2017-10-14T15:00:00+06:00');
    expect(ballotsWithTeams(desk.state)).toBe(2);
    // The trip sheet's reconciliation says the same: pending with 2 in hand, not a flagged difference.
    expect(reconcileTeams(desk.state).map((t) => [t.team, t.status, t.difference, t.flagged])).toEqual([[1, 'not-out', 2, false], [2, 'balanced', 0, false]]);
  });

  it('a team back is back though its return was stamped before the handing (a clock set back meanwhile)', () => {
    // Handed and gone by a clock an hour ahead; back, with one ballot missing, by the clock set right.
    const desk = new Desk();
    desk.drawTeams();
    desk.register(1, '2017-10-01T09:00:00+06:00');
    desk.hand(1, 5, 'm-3', '2017-10-14T11:00:00+06:00');
    desk.depart(1, '2017-10-14T11:05:00+06:00');
    desk.back(1, 3, '2017-10-14T10:40:00+06:00');
    desk.visit(voted(1, 1, '2017-10-14T10:00:00+06:00', 1)); // typed off the trip sheet once back
    expect(ballotsWithTeams(desk.state)).toBe(0); // the missing one is a finding of the return, not "with the team"
    desk.hand(1, 2, 'm-3', '2017-10-14T10:50:00+06:00'); // a second handing, by the clock set right
    expect(ballotsWithTeams(desk.state)).toBe(3);
  });

  it('the ledger keeps them out of "should still be in the safe" and the balance still holds', () => {
    const facts = [{ type: 'BallotsReceived' as const, payload: { count: 69, actNumber: '1', actDate: '2017-10-13' as const } }];
    const counts = { issuedRoom: 1, listPageSums: null, issuedOutside: 0, listSize: 69 };
    const before = foldLedger(facts as never, counts);
    const out = foldLedger(facts as never, { ...counts, withTeams: 3 });
    expect(before.remaining).toBe(68);
    expect(out.withTeams).toBe(3);
    expect(out.remaining).toBe(65);
    expect(out.issuedRoom + out.issuedOutside + out.spoiled + (out.cancelled ?? 0) + out.withTeams + out.remaining).toBe(out.received);
  });
});
