/**
 * Reads every QR code on the pages of a printed PDF: the PDF is rasterised with pdftoppm (Debian
 * poppler-utils) and scanned with jsQR; each code found is painted over and the page scanned again,
 * so several codes on one page are all read.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export function readQrCodesFromPdf(pdf: Buffer, dpi = 200): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'precinct-desk-qr-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', join(dir, 'doc.pdf'), join(dir, 'page')]);
    const found: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.png')).sort()) {
      const png = PNG.sync.read(readFileSync(join(dir, file)));
      const data = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
      for (let guard = 0; guard < 20; guard += 1) {
        const code = jsQR(data, png.width, png.height);
        if (!code) break;
        found.push(code.data);
        paintWhite(data, png.width, png.height, code.location);
      }
    }
    return found;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Corners = NonNullable<ReturnType<typeof jsQR>>['location'];

function paintWhite(data: Uint8ClampedArray, width: number, height: number, l: Corners): void {
  const xs = [l.topLeftCorner.x, l.topRightCorner.x, l.bottomLeftCorner.x, l.bottomRightCorner.x];
  const ys = [l.topLeftCorner.y, l.topRightCorner.y, l.bottomLeftCorner.y, l.bottomRightCorner.y];
  const pad = 12;
  const x0 = Math.max(0, Math.floor(Math.min(...xs)) - pad);
  const x1 = Math.min(width, Math.ceil(Math.max(...xs)) + pad);
  const y0 = Math.max(0, Math.floor(Math.min(...ys)) - pad);
  const y1 = Math.min(height, Math.ceil(Math.max(...ys)) + pad);
  for (let y = y0; y < y1; y += 1) data.fill(255, (y * width + x0) * 4, (y * width + x1) * 4);
}
