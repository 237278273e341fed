import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../../shared/util/sha256';
import { canonicalArraySha256, sha256HexSync, Sha256Stream } from '../../../../shared/util/sha256-sync';
import { canonicalJson } from '../../../../shared/util/canonical-json';
import { generateVoters } from '../../../../shared/voters/generate';

describe('synchronous SHA-256', () => {
  it('gives the published digests (FIPS 180-4 examples)', () => {
    expect(sha256HexSync('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256HexSync('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexSync('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(sha256HexSync('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with WebCrypto on any text and any bytes, at every block boundary', async () => {
    for (const n of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129]) {
      const text = 'ң'.repeat(n);
      expect(sha256HexSync(text)).toBe(await sha256Hex(text));
      const bytes = new Uint8Array(n).map((_, i) => (i * 37) & 0xff);
      expect(sha256HexSync(bytes)).toBe(await sha256Hex(bytes));
    }
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ maxLength: 3000 })), async (text) => {
        expect(sha256HexSync(text)).toBe(await sha256Hex(text));
      }),
      { numRuns: 300 },
    );
  });

  it('fed in pieces, gives the digest of the whole text, wherever it is cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', maxLength: 200 }), { maxLength: 40 }), async (parts) => {
        const stream = new Sha256Stream();
        for (const p of parts) stream.text(p);
        expect(stream.hex()).toBe(await sha256Hex(parts.join('')));
      }),
      { numRuns: 200 },
    );
    // Pieces larger than the stream's buffer, and a total over many blocks.
    const big = ['ү'.repeat(70_000), 'x', 'ө'.repeat(40_000)];
    const stream = new Sha256Stream();
    for (const p of big) stream.text(p);
    expect(stream.hex()).toBe(await sha256Hex(big.join('')));
  });

  it("hashes a list's canonical JSON without making it: the same hash as sha256(canonicalJson(list))", async () => {
    const voters = generateVoters(3000, 5);
    expect(canonicalArraySha256(voters)).toBe(await sha256Hex(canonicalJson(voters)));
    expect(canonicalArraySha256([])).toBe(await sha256Hex(canonicalJson([])));
    const mixed = [{ b: 1, a: 'ң' }, undefined, null, 'x', [1, { z: undefined }]];
    expect(canonicalArraySha256(mixed)).toBe(await sha256Hex(canonicalJson(mixed)));
  });
});
