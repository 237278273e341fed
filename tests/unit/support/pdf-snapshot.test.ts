/**
 * The PDF snapshot compare (tests/support/pdf-snapshot.ts) on real renders: a small form written as a
 * PDF, rendered by pdftoppm as the e2e snapshots are, then altered the ways a form breaks — a line
 * moved, a line, a figure or a block missing, a block drawn over it — each of which must fail, while
 * the same render and anti-aliasing-sized noise pass.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareGrey, matchPdfSnapshot, quantize, renderPdfGrey, type GreyImage } from '../../support/pdf-snapshot';

interface Text {
  x: number;
  y: number;
  size: number;
  text: string;
}

/** A one-page A4 PDF (Helvetica, ASCII text, optional filled rectangles), with a correct xref table. */
function tinyPdf(texts: readonly Text[], rects: readonly [number, number, number, number][] = []): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/gu, (c) => `\\${c}`);
  const content = [
    ...texts.map((t) => `BT /F1 ${t.size} Tf ${t.x} ${t.y} Td (${esc(t.text)}) Tj ET`),
    ...rects.map(([x, y, w, h]) => `${x} ${y} ${w} ${h} re f`),
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** A protocol-like page: a heading, sixteen numbered lines with their figures, a signature block. */
function form(change: (lines: Text[]) => Text[] = (l) => l, rects: [number, number, number, number][] = []): GreyImage {
  const lines: Text[] = [{ x: 40, y: 790, size: 16, text: 'Protocol of the precinct commission No. 9019' }];
  for (let n = 1; n <= 16; n += 1) {
    lines.push({ x: 40, y: 740 - n * 22, size: 10, text: `${n}  Number of ballots of line ${n}` });
    lines.push({ x: 480, y: 740 - n * 22, size: 10, text: String(60 + n) });
  }
  lines.push({ x: 40, y: 300, size: 10, text: 'Chair ______________________ Asanova A.' });
  lines.push({ x: 40, y: 276, size: 10, text: 'Secretary __________________ Asanov N.' });
  const [page] = renderPdfGrey(tinyPdf(change(lines), rects));
  if (!page) throw new Error('no page rendered');
  return page;
}

const reference = form();

describe('PDF snapshot compare', () => {
  it('passes the same render, and the reference stored in 16 grey levels', () => {
    const again = compareGrey(reference, form());
    expect(again).toMatchObject({ pass: true, differing: 0 });
    expect(compareGrey(quantize(reference), form()).pass).toBe(true);
  });

  it('passes noise of anti-aliasing size and a few stray pixels', () => {
    const noisy = { ...reference, data: reference.data.map((v, i) => Math.max(0, Math.min(255, v + ((i * 7919) % 61) - 30))) };
    expect(compareGrey(reference, noisy).pass).toBe(true);
    const stray = { ...reference, data: reference.data.slice() };
    for (let k = 0; k < 10; k += 1) stray.data[(k * 104_729) % stray.data.length] = 0;
    expect(compareGrey(reference, stray).pass).toBe(true);
  });

  it('fails a line moved by half a millimetre, and a signature block moved by 2 mm', () => {
    const moved = form((l) => l.map((t) => (t.text.startsWith('7 ') ? { ...t, y: t.y - 1.5 } : t)));
    const result = compareGrey(reference, moved);
    expect(result.pass).toBe(false);
    expect(result.reason).toMatch(/pixels differ by more than 48 grey levels/u);
    expect(compareGrey(reference, form((l) => l.map((t) => (t.y < 310 ? { ...t, y: t.y - 6 } : t)))).pass).toBe(false);
  });

  it('fails a missing line, a missing figure, a missing signature line and a block drawn over the page', () => {
    expect(compareGrey(reference, form((l) => l.filter((t) => !t.text.startsWith('12 ')))).pass).toBe(false);
    expect(compareGrey(reference, form((l) => l.filter((t) => t.text !== '69'))).pass).toBe(false);
    expect(compareGrey(reference, form((l) => l.filter((t) => !t.text.startsWith('Secretary')))).pass).toBe(false);
    expect(compareGrey(reference, form((l) => l, [[300, 400, 60, 20]])).pass).toBe(false);
  });

  it('fails a page of another size, saying both sizes', () => {
    const wide: GreyImage = { width: reference.width + 10, height: reference.height, data: new Uint8Array((reference.width + 10) * reference.height).fill(255) };
    expect(compareGrey(reference, wide)).toMatchObject({ pass: false, reason: expect.stringMatching(/^size \d+×\d+ px, the reference is \d+×\d+ px$/u) });
  });
});

describe('matchPdfSnapshot', () => {
  const root = mkdtempSync(join(tmpdir(), 'pdf-snapshot-test-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const dir = join(root, 'refs');
  const failDir = join(root, 'failed');
  const pdf = tinyPdf([{ x: 40, y: 790, size: 16, text: 'Act No. 1' }]);

  it('asks for references that are not there, writes them on update, then matches', () => {
    expect(matchPdfSnapshot(pdf, 'act', { dir, failDir, update: false })).toEqual([expect.stringContaining('UPDATE_PDF_SNAPSHOTS=1')]);
    expect(matchPdfSnapshot(pdf, 'act', { dir, failDir, update: true })).toEqual([]);
    expect(readdirSync(dir)).toEqual(['act-p1.png']);
    expect(matchPdfSnapshot(pdf, 'act', { dir, failDir, update: false })).toEqual([]);
    expect(existsSync(failDir)).toBe(false);
  });

  it('fails a changed document and writes the actual page and the diff image', () => {
    const changed = tinyPdf([{ x: 40, y: 780, size: 16, text: 'Act No. 1' }]);
    const failures = matchPdfSnapshot(changed, 'act', { dir, failDir, update: false });
    expect(failures).toEqual([expect.stringMatching(/^act page 1: \d+ pixels differ .* see .*act-p1\.diff\.png$/u)]);
    expect(readdirSync(failDir).sort()).toEqual(['act-p1.actual.png', 'act-p1.diff.png']);
  });
});
