/**
 * The file decoded piece by piece (issue 19, memory: the text is never whole) answers exactly as the
 * whole decode: the same text (the pieces joined), encoding, warnings with counts and samples, or
 * problem — wherever the bytes are cut (inside a UTF-8 or UTF-16 character, a '?' at a piece's end,
 * a sample across pieces), for UTF-8, UTF-8 with BOM, Windows-1251 and UTF-16.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeVoterFile, decodeVoterFileInPieces, type EncodingOverride } from '../../../../shared/voters/decode';
import { encodeWindows1251, utf8, withBom } from './cp1251';

function inPieces(bytes: Uint8Array, override: EncodingOverride | undefined, pieceBytes: number) {
  const pieces: string[] = [];
  const r = decodeVoterFileInPieces(bytes, override, (p) => pieces.push(p), pieceBytes);
  if (!r.ok) return r;
  return { ok: true as const, value: { text: pieces.join(''), ...r.value } };
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i += 1) {
    out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return out;
}

const word = fc.constantFrom('Үсөнов', '?с?нов', 'Асанов', 'Бакыт', 'ң?', '?', '??', ' ? ', 'a?b', 'РђСЃ', 'Ð°Ð±', 'Àñàíîâ', 'п»ї', '\ufffd', 'x\ufffdy', '\u0001', '\u0007', ';', ',', '\t', '"', '\r\n', '\n', ' ', '1980', 'Ёё№', '😀', '<html>', '<?xml', 'MIME-Version:', ' \u00a0 ');
const text = fc.array(word, { maxLength: 60 }).map((w) => w.join(''));

describe('decodeVoterFileInPieces', () => {
  it('answers as decodeVoterFile on the whole bytes, for every encoding and wherever the bytes are cut (fast-check)', () => {
    fc.assert(
      fc.property(
        text,
        fc.constantFrom('utf-8', 'utf-8-bom', 'windows-1251', 'utf-16le'),
        fc.constantFrom(undefined, 'utf-8', 'windows-1251'),
        fc.integer({ min: 1, max: 40 }),
        (t, as, override, pieceBytes) => {
          const bytes = as === 'utf-8' ? utf8(t) : as === 'utf-8-bom' ? withBom(utf8(t)) : as === 'utf-16le' ? utf16le(t) : encodeWindows1251(t);
          expect(inPieces(bytes, override as EncodingOverride | undefined, pieceBytes)).toEqual(decodeVoterFile(bytes, override as EncodingOverride | undefined));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('counts the lost letters and samples them across pieces in a long file, as the whole decode', () => {
    const line = (i: number) => `${i};?с?нов;Бакыт ${i % 7 === 0 ? '?' : ''};\ufffd;01.02.1960\r\n`;
    const t = `${'Барак;Аты\r\n'}${Array.from({ length: 30_000 }, (_, i) => line(i)).join('')}`;
    for (const bytes of [encodeWindows1251(t), utf8(t)]) {
      const whole = decodeVoterFile(bytes);
      for (const size of [1 << 20, 4096, 333]) expect(inPieces(bytes, undefined, size)).toEqual(whole);
    }
  });
});
