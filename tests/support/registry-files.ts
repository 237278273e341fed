/**
 * Voter-list files as registry exports and hand-made spreadsheets come (issue 16), generated here so
 * the tests own their cases: XLSX with title rows and merged header cells, columns in any order,
 * "№ п/п", trailing empty columns, birth dates as real Excel dates (serial numbers with a date
 * format, also in the 1904 date system) or as text; CSV in Windows-1251 with quoted fields holding
 * semicolons and newlines, UTF-8 with a BOM, UTF-16LE tab-separated ("Unicode text" from Excel);
 * rows of spaces only; a "№" that starts again on every page; the header repeated at every page break;
 * sheets formatted across thousands of empty columns. Deterministic: the same arguments give the same bytes (XLSX: the same cells).
 */
import ExcelJS from 'exceljs';
import { encodeUtf16le, encodeWindows1251 } from '../unit/shared/voters/cp1251';

export interface RegistryPerson {
  page: number;
  row: number;
  surname: string;
  name: string;
  patronymic: string;
  /** dd.mm.yyyy */
  birth: string;
  address: string;
  document: string;
}

/** 'running': a number over the whole file ("№ п/п"); 'pageNumber': "№" starting again at 1 on each page (the row). */
export type Column = 'running' | 'pageNumber' | 'page' | 'row' | 'fullName' | 'surname' | 'name' | 'patronymic' | 'birth' | 'address' | 'document';

/** Russian headers as registry exports write them. */
export const RU_HEADER: Record<Column, string> = {
  running: '№ п/п',
  pageNumber: '№',
  page: 'Страница',
  row: 'Строка',
  fullName: 'Фамилия, имя, отчество',
  surname: 'Фамилия',
  name: 'Имя',
  patronymic: 'Отчество',
  birth: 'Дата рождения',
  address: 'Адрес места жительства',
  document: 'Паспорт',
};

/**
 * `count` people on pages of `perPage` rows. Addresses hold a semicolon, a comma and quotes (as
 * addresses do: `ул. "Ленина"; д. 5`). Russian letters only (a 1251 file can hold them), except that
 * `kyrgyz` adds ң ө ү names.
 */
export function registryPeople(count: number, { perPage = 20, kyrgyz = false }: { perPage?: number; kyrgyz?: boolean } = {}): RegistryPerson[] {
  const surnames = kyrgyz ? ['Үсөнов', 'Төлөгөнова', 'Жеңишов', 'Асанова', 'Мамытов'] : ['Иванов', 'Петрова', 'Сидоров', 'Кузнецова', 'Орлов', 'Белова', 'Ким', 'Ли'];
  const names = kyrgyz ? ['Нурлан', 'Гүлзат', 'Эңсеп', 'Айгүл'] : ['Сергей', 'Анна', 'Олег', 'Мария', 'Игорь', 'Елена', 'Денис'];
  const out: RegistryPerson[] = [];
  for (let i = 0; i < count; i += 1) {
    const female = i % 2 === 1;
    const surname = surnames[(i * 7) % surnames.length]!;
    out.push({
      page: Math.floor(i / perPage) + 1,
      row: (i % perPage) + 1,
      surname,
      name: names[(i * 3) % names.length]!,
      patronymic: kyrgyz ? `Асан ${female ? 'кызы' : 'уулу'}` : female ? 'Петровна' : 'Иванович',
      birth: birthOf(i),
      address: `г. Ош; ул. "Ленина", д. ${i + 1}`,
      // Unique: with 100,000 people a person is only findable by the document if no one shares it.
      document: `ID${String(2_000_000 + i).padStart(7, '0')}`,
    });
  }
  return out;
}

/** A birth date between 1940 and 1999 spread over the days (few people share one name and birth). */
function birthOf(i: number): string {
  const d = new Date(Date.UTC(1940, 0, 1) + ((i * 7919) % 21_900) * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
}

function cell(p: RegistryPerson, c: Column, i: number): string {
  switch (c) {
    case 'running':
      return String(i + 1);
    case 'pageNumber':
      return String(p.row);
    case 'page':
      return String(p.page);
    case 'row':
      return String(p.row);
    case 'fullName':
      return [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');
    default:
      return p[c];
  }
}

/** An ISO date of a 'dd.mm.yyyy' text. */
function dateOf(ddmmyyyy: string): Date {
  const [d, m, y] = ddmmyyyy.split('.').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

export interface XlsxOptions {
  columns: Column[];
  titleRows?: string[];
  /** Merge each title row over the table's width (as exports center their titles). */
  mergeTitles?: boolean;
  /**
   * 'none': one header row. 'vertical': the header spans two sheet rows, every cell merged
   * vertically (A3:A4 …), as 1C-style exports draw it.
   */
  headerMerge?: 'none' | 'vertical';
  /** 'date': a real Excel date (a serial number with the dd.mm.yyyy format); 'text': the text. */
  birthAs?: 'date' | 'text';
  /** Write the workbook in the 1904 date system (old Mac Excel). */
  date1904?: boolean;
  /** Empty but formatted columns after the last one (exports pad to a print width). */
  trailingEmpty?: number;
  /** Numbers (page, row, running number) as numbers, not text. */
  numbers?: boolean;
  /** Rows of spaces only, inserted after these data indices. */
  spaceRowsAfter?: number[];
  /**
   * The header row again after every this many data rows (a page break in a registry export); with
   * headerMerge 'vertical' it is repeated as drawn, over two sheet rows with every cell merged down.
   */
  repeatHeaderEvery?: number;
  /**
   * Formatted but empty cells up to this column in every row, and a column style over them (a sheet
   * "formatted to the end": thousands of columns the reader must not carry).
   */
  formattedTo?: number;
}

export async function registryXlsx(list: readonly RegistryPerson[], o: XlsxOptions): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (o.date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet('Список');
  const width = o.columns.length + (o.trailingEmpty ?? 0);
  for (const title of o.titleRows ?? []) {
    const r = ws.addRow([title]);
    if (o.mergeTitles) ws.mergeCells(r.number, 1, r.number, o.columns.length);
  }
  const headerTop = ws.addRow(o.columns.map((c) => RU_HEADER[c])).number;
  if (o.headerMerge === 'vertical') {
    ws.addRow([]);
    o.columns.forEach((_, i) => ws.mergeCells(headerTop, i + 1, headerTop + 1, i + 1));
  }
  const spaces = new Set(o.spaceRowsAfter ?? []);
  if (o.formattedTo !== undefined) {
    for (let c = o.columns.length + 1; c <= o.formattedTo; c += 1) ws.getColumn(c).numFmt = '@';
  }
  list.forEach((p, i) => {
    if (o.repeatHeaderEvery && i > 0 && i % o.repeatHeaderEvery === 0) {
      const top = ws.addRow(o.columns.map((c) => RU_HEADER[c])).number;
      if (o.headerMerge === 'vertical') {
        // Repeated as drawn at the top: each caption merged down two sheet rows.
        ws.addRow([]);
        o.columns.forEach((_, c) => ws.mergeCells(top, c + 1, top + 1, c + 1));
      }
    }
    const values = o.columns.map((c): string | number | Date => {
      if (c === 'birth' && o.birthAs === 'date') return dateOf(p.birth);
      const text = cell(p, c, i);
      return o.numbers && (c === 'page' || c === 'row' || c === 'running' || c === 'pageNumber') ? Number(text) : text;
    });
    const r = ws.addRow(values);
    const b = o.columns.indexOf('birth');
    if (b >= 0 && o.birthAs === 'date') r.getCell(b + 1).numFmt = 'dd.mm.yyyy';
    for (let c = o.columns.length + 1; c <= Math.max(width, o.formattedTo ?? 0); c += 1) r.getCell(c).numFmt = '@'; // formatted, empty
    if (spaces.has(i)) ws.addRow(o.columns.map(() => '   '));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function quote(text: string, delimiter: string): string {
  return /["\r\n]/u.test(text) || text.includes(delimiter) ? `"${text.replace(/"/gu, '""')}"` : text;
}

export interface CsvOptions {
  columns: Column[];
  delimiter?: ';' | ',' | '\t';
  titleRows?: string[];
  /** Put a line break inside the address of these data indices (a quoted field over two lines). */
  newlineInAddress?: number[];
  /** Rows of spaces (and tabs) only, after these data indices. */
  spaceRowsAfter?: number[];
  /** Empty trailing columns (";;;" at the end of each line), as Excel saves a sheet with formatted columns. */
  trailingEmpty?: number;
  /** The header line again after every this many data rows (a page break in a registry export). */
  repeatHeaderEvery?: number;
  eol?: '\r\n' | '\n';
}

export function registryCsvText(list: readonly RegistryPerson[], o: CsvOptions): string {
  const d = o.delimiter ?? ';';
  const pad = d.repeat(o.trailingEmpty ?? 0);
  const lines = [...(o.titleRows ?? []).map((t) => `${quote(t, d)}${d.repeat(o.columns.length - 1)}${pad}`)];
  const headerLine = o.columns.map((c) => quote(RU_HEADER[c], d)).join(d) + pad;
  lines.push(headerLine);
  const breaks = new Set(o.newlineInAddress ?? []);
  const spaces = new Set(o.spaceRowsAfter ?? []);
  list.forEach((p, i) => {
    if (o.repeatHeaderEvery && i > 0 && i % o.repeatHeaderEvery === 0) lines.push(headerLine);
    lines.push(
      o.columns
        .map((c) => {
          let text = cell(p, c, i);
          if (c === 'address' && breaks.has(i)) text = text.replace('; ', ';\r\n');
          return quote(text, d);
        })
        .join(d) + pad,
    );
    if (spaces.has(i)) lines.push(o.columns.map(() => ' \t ').join(d === '\t' ? ' ' : d));
  });
  const eol = o.eol ?? '\r\n';
  return lines.join(eol) + eol;
}

export const csv1251 = (list: readonly RegistryPerson[], o: CsvOptions): Uint8Array => encodeWindows1251(registryCsvText(list, o), 'throw');
export const csvUtf8Bom = (list: readonly RegistryPerson[], o: CsvOptions): Uint8Array =>
  Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(registryCsvText(list, o))]);

/** Excel's "Unicode text": UTF-16LE with its byte-order mark, tab-separated. */
export function csvUtf16Tab(list: readonly RegistryPerson[], o: Omit<CsvOptions, 'delimiter'>): Uint8Array {
  return encodeUtf16le(registryCsvText(list, { ...o, delimiter: '\t' }));
}
