/**
 * The CSV read piece by piece (issue 19, memory: the file's text is never whole) gives exactly what
 * the whole text gives — rows, their lines, the delimiter, problems — wherever the pieces are cut:
 * inside a quote, between a doubled quote, between CR and LF, inside `sep=`, a BOM.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, parseCsv, type CsvResult } from '../../../../shared/voters/csv';
import { referenceParseCsv } from './csv-reference';

/** The text fed in pieces cut at `cuts` (positions, any order, repeats allowed). */
function parsePieces(text: string, cuts: number[], delimiter?: ';' | ',' | '\t'): CsvResult {
  const rows: string[][] = [];
  const lines: number[] = [];
  const progress: number[] = [];
  const reader = new CsvReader(
    (cells, line) => {
      rows.push(cells);
      lines.push(line);
    },
    { ...(delimiter ? { delimiter } : {}), onRows: (n) => progress.push(n) },
  );
  const at = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b);
  let from = 0;
  for (const c of [...at, text.length]) {
    reader.push(text.slice(from, c));
    from = c;
  }
  const end = reader.end();
  if (!end.ok) return end;
  return { ok: true, value: { rows, lines, delimiter: end.value.delimiter, detected: end.value.detected } };
}

const cell = fc.oneof(
  fc.stringMatching(/^[а-яА-ЯңөүҢӨҮa-z0-9 .-]{0,12}$/u),
  fc.constantFrom('', ' ', '"', '""', '"a""b"', '"x;y"', '"line\r\nnext"', '"cr\ronly"', '"lf\nonly"', '"unclosed', '"q" tail', '"q"  ', 'Иванов "мл."', '\t', ',', ';'),
);
const lineEnd = fc.constantFrom('\r\n', '\n', '\r');
const hostileCsv = fc
  .record({
    bom: fc.boolean(),
    sep: fc.constantFrom('', 'sep=;\r\n', 'sep=,\n', 'SEP=\t\r', 'sep=|\n', 'sep=;  \r\n'),
    delimiter: fc.constantFrom(';', ',', '\t'),
    rows: fc.array(fc.tuple(fc.array(cell, { minLength: 1, maxLength: 6 }), lineEnd), { maxLength: 30 }),
    tail: fc.constantFrom('', '\r\n', '\n\n', ';;\r\n\r\n', ' '),
  })
  .map(({ bom, sep, delimiter, rows, tail }) => (bom ? '\ufeff' : '') + sep + rows.map(([cells, end]) => cells.join(delimiter) + end).join('') + tail);

describe('CsvReader (the CSV in pieces)', () => {
  it('gives what the parser before it gave on the whole text (and parseCsv still does), wherever the pieces are cut (hostile CSV, fast-check)', () => {
    fc.assert(
      fc.property(hostileCsv, fc.array(fc.nat({ max: 2000 }), { maxLength: 40 }), (text, cuts) => {
        const reference = referenceParseCsv(text);
        expect(parseCsv(text)).toEqual(reference);
        expect(parsePieces(text, cuts)).toEqual(reference);
      }),
      { numRuns: 2000 },
    );
  });

  it('the same with the delimiter given (parsing starts at the first piece, not after 256 KB)', () => {
    fc.assert(
      fc.property(hostileCsv, fc.constantFrom(';', ',', '\t'), fc.array(fc.nat({ max: 2000 }), { maxLength: 40 }), (text, delimiter, cuts) => {
        const reference = referenceParseCsv(text, { delimiter });
        expect(parseCsv(text, { delimiter })).toEqual(reference);
        expect(parsePieces(text, cuts, delimiter)).toEqual(reference);
      }),
      { numRuns: 3000 },
    );
  });

  it('cuts inside a multi-character piece of syntax: every single cut point of a small hostile file', () => {
    const text = '\ufeffsep=;\r\nА;"Б""в"\r\n"ко\r\nп";x\r"tail" ;\n"bad"x;1\r\n;\r\n\r\n';
    for (const delimiter of [undefined, ';'] as const) {
      const whole = referenceParseCsv(text, delimiter ? { delimiter } : {});
      for (let c = 0; c <= text.length; c += 1) expect(parsePieces(text, [c], delimiter)).toEqual(whole);
      for (let size = 1; size <= 7; size += 1) {
        const cuts = Array.from({ length: Math.ceil(text.length / size) }, (_, k) => k * size);
        expect(parsePieces(text, cuts, delimiter)).toEqual(whole);
      }
    }
  });

  it('detects the delimiter from the first 256 KB as on the whole text, however small the pieces', () => {
    // The first 20 lines say ',' ; a piece boundary before 256 KB must not decide early.
    const head = Array.from({ length: 25 }, (_, i) => `a,b,c${i}`).join('\n');
    const text = `${head}\n${'x;y;z\n'.repeat(60_000)}`;
    const whole = referenceParseCsv(text);
    expect(whole.ok && whole.value.delimiter).toBe(',');
    const cuts = Array.from({ length: 200 }, (_, k) => k * 1777);
    expect(parsePieces(text, cuts)).toEqual(whole);
  });

  it('an unterminated quote is found only at the end, on the line where it opened', () => {
    const text = 'a;b\n1;"open\n2;3\n4;5\n';
    expect(parsePieces(text, [3, 8, 12], ';')).toEqual({ ok: false, error: [{ code: 'unterminated-quote', line: 2 }] });
  });
});
