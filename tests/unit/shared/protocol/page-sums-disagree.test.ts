/** Page sums entered on two laptops without knowing each other's: which entries disagree, and what a new entry names. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pageSumsDisagreement, pageSumsStanding, type LedgerFact } from '../../../../shared/protocol/ledger';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const sums = (id: number, device: string, total: number, minute: number, replaces?: number[]): LedgerFact => ({
  type: 'ListPageSumsEntered', id: uuid(id), device,
  payload: { total, pages: 12, at: `2017-10-15T14:${String(minute).padStart(2, '0')}:00.000Z`, enteredBy: 'm-sec', ...(replaces ? { replaces: replaces.map(uuid) } : {}) },
});
const withdrawn = (id: number, entry: number): LedgerFact => ({ type: 'LedgerEntryCorrected', id: uuid(id), payload: { entry: uuid(entry), count: null, reason: 'entered in error', by: 'm-sec' } });
const totals = (facts: LedgerFact[]) => pageSumsDisagreement(facts).map((h) => h.total);

describe('page sums entered apart', () => {
  it('two laptops apart disagree; the same laptop again or one knowing the other does not; in any order', () => {
    const a = sums(1, 'A', 300, 40);
    const b = sums(2, 'B', 310, 45);
    expect(totals([a, b])).toEqual([300, 310]);
    expect(totals([a, sums(2, 'B', 300, 45)])).toEqual([]);
    expect(totals([a, sums(2, 'A', 310, 45)])).toEqual([]);
    expect(totals([a, sums(2, 'B', 310, 45, [1])])).toEqual([]);
    fc.assert(fc.property(fc.shuffledSubarray([a, b, sums(3, 'C', 305, 50)], { minLength: 3, maxLength: 3 }), (facts) => {
      expect(totals(facts)).toEqual([300, 310, 305]);
    }));
  });

  it('an entry knowing one that was later withdrawn still knew what that one knew', () => {
    // a 300; b 310 knowing a; c 320 knowing b; b withdrawn: a and c stand, c knew a through b.
    const facts = [sums(1, 'A', 300, 40), sums(2, 'B', 310, 45, [1]), sums(3, 'C', 320, 50, [2]), withdrawn(4, 2)];
    expect(totals(facts)).toEqual([]);
    // A new entry names only the entries nothing else knew: c (a and b through it).
    expect(pageSumsStanding(facts)).toEqual([uuid(3)]);
  });
});
