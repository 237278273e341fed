/**
 * A CSV's rows read again from the file one at a time (`eachCsvDataRow`, issue 19: the check goes
 * through the file instead of keeping its rows) are the table's rows as the read made them — the
 * header row, a repeated header blanked, blank rows, quoted line breaks, every encoding — and the
 * check made a row at a time (`rowChecker`) is the check of that table (`validateVoterRows`).
 */
import { describe, expect, it } from 'vitest';
import { eachCsvDataRow, readVoterFile } from '../../../../renderer/features/voters/import/read-file';
import { guessMapping, restartsFrom, rowChecker, validateVoterRows } from '../../../../shared/voters';
import { encodeWindows1251, utf8, withBom } from '../../shared/voters/cp1251';

const HEADER = 'Барак;Катар;Фамилиясы;Аты;Атасынын аты;Туулган күнү;Дареги;Паспорт';

function text(rows: number): string {
  const lines = ['Шайлоочулардын тизмеси, 9001-участок;;;;;;;', '', HEADER];
  for (let i = 0; i < rows; i += 1) {
    const address = i % 9 === 0 ? '"Бишкек ш.,\r\nЧүй пр., ""120"""' : `Ош ш., Ленин к., ${i}`;
    lines.push(`${Math.floor(i / 40) + 1};${(i % 40) + 1};Асанов${i % 11};Бакыт;Асан уулу;${i % 13 === 0 ? '31.02.1970' : `01.02.${1950 + (i % 40)}`};${address};${i % 17 === 0 ? 'ID1000000' : `ID${1_000_000 + i}`}`);
    if (i === 90) lines.push(HEADER, ';;;;;;;');
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function utf16le(t: string): Uint8Array {
  const out = new Uint8Array(2 + t.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < t.length; i += 1) {
    out[2 + 2 * i] = t.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = t.charCodeAt(i) >> 8;
  }
  return out;
}

describe('eachCsvDataRow', () => {
  const t = text(300);
  const files: [string, Uint8Array][] = [
    ['utf-8', utf8(t)],
    ['utf-8 with BOM', withBom(utf8(t))],
    ['windows-1251 (ң ө ү lost)', encodeWindows1251(t)],
    ['utf-16le', utf16le(t)],
  ];
  for (const [name, bytes] of files) {
    it(`gives the table's rows, and the check a row at a time is the table's check (${name})`, async () => {
      const file = new Blob([bytes as BlobPart]);
      const read = await readVoterFile({ name: 'list.csv', arrayBuffer: () => file.arrayBuffer() }, 'auto', 9001);
      if (!read.ok) throw new Error(JSON.stringify(read.error));
      const { table, encoding, fileHash } = read.value;
      expect(table.headerRow).toBe(3);
      expect(table.repeatedHeaders).toEqual([95]);
      const rows: string[][] = [];
      const again = await eachCsvDataRow(file, encoding!, { header: table.header, headerRow: 3 }, fileHash, (cells, index) => {
        expect(index).toBe(rows.length);
        rows.push([...cells]);
      });
      expect(again.ok).toBe(true);
      expect(rows).toEqual(table.rows);

      const mapping = guessMapping(table.header);
      const checker = rowChecker({ header: table.header, headerRow: 3 }, mapping, { votingDay: '2026-12-06' }, restartsFrom([]));
      await eachCsvDataRow(file, encoding!, { header: table.header, headerRow: 3 }, fileHash, (cells, index) => checker.add(cells, index));
      const streamed = checker.finish();
      const whole = validateVoterRows(table, mapping, { votingDay: '2026-12-06' });
      expect(streamed).toEqual(whole);
      expect(whole.problems.length).toBeGreaterThan(0);
      expect(whole.duplicates.length).toBeGreaterThan(0);
    });
  }

  it('refuses a file that is not the one read (another hash)', async () => {
    const file = new Blob([utf8(text(10)) as BlobPart]);
    const seen: number[] = [];
    const again = await eachCsvDataRow(file, 'utf-8', { header: HEADER.split(';'), headerRow: 3 }, '0'.repeat(64), (_, i) => seen.push(i));
    expect(again).toEqual({ ok: false, error: 'changed' });
  });
});
