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

/** The text of each page (pdftotext separates pages by a form feed). */
export const pdfPages = (pdf: Buffer): string[] => pdfText(pdf).split('\f').slice(0, -1);

/**
 * Each page rendered in grey (pdftoppm, 30 dpi): the longest run of consecutive pixel rows that are
 * mostly (60 %) neither white nor black, as a share of the page's height. A grey or coloured block
 * covering part of a printed page is a long run; text, rules and QR codes are not.
 */
export function greyShare(pdf: Buffer): number[] {
  return withFile(pdf, (f) => {
    const out = execFileSync('pdftoppm', ['-r', '30', '-gray', f], { maxBuffer: 64 * 1024 * 1024 });
    const shares: number[] = [];
    let at = 0;
    // A stream of binary PGM images: "P5\n<w> <h>\n255\n" then w·h bytes.
    while (at < out.length) {
      const head = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/u.exec(out.subarray(at, at + 40).toString('latin1'));
      if (!head) break;
      const w = Number(head[1]);
      const h = Number(head[2]);
      const start = at + head[0].length;
      let run = 0;
      let longest = 0;
      for (let y = 0; y < h; y += 1) {
        let grey = 0;
        for (let x = 0; x < w; x += 1) {
          const v = out[start + y * w + x] ?? 255;
          if (v > 60 && v < 250) grey += 1;
        }
        run = grey > w * 0.6 ? run + 1 : 0;
        longest = Math.max(longest, run);
      }
      shares.push(longest / h);
      at = start + w * h;
    }
    return shares;
  });
}
