import { describe, expect, it } from 'vitest';
import { summarizePages, type VoterVoteStatus } from '../../../../shared/voters/summation';
import { generateVoters } from './generate';

describe('summarizePages', () => {
  const voters = generateVoters(45, 3); // pages 1, 2 (20 rows) and 3 (5 rows)

  it('sums listed, issued and out-of-premises per page and for the whole list', () => {
    const statuses = new Map<string, VoterVoteStatus>([
      [voters[0]!.id, 'issued'],
      [voters[1]!.id, 'issued'],
      [voters[2]!.id, 'out-of-premises'],
      [voters[25]!.id, 'issued'],
      [voters[44]!.id, 'out-of-premises'],
      [voters[30]!.id, 'none'],
    ]);
    expect(summarizePages(voters, statuses)).toEqual({
      pages: [
        { page: 1, listed: 20, issued: 2, outOfPremises: 1 },
        { page: 2, listed: 20, issued: 1, outOfPremises: 0 },
        { page: 3, listed: 5, issued: 0, outOfPremises: 1 },
      ],
      totals: { listed: 45, issued: 3, outOfPremises: 2 },
    });
  });

  it('takes statuses as a function or a record too, and orders pages', () => {
    const reversed = [...voters].reverse();
    const byFn = summarizePages(reversed, (id) => (id === voters[44]!.id ? 'issued' : undefined));
    expect(byFn.pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(byFn.totals).toEqual({ listed: 45, issued: 1, outOfPremises: 0 });
    expect(summarizePages(voters, { [voters[0]!.id]: 'out-of-premises' }).totals).toEqual({ listed: 45, issued: 0, outOfPremises: 1 });
  });

  it('an empty list sums to zero', () => {
    expect(summarizePages([], () => 'issued')).toEqual({ pages: [], totals: { listed: 0, issued: 0, outOfPremises: 0 } });
  });
});
