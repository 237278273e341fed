/**
 * Issue 15: the USB import route reads its body as a stream, on PGlite and PostgreSQL over a real
 * socket. A valid file sent in small chunks imports; a body past the ceiling — declared or streamed
 * without a length — is refused with 413 and stores nothing; one batch larger than a push may be is
 * refused at that batch; a hostile body is cut at the ceiling, and a huge header after 8 MB (the
 * center holds at most one part's text at a time: tests/unit/center/usb-stream.test.ts).
 */
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Center } from '../../../center/src/center';
import { MAX_USB_BYTES, USB_FILE_FORMAT, USB_FILE_VERSION } from '../../../shared/sync/usb-file';
import type { SignedBatch } from '../../../shared/sync';
import { ADMIN_TOKEN, adminHeaders, BACKENDS, enrolledDevice, server, storedEvents, testBundle, type TestDevice } from './harness';

/** The answer in `received` once it is whole (headers and a content-length body), else null. */
function answerIn(received: Buffer[]): { status: number; body: Record<string, unknown> } | null {
  const bytes = Buffer.concat(received);
  const split = bytes.indexOf('\r\n\r\n');
  if (split < 0) return null;
  const head = bytes.subarray(0, split).toString('latin1');
  const length = Number(/\r\ncontent-length: *(\d+)/iu.exec(head)?.[1] ?? NaN);
  const body = bytes.subarray(split + 4);
  if (!(body.length >= length)) return null;
  return { status: Number(/^HTTP\/1\.1 (\d{3})/u.exec(head)?.[1] ?? 0), body: JSON.parse(body.subarray(0, length).toString('utf8')) as Record<string, unknown> };
}

/**
 * Sends `parts` over a plain socket, one chunk each (chunked, unless `contentLength` is declared),
 * and reads the center's answer. The center may answer before the whole body is sent: sending stops
 * as soon as an answer is whole.
 */
async function post(url: string, parts: Iterable<Buffer | string>, contentLength?: number): Promise<{ status: number; body: Record<string, unknown> }> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  const received: Buffer[] = [];
  let answer: ReturnType<typeof answerIn> = null;
  const answered = new Promise<void>((resolve, reject) => {
    socket.on('data', (d: Buffer) => {
      received.push(d);
      answer = answerIn(received);
      if (answer) resolve();
    });
    socket.on('close', () => (answer ? resolve() : reject(new Error(`connection closed without a whole answer: ${Buffer.concat(received).toString('utf8')}`))));
  });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const length = contentLength === undefined ? 'transfer-encoding: chunked' : `content-length: ${contentLength}`;
  socket.write(`POST /api/admin/import-batch HTTP/1.1\r\nhost: ${hostname}\r\nauthorization: Bearer ${ADMIN_TOKEN}\r\ncontent-type: application/json\r\n${length}\r\n\r\n`);
  const over = answered.catch(() => undefined);
  const send = async (...data: (Buffer | string)[]) => {
    let room = true;
    for (const d of data) room = socket.write(d);
    if (!room) await Promise.race([new Promise<void>((r) => socket.once('drain', () => r())), over]);
  };
  for (const part of parts) {
    if (answer || socket.destroyed) break;
    const bytes = typeof part === 'string' ? Buffer.from(part) : part;
    await (contentLength === undefined ? send(`${bytes.length.toString(16)}\r\n`, bytes, '\r\n') : send(bytes));
  }
  if (!answer && !socket.destroyed && contentLength === undefined) socket.write('0\r\n\r\n');
  try {
    await answered;
  } finally {
    socket.destroy();
  }
  return answer!;
}

function usbFile(device: TestDevice, batches: SignedBatch[]): string {
  return JSON.stringify({
    format: USB_FILE_FORMAT, formatVersion: USB_FILE_VERSION, exportedAt: '2017-10-16T02:00:00Z',
    deviceId: device.deviceId, precinct: device.precinct, electionId: device.electionId, batches,
  });
}

/** The UTF-8 bytes of `text` in pieces of `size` (a multi-byte character may be split between two). */
function* chunksOf(text: string, size: number): Generator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe.each(BACKENDS)('USB import read as a stream on $name', (backend) => {
  let center: Center;
  let app: FastifyInstance;
  let small: FastifyInstance;
  let url: string;
  let smallUrl: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ center, cleanup } = await backend.open());
    app = server(center);
    expect((await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: await testBundle() })).statusCode).toBe(200);
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    // The same center with a 16 KB ceiling and 4 KB per batch, to cross them with small files.
    small = server(center, { usbBodyLimit: 16 * 1024, bodyLimit: 4 * 1024 });
    smallUrl = await small.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await small.close();
    await app.close();
    await cleanup();
  });

  it('imports a valid file sent in small chunks, and refuses a body past the ceiling with 413, storing nothing', async () => {
    const d = await enrolledDevice(app, 9051, 'usb-stream');
    await d.appendMarks(29);
    await d.append('CalendarItemMarked', { item: 2, done: true, note: 'Шайлоо комиссиясынын мүчөсү «Ө» — ӊ'.repeat(10) });
    const batches = [await d.batch(1, 10), await d.batch(11, 20), await d.batch(21, 30)];
    const file = usbFile(d, batches);
    expect(Buffer.byteLength(file)).toBeGreaterThan(16 * 1024);

    // Past the 16 KB ceiling, streamed without a length: refused, nothing of it stored.
    const streamed = await post(smallUrl, chunksOf(file, 1000));
    expect(streamed).toMatchObject({ status: 413, body: { error: 'body-too-large' } });
    // Declared too large: refused before the body is read (only its first bytes are ever sent).
    const declared = await post(smallUrl, chunksOf(file.slice(0, 100), 100), Buffer.byteLength(file));
    expect(declared).toMatchObject({ status: 413, body: { error: 'body-too-large' } });
    expect(await storedEvents(center, d.deviceId)).toEqual([]);

    // The same file under the default ceiling, in 701-byte chunks (the Kyrgyz note's characters split among them).
    const answer = await post(url, chunksOf(file, 701));
    expect(answer).toEqual({ status: 200, body: { ackSeq: 30, stored: 30, batches: 3 } });
    expect((await storedEvents(center, d.deviceId)).map((r) => r.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // A bare signed batch still imports like a push.
    await d.append('CalendarItemMarked', { item: 4, done: true, note: 'Шайлоо комиссиясы' });
    expect(await post(url, [JSON.stringify(await d.batch(31, 31))])).toEqual({ status: 200, body: { ackSeq: 31, stored: 1 } });
  });

  it('refuses one batch larger than a push may carry at that batch, and a shapeless batch, storing nothing', async () => {
    const d = await enrolledDevice(app, 9044, 'usb-big-batch');
    await d.appendMarks(23);
    const file = usbFile(d, [await d.batch(1, 3), await d.batch(4, 23)]);
    expect(file.length).toBeLessThan(16 * 1024);
    const big = await post(smallUrl, chunksOf(file, 512));
    expect(big).toMatchObject({ status: 413, body: { error: 'body-too-large', detail: expect.stringMatching(/^batch 2: at most 4096 bytes$/u) } });
    const shapeless = file.replace('"batches":[', '"batches":[{"deviceId":1},');
    expect(await post(url, [shapeless])).toMatchObject({ status: 400, body: { error: 'malformed', detail: 'batch 1: malformed' } });
    expect(await post(url, [file.slice(0, -1)])).toMatchObject({ status: 400, body: { error: 'malformed', detail: 'body: not-json' } });
    expect(await storedEvents(center, d.deviceId)).toEqual([]);
  });

  it('a hostile 70 MB body is cut at the 64 MB ceiling; a 60 MB header is refused after its first 8 MB', async () => {
    const d = await enrolledDevice(app, 9045, 'usb-hostile');
    // A well-formed start, then whitespace between batches for ever: nothing to keep, nothing to refuse — until the ceiling.
    const head = usbFile(d, []).replace('"batches":[]}', '"batches":[');
    const megabyte = Buffer.alloc(1024 * 1024, 0x20);
    const spaces = await post(url, (function* () {
      yield head;
      for (let i = 0; i < 70; i += 1) yield megabyte;
    })());
    expect(spaces).toMatchObject({ status: 413, body: { error: 'body-too-large', detail: `at most ${MAX_USB_BYTES} bytes` } });

    // One 60 MB string in the file's header (under the ceiling): the whole-body reader took all of
    // it and parsed it; the stream stops at 8 MB (what one push may carry) and answers at once.
    const letters = Buffer.alloc(1024 * 1024, 0x78);
    let sent = 0;
    const pad = await post(url, (function* () {
      yield `{"format":"${USB_FILE_FORMAT}","pad":"`;
      for (let i = 0; i < 60; i += 1) {
        sent += letters.length;
        yield letters;
      }
      yield '"}';
    })());
    expect(pad).toMatchObject({ status: 413, body: { error: 'body-too-large', detail: `header: at most ${8 * 1024 * 1024} bytes` } });
    // How much the client had sent when the answer reached it depends on the machine's load (the
    // refused rest is read and dropped, never held); what the center holds is bounded by 8 MB in the
    // reader's own test (usb-stream.test.ts). Here: answered with the header's limit, nothing stored.
    expect(sent).toBeGreaterThan(8 * 1024 * 1024);
    expect(await storedEvents(center, d.deviceId)).toEqual([]);
  });
});
