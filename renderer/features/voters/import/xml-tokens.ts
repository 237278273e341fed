/**
 * A small streaming XML tokenizer for the parts of an XLSX workbook: text is written to it chunk by
 * chunk (a chunk may end anywhere: inside a tag, an attribute, an entity), and it calls back for each
 * element opened (its local name — a prefix such as `x:` is dropped — and its attributes, decoded),
 * closed, and each run of text between tags (raw: `decodeText` decodes it). Comments, processing
 * instructions and the DOCTYPE are skipped; CDATA is text. Not a validating parser, but elements must
 * nest (a close that does not match the last open element, or one left open at the end, throws: a
 * part mangled by its writer is refused, not read into other cells); stray '&' stays as written.
 */

export interface XmlHandler {
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw text (entities not decoded, line ends as written); CDATA comes already decoded (`cdata`). */
  text(raw: string, cdata: boolean): void;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML entities (named and numeric) decoded; line ends normalised to \n as an XML parser does. */
export function decodeText(raw: string): string {
  let s = raw.includes('\r') ? raw.replace(/\r\n?/gu, '\n') : raw;
  if (!s.includes('&')) return s;
  s = s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/gu, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body] ?? whole;
  });
  return s;
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** The attributes of a tag's body after its name: name="value" or name='value', spaces around '='. */
function parseAttrs(body: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const n = body.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(body.charCodeAt(i))) i += 1;
    const nameStart = i;
    while (i < n) {
      const c = body.charCodeAt(i);
      if (c === 0x3d /* = */ || isSpace(c) || c === 0x2f /* / */) break;
      i += 1;
    }
    const name = body.slice(nameStart, i);
    while (i < n && isSpace(body.charCodeAt(i))) i += 1;
    if (i >= n || body.charCodeAt(i) !== 0x3d) {
      // Not name=value (a stray word or slash): skipped.
      i = Math.max(i, nameStart + 1);
      continue;
    }
    i += 1;
    while (i < n && isSpace(body.charCodeAt(i))) i += 1;
    const q = body.charCodeAt(i);
    if (q !== 0x22 && q !== 0x27) continue;
    const close = body.indexOf(q === 0x22 ? '"' : "'", i + 1);
    if (close < 0) break;
    const raw = body.slice(i + 1, close);
    i = close + 1;
    if (name === '') continue;
    // Attribute values: whitespace characters become spaces (XML's attribute normalisation).
    attrs[name] = decodeText(/[\t\n\r]/u.test(raw) ? raw.replace(/\r\n|[\t\n\r]/gu, ' ') : raw);
  }
  return attrs;
}

/** The end of the tag that starts at `from` ('<'), quotes respected; -1 when it is not all here yet. */
function tagEnd(buf: string, from: number): number {
  // Only the tag itself is scanned (a search for a quote could run to the buffer's end at every tag).
  let quote = 0;
  for (let i = from + 1; i < buf.length; i += 1) {
    const c = buf.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return i;
  }
  return -1;
}

export class XmlTokenizer {
  private buf = '';
  /** The elements open (their qualified names): a close must name the last one (well-formed). */
  private readonly open: string[] = [];

  constructor(private readonly h: XmlHandler) {}

  write(chunk: string): void {
    const buf = this.buf + chunk;
    const h = this.h;
    let i = 0;
    const n = buf.length;
    while (i < n) {
      const lt = buf.indexOf('<', i);
      if (lt < 0) {
        // Text up to the chunk's end: kept whole until its tag comes (an entity may be cut).
        break;
      }
      if (lt > i) h.text(buf.slice(i, lt), false);
      i = lt;
      const next = buf.charCodeAt(lt + 1);
      if (Number.isNaN(next)) break;
      if (next === 0x21 /* ! */) {
        if (buf.startsWith('<!--', lt)) {
          const e = buf.indexOf('-->', lt + 4);
          if (e < 0) break;
          i = e + 3;
          continue;
        }
        if (buf.startsWith('<![CDATA[', lt)) {
          const e = buf.indexOf(']]>', lt + 9);
          if (e < 0) break;
          h.text(buf.slice(lt + 9, e), true);
          i = e + 3;
          continue;
        }
        if (lt + 9 > n) break;
        // A DOCTYPE (with an internal subset in brackets, perhaps): skipped, its entities unused.
        const bracket = buf.indexOf('[', lt);
        const gt = buf.indexOf('>', lt);
        if (gt < 0) break;
        if (bracket >= 0 && bracket < gt) {
          const e = buf.indexOf(']>', bracket);
          if (e < 0) break;
          i = e + 2;
        } else i = gt + 1;
        continue;
      }
      if (next === 0x3f /* ? */) {
        const e = buf.indexOf('?>', lt + 2);
        if (e < 0) break;
        i = e + 2;
        continue;
      }
      const gt = tagEnd(buf, lt);
      if (gt < 0) break;
      if (next === 0x2f /* / */) {
        const qname = buf.slice(lt + 2, gt).trim();
        if (this.open.pop() !== qname) throw new Error(`</${qname}> closes no element open`);
        h.close(localName(qname));
      } else {
        const self = buf.charCodeAt(gt - 1) === 0x2f;
        const body = buf.slice(lt + 1, self ? gt - 1 : gt);
        let e = 0;
        while (e < body.length && !isSpace(body.charCodeAt(e))) e += 1;
        const qname = body.slice(0, e);
        if (qname === '') throw new Error('an element without a name');
        const name = localName(qname);
        h.open(name, parseAttrs(body.slice(e)), self);
        if (self) h.close(name);
        else this.open.push(qname);
      }
      i = gt + 1;
    }
    // What is left (a tag, comment or text not yet ended) waits for the next chunk.
    this.buf = i === 0 ? buf : buf.slice(i);
    if (this.buf.length > 64 * 1024 * 1024) throw new Error('an XML token longer than 64 MB');
  }

  end(): void {
    if (this.buf.trim() !== '' || this.open.length !== 0) throw new Error('the XML part ends inside an element');
  }
}

/** The tokens of a stream of bytes (UTF-8, or UTF-16 where its byte-order mark says so). */
export async function tokenize(chunks: AsyncIterable<Uint8Array>, h: XmlHandler): Promise<void> {
  const t = new XmlTokenizer(h);
  let decoder: TextDecoder | null = null;
  for await (const chunk of chunks) {
    if (!decoder) decoder = new TextDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : chunk[0] === 0xfe && chunk[1] === 0xff ? 'utf-16be' : 'utf-8');
    t.write(decoder.decode(chunk, { stream: true }));
  }
  if (decoder) t.write(decoder.decode());
  t.end();
}
