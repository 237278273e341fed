/**
 * The whole import path on generated and fixture files, and the 100,000-voter size (times are printed,
 * never asserted: machines differ).
 */
import { describe, expect, it } from 'vitest';
import {
  checkTable,
  decodeVoterFile,
  diffVoterLists,
  guessMapping,
  mappingProblems,
  parseCsv,
  searchSkeleton,
  summarizePages,
  tableFromRows,
  validateVoterRows,
  VoterSearchIndex,
  type SheetTable,
  type ValidationResult,
} from '../../../../shared/voters';
import { encodeWindows1251, utf8, withBom } from './cp1251';
import { readFixture, readFixtureJson } from './fixtures';
import { generateVoters, votersToCsv, votersToRows } from './generate';

const VOTING_DAY = '2017-10-15';

function importBytes(bytes: Uint8Array, override?: 'utf-8' | 'windows-1251'): { result: ValidationResult; table: SheetTable; warnings: string[] } {
  const decoded = decodeVoterFile(bytes, override);
  if (!decoded.ok) throw new Error(`decode: ${decoded.error.code}`);
  const parsed = parseCsv(decoded.value.text);
  if (!parsed.ok) throw new Error(`csv: ${JSON.stringify(parsed.error)}`);
  const table = tableFromRows(parsed.value.rows);
  const checked = checkTable(table);
  if (!checked.ok) throw new Error(`table: ${JSON.stringify(checked.error)}`);
  const mapping = guessMapping(table.header);
  const mp = mappingProblems(mapping, table.header);
  if (mp.length > 0) throw new Error(`mapping: ${JSON.stringify(mp)}`);
  return { result: validateVoterRows(table, mapping, { votingDay: VOTING_DAY }), table, warnings: decoded.value.warnings };
}

describe('the generator', () => {
  it('is deterministic per seed and realistic', () => {
    const a = generateVoters(500, 42);
    expect(generateVoters(500, 42)).toEqual(a);
    expect(generateVoters(500, 43)).not.toEqual(a);
    expect(new Set(a.map((v) => v.id)).size).toBe(500);
    expect(a.map((v) => [v.page, v.row]).slice(18, 22)).toEqual([[1, 19], [1, 20], [2, 1], [2, 2]]);
    const text = JSON.stringify(a);
    for (const letter of ['ң', 'ө', 'ү', 'Ү', 'Ө', 'уулу', 'кызы']) expect([letter, text.includes(letter)]).toEqual([letter, true]);
    expect(a.some((v) => v.birthDate === null)).toBe(true);
    expect(a.some((v) => v.pin === '' && v.id.startsWith('doc:'))).toBe(true);
    expect(a.filter((v) => v.marks.length > 0).length).toBeGreaterThan(0);
  });

  it('writes the e2e-sized list (6,707 voters) as CSV with a Kyrgyz header, CRLF and ";"', () => {
    const voters = generateVoters(6707, 2017);
    const csv = votersToCsv(voters);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Барак;Катар;Фамилиясы;Аты;Атасынын аты;Туулган күнү;Дареги;Паспорт;ПИН;Атайын белгилер');
    expect(lines).toHaveLength(6709); // header + voters + the empty string after the last CRLF
    expect(voters[6706]).toMatchObject({ page: 336, row: 7 });
  });
});

describe('round trip: generated list → file → voters', () => {
  const voters = generateVoters(600, 7);

  it.each([
    ['ky', ';'],
    ['ru', ','],
    ['en', '\t'],
  ] as const)('%s header, %j delimiter, UTF-8: every voter comes back identical', (header, delimiter) => {
    const { result } = importBytes(utf8(votersToCsv(voters, { header, delimiter })));
    expect(result.problems).toEqual([]);
    expect(result.voters).toEqual(voters);
  });

  it('UTF-8 with BOM and LF line ends', () => {
    const { result } = importBytes(withBom(utf8(votersToCsv(voters, { lineEnding: '\n' }))));
    expect(result.voters).toEqual(voters);
  });

  it('Windows-1251 with Kyrgyz letters replaced by look-alikes: same people, found by the same search', () => {
    const { result, warnings } = importBytes(encodeWindows1251(votersToCsv(voters), 'lookalike'));
    expect(warnings).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.voters.map((v) => v.id)).toEqual(voters.map((v) => v.id)); // ids come from the ПИН / document
    const fold = (s: string) => s.replace(/ң/gu, 'н').replace(/ө/gu, 'о').replace(/ү/gu, 'у').replace(/Ң/gu, 'Н').replace(/Ө/gu, 'О').replace(/Ү/gu, 'У');
    expect(result.voters.map((v) => v.surname)).toEqual(voters.map((v) => fold(v.surname)));
    expect(result.voters.map((v) => searchSkeleton(v.surname))).toEqual(voters.map((v) => searchSkeleton(v.surname)));
  });

  it('Windows-1251 as Excel writes it ("?" for ң ө ү): imported, but the warning says letters were lost', () => {
    const { warnings } = importBytes(encodeWindows1251(votersToCsv(voters), 'question'));
    expect(warnings).toEqual(['kyrgyz-letters-lost']);
  });

  it('a list under title lines (as exported from a report) finds its header', () => {
    const rows = [['Шайлоочулардын биротоло тизмеси'], ['№ 1234 участок'], [], ...votersToRows(voters.slice(0, 50))];
    const text = rows.map((r) => r.map((c) => (/[;"\r\n]/u.test(c) ? `"${c.replace(/"/gu, '""')}"` : c)).join(';')).join('\r\n');
    const { result, table } = importBytes(utf8(text));
    expect(table.headerRow).toBe(4);
    expect(result.voters).toEqual(voters.slice(0, 50));
  });

  it('a newer version where one voter left shows the moves as changes', () => {
    const v2 = voters.filter((_, i) => i !== 5).map((v, i) => ({ ...v, page: Math.floor(i / 20) + 1, row: (i % 20) + 1 }));
    const diff = diffVoterLists(voters, v2);
    expect(diff.removed).toEqual([voters[5]]);
    expect(diff.added).toEqual([]);
    expect(diff.unchanged).toBe(5);
    expect(diff.changed).toHaveLength(594);
    expect(diff.changed[0]?.fields.map((f) => f.field)).toEqual(['row']);
  });
});

describe('the fixture files end to end', () => {
  it('Kyrgyz UTF-8 with BOM: three voters, a 29 February birthday, marks, a "уулу" surname', () => {
    const { result } = importBytes(readFixture('ky-utf8-bom.csv'));
    expect(result.problems).toEqual([]);
    expect(result.voters.map((v) => [v.surname, v.name, v.birthDate ?? v.birthYear, v.marks])).toEqual([
      ['Үсөнов', 'Чыңгыз', '1990-06-05', []],
      ['Өмүрбекова', 'Айгүл', '1970-02-14', ['hospital']],
      ['Нурлан уулу', 'Жаныбек', '1996-02-29', ['custody']],
    ]);
  });

  it('Russian Windows-1251: detected, decoded, validated', () => {
    const { result } = importBytes(readFixture('ru-cp1251.csv'));
    expect(result.problems).toEqual([]);
    expect(result.voters.map((v) => `${v.surname} ${v.name} ${v.patronymic}`)).toEqual(['Иванов Сергей Петрович', 'Фёдорова Наталья Юрьевна', 'Цой Владимир Ильич']);
    expect(result.voters[1]).toMatchObject({ birthDate: null, birthYear: 1954, marks: ['hospital'], id: 'pin:10101195400456' });
  });

  it('a missing column → missing-required-column for birth', () => {
    const decoded = decodeVoterFile(readFixture('missing-column.csv'));
    if (!decoded.ok) throw new Error(decoded.error.code);
    const parsed = parseCsv(decoded.value.text);
    if (!parsed.ok) throw new Error('csv');
    const table = tableFromRows(parsed.value.rows);
    expect(checkTable(table).ok).toBe(true);
    expect(mappingProblems(guessMapping(table.header), table.header)).toEqual([{ code: 'missing-required-column', field: 'birth' }]);
  });

  it('a merged header (XLSX) → merged-header-cells, and the column stays unmapped', () => {
    const sheet = readFixtureJson<SheetTable>('merged-header.sheet.json');
    expect(checkTable(sheet)).toMatchObject({ ok: false, error: [{ code: 'merged-header-cells' }, { code: 'duplicate-header' }] });
    expect(guessMapping(sheet.header)).toMatchObject({ surname: null, name: null, page: 0, row: 1, birth: 4 });
  });

  it('an empty and a 0-byte file', () => {
    expect(decodeVoterFile(readFixture('empty.csv'))).toEqual({ ok: false, error: { code: 'empty-file' } });
    expect(decodeVoterFile(readFixture('blank.csv'))).toEqual({ ok: false, error: { code: 'blank-file' } });
  });
});

describe('100,000 voters', () => {
  it('parses, validates, indexes and answers 200 queries (times printed, not asserted)', () => {
    const times: Record<string, number> = {};
    const time = <T>(label: string, f: () => T): T => {
      const t0 = performance.now();
      const out = f();
      times[label] = Math.round(performance.now() - t0);
      return out;
    };
    const voters = generateVoters(100_000, 2017);
    const csv = votersToCsv(voters);
    const bytes = utf8(csv);

    const decoded = time('decode', () => decodeVoterFile(bytes));
    if (!decoded.ok) throw new Error(decoded.error.code);
    const parsed = time('parseCsv', () => parseCsv(decoded.value.text));
    if (!parsed.ok) throw new Error('csv');
    expect(parsed.value.rows).toHaveLength(100_001);
    expect(parsed.value.rows.every((r) => r.length === 10)).toBe(true);
    const table = tableFromRows(parsed.value.rows);
    expect(time('checkTable', () => checkTable(table)).ok).toBe(true);
    const result = time('validate', () => validateVoterRows(table, guessMapping(table.header), { votingDay: VOTING_DAY }));
    expect(result.problems).toEqual([]);
    expect(result.voters).toHaveLength(100_000);
    expect(result.voters[99_999]).toEqual(voters[99_999]);

    const index = time('index build', () => new VoterSearchIndex(result.voters));
    const pick = (i: number) => voters[(i * 7919) % voters.length]!;
    const queries: string[] = [];
    for (let i = 0; i < 200; i += 1) {
      const v = pick(i);
      switch (i % 8) {
        case 0: queries.push(v.surname.slice(0, 4)); break;
        case 1: queries.push(`${v.name} ${v.surname.slice(0, 3)}`); break;
        case 2: queries.push(v.document.slice(0, 6)); break;
        case 3: queries.push(`${v.page}/${v.row}`); break;
        case 4: queries.push(v.surname); break;
        case 5: queries.push(v.surname.slice(0, 1)); break; // one letter: the heaviest query
        case 6: queries.push(v.pin ? v.pin.slice(0, 9) : v.document); break;
        default: queries.push(`${v.surname.slice(0, 3)} ${v.name.slice(0, 2)} ${v.patronymic.slice(0, 2)}`);
      }
    }
    const perQuery: number[] = [];
    let found = 0;
    for (const [i, q] of queries.entries()) {
      const t0 = performance.now();
      const hits = index.search(q);
      perQuery.push(performance.now() - t0);
      if (hits.some((h) => h.voter.id === pick(i).id)) found += 1;
      expect(hits.length).toBeGreaterThan(0);
    }
    // Exact queries (page/row, whole ПИН prefix, whole document prefix) must find their voter; prefix
    // queries may rank thousands of namesakes above 50.
    for (const i of [3, 11, 19, 2, 10]) expect(index.search(queries[i]!).some((h) => h.voter.id === pick(i).id)).toBe(true);
    perQuery.sort((a, b) => a - b);
    const ms = (x: number) => Math.round(x * 100) / 100;
    console.log(
      `[voters 100k] ${JSON.stringify(times)} ms; 200 queries: median ${ms(perQuery[100]!)} ms, p95 ${ms(perQuery[190]!)} ms, max ${ms(perQuery[199]!)} ms, own voter among hits ${found}/200`,
    );
    const sums = time('summarizePages', () => summarizePages(result.voters, () => 'issued'));
    expect(sums.totals).toEqual({ listed: 100_000, issued: 100_000, outOfPremises: 0 });
    expect(sums.pages).toHaveLength(5000);
  }, 120_000);
});
