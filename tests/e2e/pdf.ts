/** Reading printed PDFs back in e2e tests (poppler-utils: pdftotext, pdfinfo). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withFile<T>(pdf: Buffer, run: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'precinct-desk-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return run(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page, in content order. */
export const pdfText = (pdf: Buffer): string => withFile(pdf, (f) => execFileSync('pdftotext', ['-raw', f, '-'], { encoding: 'utf8' }));

/** Page count and the first page's size in points. */
export function pdfInfo(pdf: Buffer): { pages: number; width: number; height: number } {
  const info = withFile(pdf, (f) => execFileSync('pdfinfo', [f], { encoding: 'utf8' }));
  const pages = Number(/Pages:\s+(\d+)/u.exec(info)?.[1] ?? 0);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/u.exec(info);
  return { pages, width: Number(size?.[1] ?? 0), height: Number(size?.[2] ?? 0) };
}
