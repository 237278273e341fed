/**
 * Reads every QR code on the pages of a printed PDF: the PDF is rasterised with pdftoppm (Debian
 * poppler-utils) and each page read by the center's own image reader (center/src/qr-image), which
 * finds each box of ink and scans it, so several codes on one page are all read.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readQrCodesFromImage } from '../../center/src/qr-image';

/** The PDF's pages as PNG files' bytes, in page order. */
export function pdfPagesAsPng(pdf: Buffer, dpi = 200): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), 'precinct-desk-qr-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', join(dir, 'doc.pdf'), join(dir, 'page')]);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => readFileSync(join(dir, f)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function readQrCodesFromPdf(pdf: Buffer, dpi = 200): string[] {
  const found: string[] = [];
  for (const png of pdfPagesAsPng(pdf, dpi)) {
    const read = readQrCodesFromImage(png);
    if (read.ok) for (const code of read.value) if (!found.includes(code)) found.push(code);
  }
  return found;
}
