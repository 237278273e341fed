import { describe, expect, it } from 'vitest';
import { checkBundle } from '../../../../shared/election/bundle';
import { demoBundle, DEMO_ELECTION_ID, DEMO_HISTORICAL_VOTING_DAY } from '../../../../shared/election/demo';
import { daysBetween } from '../../../../shared/time/date';

describe('the demo election on a voting day of the trainer\'s choice', () => {
  it('without a day it is the 2017 historical example, as before', async () => {
    const b = demoBundle();
    expect(b.election).toMatchObject({ id: DEMO_ELECTION_ID, votingDay: '2017-10-15', electionCallDate: '2017-06-14', votingHours: { from: '08:00', to: '20:00' } });
    expect(b.issuedAt).toBe('2017-10-01T09:00:00+06:00');
    expect(DEMO_HISTORICAL_VOTING_DAY).toBe('2017-10-15');
    expect((await checkBundle(b)).ok).toBe(true);
  });

  it('on another day the call date and the issue date move with it, and the bundle passes its checks', async () => {
    for (const day of ['2026-12-05', '2024-02-29', '2030-01-01', '2017-10-15']) {
      const b = demoBundle({ votingDay: day });
      expect(b.election.votingDay).toBe(day);
      expect(daysBetween(b.election.electionCallDate!, day)).toBe(123);
      expect(daysBetween(b.issuedAt.slice(0, 10), day)).toBe(14);
      // Form 2 at the consulate of 9004 keeps its deadline 20 days before voting day.
      expect(daysBetween(b.precincts.find((p) => p.number === 9004)!.form2!.deadline!.date, day)).toBe(20);
      const checked = await checkBundle(b);
      expect(checked.ok, day).toBe(true);
    }
    // The precincts, candidates and members are the same election's (only dates move with the day).
    const withoutForm2 = (b: ReturnType<typeof demoBundle>) => b.precincts.map(({ form2: _form2, ...p }) => p);
    expect(withoutForm2(demoBundle({ votingDay: '2026-12-05' }))).toEqual(withoutForm2(demoBundle()));
  });

  it('refuses a day that is not a calendar date', () => {
    for (const bad of ['2026-02-30', '05.12.2026', '', '2026-12-5']) expect(() => demoBundle({ votingDay: bad })).toThrow(RangeError);
  });

  it('practice at any hour: the whole day as voting hours, only when asked for', async () => {
    const b = demoBundle({ votingDay: '2026-12-05', hours: 'all-day' });
    expect(b.election.votingHours).toEqual({ from: '00:00', to: '24:00' });
    expect((await checkBundle(b)).ok).toBe(true);
    expect(demoBundle({ votingDay: '2026-12-05' }).election.votingHours).toEqual({ from: '08:00', to: '20:00' });
  });
});
