/**
 * The import attacked with files nobody here typed (issue 16): registry exports and hand-made
 * spreadsheets made by tests/support/registry-files.ts, read the way the import worker reads them
 * (readVoterFile → guessed mapping → validateVoterRows → keepDuplicates). Each file must either be
 * right — every voter found by page/row is the right person, the counts exact — or be refused whole
 * with the row and field named.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readVoterFile } from '../../../../renderer/features/voters/import/read-file';
import { excludeRows, guessMapping, keepDuplicates, mappingProblems, restartingColumns, restartsFrom, validateVoterRows, VoterSearchIndex, type VoterMapping } from '../../../../shared/voters';
import { encodeWindows1251 } from '../../shared/voters/cp1251';
import { csv1251, csvUtf16Tab, csvUtf8Bom, registryCsvText, registryPeople, registryXlsx, type Column, type RegistryPerson } from '../../../support/registry-files';

const VOTING_DAY = '2026-12-06';
const LANGUAGES = ['ky', 'ru', 'en'] as const;
const importTexts = (lng: string) => JSON.parse(readFileSync(`locales/${lng}/import.json`, 'utf8')) as { problem: Record<string, string>; field: Record<string, string> };

const TITLES = ['Список избирателей', 'Избирательный участок № 9001', 'г. Ош, Ошская область'];

async function importBytes(bytes: Uint8Array, fileName: string, mappingFor?: (header: string[]) => VoterMapping, combine = true) {
  const file = { name: fileName, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
  const readFile = await readVoterFile(file, 'auto', 9001, undefined, undefined, combine);
  if (!readFile.ok) return { ok: false as const, problems: readFile.error };
  const read = readFile.value;
  // As the import screen does: the worker tells which "№" columns start again on every page.
  const restarts = restartsFrom(restartingColumns(read.table.header, read.table.rows));
  const mapping = mappingFor ? mappingFor(read.table.header) : guessMapping(read.table.header, restarts);
  expect(mappingProblems(mapping, read.table.header, restarts)).toEqual([]);
  const result = validateVoterRows(read.table, mapping, { votingDay: VOTING_DAY });
  const kept = keepDuplicates(result).result;
  return { ok: true as const, read, mapping, result, kept };
}

/** Every person opened by page/row is that person; the counts are exact. */
function expectRight(imported: Awaited<ReturnType<typeof importBytes>>, list: readonly RegistryPerson[], sample = list.length) {
  if (!imported.ok) throw new Error(`refused: ${JSON.stringify(imported.problems)}`);
  const { result, kept } = imported;
  expect(result.problems).toEqual([]);
  expect(kept.voters).toHaveLength(list.length);
  const index = new VoterSearchIndex(kept.voters);
  const step = Math.max(1, Math.floor(list.length / sample));
  for (let i = 0; i < list.length; i += step) {
    const p = list[i]!;
    const hit = index.search(`${p.page}/${p.row}`, 1)[0];
    expect(hit?.voter, `${p.page}/${p.row}`).toMatchObject({
      page: p.page,
      row: p.row,
      surname: p.surname,
      name: p.name,
      patronymic: p.patronymic,
      birthDate: p.birth.split('.').reverse().join('-'),
      document: p.document,
      address: p.address.replace(/\s+/gu, ' '),
    });
  }
}

const ORDER: Column[] = ['running', 'document', 'fullName', 'birth', 'address', 'row', 'page'];

describe('registry exports as XLSX', () => {
  it('three merged title rows, "№ п/п", columns in an unusual order, numbers as numbers, trailing empty columns, real Excel dates', async () => {
    const list = registryPeople(120);
    const bytes = await registryXlsx(list, { columns: ORDER, titleRows: TITLES, mergeTitles: true, birthAs: 'date', numbers: true, trailingEmpty: 3 });
    const r = await importBytes(bytes, 'registry.xlsx');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.read.table.headerRow).toBe(4);
    expect(r.mapping.page).toBe(6);
    expect(r.mapping.row).toBe(5); // never the running number in column A
    expectRight(r, list);
  });

  it('birth dates as text dd.mm.yyyy, and as Excel dates in the 1904 date system', async () => {
    const list = registryPeople(40);
    for (const o of [{ birthAs: 'text' as const }, { birthAs: 'date' as const, date1904: true }]) {
      const bytes = await registryXlsx(list, { columns: ['page', 'row', 'surname', 'name', 'patronymic', 'birth', 'address', 'document'], ...o });
      expectRight(await importBytes(bytes, 'list.xlsx'), list);
    }
  });

  it('rows of spaces only are skipped, not counted, and do not shift anyone', async () => {
    const list = registryPeople(30);
    const bytes = await registryXlsx(list, { columns: ORDER, titleRows: TITLES.slice(0, 2), spaceRowsAfter: [0, 14, 29] });
    const r = await importBytes(bytes, 'spaces.xlsx');
    expectRight(r, list);
    if (r.ok) expect(r.result.blankRows).toHaveLength(3);
  });

  it('a header drawn over two sheet rows (every header cell merged vertically) is read from its last row', async () => {
    const list = registryPeople(25);
    const bytes = await registryXlsx(list, { columns: ORDER, titleRows: TITLES.slice(0, 2), mergeTitles: true, headerMerge: 'vertical', birthAs: 'date' });
    const r = await importBytes(bytes, 'merged-header.xlsx');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.read.table.headerRow).toBe(4);
    expect(r.mapping.row).toBe(5);
    expectRight(r, list);
  });

  it('numbers under a zero-padding format keep their leading zeros (a document written 0012345)', async () => {
    const list = registryPeople(6).map((p, i) => ({ ...p, document: String(12_345 + i).padStart(7, '0') }));
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Список');
    ws.addRow(['Страница', 'Строка', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Адрес', 'Паспорт']);
    for (const p of list) ws.addRow([p.page, p.row, p.surname, p.name, p.patronymic, p.birth, p.address, Number(p.document)]).getCell(8).numFmt = '0000000';
    expectRight(await importBytes(new Uint8Array(await wb.xlsx.writeBuffer()), 'zeros.xlsx'), list);
  });

  it('the list on the second sheet, after a hidden lookup sheet and a cover sheet', async () => {
    const list = registryPeople(12);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const lookup = wb.addWorksheet('Справочник', { state: 'hidden' });
    lookup.addRow(['Страница', 'Строка', 'Фамилия', 'Имя', 'Дата рождения']); // a header, but hidden
    lookup.addRow([1, 1, 'Скрытый', 'Человек', '01.01.1970']);
    wb.addWorksheet('Титул').addRow(['Список избирателей участка № 9001']);
    const ws = wb.addWorksheet('Список');
    ws.addRow(['Страница', 'Строка', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Адрес', 'Паспорт']);
    for (const p of list) ws.addRow([p.page, p.row, p.surname, p.name, p.patronymic, p.birth, p.address, p.document]);
    expectRight(await importBytes(new Uint8Array(await wb.xlsx.writeBuffer()), 'book.xlsx'), list);
  });

  it('a list that goes on over several sheets (one per page) is taken whole; unticked, the first sheet alone with the other sheets named, in ky/ru/en', async () => {
    const list = registryPeople(30, { perPage: 10 });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Титул').addRow(['Список избирателей участка № 9001']);
    for (const page of [1, 2, 3]) {
      const ws = wb.addWorksheet(`${page}-бет`);
      ws.addRow(['Страница', 'Строка', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Паспорт']);
      for (const p of list.filter((x) => x.page === page)) ws.addRow([p.page, p.row, p.surname, p.name, p.patronymic, p.birth, p.document]);
    }
    // An empty copy of the header on a sheet of its own (a template) is no list.
    wb.addWorksheet('Үлгү').addRow(['Страница', 'Строка', 'Фамилия', 'Имя', 'Дата рождения']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const whole = await importBytes(bytes, 'pages.xlsx');
    if (!whole.ok) throw new Error(JSON.stringify(whole.problems));
    expect(whole.kept.voters).toHaveLength(30);
    expect(whole.read.warnings).toEqual([{ code: 'sheets-left-out', params: { others: 'Титул, Үлгү', count: 2 } }]);
    const r = await importBytes(bytes, 'pages.xlsx', undefined, false);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.kept.voters).toHaveLength(10);
    expect(r.read.warnings).toEqual([{ code: 'other-sheets', params: { sheet: '1-бет', others: '2-бет, 3-бет', count: 2 } }]);
    for (const lng of LANGUAGES) {
      const text = (JSON.parse(readFileSync(`locales/${lng}/import.json`, 'utf8')) as { warning: Record<string, string> }).warning['other-sheets'];
      expect(text, lng).toContain('{{others}}');
      expect(text, lng).toContain('{{sheet}}');
    }
    // One sheet holding the list: no warning.
    const one = await importBytes(await registryXlsx(list, { columns: ['page', 'row', 'surname', 'name', 'patronymic', 'birth', 'document'] }), 'one.xlsx');
    if (!one.ok) throw new Error(JSON.stringify(one.problems));
    expect(one.read.warnings).toEqual([]);
  });

  it('an Excel date number in a cell not formatted as a date is refused, the row and field named in ky/ru/en (never turned into a date)', async () => {
    const list = registryPeople(8);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Список');
    ws.addRow(['Страница', 'Строка', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Паспорт']);
    list.forEach((p, i) => ws.addRow([p.page, p.row, p.surname, p.name, p.patronymic, i === 5 ? 29221 : p.birth, p.document]));
    const r = await importBytes(new Uint8Array(await wb.xlsx.writeBuffer()), 'serial.xlsx');
    if (!r.ok) throw new Error('refused as a file');
    expect(r.result.problems).toEqual([{ row: 7, field: 'birth', code: 'birth-is-date-number', value: '29221' }]);
    expect(r.result.voters).toHaveLength(7);
    for (const lng of LANGUAGES) {
      const texts = importTexts(lng);
      expect(texts.problem['birth-is-date-number'], lng).toMatch(/\S/u);
      expect(texts.field.birth, lng).toMatch(/\S/u);
    }
  });

  it('a merge across header columns (one caption over two columns) is still refused whole, naming the cells', async () => {
    const list = registryPeople(10);
    const bytes = await registryXlsx(list, { columns: ['page', 'row', 'surname', 'name', 'patronymic', 'birth'], titleRows: ['Список'] });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    wb.worksheets[0]!.mergeCells('C2:D2');
    const r = await importBytes(new Uint8Array(await wb.xlsx.writeBuffer()), 'bad.xlsx');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContainEqual({ code: 'merged-header-cells', params: { cells: 'C2:D2', count: 1 } });
  });
});

describe('registry exports as CSV', () => {
  it('Windows-1251, semicolons, quoted fields holding semicolons, quotes and line breaks, two title rows, trailing empty columns', async () => {
    const list = registryPeople(200);
    const bytes = csv1251(list, { columns: ORDER, titleRows: TITLES.slice(0, 2), newlineInAddress: [3, 150], trailingEmpty: 4 });
    const r = await importBytes(bytes, 'registry.csv');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.read.encoding).toBe('windows-1251');
    // A line break inside a quoted address stays in the address (as one space), the next people are not shifted.
    const withBreak = list.map((p, i) => (i === 3 || i === 150 ? { ...p, address: p.address.replace('; ', '; ') } : p));
    expectRight(r, withBreak);
  });

  it('UTF-8 with a BOM, Kyrgyz letters, comma-separated, rows of spaces', async () => {
    const list = registryPeople(60, { kyrgyz: true });
    const bytes = csvUtf8Bom(list, { columns: ['page', 'row', 'surname', 'name', 'patronymic', 'birth', 'address', 'document'], delimiter: ',', spaceRowsAfter: [10, 59] });
    const r = await importBytes(bytes, 'bom.csv');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.read.encoding).toBe('utf-8-bom');
    expect(r.read.table.header[0]).toBe('Страница'); // no BOM left on the first header cell
    expectRight(r, list);
  });

  it('Windows-1251 saved from a sheet with Kyrgyz names (ң ө ү written as "?"): warned, and every voter is found at the desk by the name typed properly', async () => {
    const list = registryPeople(40, { kyrgyz: true });
    const text = registryCsvText(list, { columns: ['page', 'row', 'surname', 'name', 'patronymic', 'birth', 'address', 'document'] });
    const r = await importBytes(encodeWindows1251(text, 'question'), 'kyrgyz-1251.csv');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.read.encoding).toBe('windows-1251');
    expect(r.read.warnings.map((w) => w.code)).toContain('kyrgyz-letters-lost');
    expect(r.kept.voters).toHaveLength(40);
    expect(r.kept.voters[0]!.surname).toBe('?с?нов');
    const index = new VoterSearchIndex(r.kept.voters);
    for (const p of list) {
      // With the Kyrgyz letters, and as typed on a Russian keyboard (у о н).
      for (const typed of [`${p.surname} ${p.name}`, `${p.surname} ${p.name}`.replace(/ү/gu, 'у').replace(/Ү/gu, 'У').replace(/ө/gu, 'о').replace(/ң/gu, 'н')]) {
        const hits = index.search(typed, 50).map((h) => `${h.voter.page}/${h.voter.row}`);
        expect(hits, typed).toContain(`${p.page}/${p.row}`);
      }
    }
  });

  it('a registry "Excel" export that is a web page (an HTML table saved as .xls, Windows-1251) is refused whole, saying what it is and what to do, in ky/ru/en', async () => {
    const list = registryPeople(30);
    const cells = (xs: string[]) => `<tr>${xs.map((x) => `<td>${x}</td>`).join('')}</tr>`;
    const page = [
      '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">',
      '<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body>',
      '<table border="1">',
      cells(['Страница', 'Строка', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения']),
      ...list.map((p) => cells([String(p.page), String(p.row), p.surname, p.name, p.patronymic, p.birth])),
      '</table></body></html>',
    ].join('\r\n');
    const r = await importBytes(encodeWindows1251(page, 'throw'), 'spisok.xls');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([{ code: 'markup-file', params: { format: 'HTML' } }]);
    for (const lng of LANGUAGES) {
      const text = importTexts(lng).problem['markup-file'];
      expect(text, lng).toContain('{{format}}');
      expect(text, lng).toMatch(/XLSX/u);
    }
  });

  it('UTF-16LE tab-separated ("Unicode text" from Excel), with a title row and "№ п/п"', async () => {
    const list = registryPeople(80, { kyrgyz: true });
    const bytes = csvUtf16Tab(list, { columns: ORDER, titleRows: ['Шайлоочулардын тизмеси'] });
    const r = await importBytes(bytes, 'unicode.txt');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.read.encoding).toBe('utf-16le');
    expectRight(r, list);
  });

  it('a header repeated on every printed page is recognised and skipped (not a bad row); a signature footer is named, and leaving it out gives exactly the voters', async () => {
    const list = registryPeople(60);
    const columns: Column[] = ['running', 'page', 'row', 'fullName', 'birth', 'document'];
    const lines = registryCsvText(list, { columns, titleRows: TITLES.slice(0, 1), repeatHeaderEvery: 20 }).trimEnd().split('\r\n');
    const withFooter = [...lines, 'Итого по списку: 60;;;;;', 'Председатель УИК;;;________;;'];
    const r = await importBytes(encodeWindows1251(`${withFooter.join('\r\n')}\r\n`, 'throw'), 'printed.csv');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.read.table.repeatedHeaders).toEqual([23, 44]); // file rows: title 1, header 2, 20 voters, header again
    const badRows = [...new Set(r.result.problems.map((p) => p.row))];
    expect(badRows).toEqual([65, 66]);
    expect(r.result.rowsChecked).toBe(62);
    const left = excludeRows(r.kept, badRows);
    expect(left.unresolved).toEqual([]);
    expect(left.voters).toHaveLength(60);
    const index = new VoterSearchIndex(left.voters);
    expect(index.search('2/1', 1)[0]?.voter).toMatchObject({ surname: list[20]!.surname, document: list[20]!.document });
    expect(index.search('3/20', 1)[0]?.voter).toMatchObject({ surname: list[59]!.surname, document: list[59]!.document });
  });

  it('a footer typed as bare lines below the list (no separators: one cell each) is named row by row and left out, not a refusal of the file', async () => {
    const list = registryPeople(40);
    const columns: Column[] = ['running', 'page', 'row', 'fullName', 'birth', 'document'];
    const lines = registryCsvText(list, { columns, titleRows: TITLES.slice(0, 1) }).trimEnd().split('\r\n');
    const withFooter = [...lines, '', 'Катчы: ________________', 'Төрага: ________________ (М.О.)'];
    const r = await importBytes(new TextEncoder().encode(`${withFooter.join('\r\n')}\r\n`), 'signed.csv');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const badRows = [...new Set(r.result.problems.map((p) => p.row))];
    expect(badRows).toEqual([44, 45]);
    expect(r.result.problems.filter((p) => p.code === 'ragged-row').map((p) => p.row)).toEqual([44, 45]);
    const left = excludeRows(r.kept, badRows);
    expect(left.unresolved).toEqual([]);
    expect(left.voters).toHaveLength(40);
    expect(new VoterSearchIndex(left.voters).search('2/20', 1)[0]?.voter).toMatchObject({ surname: list[39]!.surname, document: list[39]!.document });
    // A short line inside the list is still a broken file, refused whole with its row named.
    const broken = [...lines.slice(0, 10), 'Катчы: ____', ...lines.slice(10)];
    const refused = await importBytes(new TextEncoder().encode(`${broken.join('\r\n')}\r\n`), 'broken.csv');
    expect(refused).toMatchObject({ ok: false, problems: [{ code: 'ragged-row', params: { row: 11 } }] });
  });

  it('an XLSX registry export with the header repeated at each page break imports exactly, nobody shifted', async () => {
    const list = registryPeople(75, { perPage: 25 });
    const bytes = await registryXlsx(list, { columns: ['running', 'page', 'row', 'surname', 'name', 'patronymic', 'birth', 'address', 'document'], titleRows: TITLES, repeatHeaderEvery: 25, numbers: true });
    const r = await importBytes(bytes, 'pages.xlsx');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.read.table.repeatedHeaders).toEqual([30, 56]);
    expectRight(r, list);
  });

  it('a header merged down two sheet rows and repeated so at every page break is skipped as the one-row repeat is, nobody shifted', async () => {
    const list = registryPeople(75, { perPage: 25 });
    const columns: Column[] = ['running', 'page', 'row', 'surname', 'name', 'patronymic', 'birth', 'address', 'document'];
    const bytes = await registryXlsx(list, { columns, titleRows: TITLES.slice(0, 2), mergeTitles: true, headerMerge: 'vertical', repeatHeaderEvery: 25, numbers: true, birthAs: 'date' });
    const r = await importBytes(bytes, 'merged-pages.xlsx');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    // Titles 1–2, header 3–4, 25 voters 5–29, the header again 30–31, 25 voters, again 57–58.
    expect(r.read.table.headerRow).toBe(4);
    expect(r.read.table.repeatedHeaders).toEqual([30, 57]);
    expect(r.result.rowsChecked).toBe(75);
    expectRight(r, list);
    // A merge below the header that is not a repeated header's is still refused, naming it.
    const merged = await registryXlsx(list.slice(0, 10), { columns, headerMerge: 'vertical', numbers: true });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(merged.buffer.slice(merged.byteOffset, merged.byteOffset + merged.byteLength) as ArrayBuffer);
    wb.worksheets[0]!.mergeCells('D5:D6');
    const broken = await importBytes(new Uint8Array(await wb.xlsx.writeBuffer()), 'merged-data.xlsx');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.problems).toContainEqual(expect.objectContaining({ code: 'merged-data-cells' }));
  });

  it('a "№" that starts again on every page beside "Барак" is the list row, with no hand work; a "№" over the whole file never is', async () => {
    const list = registryPeople(90, { perPage: 30 });
    const columns: Column[] = ['page', 'pageNumber', 'surname', 'name', 'patronymic', 'birth', 'address', 'document'];
    const perPage = await importBytes(await registryXlsx(list, { columns, titleRows: TITLES.slice(0, 2), numbers: true, repeatHeaderEvery: 30 }), 'per-page.xlsx');
    if (!perPage.ok) throw new Error(JSON.stringify(perPage.problems));
    expect(perPage.mapping.row).toBe(1);
    expectRight(perPage, list);

    // The same file with "№" counting the whole file: never guessed, and refused when chosen by hand.
    const running: Column[] = ['page', 'running', 'surname', 'name', 'patronymic', 'birth', 'address', 'document'];
    const bytes = await registryXlsx(list, { columns: running, titleRows: TITLES.slice(0, 2), numbers: true });
    const file = { name: 'running.xlsx', arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
    const read = await readVoterFile(file, 'auto', 9001);
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    const { header, rows } = read.value.table;
    const restarts = restartsFrom(restartingColumns(header, rows));
    const guessed = guessMapping(header, restarts);
    expect(guessed.row).toBeNull();
    expect(mappingProblems({ ...guessed, row: 1 }, header, restarts)).toEqual([{ code: 'row-is-running-number', field: 'row', params: { column: 2, header: '№ п/п' } }]);
    expect(() => validateVoterRows(read.value.table, { ...guessed, row: 1 }, { votingDay: VOTING_DAY })).toThrow(/row-is-running-number/u);
    // A "№" column whose numbers restart but whose page's rows are not together is not the row.
    const split = [...list.slice(0, 15), ...list.slice(30, 60), ...list.slice(15, 30), ...list.slice(60)];
    const mixed = await registryXlsx(split, { columns, numbers: true });
    const mixedFile = { name: 'mixed.xlsx', arrayBuffer: async () => mixed.buffer.slice(mixed.byteOffset, mixed.byteOffset + mixed.byteLength) as ArrayBuffer };
    const m = await readVoterFile(mixedFile, 'auto', 9001);
    if (!m.ok) throw new Error(JSON.stringify(m.error));
    expect(restartingColumns(m.value.table.header, m.value.table.rows)).toEqual([]);
  });

  it('a line copied twice beside "Барак" and a per-page "№": the "№" is still the row, the copy is found as the same person and kept once: exactly the voters', async () => {
    const list = registryPeople(90, { perPage: 30 });
    const columns: Column[] = ['page', 'pageNumber', 'fullName', 'birth', 'document', 'address'];
    const lines = registryCsvText(list, { columns, titleRows: TITLES.slice(0, 1) }).trimEnd().split('\r\n');
    // title 1, header 2, voters from file row 3: the voter of file row 40 (page 2, row 8) copied below itself.
    const copied = [...lines.slice(0, 40), lines[39]!, ...lines.slice(40)];
    const r = await importBytes(new TextEncoder().encode(`${copied.join('\r\n')}\r\n`), 'copied.csv');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.mapping.row).toBe(1);
    expect(r.result.duplicates.map((d) => d.rows)).toEqual([[40, 41]]);
    // The copy is the same person: kept once, nobody left with a problem.
    expect(r.kept.problems).toEqual([]);
    expect(r.kept.voters).toHaveLength(90);
    const index = new VoterSearchIndex(r.kept.voters);
    expect(index.search('2/8', 1)[0]?.voter).toMatchObject({ surname: list[37]!.surname, document: list[37]!.document });
    expect(index.search('3/30', 1)[0]?.voter).toMatchObject({ surname: list[89]!.surname, document: list[89]!.document });
  });

  it('a sheet formatted across thousands of empty columns is read to its used columns only', async () => {
    const list = registryPeople(40);
    const columns: Column[] = ['page', 'row', 'surname', 'name', 'patronymic', 'birth', 'address', 'document'];
    const bytes = await registryXlsx(list, { columns, titleRows: TITLES.slice(0, 1), mergeTitles: true, formattedTo: 3000 });
    const r = await importBytes(bytes, 'wide.xlsx');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.read.table.header).toHaveLength(columns.length);
    expect(r.read.all.every((row) => row.length === columns.length)).toBe(true);
    expectRight(r, list);
  });

  it('a title line typed above the header with commas and no semicolon does not make the comma the delimiter', async () => {
    const list = registryPeople(30);
    const text = registryCsvText(list, { columns: ['page', 'row', 'surname', 'name', 'patronymic', 'birth', 'address', 'document'] });
    const bytes = encodeWindows1251(`Список избирателей, участок № 9001, г. Ош, Ошская обл.\r\n${text}`, 'throw');
    const r = await importBytes(bytes, 'titled.csv');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.read.table.headerRow).toBe(2);
    expectRight(r, list);
  });

  it('100,000 rows: counts exact, page/row opens the right voter across the whole list', async () => {
    const list = registryPeople(100_000, { perPage: 25 });
    const bytes = csv1251(list, { columns: ORDER, titleRows: TITLES });
    const started = performance.now();
    const r = await importBytes(bytes, 'big.csv');
    const ms = performance.now() - started;
    expectRight(r, list, 2000);
    if (r.ok) expect(r.result.rowsChecked).toBe(100_000);
    console.log(`registry 100,000 rows read + checked in ${Math.round(ms)} ms`);
  }, 120_000);
});
