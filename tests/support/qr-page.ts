/**
 * A printed page with QR codes side by side, as the protocol prints them (error correction M),
 * `scale` pixels a module on an A4 page of 100·scale pixels an inch: a scanner's page or, with grey
 * paper, soft ink and JPEG, a phone's photo. For tests of reading codes back from images.
 */
import QRCode from 'qrcode';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export interface PageRaster {
  width: number;
  height: number;
  data: Buffer;
}

export function qrPage(codes: readonly string[], scale: number, paper = 255, ink = 0): PageRaster {
  const width = Math.round(8.27 * 100 * scale);
  const height = Math.round(11.69 * 100 * scale);
  const data = Buffer.alloc(width * height * 4, paper);
  let left = 40 * scale;
  let top = 300 * scale;
  for (const text of codes) {
    const m = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
    const side = (m.size + 8) * scale;
    if (left + side > width) {
      left = 40 * scale;
      top += side + 20 * scale;
    }
    for (let y = 0; y < m.size; y += 1)
      for (let x = 0; x < m.size; x += 1) {
        if (m.data[y * m.size + x] !== 1) continue;
        for (let dy = 0; dy < scale; dy += 1) {
          const row = (top + (y + 4) * scale + dy) * width;
          data.fill(ink, (row + left + (x + 4) * scale) * 4, (row + left + (x + 5) * scale) * 4);
        }
      }
    left += side + 10 * scale;
  }
  // Lines of "text" under the codes, so the reader has to tell ink that is not a code apart.
  for (let line = 0; line < 12; line += 1) {
    const y = top + (160 + line * 14) * scale;
    if (y + 4 * scale >= height) break;
    for (let word = 0; word < 14; word += 1) {
      const x0 = (40 + word * 52) * scale;
      for (let dy = 0; dy < 4 * scale; dy += 1) data.fill(ink, ((y + dy) * width + x0) * 4, ((y + dy) * width + x0 + 40 * scale) * 4);
    }
  }
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width, height, data };
}

export const pngOf = (page: PageRaster): Buffer => PNG.sync.write(Object.assign(new PNG({ width: page.width, height: page.height }), { data: page.data }));
export const jpegOf = (page: PageRaster, quality: number): Buffer => jpeg.encode(page, quality).data;
