/**
 * Page and row numbers as spreadsheets write them into a CSV: thousands grouped by a (no-break)
 * space — a 100,000-voter list has pages past 1,000 — and zero decimals from a float column. Before,
 * every such row was refused as "not a whole number" and the list could not be imported; what may
 * be read two ways (1,234) or is not whole (1.5) is still refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wholeNumber } from '../../../../shared/voters/whole-number';
import { guessMapping, restartsOnEachPage, rowRunsAcrossPages, tableFromRows, validateVoterRows } from '../../../../shared/voters';
import { generateVoters, votersToRows } from '../../../../shared/voters/generate';

const SPACES = [' ', '\u00a0', '\u202f', '\u2009'];

function grouped(n: number, space: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/gu, space);
}

describe('wholeNumber', () => {
  it('reads plain, grouped, zero-decimal and ordinal-dot forms of every number alike', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.constantFrom(...SPACES), fc.constantFrom('.0', ',0', '.00', ',000'), (n, space, zeros) => {
        expect(wholeNumber(String(n))).toBe(n);
        expect(wholeNumber(grouped(n, space))).toBe(n);
        expect(wholeNumber(`${n}${zeros}`)).toBe(n);
        expect(wholeNumber(` ${n} `)).toBe(n);
        expect(wholeNumber(`${n}.`)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what is not one whole number', () => {
    for (const t of ['', ' ', '1,234', '1.234', '1.5', '12,05', '1 23', '12 3456', '+1', '-1', '1e3', '12a', '١٢', '1 234,5', '0x10', '1_000', '.0', '1..', '1,', '.']) {
      expect(wholeNumber(t), t).toBeNull();
    }
  });
});

describe('page and row numbers so written, in the list', () => {
  const votingDay = '2026-12-06';
  it('a list whose pages pass 1,000 written "1 001" and rows "3.0" is checked as the same list written plainly', () => {
    const voters = generateVoters(600, 41, { votingDay }).map((v, i) => ({ ...v, page: 995 + Math.floor(i / 50), row: (i % 50) + 1 }));
    const plain = votersToRows(voters);
    const written = plain.map((r, i) => (i === 0 ? r : [grouped(Number(r[0]), '\u00a0'), i % 2 === 0 ? `${r[1]}.0` : r[1]!, ...r.slice(2)]));
    const check = (rows: string[][]) => {
      const table = tableFromRows(rows);
      return validateVoterRows(table, guessMapping(table.header), { votingDay });
    };
    const a = check(plain);
    const b = check(written);
    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([]);
    expect(b.voters).toEqual(a.voters);
    expect(b.voters.some((v) => v.page === 1004)).toBe(true);
  });

  it('the restart and run judgements read them too', () => {
    const rows = [
      ['1 000', '1'],
      ['1 000', '2.0'],
      ['1 001', '1'],
      ['1 001', '2,00'],
    ];
    expect(restartsOnEachPage(rows, 0, 1)).toBe(true);
    expect(rowRunsAcrossPages([['1 000', '1'], ['1 000', '2'], ['1 001', '3'], ['1 001', '4.0']], { page: 0, row: 1 })).toBe(true);
  });

  it('"1,234" and "1.5" are still refused, named as not whole numbers', () => {
    const voters = votersToRows(generateVoters(3, 42, { votingDay }));
    voters[1]![0] = '1,234';
    voters[2]![1] = '1.5';
    const table = tableFromRows(voters);
    const r = validateVoterRows(table, guessMapping(table.header), { votingDay });
    expect(r.problems.map((p) => [p.row, p.code, p.params?.reason])).toEqual([
      [2, 'invalid-page', 'not-a-number'],
      [3, 'invalid-row', 'not-a-number'],
    ]);
  });
});
