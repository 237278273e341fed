/**
 * The USB import's stream reader (center/src/usb-stream.ts): the same batches as the whole-file
 * reader however the body is cut into chunks, every malformed shape refused, and never more text
 * held at once than the header and one batch — whatever a hostile body holds.
 */
import { describe, expect, it } from 'vitest';
import { readUsbStream, type UsbStreamStats } from '../../../center/src/usb-stream';
import { MAX_USB_BATCHES, readUsbFile, USB_FILE_FORMAT, USB_FILE_VERSION } from '../../../shared/sync/usb-file';

const DEVICE = 'laptop-1';
const SIGNATURE = 'A'.repeat(86);
const LIMITS = { totalBytes: 64 * 1024 * 1024, partBytes: 8 * 1024 * 1024 };

/** A shape-valid signed batch (the reader checks shape; signatures are the center's business). */
function batch(fromSeq: number, events: number, note = 'Шайлоо «Ө» \\"}] {[ — ӊ'): Record<string, unknown> {
  return {
    deviceId: DEVICE, precinct: 9001, electionId: 'e-2017', fromSeq, signature: SIGNATURE,
    events: Array.from({ length: events }, (_, i) => ({ seq: fromSeq + i, type: 'CalendarItemMarked', payload: { item: 1, done: true, note: `${note} ${i}` } })),
  };
}

function file(batches: Record<string, unknown>[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { format: USB_FILE_FORMAT, formatVersion: USB_FILE_VERSION, exportedAt: '2017-10-16T02:00:00Z', deviceId: DEVICE, precinct: 9001, electionId: 'e-2017', batches, ...extra };
}

function* pieces(text: string, size: number): Generator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function* lazily(parts: () => Iterable<Buffer | string>): AsyncGenerator<Buffer | string> {
  for (const p of parts()) yield p;
}

const HEADER = { deviceId: DEVICE, precinct: 9001, electionId: 'e-2017' };

const read = (text: string, size = 1 << 20, limits = LIMITS, stats?: UsbStreamStats) => readUsbStream(lazily(() => pieces(text, size)), limits, stats);

describe('the USB import read as a stream', () => {
  it('gives the batches the whole-file reader gives, for chunks of any size (multi-byte characters split between them)', async () => {
    const body = file([batch(1, 3), batch(4, 2), batch(6, 1)]);
    const text = `\uFEFF  ${JSON.stringify(body, null, 1)}\n`;
    const expected = readUsbFile(body);
    expect(expected.ok).toBe(true);
    for (const size of [1, 2, 3, 5, 7, 64, 1000, text.length * 3]) {
      const got = await read(text, size);
      expect(got, `chunks of ${size}`).toEqual({ ok: true, value: { kind: 'file', ...(expected.ok ? expected.value : {}) } });
    }
  });

  it('reads a bare signed batch as one, and a file whose batches key is written with escapes', async () => {
    expect(await read(JSON.stringify(batch(1, 2)))).toEqual({ ok: true, value: { kind: 'batch', batch: batch(1, 2) } });
    const escaped = JSON.stringify(file([batch(1, 2)])).replace('"batches"', '"b\\u0061tches"');
    expect(await read(escaped)).toEqual({ ok: true, value: { kind: 'file', batches: [batch(1, 2)], header: HEADER } });
  });

  it('refuses every malformed body, naming the part', async () => {
    const good = JSON.stringify(file([batch(1, 1), batch(2, 1)]));
    const cases: [string, string, string][] = [
      [`${good} x`, 'not-json', 'body'],
      [good.slice(0, -1), 'not-json', 'body'],
      [good.slice(0, 40), 'not-json', 'body'],
      ['', 'not-json', 'body'],
      [`[${good}]`, 'not-a-usb-file', 'body'],
      [good.replace('"batches":[', '"batches":[7,'), 'malformed', 'batch 1'],
      [good.replace('"batches":[', '"batches":[{"deviceId":1},'), 'malformed', 'batch 1'],
      [good.replace(/\]\}$/u, ',]}'), 'malformed', 'batch 3'],
      [good.replace('},{"deviceId"', '}{"deviceId"'), 'malformed', 'batch 2'],
      [good.replace('"batches":[', '"batches":[{"a":}, '), 'not-json', 'batch 1'],
      [JSON.stringify(file([])), 'malformed', 'header'],
      [JSON.stringify(file([batch(1, 1)], { formatVersion: 9 })), 'unsupported-version', 'header'],
      [JSON.stringify(file([batch(1, 1)], { format: 'other' })), 'not-a-usb-file', 'header'],
      [JSON.stringify(file([batch(1, 1)], { extra: 1 })), 'malformed', 'header'],
      [JSON.stringify(file([{ ...batch(1, 1), deviceId: 'other' }])), 'mixed-devices', 'header'],
      [JSON.stringify(file([batch(1, 1), { ...batch(2, 1), deviceId: 'other' }])), 'mixed-devices', 'header'],
      [JSON.stringify({ ...batch(1, 1), extra: true }), 'malformed', 'batch 1'],
    ];
    for (const [text, code, detail] of cases) expect(await read(text, 5), text.slice(0, 80)).toEqual({ ok: false, error: { code, detail } });
    const tooMany = JSON.stringify(file(Array.from({ length: MAX_USB_BATCHES + 1 }, (_, i) => batch(i + 1, 0))));
    expect(await read(tooMany)).toEqual({ ok: false, error: { code: 'malformed', detail: `batch ${MAX_USB_BATCHES + 1}` } });
  });

  it('a header naming another election or precinct than its batches is not "mixed devices": it is passed on with the batches for the center to refuse for that reason', async () => {
    for (const other of [{ electionId: 'e-2021' }, { precinct: 9002 }]) {
      const body = file([batch(1, 2), batch(3, 1)], other);
      const expected = { ok: true, value: { kind: 'file', batches: [batch(1, 2), batch(3, 1)], header: { ...HEADER, ...other } } };
      expect(await read(JSON.stringify(body), 7)).toEqual(expected);
      expect(readUsbFile(body)).toEqual({ ok: true, value: { batches: expected.value.batches, header: expected.value.header } });
    }
  });

  it('refuses past its limits: the whole body, the header, one batch', async () => {
    const small = { totalBytes: 4096, partBytes: 1024 };
    expect(await read(JSON.stringify(file([batch(1, 40)])), 100, small)).toEqual({ ok: false, error: { code: 'too-large', detail: 'batch 1' } });
    expect(await read(JSON.stringify(file([batch(1, 1)], { pad: 'x'.repeat(2000) })), 100, small)).toEqual({ ok: false, error: { code: 'too-large', detail: 'header' } });
    const many = JSON.stringify(file(Array.from({ length: 30 }, (_, i) => batch(i + 1, 0))));
    expect(await read(many, 100, small)).toEqual({ ok: false, error: { code: 'too-large', detail: 'body' } });
    expect((await read(many, 100, { ...small, totalBytes: many.length })).ok).toBe(true);
  });

  it('holds at most the header and one batch of a valid file, and almost nothing of a hostile body', async () => {
    const batches = Array.from({ length: 60 }, (_, i) => batch(i * 20 + 1, 20));
    const text = JSON.stringify(file(batches));
    const one = JSON.stringify(batches[0]).length;
    const stats: UsbStreamStats = { bytes: 0, maxHeld: 0 };
    expect((await read(text, 4096, LIMITS, stats)).ok).toBe(true);
    expect(stats.bytes).toBe(Buffer.byteLength(text));
    expect(stats.maxHeld).toBeLessThan(one + 1024);
    expect(stats.maxHeld * 30).toBeLessThan(text.length);

    // 60 MB of one string in the header: refused at 8 MB, holding no more.
    const megabyte = Buffer.alloc(1 << 20, 0x78);
    const hostile: UsbStreamStats = { bytes: 0, maxHeld: 0 };
    const refused = await readUsbStream(lazily(function* () {
      yield `{"format":"${USB_FILE_FORMAT}","pad":"`;
      for (let i = 0; i < 60; i += 1) yield megabyte;
    }), LIMITS, hostile);
    expect(refused).toEqual({ ok: false, error: { code: 'too-large', detail: 'header' } });
    expect(hostile.maxHeld).toBeLessThanOrEqual(LIMITS.partBytes);
    expect(hostile.bytes).toBeLessThanOrEqual(LIMITS.partBytes + megabyte.length);

    // 70 MB of whitespace between batches: nothing kept, refused at the 64 MB ceiling.
    const spaces = Buffer.alloc(1 << 20, 0x20);
    const blank: UsbStreamStats = { bytes: 0, maxHeld: 0 };
    const cut = await readUsbStream(lazily(function* () {
      yield JSON.stringify(file([batch(1, 1)])).replace(/\]\}$/u, ',');
      for (let i = 0; i < 70; i += 1) yield spaces;
    }), LIMITS, blank);
    expect(cut).toEqual({ ok: false, error: { code: 'too-large', detail: 'body' } });
    expect(blank.maxHeld).toBeLessThan(2048);
    expect(blank.bytes).toBeLessThanOrEqual(LIMITS.totalBytes + spaces.length);
  });
});
