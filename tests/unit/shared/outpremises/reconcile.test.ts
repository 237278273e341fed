import { describe, expect, it } from 'vitest';
import { checkExplanation, checkWithdrawal, outPremisesTotals, reconcileTeams } from '../../../../shared/outpremises';
import { Desk, payloadOf, problemsOf, voted } from './helpers';

/**
 * Register: 6 entries (no. 3 withdrawn), 1 refusal. Team 1 takes 10, visits 1 (voted, 1 spoiled),
 * 2 (not at home), 4 (voted); team 2 takes 5, visits 5 (refused), 6 (other).
 */
function day(): Desk {
  const desk = new Desk();
  for (let n = 1; n <= 6; n += 1) desk.register(n, `2017-10-0${n}T09:00:00+06:00`, { reason: n <= 2 ? 'age' : n <= 4 ? 'illness' : 'disability' });
  desk.record('OutOfPremisesApplicationWithdrawn', payloadOf(checkWithdrawal(desk.state, { number: 3, reason: 'came-to-room' })));
  desk.record('OutOfPremisesApplicationRefused', {
    voterId: 'v7',
    voterName: 'Кеч',
    receivedAt: '2017-10-13T09:00:00+06:00',
    receivedBy: 'm-sec',
    code: 'application-late',
    params: {},
    reasonText: 'мөөнөт өттү',
  });
  desk.drawTeams();
  desk.hand(1, 10, 'm-3');
  desk.hand(2, 5, 'm-5');
  desk.depart(1);
  desk.depart(2);
  desk.visit(voted(1, 1, '2017-10-14T09:00:00+06:00', 1, 1));
  desk.visit({ team: 1, number: 2, visitedAt: '2017-10-14T10:00:00+06:00', outcome: 'not-at-home', ballotsIssued: 0, ballotsSpoiled: 0 });
  desk.visit(voted(1, 4, '2017-10-14T11:00:00+06:00', 1));
  desk.visit({ team: 2, number: 5, visitedAt: '2017-10-14T10:00:00+06:00', outcome: 'refused', ballotsIssued: 0, ballotsSpoiled: 0 });
  desk.visit({ team: 2, number: 6, visitedAt: '2017-10-14T11:00:00+06:00', outcome: 'other', outcomeText: 'көчүп кеткен', ballotsIssued: 0, ballotsSpoiled: 0 });
  return desk;
}

describe('reconciliation per team: taken = issued + spoiled + returned', () => {
  it('teams out are pending, not flagged', () => {
    const r = reconcileTeams(day().state);
    expect(r.map((t) => [t.team, t.status, t.difference, t.flagged])).toEqual([
      [1, 'out', 7, false],
      [2, 'out', 5, false],
    ]);
    expect(problemsOf(checkExplanation(day().state, { team: 1, explanation: 'эмне болгонун түшүндүрөбүз' }))).toEqual([
      { code: 'nothing-to-explain', params: { team: 1, status: 'out' }, field: 'team' },
    ]);
  });

  it('a team holding ballots that has not left is pending ("not-out"); a team with nothing is balanced', () => {
    const desk = new Desk();
    desk.drawTeams();
    expect(reconcileTeams(desk.state).map((t) => t.status)).toEqual(['balanced', 'balanced']);
    desk.hand(1, 3, 'm-3');
    expect(reconcileTeams(desk.state).map((t) => t.status)).toEqual(['not-out', 'balanced']);
  });

  it('balanced when everything is returned; a difference is flagged until explained, and the numbers stay', () => {
    const desk = day();
    desk.back(1, 7);
    desk.back(2, 4);
    const [t1, t2] = reconcileTeams(desk.state);
    expect(t1).toMatchObject({ taken: 10, issued: 2, spoiled: 1, returned: 7, difference: 0, status: 'balanced', flagged: false, explanation: null });
    expect(t2).toMatchObject({ taken: 5, issued: 0, spoiled: 0, returned: 4, difference: 1, status: 'difference', flagged: true });
    expect(outPremisesTotals(desk.state).teamsFlagged).toBe(1);

    expect(problemsOf(checkExplanation(desk.state, { team: 1, explanation: 'баары туура келет' }))).toEqual([{ code: 'nothing-to-explain', params: { team: 1, status: 'balanced' }, field: 'team' }]);
    expect(problemsOf(checkExplanation(desk.state, { team: 2, explanation: 'жок' }))).toEqual([{ code: 'explanation-too-short', params: { min: 10 }, field: 'explanation' }]);
    expect(problemsOf(checkExplanation(desk.state, { team: 9, explanation: 'жок болгон бюллетень' }))).toEqual([{ code: 'unknown-team', params: { team: 9 }, field: 'team' }]);

    const payload = payloadOf(checkExplanation(desk.state, { team: 2, explanation: '  Бир бюллетень шамалга учуп кетти, акт түзүлдү  ' }));
    expect(payload).toEqual({ team: 2, difference: 1, explanation: 'Бир бюллетень шамалга учуп кетти, акт түзүлдү' });
    desk.record('MobileDiscrepancyExplained', payload, 'm-chair');
    const after = reconcileTeams(desk.state);
    expect(after[0]).toEqual(t1);
    expect(after[1]).toMatchObject({ taken: 5, returned: 4, difference: 1, status: 'explained', flagged: false, explanation: { difference: 1, recordedBy: 'm-chair' } });
    expect(outPremisesTotals(desk.state).teamsFlagged).toBe(0);
  });

  it('an explanation covers only the difference it names: new numbers bring the flag back', () => {
    const desk = day();
    desk.back(2, 4);
    desk.record('MobileDiscrepancyExplained', payloadOf(checkExplanation(desk.state, { team: 2, explanation: 'Бир бюллетень жоголду' })));
    expect(reconcileTeams(desk.state)[1]?.status).toBe('explained');
    // A second trip: one more ballot handed and none returned.
    desk.hand(2, 1, 'm-6', '2017-10-14T13:00:00+06:00');
    desk.depart(2, '2017-10-14T13:05:00+06:00');
    desk.back(2, 0, '2017-10-14T15:00:00+06:00');
    expect(reconcileTeams(desk.state)[1]).toMatchObject({ difference: 2, status: 'difference', flagged: true, explanation: null });
  });

  it('reports seals found changed on return', () => {
    const desk = day();
    desk.back(1, 7, '2017-10-14T20:05:00+06:00', [{ box: 1, seal: 'S-0O1' }]);
    expect(reconcileTeams(desk.state)[0]?.sealProblems).toEqual([{ code: 'seal-mismatch', params: { box: 1, expected: 'S-001', found: 'S-0O1' }, field: 'seals' }]);
  });
});

describe('totals for the protocol and the CEC reports', () => {
  it('counts applications, reasons, refusals, visited, voted, not at home, refused, other, not visited, and line D', () => {
    const desk = day();
    desk.back(1, 7);
    desk.back(2, 5);
    expect(outPremisesTotals(desk.state)).toEqual({
      applications: 6,
      withdrawn: 1,
      active: 5,
      byReason: { age: 2, disability: 2, illness: 2, hospital: 0, custody: 0, 'remote-area': 0, other: 0 },
      applicationsRefused: 1,
      visited: 5,
      voted: 2,
      notAtHome: 1,
      refused: 1,
      otherOutcome: 1,
      notVisited: 0,
      ballotsTaken: 15,
      ballotsIssued: 2,
      ballotsSpoiled: 1,
      ballotsReturned: 12,
      teamsFlagged: 0,
      teamsPending: 0,
    });
  });

  it('a voter not at home then visited again and voting counts once, as voted', () => {
    const desk = day();
    desk.visit(voted(1, 2, '2017-10-14T16:00:00+06:00', 1));
    const t = outPremisesTotals(desk.state);
    expect([t.visited, t.voted, t.notAtHome, t.ballotsIssued, t.teamsPending]).toEqual([5, 3, 0, 3, 2]);
  });
});
