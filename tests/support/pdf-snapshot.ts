/**
 * PDF snapshots: a printed PDF rendered page by page in grey at low resolution (poppler's pdftoppm),
 * compared pixel by pixel with committed reference PNGs (the practice of vxsuite's
 * `toMatchPdfSnapshot`: one image a page, a pixel diff within a small tolerance, a diff image
 * written on failure, an environment variable to refresh the references).
 *
 * The tolerance absorbs anti-aliasing noise only: a pixel differs when its grey level moves by more
 * than `pixelDelta`, and a page fails when more than `maxDiffering` pixels differ. At 50 dpi a line
 * moved by half a millimetre differs in ~190 pixels, a missing two-digit figure in 10 pt in ~30: both
 * fail. One digit changed for another differs in only 5–9 pixels and may pass — the figures are read
 * back as text (pdftotext) by printed-forms.spec.ts; this compare is about the layout.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';

/** An 8-bit grey image, row by row. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The resolution of snapshots: enough to see a moved line or a missing word, small to commit. */
export const SNAPSHOT_DPI = 50;

export interface Tolerance {
  /** Grey levels (0–255) a pixel may move by before it counts as different. */
  pixelDelta: number;
  /** Differing pixels a page may have. */
  maxDiffering: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { pixelDelta: 48, maxDiffering: 12 };

/** A stream of binary PGM images ("P5\n<w> <h>\n255\n" then w·h bytes), as `pdftoppm -gray` writes to stdout. */
export function parsePgmStream(out: Uint8Array): GreyImage[] {
  const buf = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  const images: GreyImage[] = [];
  let at = 0;
  while (at < buf.length) {
    const head = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/u.exec(buf.subarray(at, at + 40).toString('latin1'));
    if (!head) break;
    const width = Number(head[1]);
    const height = Number(head[2]);
    const start = at + head[0].length;
    images.push({ width, height, data: new Uint8Array(buf.subarray(start, start + width * height)) });
    at = start + width * height;
  }
  return images;
}

/** Each page of a PDF in grey at `dpi`. */
export function renderPdfGrey(pdf: Uint8Array, dpi = SNAPSHOT_DPI): GreyImage[] {
  const dir = mkdtempSync(join(tmpdir(), 'precinct-desk-snap-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return parsePgmStream(execFileSync('pdftoppm', ['-r', String(dpi), '-gray', file], { maxBuffer: 256 * 1024 * 1024 }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Comparison {
  pass: boolean;
  /** Why it failed, in words. */
  reason: string;
  differing: number;
  /** The reference in grey with the differing pixels in red (RGBA), when the page fails and the sizes agree. */
  diff: GreyImage & { rgba: Uint8Array } | null;
}

/** Compares two pages pixel by pixel within the tolerance. */
export function compareGrey(expected: GreyImage, actual: GreyImage, tolerance: Tolerance = DEFAULT_TOLERANCE): Comparison {
  if (expected.width !== actual.width || expected.height !== actual.height) {
    return { pass: false, reason: `size ${actual.width}×${actual.height} px, the reference is ${expected.width}×${expected.height} px`, differing: Number.POSITIVE_INFINITY, diff: null };
  }
  const off = (i: number) => Math.abs((expected.data[i] ?? 255) - (actual.data[i] ?? 255)) > tolerance.pixelDelta;
  let differing = 0;
  for (let i = 0; i < expected.data.length; i += 1) if (off(i)) differing += 1;
  const pass = differing <= tolerance.maxDiffering;
  if (pass) return { pass, reason: '', differing, diff: null };
  // The reference faint, red where the page differs.
  const rgba = new Uint8Array(expected.width * expected.height * 4);
  for (let i = 0; i < expected.data.length; i += 1) {
    const faint = 255 - Math.round((255 - (expected.data[i] ?? 255)) / 3);
    const red = off(i);
    rgba.set([red ? 255 : faint, red ? 0 : faint, red ? 0 : faint, 255], i * 4);
  }
  return {
    pass,
    reason: `${differing} pixels differ by more than ${tolerance.pixelDelta} grey levels (at most ${tolerance.maxDiffering} may)`,
    differing,
    diff: { ...expected, rgba },
  };
}

/**
 * The image in 16 grey levels (0, 17, …, 255): a reference compresses to about 60 % of its size and
 * moves no pixel by more than 9 levels, far inside the tolerance.
 */
export function quantize(image: GreyImage): GreyImage {
  return { ...image, data: image.data.map((v) => Math.round(v / 17) * 17) };
}

export function writeGreyPng(file: string, image: GreyImage): void {
  const png = new PNG({ width: image.width, height: image.height, colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
  png.data = Buffer.from(image.data);
  writeFileSync(file, PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, deflateLevel: 9 }));
}

function writeRgbaPng(file: string, width: number, height: number, rgba: Uint8Array): void {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba);
  writeFileSync(file, PNG.sync.write(png));
}

export function readGreyPng(file: string): GreyImage {
  const png = PNG.sync.read(readFileSync(file));
  const data = new Uint8Array(png.width * png.height);
  // pngjs hands back RGBA whatever the file's colour type.
  for (let i = 0; i < data.length; i += 1) data[i] = png.data[i * 4] ?? 255;
  return { width: png.width, height: png.height, data };
}

export interface SnapshotOptions {
  /** The folder of the committed references. */
  dir: string;
  /** Where the actual page and the diff go when a page fails. */
  failDir: string;
  /** Write the references instead of comparing (UPDATE_PDF_SNAPSHOTS=1). */
  update: boolean;
  tolerance?: Tolerance;
}

/**
 * Compares every page of `pdf` with `<dir>/<name>-p<N>.png`; with `update`, writes them instead (and
 * removes the pages a shorter document no longer has). Returns the failures in words (empty: a match).
 */
export function matchPdfSnapshot(pdf: Uint8Array, name: string, options: SnapshotOptions): string[] {
  const pages = renderPdfGrey(pdf);
  const file = (n: number) => join(options.dir, `${name}-p${n}.png`);
  if (options.update) {
    mkdirSync(options.dir, { recursive: true });
    pages.forEach((p, i) => writeGreyPng(file(i + 1), quantize(p)));
    for (const old of readdirSync(options.dir)) {
      const m = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}-p(\\d+)\\.png$`, 'u').exec(old);
      if (m && Number(m[1]) > pages.length) unlinkSync(join(options.dir, old));
    }
    return [];
  }
  const failures: string[] = [];
  let n = 1;
  while (existsSync(file(n))) n += 1;
  const expectedPages = n - 1;
  if (expectedPages === 0) return [`${name}: no reference images in ${options.dir} (run with UPDATE_PDF_SNAPSHOTS=1 and look at them)`];
  if (expectedPages !== pages.length) failures.push(`${name}: ${pages.length} pages printed, the reference has ${expectedPages}`);
  pages.forEach((page, i) => {
    if (i >= expectedPages) return;
    const result = compareGrey(readGreyPng(file(i + 1)), page, options.tolerance);
    if (result.pass) return;
    mkdirSync(options.failDir, { recursive: true });
    const base = join(options.failDir, `${name}-p${i + 1}`);
    writeGreyPng(`${base}.actual.png`, page);
    if (result.diff) writeRgbaPng(`${base}.diff.png`, result.diff.width, result.diff.height, result.diff.rgba);
    failures.push(`${name} page ${i + 1}: ${result.reason} — see ${base}.diff.png`);
  });
  return failures;
}
