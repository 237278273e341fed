/**
 * Reading a protocol's QR codes from an image: a scan or a photo of the printed page (PNG or JPEG).
 * The image is decoded (size-limited before its pixels are allocated), scaled down when large,
 * and scanned with jsQR; each code found is painted white and the image scanned again, so every
 * code on the page is read. Pure: bytes in, code texts out.
 */
import jsQR from 'jsqr';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { err, ok, type Result } from '../../shared/util/result';

export interface Raster {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  data: Uint8ClampedArray;
}

export type QrImageProblem = 'image-unreadable' | 'image-too-large' | 'no-code-found';

/** A phone photo is about 12 megapixels; far larger is refused before decoding. */
export const MAX_IMAGE_MEGAPIXELS = 50;
/** Scanned at most this long a side (a 12-megapixel photo as it is): downscaling blurs small modules. */
const SCAN_SIDE = 4200;
/** A protocol's codes (the payload splits into a handful); a guard against a pathological image. */
const MAX_CODES = 24;

const isPng = (b: Uint8Array): boolean => b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
const isJpeg = (b: Uint8Array): boolean => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

/** The PNG's size from its IHDR chunk, read before decoding. */
function pngSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 24) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export function decodeImage(bytes: Uint8Array): Result<Raster, QrImageProblem> {
  try {
    if (isPng(bytes)) {
      const size = pngSize(bytes);
      if (!size || size.width === 0 || size.height === 0) return err('image-unreadable');
      if (size.width * size.height > MAX_IMAGE_MEGAPIXELS * 1e6) return err('image-too-large');
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return ok({ width: png.width, height: png.height, data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length) });
    }
    if (isJpeg(bytes)) {
      const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_MEGAPIXELS, maxMemoryUsageInMB: 512 });
      return ok({ width: img.width, height: img.height, data: new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length) });
    }
    return err('image-unreadable');
  } catch (e) {
    return err(e instanceof Error && /maxResolutionInMP|maxMemoryUsageInMB/u.test(e.message) ? 'image-too-large' : 'image-unreadable');
  }
}

/** Box-filter downscale by an integer factor (a photo's codes stay sharp enough; jsQR gets faster). */
export function downscale(img: Raster, factor: number): Raster {
  if (factor <= 1) return img;
  const width = Math.floor(img.width / factor);
  const height = Math.floor(img.height / factor);
  const data = new Uint8ClampedArray(width * height * 4);
  const n = factor * factor;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dy = 0; dy < factor; dy += 1) {
        let i = ((y * factor + dy) * img.width + x * factor) * 4;
        for (let dx = 0; dx < factor; dx += 1, i += 4) {
          r += img.data[i] ?? 0;
          g += img.data[i + 1] ?? 0;
          b += img.data[i + 2] ?? 0;
        }
      }
      const o = (y * width + x) * 4;
      data[o] = r / n;
      data[o + 1] = g / n;
      data[o + 2] = b / n;
      data[o + 3] = 255;
    }
  }
  return { width, height, data };
}

type Corners = NonNullable<ReturnType<typeof jsQR>>['location'];

function paintWhite(img: Raster, l: Corners): void {
  const xs = [l.topLeftCorner.x, l.topRightCorner.x, l.bottomLeftCorner.x, l.bottomRightCorner.x];
  const ys = [l.topLeftCorner.y, l.topRightCorner.y, l.bottomLeftCorner.y, l.bottomRightCorner.y];
  const pad = Math.max(4, Math.round((Math.max(...xs) - Math.min(...xs)) * 0.06));
  const x0 = Math.max(0, Math.floor(Math.min(...xs)) - pad);
  const x1 = Math.min(img.width, Math.ceil(Math.max(...xs)) + pad);
  const y0 = Math.max(0, Math.floor(Math.min(...ys)) - pad);
  const y1 = Math.min(img.height, Math.ceil(Math.max(...ys)) + pad);
  for (let y = y0; y < y1; y += 1) img.data.fill(255, (y * img.width + x0) * 4, (y * img.width + x1) * 4);
}

/** The codes jsQR finds in a raster, painting each over and looking again (it reads one at a time). */
function scan(img: Raster, found: string[]): void {
  for (let guard = 0; found.length < MAX_CODES && guard < MAX_CODES; guard += 1) {
    const code = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
    if (!code || code.data === '') return;
    if (!found.includes(code.data)) found.push(code.data);
    paintWhite(img, code.location);
  }
}

function crop(img: Raster, x0: number, y0: number, x1: number, y1: number): Raster {
  const width = x1 - x0;
  const height = y1 - y0;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y += 1) data.set(img.data.subarray(((y0 + y) * img.width + x0) * 4, ((y0 + y) * img.width + x1) * 4), y * width * 4);
  return { width, height, data };
}

/**
 * The boxes of ink on the page, biggest first: the image is cut into cells, a cell is dark when
 * it holds a pixel darker than the middle of the page's range, dark cells are joined across small
 * gaps (a code's white runs) but not across a code's quiet zone, and each connected group is a box.
 * jsQR, given a whole page with several codes, mixes their finder patterns and reads none.
 */
export function inkRegions(img: Raster): { x0: number; y0: number; x1: number; y1: number }[] {
  const cell = Math.max(2, Math.round(Math.max(img.width, img.height) / 600));
  const gw = Math.ceil(img.width / cell);
  const gh = Math.ceil(img.height / cell);
  const luma = (i: number): number => ((img.data[i] ?? 0) * 299 + (img.data[i + 1] ?? 0) * 587 + (img.data[i + 2] ?? 0) * 114) / 1000;
  const minOf = new Float32Array(gw * gh).fill(255);
  let lo = 255;
  let hi = 0;
  for (let y = 0; y < img.height; y += 1) {
    const row = Math.floor(y / cell) * gw;
    for (let x = 0; x < img.width; x += 1) {
      const v = luma((y * img.width + x) * 4);
      const c = row + Math.floor(x / cell);
      if (v < (minOf[c] ?? 255)) minOf[c] = v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (hi - lo < 40) return [];
  const threshold = (lo + hi) / 2;
  // Dark cells, widened by one cell each way so a code's inner white runs do not split it.
  const dark = new Uint8Array(gw * gh);
  for (let gy = 0; gy < gh; gy += 1)
    for (let gx = 0; gx < gw; gx += 1) {
      if ((minOf[gy * gw + gx] ?? 255) >= threshold) continue;
      for (let dy = -1; dy <= 1; dy += 1)
        for (let dx = -1; dx <= 1; dx += 1) {
          const x = gx + dx;
          const y = gy + dy;
          if (x >= 0 && y >= 0 && x < gw && y < gh) dark[y * gw + x] = 1;
        }
    }
  const boxes: { x0: number; y0: number; x1: number; y1: number }[] = [];
  const stack: number[] = [];
  for (let start = 0; start < dark.length; start += 1) {
    if (dark[start] !== 1) continue;
    dark[start] = 2;
    stack.push(start);
    let bx0 = gw;
    let by0 = gh;
    let bx1 = 0;
    let by1 = 0;
    while (stack.length > 0) {
      const c = stack.pop() ?? 0;
      const x = c % gw;
      const y = (c - x) / gw;
      bx0 = Math.min(bx0, x);
      by0 = Math.min(by0, y);
      bx1 = Math.max(bx1, x);
      by1 = Math.max(by1, y);
      for (const n of [x > 0 ? c - 1 : -1, x < gw - 1 ? c + 1 : -1, y > 0 ? c - gw : -1, y < gh - 1 ? c + gw : -1]) {
        if (n >= 0 && dark[n] === 1) {
          dark[n] = 2;
          stack.push(n);
        }
      }
    }
    // A code is at least 21 modules of a pixel or more each, and roughly square.
    const w = (bx1 - bx0 + 1) * cell;
    const h = (by1 - by0 + 1) * cell;
    if (w < 21 || h < 21 || w > h * 4 || h > w * 4) continue;
    const pad = 3 * cell;
    boxes.push({ x0: Math.max(0, bx0 * cell - pad), y0: Math.max(0, by0 * cell - pad), x1: Math.min(img.width, (bx1 + 1) * cell + pad), y1: Math.min(img.height, (by1 + 1) * cell + pad) });
  }
  return boxes.sort((a, b) => (b.x1 - b.x0) * (b.y1 - b.y0) - (a.x1 - a.x0) * (a.y1 - a.y0));
}

/** Every QR code's text in the raster: each box of ink scanned on its own, then the whole page. */
export function readQrCodes(img: Raster): string[] {
  const found: string[] = [];
  for (const box of inkRegions(img)) {
    if (found.length >= MAX_CODES) break;
    scan(crop(img, box.x0, box.y0, box.x1, box.y1), found);
  }
  if (found.length === 0) scan(img, found);
  return found;
}

/** The codes on an image file (PNG or JPEG). */
export function readQrCodesFromImage(bytes: Uint8Array): Result<string[], QrImageProblem> {
  const decoded = decodeImage(bytes);
  if (!decoded.ok) return decoded;
  const side = Math.max(decoded.value.width, decoded.value.height);
  const codes = readQrCodes(downscale(decoded.value, Math.ceil(side / SCAN_SIDE)));
  return codes.length > 0 ? ok(codes) : err('no-code-found');
}
