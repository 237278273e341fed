/**
 * Voter-list files made the way registry exports and hand-made spreadsheets are (not the app's own
 * format): an XLSX with title rows and a running "№" column, a Windows-1251 CSV with one full-name
 * column. The e2e tests generate their files here, so the cases are data the tests own.
 */
import ExcelJS from 'exceljs';
import { encodeWindows1251 } from '../unit/shared/voters/cp1251';

export interface ListPerson {
  page: number;
  row: number;
  surname: string;
  name: string;
  patronymic: string;
  birth: string;
  document?: string;
}

/** Persons spread over pages of `perPage` rows; names from small pools, deterministic. */
export function people(count: number, perPage = 10, seed = 1): ListPerson[] {
  const surnames = ['Асанов', 'Бекова', 'Токтосунов', 'Үсөнова', 'Маматов', 'Жумабаева', 'Осмонов', 'Сыдыкова', 'Ибраимов', 'Абдыкадырова'];
  const names = ['Нурлан', 'Гүлзат', 'Бакыт', 'Айгүл', 'Улан', 'Жаркын', 'Эрмек', 'Чолпон', 'Азамат', 'Мээрим'];
  const fathers = ['Токтогул', 'Асан', 'Мамыт', 'Жолдош', 'Сагын'];
  const out: ListPerson[] = [];
  for (let i = 0; i < count; i += 1) {
    const k = (i * 7 + seed) % 10;
    const female = k % 2 === 1;
    out.push({
      page: Math.floor(i / perPage) + 1,
      row: (i % perPage) + 1,
      surname: surnames[k]!,
      name: names[(i * 3 + seed) % 10]!,
      patronymic: `${fathers[i % 5]!} ${female ? 'кызы' : 'уулу'}`,
      birth: `${String((i % 27) + 1).padStart(2, '0')}.${String((i % 12) + 1).padStart(2, '0')}.${1950 + (i % 50)}`,
      document: `ID${String(1_000_000 + i * 13 + seed).padStart(7, '0')}`,
    });
  }
  return out;
}

/** XLSX: optional title rows, then "№ | Барак | Катар | Фамилиясы | Аты | Атасынын аты | Туулган күнү | Паспорт". */
export async function xlsxWithRunningNumber(list: readonly ListPerson[], titleRows: string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Тизме');
  for (const title of titleRows) ws.addRow([title]);
  ws.addRow(['№', 'Барак', 'Катар', 'Фамилиясы', 'Аты', 'Атасынын аты', 'Туулган күнү', 'Паспорт']);
  list.forEach((p, i) => ws.addRow([i + 1, p.page, p.row, p.surname, p.name, p.patronymic, p.birth, p.document ?? '']));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Windows-1251 CSV with title rows and one full-name column ("Ф.И.О."), `;`-separated. */
export function csv1251FullName(list: readonly ListPerson[], titleRows: string[] = []): Uint8Array {
  const lines = [...titleRows.map((t) => `${t};;;;`), '№ п/п;Страница;Строка;Ф.И.О.;Дата рождения;Паспорт'];
  list.forEach((p, i) => lines.push([i + 1, p.page, p.row, [p.surname, p.name, p.patronymic].filter(Boolean).join(' '), p.birth, p.document ?? ''].join(';')));
  return encodeWindows1251(`${lines.join('\r\n')}\r\n`, 'lookalike');
}

/** UTF-8 CSV in the app's plain layout (Барак;Катар;Фамилиясы;Аты;Атасынын аты;Туулган күнү;Паспорт). */
export function csvPlain(list: readonly ListPerson[]): Uint8Array {
  const lines = ['Барак;Катар;Фамилиясы;Аты;Атасынын аты;Туулган күнү;Паспорт'];
  for (const p of list) lines.push([p.page, p.row, p.surname, p.name, p.patronymic, p.birth, p.document ?? ''].join(';'));
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}
