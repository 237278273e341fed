import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../shared/voters/csv';
import { decodeVoterFile } from '../../../../shared/voters/decode';
import { documentKey, hash64Hex, identityKind, voterIdentity } from '../../../../shared/voters/identity';
import { emptyMapping, guessMapping, type VoterMapping } from '../../../../shared/voters/mapping';
import { tableFromRows, type SheetTable } from '../../../../shared/voters/sheet';
import { ageOn, cleanText, excludeRows, keepDuplicates, KEEP_ALL_ROWS, parseBirth, parseMarks, RELEASED_ROW, validateVoterRows, type RowProblem } from '../../../../shared/voters/validate';
import { readFixture } from './fixtures';

const VOTING_DAY = '2017-10-15';
const HEADER = ['Барак', 'Катар', 'Фамилиясы', 'Аты', 'Атасынын аты', 'Туулган күнү', 'Дареги', 'Паспорт', 'ПИН', 'Атайын белгилер'];
const MAPPING: VoterMapping = guessMapping(HEADER);

function fixtureTable(name: string): SheetTable {
  const decoded = decodeVoterFile(readFixture(name));
  if (!decoded.ok) throw new Error(decoded.error.code);
  const parsed = parseCsv(decoded.value.text);
  if (!parsed.ok) throw new Error('csv');
  return tableFromRows(parsed.value.rows);
}

const validate = (rows: string[][], extra: Partial<SheetTable> = {}) => validateVoterRows({ header: HEADER, rows, ...extra }, MAPPING, { votingDay: VOTING_DAY });
const row = (over: Partial<Record<'page' | 'row' | 'surname' | 'name' | 'patronymic' | 'birth' | 'address' | 'document' | 'pin' | 'marks', string>> = {}) => {
  const v = { page: '1', row: '1', surname: 'Асанов', name: 'Нурлан', patronymic: '', birth: '01.01.1980', address: 'Бишкек', document: 'ID0000001', pin: '20101198000001', marks: '', ...over };
  return [v.page, v.row, v.surname, v.name, v.patronymic, v.birth, v.address, v.document, v.pin, v.marks];
};

describe('validateVoterRows: every row problem code, from the fixture file', () => {
  const result = validateVoterRows(fixtureTable('row-problems.csv'), MAPPING, { votingDay: VOTING_DAY });

  it('lists each bad row with its row number (header = row 1), field, code, value and params', () => {
    const expected: RowProblem[] = [
      { row: 3, field: 'surname', code: 'missing-surname' },
      { row: 4, field: 'name', code: 'missing-name' },
      { row: 5, field: 'page', code: 'invalid-page', value: 'x', params: { reason: 'not-a-number' } },
      { row: 6, field: 'row', code: 'invalid-row', value: '0', params: { reason: 'out-of-range' } },
      { row: 7, field: 'birth', code: 'invalid-birth', value: '31.02.1980', params: { reason: 'not-a-date' } },
      { row: 8, field: 'birth', code: 'birth-in-future', value: '01.01.2030' },
      { row: 9, field: 'birth', code: 'under-18-on-voting-day', value: '16.10.1999', params: { age: 17 } },
      { row: 10, field: 'birth', code: 'birth-date-needed', value: '1999' },
      { row: 11, field: 'pin', code: 'invalid-pin', value: '2,01012E+13', params: { reason: 'scientific-notation' } },
      { row: 12, field: 'pin', code: 'invalid-pin', value: '30101198000011', params: { reason: 'first-digit' } },
      { row: 13, field: 'pin', code: 'duplicate-pin', value: '20101198000013', params: { rows: '14', count: 1 } },
      { row: 14, field: 'pin', code: 'duplicate-pin', value: '20101198000013', params: { rows: '13', count: 1 } },
      { row: 15, field: 'document', code: 'duplicate-document', value: 'ID0000015', params: { rows: '16', count: 1 } },
      { row: 16, field: 'document', code: 'duplicate-document', value: 'ID0000015', params: { rows: '15', count: 1 } },
      { row: 17, field: null, code: 'duplicate-page-row', value: '1/17', params: { rows: '18', count: 1 } },
      { row: 18, field: null, code: 'duplicate-page-row', value: '1/17', params: { rows: '17', count: 1 } },
      { row: 19, field: null, code: 'duplicate-person', params: { rows: '20', count: 1 } },
      { row: 20, field: null, code: 'duplicate-person', params: { rows: '19', count: 1 } },
      { row: 21, field: 'marks', code: 'unknown-mark', value: 'пенсионер' },
      { row: 22, field: null, code: 'ragged-row', params: { expected: 10, found: 9 } },
    ];
    expect(result.problems).toEqual(expected);
  });

  it('keeps only the good row as a voter', () => {
    expect(result.rowsChecked).toBe(21);
    expect(result.sourceRows).toEqual([2]);
    expect(result.voters).toEqual([
      {
        id: 'pin:20101198000001',
        page: 1,
        row: 1,
        surname: 'Асанов',
        name: 'Нурлан',
        patronymic: 'Бакытович',
        birthDate: '1980-01-01',
        birthYear: 1980,
        address: 'Бишкек',
        document: 'ID0000001',
        pin: '20101198000001',
        marks: [],
      },
    ]);
  });

  it('excludeRows: leaving out every bad row gives the good voters and records codes per row', () => {
    const badRows = [...new Set(result.problems.map((p) => p.row))];
    const kept = excludeRows(result, badRows);
    expect(kept.voters.map((v) => v.id)).toEqual(['pin:20101198000001']);
    expect(kept.unresolved).toEqual([]);
    expect(kept.excluded).toHaveLength(20); // rows 3–22
    expect(kept.excluded[0]).toEqual({ row: 3, codes: ['missing-surname'] });
    expect(kept.excluded.find((e) => e.row === 22)).toEqual({ row: 22, codes: ['ragged-row'] });
  });

  it('excludeRows: leaving out one row of a duplicate pair does not make the other one good', () => {
    const kept = excludeRows(result, [13]);
    expect(kept.unresolved).toContain(14);
    expect(kept.voters).toHaveLength(1);
  });

  it('excludeRows: a good row may be left out too (codes [])', () => {
    const kept = excludeRows(result, [2]);
    expect(kept.voters).toEqual([]);
    expect(kept.excluded).toEqual([{ row: 2, codes: [] }]);
  });
});

describe('validateVoterRows: records', () => {
  it('trims and collapses spaces (incl. no-break spaces), composes NFC, keeps Kyrgyz letters', () => {
    const r = validate([row({ surname: '  Үсөнов\u00a0 ', name: 'Чыңгыз   Нурлан', patronymic: 'Бакытови\u0306ч', address: ' Бишкек ш.,\r\nЧүй пр. ' })]);
    expect(r.problems).toEqual([]);
    expect(r.voters[0]).toMatchObject({ surname: 'Үсөнов', name: 'Чыңгыз Нурлан', patronymic: 'Бакытовйч', address: 'Бишкек ш., Чүй пр.' });
  });

  it('reads the marks and the ПИН as written with spaces', () => {
    const r = validate([row({ marks: 'Оорукана; камакта', pin: '2 0101 1980 00001' })]);
    expect(r.voters[0]).toMatchObject({ marks: ['custody', 'hospital'], pin: '20101198000001', id: 'pin:20101198000001' });
  });

  it('skips blank rows silently and numbers rows from headerRow', () => {
    const r = validate([row(), ['', '', '', '', '', '', '', '', '', ''], [''], row({ row: '2', surname: '', document: 'ID2', pin: '' })], { headerRow: 4 });
    expect(r.blankRows).toEqual([6, 7]);
    expect(r.problems).toEqual([{ row: 8, field: 'surname', code: 'missing-surname' }]);
    expect(r.sourceRows).toEqual([5]);
  });

  it('a list without patronymic, document, ПИН or marks columns', () => {
    const header = ['Барак', 'Катар', 'Фамилиясы', 'Аты', 'Туулган жылы'];
    const r = validateVoterRows({ header, rows: [['3', '7', 'Нурлан уулу', 'Бакыт', '1975']] }, guessMapping(header), { votingDay: VOTING_DAY });
    expect(r.problems).toEqual([]);
    expect(r.voters[0]).toMatchObject({ page: 3, row: 7, surname: 'Нурлан уулу', patronymic: '', birthDate: null, birthYear: 1975, document: '', pin: '', marks: [] });
    expect(r.voters[0]!.id).toMatch(/^nb:[0-9a-f]{16}$/u);
  });

  it('refuses to run on a mapping with problems, or a bad voting day', () => {
    expect(() => validateVoterRows({ header: HEADER, rows: [] }, { ...MAPPING, birth: null }, { votingDay: VOTING_DAY })).toThrow(/missing-required-column:birth/u);
    expect(() => validateVoterRows({ header: HEADER, rows: [] }, MAPPING, { votingDay: '2017-02-30' })).toThrow(RangeError);
  });

  it.each([
    ['', 'empty'],
    ['12a', 'not-a-number'],
    ['-1', 'not-a-number'],
    // Not whole, or read two ways ("1.0" and "1 000" are whole numbers: whole-number.test.ts).
    ['1.5', 'not-a-number'],
    ['1,234', 'not-a-number'],
    ['100001', 'out-of-range'],
    ['100 001', 'out-of-range'],
  ])('page %j → invalid-page (%s)', (page, reason) => {
    expect(validate([row({ page })]).problems).toEqual([{ row: 2, field: 'page', code: 'invalid-page', ...(page ? { value: page } : {}), params: { reason } }]);
  });

  it.each([
    ['123', { reason: 'length', length: 3 }],
    ['2010119800001A', { reason: 'not-digits' }],
    ['201011980000011', { reason: 'length', length: 15 }],
    ['00101198000001', { reason: 'first-digit' }],
    ['2.01012E+13', { reason: 'scientific-notation' }],
  ])('ПИН %j → invalid-pin %j', (pin, params) => {
    expect(validate([row({ pin })]).problems).toEqual([{ row: 2, field: 'pin', code: 'invalid-pin', value: pin, params }]);
  });

  it('under 18 with a year only reports the most the person can be', () => {
    expect(validate([row({ birth: '2000' })]).problems).toEqual([{ row: 2, field: 'birth', code: 'under-18-on-voting-day', value: '2000', params: { age: 17 } }]);
    expect(validate([row({ birth: '1998' })]).problems).toEqual([]);
    expect(validate([row({ birth: '2018' })]).problems).toEqual([{ row: 2, field: 'birth', code: 'birth-in-future', value: '2018' }]);
    expect(validate([row({ birth: '15.10.1999' })]).problems).toEqual([]); // 18 on the day itself
  });

  it('a huge duplicate group (a wrongly mapped column) names at most 10 other rows', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => row({ row: String(i + 1), document: 'ID', pin: '' }));
    const r = validate(rows);
    expect(r.voters).toEqual([]);
    const dup = r.problems.filter((p) => p.code === 'duplicate-document');
    expect(dup).toHaveLength(3000);
    expect(dup[0]).toEqual({ row: 2, field: 'document', code: 'duplicate-document', value: 'ID', params: { rows: '3, 4, 5, 6, 7, 8, 9, 10, 11, 12, …', count: 2999 } });
    expect(dup[5]?.params).toEqual({ rows: '2, 3, 4, 5, 6, 8, 9, 10, 11, 12, …', count: 2999 });
  });

  it('a duplicate is flagged on every row of the group', () => {
    const r = validate([row(), row({ row: '2', document: 'ID9' }), row({ row: '3', document: 'ID9', pin: '' })]);
    expect(r.problems.map((p) => [p.row, p.code, p.params?.rows])).toEqual([
      [2, 'duplicate-pin', '3'],
      [3, 'duplicate-document', '4'], // same row: in field order (document before pin)
      [3, 'duplicate-pin', '2'],
      [4, 'duplicate-document', '3'],
    ]);
    expect(r.voters).toEqual([]);
  });
});

describe('parseBirth', () => {
  it.each([
    ['05.06.1990', { ok: true, value: { date: '1990-06-05', year: 1990 } }],
    ['5.6.1990', { ok: true, value: { date: '1990-06-05', year: 1990 } }],
    ['1990-06-05', { ok: true, value: { date: '1990-06-05', year: 1990 } }],
    ['1990', { ok: true, value: { date: null, year: 1990 } }],
    [' 05.06.1990 0:00', { ok: true, value: { date: '1990-06-05', year: 1990 } }],
    ['05.06.1990 00:00:00', { ok: true, value: { date: '1990-06-05', year: 1990 } }],
    ['1990-06-05T00:00:00.000Z', { ok: true, value: { date: '1990-06-05', year: 1990 } }],
    ['29.02.1996', { ok: true, value: { date: '1996-02-29', year: 1996 } }],
    ['29.02.1997', { ok: false, error: { code: 'not-a-date' } }],
    ['31.04.1990', { ok: false, error: { code: 'not-a-date' } }],
    ['00.01.1990', { ok: false, error: { code: 'not-a-date' } }],
    ['1990/06/05', { ok: false, error: { code: 'format' } }],
    ['06/05/1990', { ok: false, error: { code: 'format' } }],
    ['05.06.90', { ok: false, error: { code: 'format' } }],
    ['05.06.1990 13:30', { ok: false, error: { code: 'format' } }],
    ['1899', { ok: false, error: { code: 'too-old' } }],
    ['', { ok: false, error: { code: 'empty' } }],
  ])('%j', (text, expected) => {
    expect(parseBirth(text)).toEqual(expected);
  });

  it('a 29 February birthday is reached on 1 March in a common year', () => {
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
    expect(ageOn('1999-10-15', '2017-10-15')).toBe(18);
    expect(ageOn('1999-10-16', '2017-10-15')).toBe(17);
  });
});

describe('parseMarks', () => {
  it.each([
    ['', []],
    ['-', []],
    ['жок', []],
    ['больница', ['hospital']],
    ['в больнице', ['hospital']],
    ['Стационар', ['hospital']],
    ['оорукана', ['hospital']],
    ['Hospital', ['hospital']],
    ['СИЗО', ['custody']],
    ['под стражей', ['custody']],
    ['тергөө абагы', ['custody']],
    ['камакта', ['custody']],
    ['custody', ['custody']],
    ['камакта, оорукана', ['custody', 'hospital']],
    ['больница; больница', ['hospital']],
  ])('%j → %j', (text, marks) => {
    expect(parseMarks(text)).toEqual({ marks, unknown: [] });
  });

  it('lists what it does not know', () => {
    expect(parseMarks('больница, инвалид, Форма 2')).toEqual({ marks: ['hospital'], unknown: ['инвалид', 'Форма 2'] });
  });
});

describe('identity', () => {
  const base = { surname: 'Асанов', name: 'Нурлан', patronymic: 'Бакытович', birthDate: '1980-01-01', birthYear: 1980, document: 'AN1234567', pin: '20101198000001' };

  it('ПИН first, then the document, then name and birth', () => {
    expect(voterIdentity(base)).toBe('pin:20101198000001');
    expect(voterIdentity({ ...base, pin: '' })).toBe('doc:AN1234567');
    expect(voterIdentity({ ...base, pin: '123' })).toBe('doc:AN1234567'); // an invalid ПИН is not an identity
    expect(voterIdentity({ ...base, pin: '', document: '' })).toMatch(/^nb:[0-9a-f]{16}$/u);
    expect(identityKind('pin:1')).toBe('pin');
    expect(identityKind('doc:AN1')).toBe('doc');
    expect(identityKind('nb:00')).toBe('nb');
  });

  it('does not depend on page and row, nor on spacing and case of the name', () => {
    const a = voterIdentity({ ...base, pin: '', document: '' });
    expect(voterIdentity({ ...base, pin: '', document: '', surname: ' асанов ', name: 'НУРЛАН' })).toBe(a);
    expect(voterIdentity({ ...base, pin: '', document: '', birthDate: '1980-01-02' })).not.toBe(a);
  });

  it('folds Cyrillic series letters and punctuation in document numbers', () => {
    expect(documentKey('ан 123-45 67')).toBe('AN1234567');
    expect(documentKey('ИД0001112')).toBe('ID0001112');
    expect(documentKey('АС №0001112')).toBe('AC0001112');
    expect(documentKey('AN1234567')).toBe('AN1234567');
    expect(voterIdentity({ ...base, pin: '', document: 'ан 123 4567' })).toBe('doc:AN1234567');
    expect(voterIdentity({ ...base, pin: '', document: 'X'.repeat(70) })).toMatch(/^doc#[0-9a-f]{16}$/u);
  });

  it('hash64Hex is stable (fixed values) and spreads', () => {
    expect(hash64Hex('')).toBe(hash64Hex(''));
    expect(hash64Hex('асанов|нурлан||1980')).toMatch(/^[0-9a-f]{16}$/u);
    const seen = new Set(Array.from({ length: 20000 }, (_, i) => hash64Hex(`voter ${i}`)));
    expect(seen.size).toBe(20000);
  });

  it('cleanText leaves clean text alone and cleans the rest', () => {
    const s = 'Асанов Нурлан';
    expect(cleanText(s)).toBe(s);
    expect(cleanText('\u2003Асанов\t\tНурлан\u200b')).toBe('Асанов Нурлан');
    expect(cleanText(undefined)).toBe('');
  });
});

describe('issue 16: duplicates kept once, field limits, formula cells, full-name column', () => {
  it('a voter listed twice (same document): one group; keepDuplicates keeps the first, records the other, never both dropped', () => {
    const r = validate([
      row({ row: '1', document: 'ID0000001', pin: '' }),
      row({ row: '2', surname: 'Бекова', document: 'ID0000002', pin: '' }),
      row({ row: '1', document: 'ID0000001', pin: '' }), // the same line copied: same page/row too
    ]);
    expect(r.voters).toHaveLength(1);
    expect(r.duplicates).toHaveLength(1);
    expect(r.duplicates[0]!.rows).toEqual([2, 4]);
    expect(r.duplicates[0]!.codes).toEqual(['duplicate-document']);
    expect(r.problems.map((p) => p.code)).not.toContain('duplicate-page-row');
    const kept = keepDuplicates(r);
    expect(kept.decisions).toEqual([{ kept: 2, dropped: [4] }]);
    expect(kept.result.voters.map((v) => v.document)).toEqual(['ID0000001', 'ID0000002']);
    expect(kept.result.sourceRows).toEqual([2, 3]);
    const left = excludeRows(kept.result, kept.result.problems.map((p) => p.row));
    expect(left.unresolved).toEqual([]);
    // The secretary may keep the second copy instead.
    expect(keepDuplicates(r, new Map([[0, 4]])).decisions).toEqual([{ kept: 4, dropped: [2] }]);
  });

  it('same name and birth with no ПИН or document are one group; a row with other problems cannot be kept', () => {
    const r = validate([row({ row: '1', pin: '', document: '' }), row({ row: '2', pin: '', document: '', page: 'x' }), row({ row: '3', pin: '', document: '' })]);
    expect(r.duplicates[0]!.rows).toEqual([2, 3, 4]);
    expect(r.duplicates[0]!.records.map((x) => x !== null)).toEqual([true, false, true]);
    const kept = keepDuplicates(r, new Map([[0, 3]]));
    expect(kept.decisions).toEqual([{ kept: 2, dropped: [3, 4] }]);
    expect(kept.result.voters).toHaveLength(1);
  });

  it('a copy without the document is the same person (name + birth); namesakes with different documents are not', () => {
    const r = validate([
      row({ row: '1', document: 'ID0000001', pin: '' }),
      row({ row: '2', surname: 'Бекова', document: 'ID0000002', pin: '' }),
      row({ row: '3', document: '', pin: '' }), // row 2's person again, typed without the document
    ]);
    expect(r.duplicates.map((g) => [g.rows, g.codes])).toEqual([[[2, 4], ['duplicate-person']]]);
    const kept = keepDuplicates(r);
    expect(kept.decisions).toEqual([{ kept: 2, dropped: [4] }]);
    expect(kept.result.voters.map((v) => v.document)).toEqual(['ID0000001', 'ID0000002']);

    expect(r.duplicates[0]).toMatchObject({ keepAll: 'allowed', differ: [] });
    // The secretary may say they are two people: both stay, with ids of their own, recorded.
    const both = keepDuplicates(r, new Map([[0, KEEP_ALL_ROWS]]));
    expect(both.decisions).toEqual([]);
    expect(both.keptAll).toEqual([[2, 4]]);
    expect(both.result.sourceRows).toEqual([2, 3, 4]);
    expect(both.result.problems).toEqual([]);
    expect(new Set(both.result.voters.map((v) => v.id)).size).toBe(3);
  });

  it('namesakes with different documents: shown as a pair, both kept by default, the secretary may keep one', () => {
    const namesakes = validate([row({ row: '1', document: 'ID0000001', pin: '' }), row({ row: '2', document: 'ID0000009', pin: '' })]);
    expect(namesakes.problems).toEqual([]);
    expect(namesakes.voters).toHaveLength(2);
    expect(namesakes.duplicates.map((g) => [g.rows, g.codes, g.keepAll, g.differ])).toEqual([[[2, 3], ['duplicate-person'], 'default', ['document']]]);
    const byDefault = keepDuplicates(namesakes);
    expect(byDefault.decisions).toEqual([]);
    expect(byDefault.keptAll).toEqual([[2, 3]]);
    expect(byDefault.result.voters.map((v) => v.document)).toEqual(['ID0000001', 'ID0000009']);
    const one = keepDuplicates(namesakes, new Map([[0, 3]]));
    expect(one.decisions).toEqual([{ kept: 3, dropped: [2] }]);
    expect(one.keptAll).toEqual([]);
    expect(one.result.voters.map((v) => v.document)).toEqual(['ID0000009']);
    expect(one.result.sourceRows).toEqual([3]);
  });

  it('footer lines below the list (totals, signatures) are named for what they lack, never "the same person" as each other', () => {
    const blank = { page: '', row: '', surname: '', name: '', birth: '', address: '', document: '', pin: '' };
    const r = validate([row(), row({ ...blank, page: 'Итого: 1' }), row({ ...blank, page: 'Председатель УИК' }), row({ ...blank, surname: 'Катчы', birth: 'кол тамга' })]);
    expect(r.duplicates).toEqual([]);
    expect(r.problems.filter((p) => p.code === 'duplicate-person')).toEqual([]);
    expect([...new Set(r.problems.map((p) => p.row))]).toEqual([3, 4, 5]);
    // Rows that are the same person with a bad cell are still caught.
    const twice = validate([row({ pin: '', document: '' }), row({ row: '2', pin: '', document: '', marks: 'белгисиз' })]);
    expect(twice.duplicates.map((g) => g.rows)).toEqual([[2, 3]]);
  });

  it('namesakes without ПИН or document at different addresses: both kept by default, each with its own id', () => {
    const r = validate([
      row({ row: '1', document: '', pin: '', address: 'Ош, Ленина 1' }),
      row({ row: '2', document: '', pin: '', address: 'Ош, Курманжан Датка 7' }),
    ]);
    expect(r.duplicates.map((g) => [g.rows, g.keepAll, g.differ])).toEqual([[[2, 3], 'default', ['address']]]);
    expect(r.problems.map((p) => p.code)).toEqual(['duplicate-person', 'duplicate-person']);
    const kept = keepDuplicates(r);
    expect(kept.keptAll).toEqual([[2, 3]]);
    expect(kept.result.problems).toEqual([]);
    const ids = kept.result.voters.map((v) => v.id);
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids.every((id) => identityKind(id) === 'nb')).toBe(true);
    // The same file read again gives the same ids (ballots stay with their person).
    expect(keepDuplicates(validate([row({ row: '1', document: '', pin: '', address: 'Ош, Ленина 1' }), row({ row: '2', document: '', pin: '', address: 'Ош, Курманжан Датка 7' })])).result.voters.map((v) => v.id)).toEqual(ids);
    // Keeping one is still possible.
    expect(keepDuplicates(r, new Map([[0, 2]])).decisions).toEqual([{ kept: 2, dropped: [3] }]);
  });

  it('two different people given one ПИН (a registry error): both kept by default, each findable with an id of its own', () => {
    const rows = () => [
      row({ row: '1', surname: 'Асанов', name: 'Нурлан', birth: '01.01.1980', document: 'ID0000001', pin: '20101198000001' }),
      row({ row: '2', surname: 'Бекова', name: 'Айгүл', birth: '03.04.1975', document: '', pin: '20101198000001' }),
    ];
    const r = validate(rows());
    expect(r.duplicates.map((g) => [g.rows, g.codes, g.keepAll, g.differ])).toEqual([[[2, 3], ['duplicate-pin'], 'default', ['person']]]);
    const kept = keepDuplicates(r);
    expect(kept.decisions).toEqual([]);
    expect(kept.keptAll).toEqual([[2, 3]]);
    expect(kept.result.problems).toEqual([]);
    expect(kept.result.voters.map((v) => v.surname)).toEqual(['Асанов', 'Бекова']);
    const ids = kept.result.voters.map((v) => v.id);
    expect(new Set(ids).size).toBe(2);
    expect(ids.some((id) => id.includes('20101198000001'))).toBe(false); // the shared number names neither
    expect(ids[0]).toBe('doc:ID0000001');
    // The same file read again: the same ids (a ballot stays with its person).
    expect(keepDuplicates(validate(rows())).result.voters.map((v) => v.id)).toEqual(ids);
    // Both keep the ПИН as written (found at the desk by it); the secretary may still keep one.
    expect(kept.result.voters.map((v) => v.pin)).toEqual(['20101198000001', '20101198000001']);
    expect(keepDuplicates(r, new Map([[0, 3]])).decisions).toEqual([{ kept: 3, dropped: [2] }]);
    // The same person copied with one ПИН (same name and birth) is still one row kept.
    const copy = validate([row({ row: '1' }), row({ row: '2', document: '' })]);
    expect(copy.duplicates[0]).toMatchObject({ keepAll: 'no' });
    expect(keepDuplicates(copy).result.voters).toHaveLength(1);
  });

  it('namesakes with different documents on one page/row: only the page/row error, naming both rows (no pair to choose from)', () => {
    const r = validate([row({ row: '3', document: 'ID0000001', pin: '' }), row({ row: '3', document: 'ID0000009', pin: '' })]);
    expect(r.duplicates).toEqual([]);
    expect(r.problems.map((p) => [p.row, p.code, p.params?.rows])).toEqual([
      [2, 'duplicate-page-row', '3'],
      [3, 'duplicate-page-row', '2'],
    ]);
    expect(keepDuplicates(r).result.problems).toHaveLength(2);
  });

  it('keeping every row is refused where nothing tells the people apart or a document links them', () => {
    // No ПИН, no document, same address: one id for both — the first is kept, whatever is asked.
    const same = validate([row({ row: '1', document: '', pin: '' }), row({ row: '2', document: '', pin: '' })]);
    expect(same.duplicates[0]).toMatchObject({ keepAll: 'no' });
    expect(keepDuplicates(same, new Map([[0, KEEP_ALL_ROWS]])).decisions).toEqual([{ kept: 2, dropped: [3] }]);
    // The same document: one person.
    const doc = validate([row({ row: '1', pin: '' }), row({ row: '2', pin: '', address: 'Ош' })]);
    expect(doc.duplicates[0]).toMatchObject({ codes: ['duplicate-document'], keepAll: 'no' });
    expect(keepDuplicates(doc, new Map([[0, KEEP_ALL_ROWS]])).result.voters).toHaveLength(1);
    // Different addresses but one page/row: a copied line, never two people on one line.
    const line = validate([row({ row: '4', document: '', pin: '', address: 'Ош' }), row({ row: '4', document: '', pin: '', address: 'Нарын' })]);
    expect(line.duplicates[0]).toMatchObject({ keepAll: 'no' });
    expect(keepDuplicates(line).result.voters).toHaveLength(1);
  });

  it('two different people on one page/row stay an error naming both file lines', () => {
    const r = validate([row({ row: '5' }), row({ row: '5', surname: 'Бекова', document: 'ID9', pin: '' })]);
    expect(r.problems.filter((p) => p.code === 'duplicate-page-row').map((p) => [p.row, p.params?.rows])).toEqual([
      [2, '3'],
      [3, '2'],
    ]);
    expect(keepDuplicates(r).decisions).toEqual([]);
  });

  it('a birth date followed by the word for year (г., г.р., -ж.) is read; other words are not', () => {
    expect(parseBirth('01.01.1980 г.')).toEqual({ ok: true, value: { date: '1980-01-01', year: 1980 } });
    expect(parseBirth('01.01.1980г.')).toEqual({ ok: true, value: { date: '1980-01-01', year: 1980 } });
    expect(parseBirth('1980 г.р.')).toEqual({ ok: true, value: { date: null, year: 1980 } });
    expect(parseBirth('01.01.1980-ж.')).toEqual({ ok: true, value: { date: '1980-01-01', year: 1980 } });
    expect(parseBirth('1980 ж')).toEqual({ ok: true, value: { date: null, year: 1980 } });
    expect(parseBirth('01.01.1980 года')).toEqual({ ok: false, error: { code: 'format' } });
    expect(parseBirth('г.')).toEqual({ ok: false, error: { code: 'empty' } });
  });

  it('too-long names, addresses and documents are refused with the row', () => {
    const r = validate([row({ surname: 'А'.repeat(2_000_000) }), row({ row: '2', address: 'x'.repeat(301), document: 'D'.repeat(41), pin: '' })]);
    expect(r.voters).toHaveLength(0);
    expect(r.problems.filter((p) => p.code === 'too-long').map((p) => [p.row, p.field, p.params])).toEqual([
      [2, 'surname', { max: 80, length: 2_000_000 }],
      [3, 'address', { max: 300, length: 301 }],
      [3, 'document', { max: 40, length: 41 }],
    ]);
    expect(r.problems[0]!.value!.length).toBeLessThanOrEqual(100);
  });

  it('a full-name cell within its limit whose surname part is too long is refused with the row', () => {
    const header = ['Барак', 'Катар', 'Ф.И.О.', 'Туулган күнү'];
    const table = { header, rows: [['1', '1', `${'Я'.repeat(120)} Бакыт`, '01.01.1980'], ['1', '2', 'Асанов Бакыт', '01.01.1980']], headerRow: 1 };
    const r = validateVoterRows(table, { ...emptyMapping(), page: 0, row: 1, fullName: 2, birth: 3 }, { votingDay: '2017-10-15' });
    expect(r.problems.map((p) => [p.row, p.field, p.code, p.params])).toEqual([[2, 'fullName', 'too-long', { max: 80, length: 120 }]]);
    expect(r.voters.map((v) => v.surname)).toEqual(['Асанов']);
  });

  it('cells starting with = + - @ are kept as text and listed', () => {
    const r = validate([row({ address: '=HYPERLINK("http://x","y")' }), row({ row: '2', pin: '', document: '', patronymic: '-', name: '@Нурлан' })]);
    expect(r.voters.map((v) => v.address)[0]).toBe('=HYPERLINK("http://x","y")');
    expect(r.formulaCells).toEqual([
      { row: 2, field: 'address', value: '=HYPERLINK("http://x","y")' },
      { row: 3, field: 'name', value: '@Нурлан' },
    ]);
    expect(r.formulaCount).toBe(2);
  });

  it('a CSV export keeping its numbers as text with Excel\'s ="…" (ПИН, document, page, row) reads as what Excel shows; a ПИН typed with a leading apostrophe too', () => {
    const r = validate([
      row({ page: '="1"', row: '="1"', pin: '="21234567890123"', document: '="0012345"', birth: '="01.01.1980"' }),
      row({ row: '2', pin: "'11234567890124", document: 'AN 1234568' }),
    ]);
    expect(r.problems).toEqual([]);
    expect(r.voters.map((v) => [v.page, v.row, v.pin, v.document, v.birthDate])).toEqual([
      [1, 1, '21234567890123', '0012345', '1980-01-01'],
      [1, 2, '11234567890124', 'AN 1234568', '1980-01-01'],
    ]);
    expect(r.voters[0]!.id).toBe('pin:21234567890123');
    expect(r.formulaCount).toBe(0);
    // A formula that computes something stays text, listed.
    expect(validate([row({ address: '="Ош, "&A1' })]).formulaCount).toBe(1);
  });

  it('one full-name column: split, doubtful splits listed, one word refused', () => {
    const header = ['Барак', 'Катар', 'Фамилиясы, аты, атасынын аты', 'Туулган күнү'];
    const mapping = guessMapping(header);
    const r = validateVoterRows(
      {
        header,
        rows: [
          ['1', '1', 'Асанов Бакыт Токтогул уулу', '01.01.1980'],
          ['1', '2', 'Иванова Мария Сергеевна', '02.02.1981'],
          ['1', '3', 'Сыдыкова Жаркын Бакыт', '03.03.1982'],
          ['1', '4', 'Асанов', '04.04.1983'],
        ],
      },
      mapping,
      { votingDay: VOTING_DAY },
    );
    expect(r.voters.map((v) => [v.surname, v.name, v.patronymic])).toEqual([
      ['Асанов', 'Бакыт', 'Токтогул уулу'],
      ['Иванова', 'Мария', 'Сергеевна'],
      ['Сыдыкова', 'Жаркын', 'Бакыт'],
    ]);
    expect(r.doubtfulNames.map((d) => [d.row, d.split.doubt])).toEqual([[4, 'three-words']]);
    expect(r.problems).toEqual([{ row: 5, field: 'fullName', code: 'missing-name', value: 'Асанов' }]);
  });
});

describe('validateVoterRows: memory (issue 19)', () => {
  it('release: each row is let go once checked (the table keeps its length), and the result is the same', () => {
    const rows = () => [row({ row: '1' }), row({ row: '2', surname: '' }), ['', '', '', '', '', '', '', '', '', ''], row({ row: '3', pin: '', document: 'ID0000009' }), row({ row: '4', pin: '', document: 'ID0000009' })];
    const kept = validate(rows());
    const table: SheetTable = { header: HEADER, rows: rows() };
    const released = validateVoterRows(table, MAPPING, { votingDay: VOTING_DAY, release: true });
    expect(released).toEqual(kept);
    expect(table.rows).toHaveLength(5);
    expect(table.rows.every((r) => r === RELEASED_ROW)).toBe(true);
    // Without it, the rows stay as they were.
    const whole: SheetTable = { header: HEADER, rows: rows() };
    validateVoterRows(whole, MAPPING, { votingDay: VOTING_DAY });
    expect(whole.rows).toEqual(rows());
  });

  it('name + birth matched by hash, then by text: two people whose keys share a hash are no duplicate; the same person written in another case is', () => {
    // 'асанов49128|бакыт|асан уулу|1960-02-01' and 'асанов383222|…' share their 30-bit hash.
    const r = validate([
      row({ row: '1', surname: 'Асанов49128', name: 'Бакыт', patronymic: 'Асан уулу', birth: '01.02.1960', pin: '', document: '' }),
      row({ row: '2', surname: 'Асанов383222', name: 'Бакыт', patronymic: 'Асан уулу', birth: '01.02.1960', pin: '', document: '' }),
      row({ row: '3', surname: 'АСАНОВ383222', name: 'бакыт', patronymic: 'Асан Уулу', birth: '01.02.1960', pin: '', document: '' }),
    ]);
    expect(r.duplicates.map((g) => [g.rows, g.codes])).toEqual([[[3, 4], ['duplicate-person']]]);
    expect(r.problems.filter((p) => p.code === 'duplicate-person').map((p) => p.row)).toEqual([3, 4]);
  });
});

describe('older than anyone living', () => {
  // A year typed into a cell formatted as a date shows as a date in 1905 (1989 → 11.06.1905).
  it.each([
    ['11.06.1905', 121],
    ['1905-06-11', 121],
    ['1905', 120],
    ['01.01.1900', 126],
  ])('birth %j → older-than-anyone (age %i on voting day)', (birth, age) => {
    const table = tableFromRows([['Барак', 'Катар', 'Фамилиясы', 'Аты', 'Туулган күнү'], ['1', '1', 'Асанов', 'Нурлан', birth]]);
    const r = validateVoterRows(table, guessMapping(table.header), { votingDay: '2026-12-06' });
    expect(r.problems).toEqual([{ row: 2, field: 'birth', code: 'older-than-anyone', value: birth, params: { age } }]);
  });

  it.each(['07.12.1910', '1910', '01.01.1950'])('birth %j is believable (116 at most)', (birth) => {
    const table = tableFromRows([['Барак', 'Катар', 'Фамилиясы', 'Аты', 'Туулган күнү'], ['1', '1', 'Асанов', 'Нурлан', birth]]);
    expect(validateVoterRows(table, guessMapping(table.header), { votingDay: '2026-12-06' }).problems).toEqual([]);
  });
});
