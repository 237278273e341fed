/**
 * A small streaming XML tokenizer for the parts of an XLSX workbook: text is written to it chunk by
 * chunk (a chunk may end anywhere: inside a tag, an attribute, an entity), and it calls back for each
 * element opened (its local name — a prefix such as `x:` is dropped — and its attributes, decoded),
 * closed, and each run of text between tags (raw: `decodeText` decodes it). Comments, processing
 * instructions and the DOCTYPE are skipped; CDATA is text. Not a validating parser: a workbook part
 * that is not well formed is read as far as it makes sense, and what is left open at the end is
 * refused (`end` throws).
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

const ATTR = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gu;

function parseAttrs(body: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  if (!body.includes('=')) return attrs;
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(body); m; m = ATTR.exec(body)) {
    const raw = m[2] ?? m[3] ?? '';
    // Attribute values: whitespace characters become spaces (XML's attribute normalisation).
    attrs[m[1]!] = decodeText(/[\t\n\r]/u.test(raw) ? raw.replace(/\r\n|[\t\n\r]/gu, ' ') : raw);
  }
  return attrs;
}

/** The end of the tag that starts at `from` ('<'), quotes respected; -1 when it is not all here yet. */
function tagEnd(buf: string, from: number): number {
  const gt = buf.indexOf('>', from);
  if (gt < 0) return -1;
  const q1 = buf.indexOf('"', from);
  const q2 = buf.indexOf("'", from);
  if ((q1 < 0 || q1 > gt) && (q2 < 0 || q2 > gt)) return gt;
  let quote = '';
  for (let i = from + 1; i < buf.length; i += 1) {
    const c = buf[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return -1;
}

export class XmlTokenizer {
  private buf = '';
  private depth = 0;

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
        this.depth -= 1;
        h.close(localName(buf.slice(lt + 2, gt).trim()));
      } else {
        const self = buf.charCodeAt(gt - 1) === 0x2f;
        const body = buf.slice(lt + 1, self ? gt - 1 : gt);
        let e = 0;
        while (e < body.length && !/\s/u.test(body[e]!)) e += 1;
        const name = localName(body.slice(0, e));
        h.open(name, parseAttrs(body.slice(e)), self);
        if (self) h.close(name);
        else this.depth += 1;
      }
      i = gt + 1;
    }
    // What is left (a tag, comment or text not yet ended) waits for the next chunk.
    this.buf = i === 0 ? buf : buf.slice(i);
    if (this.buf.length > 64 * 1024 * 1024) throw new Error('an XML token longer than 64 MB');
  }

  end(): void {
    if (this.buf.trim() !== '' || this.depth !== 0) throw new Error('the XML part ends inside an element');
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
