/**
 * The USB import read as a stream (`POST /api/admin/import-batch`): the body is never held whole.
 * A scanner walks the JSON text as it arrives; each element of the file's `batches` array is cut
 * out, parsed and checked for shape on its own (then only its parsed form is kept), and the rest of
 * the file — its few header fields — is kept as a small text parsed at the end. The whole body may
 * be at most `totalBytes`; the header, a bare signed batch and any one batch at most `partBytes`
 * (what one push may carry). Past either, reading stops and the import is refused (`too-large`);
 * a batch of the wrong shape stops it at that batch (`malformed`). Signatures and chains are
 * checked afterwards by `Center.importUsb`, before anything is stored.
 */
import { StringDecoder } from 'node:string_decoder';
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/util/result';
import { MAX_USB_BATCHES, USB_FILE_FORMAT, USB_FILE_VERSION, usbFileSchema, usbHeaderOf, type UsbContents, type UsbFileProblem } from '../../shared/sync/usb-file';
import { signedBatchSchema, type SignedBatch } from '../../shared/sync/wire';

export type UsbStreamProblem = UsbFileProblem | 'too-large';
export interface UsbStreamRefusal {
  code: UsbStreamProblem;
  /** Which part: 'body', 'header' or 'batch N'. */
  detail: string;
}
/**
 * A USB file's batches with its header (held against the signed batches by `Center.importUsb`), or
 * one bare signed batch (older exports; answered like a push).
 */
export type UsbImport = ({ kind: 'file' } & UsbContents) | { kind: 'batch'; batch: SignedBatch };

export interface UsbStreamLimits {
  /** The whole body. */
  totalBytes: number;
  /** The header text, a bare batch, any one batch. */
  partBytes: number;
}

/** What a read held at most at once (text kept for parsing, in UTF-16 code units): for tests. */
export interface UsbStreamStats {
  bytes: number;
  maxHeld: number;
}

/** The file's fields with its batches cut out (`"batches":[]` is what remains of them). */
const headerSchema = usbFileSchema.omit({ batches: true }).extend({ batches: z.array(z.unknown()).max(0) });

class Refused extends Error {
  constructor(readonly refusal: UsbStreamRefusal) {
    super(refusal.code);
  }
}
function refuse(code: UsbStreamProblem, detail: string): never {
  throw new Refused({ code, detail });
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Where the scanner is: in the file's top-level text (`header`), between elements of its
 * `batches` array (`list`, `expectElement` after `[` or `,`), or inside one element (`batch`).
 */
type Mode = 'header' | 'list' | 'batch';

class UsbScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private mode: Mode = 'header';
  private started = false;
  /** The top-level object has closed: only whitespace may follow. */
  private closed = false;
  private expectElement = true;
  private afterComma = false;
  private sawBatches = false;
  /** The text of the string being read at depth 1 (its first characters): the key before a value. */
  private key: string | null = null;
  private lastKey = '';
  private header: string[] = [];
  private headerLength = 0;
  private element: string[] = [];
  private elementLength = 0;
  readonly batches: SignedBatch[] = [];
  maxHeld = 0;

  constructor(private readonly partBytes: number) {}

  /** Reads a chunk of text; throws `Refused`. */
  write(text: string): void {
    let from = 0;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if (!this.started) {
        if (isSpace(c) || (c === 0xfeff && i === 0)) {
          from = i + 1;
          continue;
        }
        if (c !== OPEN_OBJECT) refuse('not-a-usb-file', 'body');
        this.started = true;
      }
      if (this.closed) {
        if (isSpace(c)) continue;
        refuse('not-json', 'body');
      }
      if (this.mode === 'list') {
        if (isSpace(c)) continue;
        if (c === OPEN_OBJECT && this.expectElement) {
          this.mode = 'batch';
          this.depth += 1;
          from = i;
          continue;
        }
        if (c === COMMA && !this.expectElement) {
          this.expectElement = true;
          this.afterComma = true;
          continue;
        }
        if (c === CLOSE_ARRAY && !this.afterComma) {
          this.mode = 'header';
          this.depth -= 1;
          from = i;
          continue;
        }
        refuse('malformed', `batch ${this.batches.length + 1}`);
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.key !== null) {
            this.lastKey = this.key;
            this.key = null;
          }
        } else if (this.key !== null && this.key.length < 16) this.key += text[i];
        continue;
      }
      if (c === QUOTE) {
        this.inString = true;
        this.key = this.mode === 'header' && this.depth === 1 ? '' : null;
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (c === OPEN_ARRAY && this.mode === 'header' && this.depth === 1 && this.lastKey === 'batches' && !this.sawBatches) {
          // The batches array: its `[` stays in the header text, its elements are cut out.
          this.keepHeader(text, from, i + 1);
          this.sawBatches = true;
          this.mode = 'list';
          this.expectElement = true;
          this.afterComma = false;
          this.depth += 1;
          from = i + 1;
          continue;
        }
        this.depth += 1;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        this.depth -= 1;
        if (this.depth === 0) {
          // The end of the file's object: kept, and nothing but whitespace after it.
          this.keepHeader(text, from, i + 1);
          this.closed = true;
          from = text.length;
          continue;
        }
        if (this.mode === 'batch' && this.depth === 2) {
          this.keepElement(text, from, i + 1);
          this.finishElement();
          this.mode = 'list';
          this.expectElement = false;
          this.afterComma = false;
          from = i + 1;
        }
      }
    }
    if (this.mode === 'header' && !this.closed) this.keepHeader(text, from, text.length);
    else if (this.mode === 'batch') this.keepElement(text, from, text.length);
  }

  private keepHeader(text: string, from: number, to: number): void {
    if (to <= from) return;
    this.headerLength += to - from;
    if (this.headerLength > this.partBytes) refuse('too-large', 'header');
    this.header.push(text.slice(from, to));
    this.held();
  }

  private keepElement(text: string, from: number, to: number): void {
    if (to <= from) return;
    this.elementLength += to - from;
    if (this.elementLength > this.partBytes) refuse('too-large', `batch ${this.batches.length + 1}`);
    this.element.push(text.slice(from, to));
    this.held();
  }

  private held(): void {
    this.maxHeld = Math.max(this.maxHeld, this.headerLength + this.elementLength);
  }

  private finishElement(): void {
    const where = `batch ${this.batches.length + 1}`;
    if (this.batches.length >= MAX_USB_BATCHES) refuse('malformed', where);
    let json: unknown;
    try {
      json = JSON.parse(this.element.join(''));
    } catch {
      refuse('not-json', where);
    }
    this.element = [];
    this.elementLength = 0;
    const parsed = signedBatchSchema.safeParse(json);
    if (!parsed.success) refuse('malformed', where);
    this.batches.push(parsed.data);
  }

  /** The end of the body: the header parsed and checked against the batches. */
  end(): UsbImport {
    if (!this.closed) refuse('not-json', 'body');
    let json: unknown;
    try {
      json = JSON.parse(this.header.join(''));
    } catch {
      refuse('not-json', 'body');
    }
    this.header = [];
    const o = json as Record<string, unknown>;
    if (this.batches.length === 0) {
      // No batches cut out: a bare signed batch, or a file whose `batches` key was written with
      // escapes (parsed whole; it fitted in `partBytes`).
      if (o.format === undefined && 'signature' in o) {
        const single = signedBatchSchema.safeParse(json);
        return single.success ? { kind: 'batch', batch: single.data } : refuse('malformed', 'batch 1');
      }
      return { kind: 'file', ...checkHeader(o, null) };
    }
    return { kind: 'file', ...checkHeader(o, this.batches) };
  }
}

/**
 * The header checked for shape, and that every batch is its laptop's (else `mixed-devices`). Its
 * election and precinct are held against the signed batches by the center, which refuses a file
 * naming others for that reason and records it as an incident of the laptop.
 */
function checkHeader(o: Record<string, unknown>, batches: SignedBatch[] | null): UsbContents {
  if (o.format !== USB_FILE_FORMAT) refuse('not-a-usb-file', 'header');
  if (o.formatVersion !== USB_FILE_VERSION) refuse('unsupported-version', 'header');
  let list: SignedBatch[];
  let header: { deviceId: string; precinct: number; electionId: string };
  if (batches === null) {
    const whole = usbFileSchema.safeParse(o);
    if (!whole.success) return refuse('malformed', 'header');
    ({ batches: list, ...header } = whole.data);
  } else {
    const parsed = headerSchema.safeParse(o);
    if (!parsed.success) return refuse('malformed', 'header');
    header = parsed.data;
    list = batches;
  }
  if (list.length === 0) refuse('malformed', 'header');
  if (list.some((b) => b.deviceId !== header.deviceId)) refuse('mixed-devices', 'header');
  return { batches: list, header: usbHeaderOf(header) };
}

/**
 * Reads a USB import from `source` (the request's body) within `limits`. On a refusal the rest of
 * the source is not read here (the caller drains or drops it).
 */
export async function readUsbStream(source: AsyncIterable<Buffer | string>, limits: UsbStreamLimits, stats?: UsbStreamStats): Promise<Result<UsbImport, UsbStreamRefusal>> {
  const scanner = new UsbScanner(limits.partBytes);
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  try {
    for await (const chunk of source) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buffer.length;
      if (stats) stats.bytes = bytes;
      if (bytes > limits.totalBytes) refuse('too-large', 'body');
      scanner.write(decoder.write(buffer));
      if (stats) stats.maxHeld = scanner.maxHeld;
    }
    scanner.write(decoder.end());
    return ok(scanner.end());
  } catch (e) {
    if (e instanceof Refused) return err(e.refusal);
    throw e;
  } finally {
    if (stats) stats.maxHeld = scanner.maxHeld;
  }
}
