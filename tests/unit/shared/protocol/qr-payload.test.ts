import { describe, expect, it } from 'vitest';
import {
  crc32Hex, decodeQrChunks, DEFAULT_MAX_CHUNK_LENGTH, encodeQrChunks, parsePayloadText, payloadText, valuesFromPayload, valuesInFormOrder,
  type QrProtocolPayload,
} from '../../../../shared/protocol/qr-payload';
import { builtinForm, candidate, goodValues } from './helpers';

const form = builtinForm();
const payload = (over: Partial<QrProtocolPayload> = {}): QrProtocolPayload => ({
  electionId: 'kg-pres-2017', precinct: 9001, formId: form.id, formVersion: 1, protocolVersion: 1, mark: 'original',
  values: valuesInFormOrder(form, goodValues()), hash: 'ab'.repeat(32), signature: 'MEUCIQ-_x', ...over,
});

/** A big protocol: 60 candidates, values up to a million, a long signature. */
function bigPayload(): QrProtocolPayload {
  const cands = Array.from({ length: 60 }, (_, i) => candidate(`cand-${i + 1}`, i + 1, `S${i}`));
  const big = builtinForm(true, cands);
  return payload({ formId: big.id, values: big.lines.map((_, i) => 1_000_000 - i * 7), signature: 'A'.repeat(600) });
}

function shuffle<T>(xs: T[]): T[] {
  const out = [...xs];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i -= 1) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('QR payload', () => {
  it('CRC-32 is the standard IEEE one', () => {
    expect(crc32Hex('123456789')).toBe('CBF43926');
    expect(crc32Hex('')).toBe('00000000');
  });

  it('encodes a small protocol as one chunk and decodes it back', () => {
    const p = payload();
    const text = payloadText(p);
    expect(text).toBe(`PD1|kg-pres-2017|9001|kg-2017-presidential-pec|1|1|O|1000,1001,600,40,640,355,6,40,600,10,630,300,200,100,30|${'ab'.repeat(32)}|MEUCIQ-_x`);
    const chunks = encodeQrChunks(p);
    expect(chunks).toEqual([`PDQ1:${crc32Hex(text)}:1/1:${text}`]);
    expect(decodeQrChunks(chunks)).toEqual({ ok: true, value: { payload: p, total: 1, ignoredDuplicates: [] } });
    expect(valuesFromPayload(form, p)).toEqual({ ok: true, value: goodValues() });
  });

  it('splits a long payload into chunks within the limit and reassembles them in any order', () => {
    const p = bigPayload();
    const chunks = encodeQrChunks(p);
    expect(chunks.length).toBeGreaterThan(1);
    chunks.forEach((c, i) => {
      expect(c.length).toBeLessThanOrEqual(DEFAULT_MAX_CHUNK_LENGTH);
      expect(c).toMatch(new RegExp(`^PDQ1:[0-9A-F]{8}:${i + 1}/${chunks.length}:`, 'u'));
    });
    const decoded = decodeQrChunks(shuffle(chunks));
    expect(decoded.ok && decoded.value.payload).toEqual(p);
    for (const max of [40, 100, 333]) {
      const small = encodeQrChunks(p, max);
      expect(small.every((c) => c.length <= max && c.length > 20)).toBe(true);
      expect(decodeQrChunks(shuffle(small))).toMatchObject({ ok: true, value: { payload: p, total: small.length } });
    }
    expect(() => encodeQrChunks(p, 20)).toThrow(RangeError);
  });

  it('detects missing, conflicting, foreign and malformed chunks; ignores identical rescans', () => {
    const chunks = encodeQrChunks(bigPayload(), 200);
    const n = chunks.length;
    expect(decodeQrChunks([chunks[0]!, chunks[2]!])).toEqual({
      ok: false, error: Array.from({ length: n }, (_, i) => i + 1).filter((s) => s !== 1 && s !== 3).map((seq) => ({ code: 'missing-chunk', seq, total: n })),
    });
    const twice = decodeQrChunks([...chunks, chunks[1]!, chunks[1]!]);
    expect(twice.ok && twice.value.ignoredDuplicates).toEqual([2, 2]);
    const conflict = decodeQrChunks([...chunks, chunks[1]!.slice(0, -1) + (chunks[1]!.endsWith('Z') ? 'Y' : 'Z')]);
    expect(conflict).toEqual({ ok: false, error: [{ code: 'duplicate-chunk', seq: 2 }] });

    const foreign = encodeQrChunks(payload({ precinct: 9002 }), 200)[0]!;
    const withForeign = decodeQrChunks([...chunks, foreign]);
    expect(withForeign.ok).toBe(false);
    if (!withForeign.ok) expect(withForeign.error).toEqual([{ code: 'foreign-chunk', index: n, set: foreign.split(':')[1], expected: chunks[0]!.split(':')[1] }]);

    expect(decodeQrChunks([])).toEqual({ ok: false, error: [{ code: 'no-chunks' }] });
    expect(decodeQrChunks(['hello', 'PDQ2:00000000:1/1:x'])).toEqual({ ok: false, error: [{ code: 'not-a-chunk', index: 0 }, { code: 'unsupported-version', index: 1 }] });
    expect(decodeQrChunks(['PDQ1:00000000:3/2:x'])).toEqual({ ok: false, error: [{ code: 'not-a-chunk', index: 0 }] });
    const crc = chunks[0]!.split(':')[1];
    const wrongTotal = decodeQrChunks([...chunks, `PDQ1:${crc}:1/${n + 1}:x`]);
    expect(wrongTotal).toEqual({ ok: false, error: [{ code: 'total-mismatch', index: n, total: n + 1, expected: n }] });
  });

  it('detects a checksum mismatch when a chunk was altered but kept its header', () => {
    const chunks = encodeQrChunks(payload(), 60);
    const i = 1;
    const altered = chunks[i]!.slice(0, -1) + (chunks[i]!.endsWith('1') ? '2' : '1');
    const r = decodeQrChunks(chunks.map((c, k) => (k === i ? altered : c)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]).toMatchObject({ code: 'checksum-mismatch', expected: chunks[0]!.split(':')[1] });
  });

  it('refuses malformed payload text field by field', () => {
    const good = payloadText(payload());
    const withField = (i: number, v: string) => good.split('|').map((f, k) => (k === i ? v : f)).join('|');
    const cases: [number, string, string][] = [
      [0, 'PD9', 'format'], [1, 'a|b', 'format'], [1, 'bad id', 'electionId'], [2, '0', 'precinct'], [2, '1e3', 'precinct'],
      [3, '', 'formId'], [4, '0', 'formVersion'], [5, '1001', 'protocolVersion'], [6, 'X', 'mark'], [6, 'constructor', 'mark'], [6, '__proto__', 'mark'], [6, 'toString', 'mark'], [7, '1,,2', 'values'],
      [7, '1,-2', 'values'], [8, 'AB'.repeat(32), 'hash'], [9, 'a+b', 'signature'],
    ];
    for (const [i, v, field] of cases) expect(parsePayloadText(withField(i, v)), `${i} ${v}`).toEqual({ ok: false, error: [{ code: 'malformed-payload', field }] });
    expect(parsePayloadText(good).ok).toBe(true);
    expect(parsePayloadText(withField(9, '')).ok).toBe(true);
  });

  it('refuses to encode what it could not decode', () => {
    expect(() => payloadText(payload({ electionId: 'a|b' }))).toThrow(RangeError);
    expect(() => payloadText(payload({ values: [1, -1] }))).toThrow(RangeError);
    expect(() => payloadText(payload({ values: [] }))).toThrow(RangeError);
    expect(() => payloadText(payload({ hash: 'x' }))).toThrow(RangeError);
    expect(() => payloadText(payload({ signature: 'a/b' }))).toThrow(RangeError);
  });

  it('checks the payload against the form in use', () => {
    expect(valuesFromPayload(form, payload({ formVersion: 2 }))).toEqual({ ok: false, error: [{ code: 'form-mismatch', formId: form.id, formVersion: 2 }] });
    expect(valuesFromPayload(form, payload({ values: [1, 2] }))).toEqual({ ok: false, error: [{ code: 'line-count-mismatch', lines: 15, values: 2 }] });
    expect(() => valuesInFormOrder(form, { A: 1 })).toThrow(RangeError);
  });
});
