import { describe, expect, it } from 'vitest';
import { expandForm, type FormDefinition } from '../../../../shared/protocol/form';
import { KG_2017_PRESIDENTIAL_FORM } from '../../../../shared/protocol/builtin';
import { foldLedger, type LedgerFigures } from '../../../../shared/protocol/ledger';
import { errorsOf, evaluate, formatTerms, isCount, warningsOf, type Finding } from '../../../../shared/protocol/relations';
import { draftValuesSchema, lineValuesSchema, MAX_COUNT } from '../../../../shared/protocol/events';
import { builtinForm, CANDIDATES, goodValues } from './helpers';

const form = builtinForm();
const codes = (fs: Finding[]) => fs.map((f) => f.code);

function ledger(over: Partial<LedgerFigures> = {}): LedgerFigures {
  const base = foldLedger(
    [
      { type: 'BallotsReceived', payload: { actNumber: '12', actDate: '2017-10-13', count: 1001, receivedBy: 'm1', handedBy: '', serials: '' } },
      { type: 'BallotsSpoiled', payload: { count: 6, reason: 'voter-mistake', note: '' } },
      { type: 'UnusedBallotsCancelled', payload: { count: 355, actNumber: '3', at: '2017-10-15T20:10:00+06:00', packetNumber: '' } },
    ],
    { issuedRoom: 600, listPageSums: 600, issuedOutside: 40, listSize: 1000 },
  );
  return { ...base, ...over };
}

describe('evaluate', () => {
  it('finds nothing in a consistent protocol, with or without the ledger', () => {
    expect(evaluate(form, goodValues())).toEqual([]);
    expect(evaluate(form, goodValues(), ledger())).toEqual([]);
  });

  it('says which lines disagree and by how much: line 2 is 1 200, lines 3 + 4 + 6 + 7 make 1 198', () => {
    const v = { ...goodValues(), B: 1200, C: 800, F: 352, A: 1300 };
    const f = evaluate(form, v).find((x) => x.code === 'ballot-balance')!;
    expect(f).toMatchObject({
      severity: 'error', left: 1200, right: 1198, difference: 2, lines: ['B', 'C', 'D', 'F', 'G'],
      params: { leftLines: '2', rightLines: '3 + 4 + 6 + 7', left: 1200, right: 1198, difference: 2 },
      messageKey: 'protocol:finding.ballot-balance', explanation: 'protocol:explanation.ballot-balance',
    });
    // The other direction: the difference param stays positive, the signed one is negative.
    const g = evaluate(form, { ...goodValues(), B: 990 }).find((x) => x.code === 'ballot-balance')!;
    expect(g).toMatchObject({ left: 990, right: 1001, difference: -11, params: { difference: 11 } });
  });

  it('checks every hard relation of domain.md §2.4', () => {
    const cases: [string, Record<string, number>][] = [
      ['list-covers-issued', { A: 630 }],
      ['boxes-equal-valid-invalid', { J: 11 }],
      ['valid-equals-votes', { 'L.c-b': 201 }],
      ['took-part-equals-issued', { E: 641 }],
    ];
    for (const [code, change] of cases) {
      const found = evaluate(form, { ...goodValues(), ...change });
      expect(codes(errorsOf(found)), code).toContain(code);
    }
    const votes = evaluate(form, { ...goodValues(), 'L.c-b': 201 }).find((f) => f.code === 'valid-equals-votes')!;
    expect(votes.params).toMatchObject({ leftLines: '11', rightLines: '12–15', left: 630, right: 631 });
  });

  it('gives the soft checks as warnings', () => {
    const stuffed = evaluate(form, { ...goodValues(), I: 610, K: 640, 'L.c-a': 310 });
    expect(codes(stuffed)).toEqual(['boxes-not-above-issued']);
    expect(stuffed[0]).toMatchObject({ severity: 'warning', left: 650, right: 640, difference: 10 });
    const takenAway = evaluate(form, { ...goodValues(), I: 590, K: 620, 'L.c-a': 290 });
    expect(codes(takenAway)).toEqual(['boxes-not-below-issued']);
    const mobile = evaluate(form, { ...goodValues(), H: 45, I: 595 });
    expect(codes(mobile)).toEqual(['mobile-within-outside']);
    expect(mobile[0]).toMatchObject({ left: 45, right: 40, difference: 5, params: { leftLines: '8', rightLines: '4' } });
  });

  it('allows exactly 0.1 % above the list (integer arithmetic, no floating error)', () => {
    // 1000 × 1.001 is 1000.9999999999999 in floating point; 1001 must still pass.
    expect(evaluate(form, goodValues())).toEqual([]);
    const over = evaluate(form, { ...goodValues(), B: 1002, F: 356 });
    expect(codes(over)).toEqual(['received-within-list-margin']);
    expect(over[0]).toMatchObject({ left: 1002, right: 1001, difference: 1, params: { rightBase: 1000 } });
    // 700 voters: 700.7 allowed means 700.
    expect(codes(evaluate(form, { ...goodValues(), A: 700, B: 700, F: 54 }))).toEqual([]);
    const smallOver = evaluate(form, { ...goodValues(), A: 700, B: 701, F: 55 });
    expect(codes(smallOver)).toEqual(['received-within-list-margin']);
    expect(smallOver[0]).toMatchObject({ left: 701, right: 700, difference: 1 });
  });

  it('gives line-missing for blank lines (no crash) and skips the relations that need them', () => {
    const v: Record<string, number | null> = { ...goodValues(), C: null };
    delete v.M;
    const found = evaluate(form, v);
    expect(found.filter((f) => f.code === 'line-missing').map((f) => f.lines[0])).toEqual(['C', 'M']);
    expect(found[0]).toMatchObject({ severity: 'error', params: { line: 3 }, messageKey: 'protocol:finding.line-missing' });
    // Relations over C and M are not judged; the others still are.
    expect(codes(found)).toEqual(['line-missing', 'line-missing']);
    expect(codes(evaluate(form, { ...v, J: 11 }))).toEqual(['line-missing', 'line-missing', 'boxes-equal-valid-invalid']);
    expect(codes(evaluate(form, {}))).toEqual(Array(form.lines.length).fill('line-missing'));
  });

  it('gives line-invalid for negative, fractional or non-finite values', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const found = evaluate(form, { ...goodValues(), G: bad });
      expect(found[0]).toMatchObject({ code: 'line-invalid', lines: ['G'], params: { line: 7, value: String(bad) } });
    }
  });

  it('gives line-invalid above the largest count a precinct has (a zero too many: 12 000 000), which no draft could hold', () => {
    const found = evaluate(form, { ...goodValues(), B: 12_000_000 });
    expect(found[0]).toMatchObject({ code: 'line-invalid', lines: ['B'], params: { line: 2, value: '12000000' } });
    expect(codes(evaluate(form, { ...goodValues(), B: MAX_COUNT + 1 }))).toContain('line-invalid');
    expect(codes(evaluate(form, { ...goodValues(), B: MAX_COUNT }))).not.toContain('line-invalid');
    // What the screen judges a count is exactly what the events' schemas store (the draft's save threw a ZodError before).
    for (const v of [0, 1, 6707, MAX_COUNT, MAX_COUNT + 1, 12_000_000, Number.MAX_SAFE_INTEGER, -1, 1.5]) {
      expect(lineValuesSchema.safeParse({ B: v }).success, String(v)).toBe(isCount(v));
      expect(draftValuesSchema.safeParse({ B: v }).success, String(v)).toBe(isCount(v));
    }
  });

  it('cross-checks the ledger: page sums, desk, register, acts, list margin', () => {
    expect(codes(evaluate(form, goodValues(), ledger({ listPageSums: 598 })))).toEqual(['room-issued-matches-page-sums']);
    expect(codes(evaluate(form, goodValues(), ledger({ issuedRoom: 601 })))).toEqual(['room-issued-matches-desk']);
    const reg = evaluate(form, goodValues(), ledger({ issuedOutside: 38 }));
    expect(codes(reg)).toEqual(['outside-issued-matches-register', 'mobile-within-register']);
    expect(reg[1]).toMatchObject({ left: 40, right: 38, difference: 2, params: { leftLines: '8', rightLines: '' } });
    expect(codes(evaluate(form, goodValues(), ledger({ received: 1000 })))).toEqual(['received-matches-act']);
    expect(codes(evaluate(form, goodValues(), ledger({ cancelled: 350 })))).toEqual(['cancelled-matches-act']);
    expect(codes(evaluate(form, goodValues(), ledger({ spoiled: 5 })))).toEqual(['spoiled-matches-act']);
    const margin = evaluate(form, goodValues(), ledger({ listSize: 990 }));
    expect(codes(margin)).toEqual(['ledger-received-within-list']);
    expect(margin[0]).toMatchObject({ left: 1001, right: 990, difference: 11, lines: ['B', 'A'] });
  });

  it('says line 2 above the list + 0.1 % once when the typed figure and the acts agree', () => {
    // Line 2 typed 1001 = received by act 1001, list 990 on the protocol and in the ledger.
    const found = evaluate(form, { ...goodValues(), A: 990 }, ledger({ listSize: 990 }));
    expect(codes(found).filter((c) => c === 'received-within-list-margin' || c === 'ledger-received-within-list')).toEqual(['received-within-list-margin']);
    // Different figures (acts 1001, typed 995): both are said, each with its own.
    const both = evaluate(form, { ...goodValues(), A: 990, B: 995 }, ledger({ listSize: 990 }));
    expect(codes(both).filter((c) => c === 'received-within-list-margin' || c === 'ledger-received-within-list')).toEqual(['received-within-list-margin', 'ledger-received-within-list']);
  });

  it('skips ledger checks whose figure is not known yet', () => {
    expect(codes(evaluate(form, goodValues(), ledger({ cancelled: null, listPageSums: null, listSize: null })))).toEqual([]);
  });

  it('gives one warning per line where the АЭУ report differs from the manual count', () => {
    const aeu = { values: { H: 40, I: 598, J: 12, K: 626, 'L.c-a': 299, 'L.c-b': 200, M: 27 }, printedAt: '2017-10-15T20:40:00+06:00', deadline: null, late: false };
    const found = evaluate(form, goodValues(), ledger({ aeu }));
    expect(found.every((f) => f.code === 'aeu-differs' && f.severity === 'warning')).toBe(true);
    expect(found.map((f) => f.lines[0])).toEqual(['I', 'J', 'K', 'L.c-a', 'M']);
    expect(found[0]).toMatchObject({ left: 600, right: 598, difference: 2, params: { line: 9, typed: 600, aeu: 598, difference: 2 } });
    expect(found[1]).toMatchObject({ difference: -2, params: { difference: 2 } });
  });

  it('names each figure by its source: a typed 38 on line 9 is the protocol, the recorded manual count says 40, the АЭУ 40', () => {
    const values = { ...goodValues(), I: 38 };
    const manualCount = { ...goodValues(), I: 40 } as Record<string, number>;
    const aeu = { values: { I: 40 }, printedAt: '2017-10-15T20:40:00+06:00', deadline: null, late: false };
    const found = evaluate(form, values, ledger({ aeu, manualCount })).filter((f) => f.code === 'manual-differs' || f.code === 'aeu-differs');
    expect(found.map((f) => [f.code, f.params])).toEqual([
      ['manual-differs', { line: 9, left: 38, right: 40, difference: 2, count: 2, typed: 38, manual: 40 }],
      ['aeu-differs', { line: 9, left: 38, right: 40, difference: 2, count: 2, typed: 38, aeu: 40, manual: 40 }],
    ]);
  });

  it('works on a form without against-all and with a single candidate', () => {
    const noAgainst = expandForm(KG_2017_PRESIDENTIAL_FORM, CANDIDATES, false);
    const { M: _m, ...v } = goodValues();
    expect(codes(evaluate(noAgainst, v))).toEqual(['valid-equals-votes']);
    expect(evaluate(noAgainst, { ...v, 'L.c-c': 130 })).toEqual([]);
  });

  it('skips a relation whose side lost every term and handles coefficients', () => {
    const def: FormDefinition = {
      ...KG_2017_PRESIDENTIAL_FORM,
      relations: [
        { code: 'only-against', severity: 'error', left: ['M'], op: '<=', right: ['K'], explanation: 'protocol:explanation.x' },
        { code: 'coef', severity: 'warning', left: ['B', { line: 'G', coef: -1 }], op: '<', right: [{ line: 'A', coef: 2 }], explanation: 'protocol:explanation.x' },
        { code: 'greater', severity: 'warning', left: ['A'], op: '>', right: ['B'], explanation: 'protocol:explanation.x' },
      ],
    };
    const f = expandForm(def, CANDIDATES, false);
    expect(f.relations[0]!.left).toEqual([]);
    const found = evaluate(f, { ...goodValues() });
    expect(codes(found)).toEqual(['greater']);
    expect(found[0]).toMatchObject({ left: 1000, right: 1001, difference: -1 });
    const coef = evaluate(f, { ...goodValues(), A: 497 });
    expect(coef.find((x) => x.code === 'coef')).toMatchObject({ left: 995, right: 994, params: { leftLines: '2 − 7', rightLines: '2×1' } });
  });

  it('formats long candidate runs compactly', () => {
    const byKey = new Map(form.lines.map((l) => [l.key, l]));
    expect(formatTerms([{ line: 'C', coef: 1 }, { line: 'D', coef: 1 }], byKey)).toBe('3 + 4');
    expect(formatTerms([{ line: 'C', coef: 1 }, { line: 'D', coef: 1 }, { line: 'E', coef: 1 }, { line: 'G', coef: 1 }], byKey)).toBe('3–5 + 7');
    expect(formatTerms([{ ledger: 'received', coef: 1 }], byKey)).toBe('');
    expect(warningsOf(evaluate(form, { ...goodValues(), H: 45, I: 595 }))).toHaveLength(1);
  });
});

/**
 * Every relation of the built-in form, passing and failing: a consistent protocol passes it, and one
 * change (to the figures or to the ledger) fails it alone, with the severity the form gives it. A
 * relation added to the form without a case here fails the completeness check.
 */
describe('each built-in relation, passing and failing', () => {
  const cases: Record<string, { values?: Record<string, number>; ledger?: Partial<LedgerFigures> }> = {
    'list-covers-issued': { values: { A: 630, B: 640, F: 0, G: 0, H: 40, I: 600, J: 10, K: 630 } },
    'ballot-balance': { values: { B: 1003 } },
    'boxes-equal-valid-invalid': { values: { J: 11, H: 40, I: 600 } },
    'valid-equals-votes': { values: { M: 31 } },
    'took-part-equals-issued': { values: { E: 639 } },
    'mobile-within-outside': { values: { H: 41, I: 599 } },
    'boxes-not-above-issued': { values: { I: 601, K: 631, M: 31 } },
    'boxes-not-below-issued': { values: { I: 599, K: 629, M: 29 } },
    'received-within-list-margin': { values: { A: 999 } },
    'room-issued-matches-page-sums': { ledger: { listPageSums: 599 } },
    'room-issued-matches-desk': { ledger: { issuedRoom: 599 } },
    'outside-issued-matches-register': { ledger: { issuedOutside: 41 } },
    'mobile-within-register': { ledger: { issuedOutside: 39 } },
    'mobile-matches-boxes-counted': { ledger: { mobileBoxes: 39 } },
    'received-matches-act': { ledger: { received: 1002 } },
    'cancelled-matches-act': { ledger: { cancelled: 354 } },
    'spoiled-matches-act': { ledger: { spoiled: 7 } },
    'ledger-received-within-list': { ledger: { listSize: 999 } },
  };

  it('line 8 against the mobile boxes counted first (item 77): equal holds, none counted skips', () => {
    expect(codes(evaluate(form, goodValues(), ledger({ mobileBoxes: 40 })))).not.toContain('mobile-matches-boxes-counted');
    expect(codes(evaluate(form, goodValues(), ledger({ mobileBoxes: null })))).not.toContain('mobile-matches-boxes-counted');
    expect(codes(evaluate(form, goodValues(), ledger({ mobileBoxes: 41 })))).toContain('mobile-matches-boxes-counted');
  });

  it('has a case for every relation of the form', () => {
    expect(Object.keys(cases).sort()).toEqual(KG_2017_PRESIDENTIAL_FORM.relations.map((r) => r.code).sort());
  });

  for (const relation of KG_2017_PRESIDENTIAL_FORM.relations) {
    it(`${relation.code} (${relation.severity})`, () => {
      expect(codes(evaluate(form, goodValues(), ledger()))).not.toContain(relation.code);
      const c = cases[relation.code];
      if (!c) throw new Error(`no case for ${relation.code}`);
      const found = evaluate(form, { ...goodValues(), ...c.values }, ledger(c.ledger)).filter((f) => f.code === relation.code);
      expect(found).toHaveLength(1);
      expect(found[0]?.severity).toBe(relation.severity);
      expect(found[0]?.difference).not.toBe(0);
    });
  }
});
