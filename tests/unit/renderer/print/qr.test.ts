import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrMatrix, qrPath } from '../../../../renderer/print/qr-matrix';

/** Rasterises the matrix as the SVG draws it (4 px a module, quiet zone of 4) and reads it back. */
function readBack(text: string): string | null {
  const m = qrMatrix(text);
  const scale = 4;
  const quiet = 4;
  const side = (m.size + quiet * 2) * scale;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < m.size; y += 1) {
    for (let x = 0; x < m.size; x += 1) {
      if (!m.dark[y * m.size + x]) continue;
      for (let dy = 0; dy < scale; dy += 1) {
        for (let dx = 0; dx < scale; dx += 1) {
          const px = ((y + quiet) * scale + dy) * side + (x + quiet) * scale + dx;
          rgba[px * 4] = 0;
          rgba[px * 4 + 1] = 0;
          rgba[px * 4 + 2] = 0;
        }
      }
    }
  }
  return jsQR(rgba, side, side)?.data ?? null;
}

describe('QR codes for printed forms', () => {
  it.each([
    'PD1|9001|kg-pres-2017@1|1/1|6707;7000;2301;12',
    `PD1|9019|${'1234;'.repeat(120)}`,
    'Үсөнова Гүлзат — ң ө ү',
  ])('read back what was encoded: %s', (text) => {
    expect(readBack(text)).toBe(text);
  });

  it('draws one path square per dark module', () => {
    const m = qrMatrix('PD1');
    const squares = (qrPath(m).match(/M/gu) ?? []).length;
    expect(squares).toBe(m.dark.filter(Boolean).length);
    expect(m.size).toBe(21); // version 1
  });
});
