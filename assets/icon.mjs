// Draws the app icon (assets/icon.png, 1024×1024) without any image library: a blue rounded square
// with a white ballot box and a ballot carrying a check mark. electron-builder derives the Windows
// .ico and macOS .icns from it. Run `node assets/icon.mjs` after changing the drawing.
/* global console */
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
const BLUE = [31, 95, 168];
const WHITE = [255, 255, 255];

// Signed distance to a rounded rectangle centred at (cx, cy).
function roundedRect(x, y, cx, cy, halfW, halfH, radius) {
  const qx = Math.abs(x - cx) - halfW + radius;
  const qy = Math.abs(y - cy) - halfH + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

// Distance to the segment (ax, ay)–(bx, by).
function segment(x, y, ax, ay, bx, by) {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
}

const coverage = (distance) => Math.max(0, Math.min(1, 0.5 - distance));

function pixel(x, y) {
  const background = coverage(roundedRect(x, y, 512, 512, 480, 480, 180));
  // The ballot (white card) sticking out of the box, with a blue check mark on it.
  const ballot = coverage(roundedRect(x, y, 512, 400, 170, 200, 24));
  const check = coverage(Math.min(segment(x, y, 430, 400, 495, 470), segment(x, y, 495, 470, 610, 330)) - 30);
  // The box: a white body below the slot.
  const box = coverage(roundedRect(x, y, 512, 700, 300, 150, 40));
  const slot = coverage(roundedRect(x, y, 512, 585, 220, 16, 16));
  let color = BLUE;
  const alpha = background;
  const mix = (a, b, t) => a.map((v, i) => Math.round(v * (1 - t) + (b[i] ?? 0) * t));
  color = mix(color, WHITE, ballot);
  color = mix(color, BLUE, check * ballot);
  color = mix(color, WHITE, box);
  color = mix(color, BLUE, slot * box);
  return [...color, Math.round(alpha * 255)];
}

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let y = 0; y < SIZE; y += 1) {
  raw[y * (SIZE * 4 + 1)] = 0;
  for (let x = 0; x < SIZE; x += 1) {
    const [r, g, b, a] = pixel(x + 0.5, y + 0.5);
    raw.set([r, g, b, a], y * (SIZE * 4 + 1) + 1 + x * 4);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(fileURLToPath(import.meta.resolve('./icon.png')), png);
console.warn(`assets/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
