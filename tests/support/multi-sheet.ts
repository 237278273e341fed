/**
 * A voter list kept over several sheets of one workbook, one sheet a street (as hand-kept lists and
 * registry exports split by street or page range come): a summary sheet first, then street sheets of
 * 100 to 10,000 rows with the same header row, one of them with a title row above its header. Pages
 * go on from sheet to sheet, so page/row is unique over the workbook.
 */
import ExcelJS from 'exceljs';
import { registryPeople, RU_HEADER, type Column, type RegistryPerson } from './registry-files';

export const SHEET_COLUMNS: Column[] = ['page', 'row', 'surname', 'name', 'patronymic', 'birth', 'address', 'document'];

export interface StreetSheet {
  name: string;
  /** A title row above the header. */
  title?: string;
  people: RegistryPerson[];
}

/** The streets: sizes in rows (multiples of 20, a page each 20 rows). */
export function streetSheets(sizes: readonly number[] = [100, 2500, 10_000], { kyrgyz = true }: { kyrgyz?: boolean } = {}): StreetSheet[] {
  const names = ['Ленин көч.', 'Манас көч.', 'Чүй пр.', 'Токтогул көч.'];
  const all = registryPeople(sizes.reduce((a, b) => a + b, 0), { kyrgyz });
  let at = 0;
  return sizes.map((size, i) => {
    const people = all.slice(at, at + size);
    at += size;
    return { name: names[i] ?? `${i + 1}-көчө`, ...(i === 1 ? { title: `${names[i]} — шайлоочулардын тизмеси` } : {}), people };
  });
}

export function cellOf(p: RegistryPerson, c: Column): string {
  return c === 'page' ? String(p.page) : c === 'row' ? String(p.row) : String(p[c as keyof RegistryPerson]);
}

/** The sheets as rows of text, as the XLSX reader gives them (the summary first). */
export function sheetRowsOf(streets: readonly StreetSheet[]): { name: string; all: string[][]; merges: [] }[] {
  const summary = { name: 'Жыйынтык', all: [['Көчө', 'Шайлоочулар'], ...streets.map((s) => [s.name, String(s.people.length)])], merges: [] as [] };
  return [
    summary,
    ...streets.map((s) => ({
      name: s.name,
      all: [...(s.title ? [[s.title, '', '', '', '', '', '', '']] : []), SHEET_COLUMNS.map((c) => RU_HEADER[c]), ...s.people.map((p) => SHEET_COLUMNS.map((c) => cellOf(p, c)))],
      merges: [] as [],
    })),
  ];
}

/** The workbook: a summary sheet, then one sheet per street. */
export async function streetsXlsx(streets: readonly StreetSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheetRowsOf(streets)) {
    const ws = wb.addWorksheet(s.name);
    for (const row of s.all) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * One sheet a page, named `names`, and no page column: 20 voters a sheet under a header whose '№'
 * restarts at 1 on each sheet (the list's row), as a list kept a page a sheet comes.
 */
export async function pageSheetsXlsx(names: readonly string[]): Promise<Uint8Array<ArrayBuffer>> {
  const people = registryPeople(names.length * 20, { kyrgyz: true });
  const wb = new ExcelJS.Workbook();
  names.forEach((name, i) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(['№', RU_HEADER.surname, RU_HEADER.name, RU_HEADER.patronymic, RU_HEADER.birth, RU_HEADER.address]);
    for (const [k, p] of people.slice(i * 20, i * 20 + 20).entries()) ws.addRow([String(k + 1), p.surname, p.name, p.patronymic, p.birth, p.address]);
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
