import { describe, expect, it } from 'vitest';
import { EMPTY_OUT_PREMISES_STATE, markedVoters, reasonForMarks, type OutPremisesState } from '../../../../shared/outpremises';

describe('hospital and custody voters in the out-of-premises work', () => {
  const voters = [
    { id: 'a', page: 2, row: 1, marks: ['custody' as const] },
    { id: 'b', page: 1, row: 5, marks: [] },
    { id: 'c', page: 1, row: 9, marks: ['hospital' as const] },
    { id: 'd', page: 1, row: 2, marks: ['hospital' as const] },
  ];

  it('lists only the marked part, in list order, with the application and the vote outside recorded for each', () => {
    const state = { ...EMPTY_OUT_PREMISES_STATE, activeByVoter: { c: 4 }, votedOutside: { a: { team: 1 } } } as unknown as OutPremisesState;
    expect(markedVoters(voters, state)).toEqual([
      { voterId: 'd', page: 1, row: 2, marks: ['hospital'], application: null, votedOutside: false },
      { voterId: 'c', page: 1, row: 9, marks: ['hospital'], application: 4, votedOutside: false },
      { voterId: 'a', page: 2, row: 1, marks: ['custody'], application: null, votedOutside: true },
    ]);
    expect(markedVoters([voters[1]!], EMPTY_OUT_PREMISES_STATE)).toEqual([]);
  });

  it('the reason an application gives follows the mark (custody first when both)', () => {
    expect(reasonForMarks(['hospital'])).toBe('hospital');
    expect(reasonForMarks(['hospital', 'custody'])).toBe('custody');
    expect(reasonForMarks([])).toBeNull();
  });
});
