import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv, type CsvResult } from '../../../../shared/voters/csv';
import { decodeVoterFile } from '../../../../shared/voters/decode';
import { readFixture } from './fixtures';

function rows(result: CsvResult) {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('parseCsv', () => {
  it('reads semicolon CSV with quotes, doubled quotes, an embedded newline and CRLF', () => {
    const text =
      'Барак;Катар;Фамилиясы;Дареги\r\n' +
      '1;1;Асанов;"Бишкек ш., Чүй пр.; 120-үй"\r\n' +
      '1;2;"Үсөнов";"ОсОО ""Ала-Тоо"", 2-кабат"\r\n' +
      '1;3;Өмүрбекова;"Ош ш.,\r\nЛенин к., 5"\r\n' +
      '1;4;Кеңешбеков;\r\n';
    const r = rows(parseCsv(text));
    expect(r.delimiter).toBe(';');
    expect(r.detected).toBe(true);
    expect(r.rows).toEqual([
      ['Барак', 'Катар', 'Фамилиясы', 'Дареги'],
      ['1', '1', 'Асанов', 'Бишкек ш., Чүй пр.; 120-үй'],
      ['1', '2', 'Үсөнов', 'ОсОО "Ала-Тоо", 2-кабат'],
      ['1', '3', 'Өмүрбекова', 'Ош ш.,\r\nЛенин к., 5'],
      ['1', '4', 'Кеңешбеков', ''],
    ]);
    expect(r.lines).toEqual([1, 2, 3, 4, 6]);
  });

  it('handles LF, CR and mixed line ends', () => {
    expect(rows(parseCsv('a;b\n1;2\n')).rows).toEqual([['a', 'b'], ['1', '2']]);
    expect(rows(parseCsv('a;b\r1;2\r3;4')).rows).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    const mixed = rows(parseCsv('a;b\r\n1;2\n3;4\r5;6'));
    expect(mixed.rows).toEqual([['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6']]);
    expect(mixed.lines).toEqual([1, 2, 3, 4]);
  });

  it('ignores trailing blank lines and trailing rows of empty cells, keeps blank lines inside', () => {
    const r = rows(parseCsv('a;b\r\n1;2\r\n\r\n3;4\r\n;\r\n\r\n;;\r\n'));
    expect(r.rows).toEqual([['a', 'b'], ['1', '2'], [''], ['3', '4']]);
    expect(r.lines).toEqual([1, 2, 3, 4]);
  });

  it('takes a quote inside an unquoted field literally and tolerates spaces after a closing quote', () => {
    expect(rows(parseCsv('a;b\nИванов "мл.";"x"  ;y\n')).rows).toEqual([['a', 'b'], ['Иванов "мл."', 'x', 'y']]);
  });

  it('keeps an empty last field after a final delimiter and strips a leading U+FEFF', () => {
    expect(rows(parseCsv('\ufeffa;b;\n1;2;')).rows).toEqual([['a', 'b', ''], ['1', '2', '']]);
  });

  it('returns no rows for empty text', () => {
    expect(parseCsv('')).toEqual({ ok: true, value: { rows: [], lines: [], delimiter: ';', detected: true } });
  });

  it('honours and drops Excel\'s "sep=" line; lines still count it', () => {
    const r = rows(parseCsv('sep=,\r\nPage,Row\r\n1,1\r\n'));
    expect(r).toMatchObject({ delimiter: ',', detected: false, rows: [['Page', 'Row'], ['1', '1']], lines: [2, 3] });
  });

  it('uses a given delimiter', () => {
    expect(rows(parseCsv('a;b,c\n1;2,3', { delimiter: ',' })).rows).toEqual([['a;b', 'c'], ['1;2', '3']]);
  });

  it('reports an unterminated quote with the line where it opened', () => {
    const r = parseCsv('a;b\n1;2\n3;"open\nstill open\n');
    expect(r).toEqual({ ok: false, error: [{ code: 'unterminated-quote', line: 3 }] });
    const fixture = decodeVoterFile(readFixture('unterminated-quote.csv'));
    if (!fixture.ok) throw new Error(fixture.error.code);
    expect(parseCsv(fixture.value.text)).toMatchObject({ ok: false, error: [{ code: 'unterminated-quote', line: 3 }] });
  });

  it('reports text after a closing quote with line and column, and every such place', () => {
    const r = parseCsv('a;b\n1;"ул. "Ленина" 5"\n2;"x"y\n');
    expect(r).toEqual({
      ok: false,
      error: [
        { code: 'text-after-quote', line: 2, column: 9 }, // the 'Л' after the quote that closed "ул. "
        { code: 'text-after-quote', line: 3, column: 6 },
      ],
    });
  });
});

describe('detectDelimiter', () => {
  it('prefers the delimiter with the same count on every line (commas in addresses do not fool it)', () => {
    expect(detectDelimiter('Барак;Катар;Дареги\n1;1;Бишкек, Чүй, 12\n1;2;Ош, Ленин, 5, кв. 3\n')).toBe(';');
    expect(detectDelimiter('Page,Row,Address\n1,1,"Bishkek; Chui, 12"\n1,2,"Osh; Lenin, 5"\n')).toBe(',');
    expect(detectDelimiter('Page\tRow\tName\n1\t1\tАсанов, Нурлан\n')).toBe('\t');
  });

  it('falls back to ";" for a single column', () => {
    expect(detectDelimiter('Фамилиясы\nАсанов\n')).toBe(';');
  });

  it('counts only outside quotes, across quoted newlines', () => {
    expect(detectDelimiter('a,b\n"x;y;z\nw;v",1\n2,3\n')).toBe(',');
  });
});
