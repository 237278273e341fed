import { describe, expect, it } from 'vitest';
import { decodeImage, inkRegions, readQrCodesFromImage } from '../../../center/src/qr-image';
import { jpegOf, pngOf, qrPage } from '../../support/qr-page';

const codes = [1, 2, 3, 4].map((n) => `PDQ1:${n}/4:${'ң0123456789,'.repeat(20)}`);
const sorted = (x: readonly string[]) => [...x].sort();

describe('reading QR codes from an image of the printed page', () => {
  it('reads every code of a scanned page (PNG, 300 dpi): each box of ink on its own, so codes side by side do not confuse the reader', () => {
    const page = qrPage(codes, 3);
    const read = readQrCodesFromImage(pngOf(page));
    expect(read).toEqual({ ok: true, value: expect.any(Array) });
    if (read.ok) expect(sorted(read.value)).toEqual(sorted(codes));
    // The four codes are found as separate boxes; the lines of text are not taken for codes.
    const decoded = decodeImage(pngOf(page));
    if (!decoded.ok) throw new Error(decoded.error);
    expect(inkRegions(decoded.value).filter((b) => b.x1 - b.x0 > 100)).toHaveLength(4);
  });

  it('reads a phone photo: 12 megapixels, grey paper, soft ink, JPEG at quality 60', () => {
    const read = readQrCodesFromImage(jpegOf(qrPage(codes, 4, 222, 60), 60));
    if (!read.ok) throw new Error(read.error);
    expect(sorted(read.value)).toEqual(sorted(codes));
  });

  it('says what is wrong with an image it cannot read', () => {
    expect(readQrCodesFromImage(pngOf(qrPage([], 1)))).toEqual({ ok: false, error: 'no-code-found' });
    expect(readQrCodesFromImage(pngOf(qrPage(codes, 2)).subarray(0, 3000))).toEqual({ ok: false, error: 'image-unreadable' });
    expect(readQrCodesFromImage(Buffer.from('%PDF-1.7'))).toEqual({ ok: false, error: 'image-unreadable' });
    expect(readQrCodesFromImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toEqual({ ok: false, error: 'image-unreadable' });
    // Sizes claimed in the header are checked before any pixel is allocated.
    const huge = pngOf(qrPage([], 1));
    huge.writeUInt32BE(100_000, 16);
    huge.writeUInt32BE(100_000, 20);
    expect(readQrCodesFromImage(huge)).toEqual({ ok: false, error: 'image-too-large' });
  });
});
