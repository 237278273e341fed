import { describe, expect, it } from 'vitest';
import { KG_2017_PRESIDENTIAL_FORM } from '../../../../shared/protocol/builtin';
import { checkFormDefinition, expandForm, type FormDefinition, type FormProblem } from '../../../../shared/protocol/form';
import { builtinForm, candidate, CANDIDATES } from './helpers';

const clone = (): FormDefinition => structuredClone(KG_2017_PRESIDENTIAL_FORM);

function problems(json: unknown): FormProblem[] {
  const r = checkFormDefinition(json);
  if (r.ok) throw new Error('expected the definition to be refused');
  for (const p of r.error) expect(p.params.path).toBe(p.path);
  // Compared without the path param (it repeats `path`).
  return r.error.map(({ params: { path: _path, ...params }, ...rest }) => ({ ...rest, params }));
}

describe('form definition', () => {
  it('the built-in 2017 form is valid, provisional, with the hard relations of domain.md §2.4 as errors', () => {
    const r = checkFormDefinition(JSON.parse(JSON.stringify(KG_2017_PRESIDENTIAL_FORM)));
    expect(r.ok).toBe(true);
    expect(KG_2017_PRESIDENTIAL_FORM.provisional).toBe(true);
    const errors = KG_2017_PRESIDENTIAL_FORM.relations.filter((x) => x.severity === 'error').map((x) => x.code);
    expect(errors).toEqual(['list-covers-issued', 'ballot-balance', 'boxes-equal-valid-invalid', 'valid-equals-votes', 'took-part-equals-issued']);
    const warnings = KG_2017_PRESIDENTIAL_FORM.relations.filter((x) => x.severity === 'warning').map((x) => x.code);
    expect(warnings).toEqual(expect.arrayContaining(['mobile-within-outside', 'boxes-not-above-issued', 'boxes-not-below-issued', 'received-within-list-margin', 'room-issued-matches-page-sums', 'outside-issued-matches-register', 'mobile-within-register', 'ledger-received-within-list']));
    expect(KG_2017_PRESIDENTIAL_FORM.lines.map((l) => l.key).join('')).toBe('ABCDEFGHIJKLM');
  });

  it('refuses a formula naming an unknown line, with the relation and the line', () => {
    const def = clone();
    def.relations[1]!.right = ['C', 'D', 'F', 'Z'];
    expect(problems(def)).toEqual([{ code: 'unknown-line', path: 'relations.1.right.3', params: { relation: 'ballot-balance', line: 'Z' } }]);
    const def2 = clone();
    def2.relations[0]!.lines = ['A', 'Q'];
    expect(problems(def2)).toEqual([{ code: 'unknown-line', path: 'relations.0.lines.1', params: { relation: 'list-covers-issued', line: 'Q' } }]);
    const def3 = clone();
    def3.relations[0]!.left = [{ line: 'X9', coef: 2 }];
    expect(problems(def3)[0]).toMatchObject({ code: 'unknown-line', params: { line: 'X9' } });
  });

  it('refuses duplicate keys, numbers and relation codes', () => {
    const def = clone();
    def.lines[2]!.key = 'B';
    def.lines[4]!.number = 1;
    def.relations[1]!.code = 'list-covers-issued';
    const codes = problems(def);
    expect(codes).toContainEqual({ code: 'duplicate-key', path: 'lines.2.key', params: { line: 'B' } });
    expect(codes).toContainEqual({ code: 'duplicate-number', path: 'lines.4.number', params: { line: 'E', number: 1 } });
    expect(codes).toContainEqual({ code: 'duplicate-code', path: 'relations.1.code', params: { relation: 'list-covers-issued' } });
  });

  it('refuses empty labels and a bad severity, kind or operator, naming the line or relation', () => {
    const def = clone() as unknown as { lines: { label: { ru: string } }[]; relations: { severity: string; op: string }[] };
    def.lines[3]!.label.ru = '  ';
    def.relations[2]!.severity = 'fatal';
    def.relations[4]!.op = '!=';
    const ps = problems(def);
    expect(ps).toContainEqual({ code: 'empty-label', path: 'lines.3.label.ru', params: { line: 'D', field: 'ru' } });
    expect(ps).toContainEqual({ code: 'bad-severity', path: 'relations.2.severity', params: { relation: 'boxes-equal-valid-invalid', field: 'severity' } });
    expect(ps).toContainEqual({ code: 'bad-op', path: 'relations.4.op', params: { relation: 'took-part-equals-issued', field: 'op' } });
    const def2 = clone() as unknown as { lines: { kind: string }[] };
    def2.lines[0]!.kind = 'total';
    expect(problems(def2)[0]).toMatchObject({ code: 'bad-kind', path: 'lines.0.kind', params: { line: 'A' } });
  });

  it('refuses unknown fields, missing fields, wrong types, bad keys and zero coefficients', () => {
    expect(problems(null)).toEqual([{ code: 'not-an-object', path: '', params: {} }]);
    expect(problems([])[0]?.code).toBe('not-an-object');
    const extra = { ...clone(), extra: 1 };
    expect(problems(extra)[0]).toMatchObject({ code: 'unknown-field', params: { field: 'extra' } });
    const { version: _v, ...noVersion } = clone();
    expect(problems(noVersion)).toContainEqual({ code: 'required', path: 'version', params: { field: 'version' } });
    expect(problems({ ...clone(), provisional: 'yes' })[0]?.code).toBe('wrong-type');
    const badKey = clone();
    badKey.lines[0]!.key = '1A';
    expect(problems(badKey)).toContainEqual(expect.objectContaining({ code: 'invalid-key', path: 'lines.0.key' }));
    const zero = clone();
    zero.relations[0]!.right = [{ line: 'C', coef: 0 }];
    expect(problems(zero)).toContainEqual(expect.objectContaining({ code: 'zero-coefficient', params: expect.objectContaining({ relation: 'list-covers-issued' }) }));
    const badExpl = clone();
    badExpl.relations[0]!.explanation = 'no namespace';
    expect(problems(badExpl)[0]?.code).toBe('invalid-explanation');
  });

  it('requires one candidate block, at most one against-all line, and no formula on the block line itself', () => {
    const none = clone();
    none.lines = none.lines.filter((l) => l.kind !== 'candidate');
    expect(problems(none)).toContainEqual({ code: 'no-candidate-block', path: 'lines', params: {} });
    const two = clone();
    two.lines.push({ key: 'L2', number: 14, kind: 'candidate', label: { ky: 'x', ru: 'x', en: 'x' } });
    two.lines.push({ key: 'M2', number: 15, kind: 'against-all', label: { ky: 'x', ru: 'x', en: 'x' } });
    const ps = problems(two);
    expect(ps).toContainEqual({ code: 'second-candidate-block', path: 'lines.13.kind', params: { line: 'L2' } });
    expect(ps).toContainEqual({ code: 'second-against-all', path: 'lines.14.kind', params: { line: 'M2' } });
    const onBlock = clone();
    onBlock.relations[3]!.right = ['L', 'M'];
    expect(problems(onBlock)).toContainEqual({ code: 'candidate-line-in-formula', path: 'relations.3.right.0', params: { relation: 'valid-equals-votes', line: 'L' } });
  });
});

describe('expandForm', () => {
  it('puts one line per candidate in ballot order in place of the block and renumbers the lines after it', () => {
    const form = builtinForm();
    expect(form.lines.map((l) => l.key)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L.c-a', 'L.c-b', 'L.c-c', 'M']);
    expect(form.lines.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(form.lines[11]).toMatchObject({ kind: 'candidate', candidateId: 'c-a', position: 1, label: { ky: 'Абдыкеров Test', en: 'Абдыкеров Test' } });
    const votes = form.relations.find((r) => r.code === 'valid-equals-votes')!;
    expect(votes.right).toEqual([{ line: 'L.c-a', coef: 1 }, { line: 'L.c-b', coef: 1 }, { line: 'L.c-c', coef: 1 }, { line: 'M', coef: 1 }]);
    expect(votes.lines).toEqual(['K', 'L.c-a', 'L.c-b', 'L.c-c', 'M']);
    expect(votes.ratio).toEqual({ num: 1, den: 1 });
  });

  it('drops the against-all line and its terms when the election has none', () => {
    const form = builtinForm(false);
    expect(form.lines.map((l) => l.key)).not.toContain('M');
    expect(form.lines.at(-1)).toMatchObject({ key: 'L.c-c', number: 14 });
    const votes = form.relations.find((r) => r.code === 'valid-equals-votes')!;
    expect(votes.right.map((t) => ('line' in t ? t.line : t.ledger))).toEqual(['L.c-a', 'L.c-b', 'L.c-c']);
  });

  it('numbers lines after the block and after a dropped against-all line consecutively', () => {
    const def = clone();
    def.lines.push({ key: 'Z', number: 14, kind: 'count', label: { ky: 'z', ru: 'z', en: 'z' } });
    def.relations.push({ code: 'z-check', severity: 'warning', left: ['Z'], op: '<=', right: [{ kind: 'candidate' }], lines: ['Z', 'L'], explanation: 'protocol:explanation.z' });
    const one = expandForm(def, [candidate('x', 1, 'X')], true);
    expect(one.lines.map((l) => `${l.key}:${l.number}`).slice(-3)).toEqual(['L.x:12', 'M:13', 'Z:14']);
    const many = expandForm(def, CANDIDATES, false);
    expect(many.lines.map((l) => `${l.key}:${l.number}`).slice(-4)).toEqual(['L.c-a:12', 'L.c-b:13', 'L.c-c:14', 'Z:15']);
    // A highlight naming the block highlights every candidate line.
    expect(many.relations.at(-1)!.lines).toEqual(['Z', 'L.c-a', 'L.c-b', 'L.c-c']);
  });

  it('keeps ledger terms and ratios', () => {
    const margin = builtinForm().relations.find((r) => r.code === 'ledger-received-within-list')!;
    expect(margin.left).toEqual([{ ledger: 'received', coef: 1 }]);
    expect(margin.ratio).toEqual({ num: 1001, den: 1000 });
    expect(margin.lines).toEqual(['B', 'A']);
  });
});
