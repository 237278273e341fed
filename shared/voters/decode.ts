/**
 * Turning the bytes of a voter-list text file (CSV/TXT) into text.
 *
 * Detection order (no override):
 *   1. 0 bytes → `empty-file`.
 *   2. A UTF-16 byte-order mark (FF FE / FE FF) → UTF-16 (Excel's "Unicode text" export, the only
 *      way older Excel writes ң ө ү into a text file). Wins over the override: it is unambiguous.
 *   3. A known binary signature (ZIP/XLSX, OLE2/XLS, PDF) or any NUL byte → `binary-file`
 *      with `params.format` = 'xlsx' | 'xls' | 'pdf' | 'unknown'.
 *   4. A UTF-8 byte-order mark (EF BB BF) → 'utf-8-bom'; bytes after it that are not valid UTF-8 →
 *      `invalid-utf-8` (the file claims UTF-8; guessing another encoding would hide the damage).
 *   5. Valid UTF-8 (strict, `TextDecoder('utf-8', { fatal: true })`) → 'utf-8'. Pure ASCII is reported
 *      as 'utf-8' too (it is both).
 *   6. Otherwise → 'windows-1251' (`TextDecoder('windows-1251')`, WHATWG; present in Chromium and in
 *      Node builds with full ICU, which Node 20 ships by default) — or 'ibm866' when the bytes are
 *      DOS Cyrillic (code page 866: Excel's "CSV (MS-DOS)" on a Russian or Kyrgyz Windows, and older
 *      DOS-era registry tools), told apart by where the Cyrillic letters fall (`looksLikeCp866`). Read
 *      as 1251 such a file was garbage ("Ђб ­®ў" for "Асанов") with no warning but a misleading one.
 * After decoding: text of nothing but spaces, line ends, delimiters and quotes → `blank-file`; a web
 * page or XML (an HTML table saved as .xls, Excel 2003 XML, MHTML) → `markup-file` with
 * `params.format` 'HTML' | 'XML' | 'MHTML'; more than
 * 1 % C0 control characters (other than TAB, LF, CR, FF) → `binary-file` (format 'unknown').
 * With an override the given decoder is used (a UTF-8 BOM is still stripped for 'utf-8'); bytes that
 * are not valid UTF-8 under the 'utf-8' override give `invalid-utf-8` with the line and byte offset.
 *
 * Kyrgyz letters and Windows-1251: the code page has NO ң ө ү (Ң Ө Ү). Windows converts text to
 * 1251 with `WideCharToMultiByte`, whose best-fit table for 1251 (Microsoft's bestfit1251.txt) has
 * no entry for U+04A2/04A3, U+04AE/04AF, U+04E8/04E9 and a default character of '?' (0x3F). So an
 * Excel "CSV (разделители – запятые)" saved on a Russian/Kyrgyz Windows turns "Үсөнов" into
 * "?с?нов": the letters are lost, not replaced by look-alikes. Text typed on keyboards without a
 * Kyrgyz layout may instead carry look-alikes typed by hand (у/о/н, or Latin Y/o) [UNCONFIRMED how
 * common in GRS exports] – those survive any encoding, are kept as written, and are matched by the
 * search folding (ү→у, ө→о, ң→н). Hence the warnings:
 *   - 'kyrgyz-letters-lost'   – a '?' inside a word (a letter on at least one side): a character the
 *                               writer's code page could not hold. params.count.
 *   - 'mojibake-suspected'    – text that decodes fine but is itself the result of an earlier wrong
 *                               decoding: "Р°Р±"-style (UTF-8 read as 1251), "Ð°"-style (UTF-8 read as
 *                               Latin-1/1252), "Àñàíîâ"-style (1251 read as Latin-1/1252), or
 *                               "п»ї" at the start (a UTF-8 BOM read as 1251). params.sample.
 *   - 'replacement-characters'– U+FFFD in the text (damage done by an earlier lossy conversion).
 * Warnings never block; the renderer shows them and lets the user pick another encoding.
 *
 * Pure: only TextDecoder and Uint8Array (browsers and Node alike).
 */
import { err, ok, type Result } from '../util/result';

export type VoterFileEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1251' | 'ibm866' | 'utf-16le' | 'utf-16be';
export type EncodingOverride = 'utf-8' | 'windows-1251' | 'ibm866';
export type DecodeWarning = 'mojibake-suspected' | 'kyrgyz-letters-lost' | 'replacement-characters';
export type DecodeProblemCode = 'empty-file' | 'blank-file' | 'binary-file' | 'markup-file' | 'invalid-utf-8' | 'decoder-unavailable';
export type BinaryFormat = 'xlsx' | 'xls' | 'pdf' | 'unknown';

export interface DecodeWarningDetail {
  code: DecodeWarning;
  params: Record<string, string | number>;
}

export interface DecodedText {
  /** The text, without any byte-order mark. */
  text: string;
  encoding: VoterFileEncoding;
  /** True when the encoding was detected, false when it was forced by the override. */
  detected: boolean;
  warnings: DecodeWarning[];
  /** The same warnings with their parameters (counts, a sample of the damaged text). */
  warningDetails: DecodeWarningDetail[];
}

/** Why a file cannot be read as text: a code and the values its message needs. */
export interface DecodeProblem {
  code: DecodeProblemCode;
  params?: Record<string, string | number>;
}

export type DecodeResult = Result<DecodedText, DecodeProblem>;

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  if (bytes.length < sig.length) return false;
  for (let i = 0; i < sig.length; i += 1) if (bytes[i] !== sig[i]) return false;
  return true;
}

/** The format of a binary file, from its signature (or null when it has none we know). */
export function sniffBinary(bytes: Uint8Array): BinaryFormat | null {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  return null;
}

/**
 * Whether bytes that are not UTF-8 are DOS Cyrillic (code page 866) rather than Windows-1251: the
 * bytes only one of the two code pages uses for letters are counted over the first 400,000 bytes.
 * 866-only: 0x80–0xAF (А–Я, а–п; in 1251 signs — Ђ, quotes, dashes, «, ©), but for 0xA0 and 0xA8
 * (а and и in 866, NBSP and Ё in 1251: frequent in both). 1251-only: 0xC0–0xDF (А–Я; in 866 box
 * drawing, never in a list) and 0xF2–0xFE but 0xFC (т–ю; in 866 Є ї Ў ° · √ ¤ ■); 0xE0–0xEF,
 * 0xF0, 0xF1, 0xFC and 0xFF are letters, № or a no-break space (866's 0xFF: "1 001" grouped) in
 * both and say nothing. A list's names put many times more
 * bytes on the side of its own code page.
 */
export function looksLikeCp866(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 400_000);
  let dos = 0;
  let windows = 0;
  for (let i = 0; i < n; i += 1) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    if (b <= 0xaf) {
      if (b !== 0xa0 && b !== 0xa8) dos += 1;
    } else if ((b >= 0xc0 && b <= 0xdf) || (b >= 0xf2 && b !== 0xfc && b !== 0xff)) windows += 1;
  }
  return dos > 2 * windows;
}

/**
 * The byte offset of the first byte that breaks UTF-8 (overlong forms, surrogates and code points
 * above U+10FFFF count as broken, as in the WHATWG decoder), or -1 when all bytes are valid.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lower || c > upper : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}

// Characters that bytes 0x80–0xBF become in Windows-1251: the second half of a UTF-8 sequence for
// Cyrillic (D0/D1 xx, and D2/D3 xx for ң ө ү) read as 1251.
const CP1251_HIGH_HALF = 'ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\u0098™љ›њќћџ\u00a0ЎўЈ¤Ґ¦§Ё©Є«¬\u00ad®Ї°±Ііґµ¶·ё№є»јЅѕї';
const UTF8_AS_1251 = new RegExp(`[РСТУ][${CP1251_HIGH_HALF}]`, 'gu');
// The same bytes read as Windows-1252 / Latin-1.
const UTF8_AS_1252 = /[ÐÑÒÓ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/gu;
// Windows-1251 letters (C0–FF) read as Latin-1/1252: runs of accented Latin letters.
const CP1251_AS_1252_RUN = /[\u00c0-\u00ff]{3,}/gu;

function countMatches(text: string, re: RegExp): { count: number; first: number } {
  re.lastIndex = 0;
  let count = 0;
  let first = -1;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (first < 0) first = m.index;
    count += m[0].length;
  }
  return { count, first };
}

// Letters of the scripts a voter list uses (Latin with its supplements, Cyrillic): a plain loop is
// many times faster than \p{L} on megabytes of text.
function isLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x400 && c <= 0x52f);
}

function countLetters(text: string): { letters: number; cyrillic: number } {
  let letters = 0;
  let cyrillic = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (isLetterCode(c)) {
      letters += 1;
      if (c >= 0x400) cyrillic += 1;
    }
  }
  return { letters, cyrillic };
}

/** '?' with a letter on at least one side: a character the writer's code page could not hold. */
function countLostLetters(text: string): { count: number; first: number } {
  let count = 0;
  let first = -1;
  for (let i = text.indexOf('?'); i >= 0; i = text.indexOf('?', i + 1)) {
    if (isLetterCode(text.charCodeAt(i - 1)) || isLetterCode(text.charCodeAt(i + 1))) {
      if (first < 0) first = i;
      count += 1;
    }
  }
  return { count, first };
}

function sampleAround(text: string, index: number): string {
  const start = Math.max(0, index - 10);
  return text.slice(start, start + 30).replace(/[\r\n\t]+/gu, ' ');
}

/** Warnings for text that decoded without error but is likely damaged. Exported for tests and re-checks. */
export function inspectText(text: string): DecodeWarningDetail[] {
  const out: DecodeWarningDetail[] = [];
  // Look at a bounded prefix: enough to judge, cheap on 100,000-row files.
  const probe = text.length > 400_000 ? text.slice(0, 400_000) : text;
  const { letters, cyrillic: cyr } = countLetters(probe);

  const a = countMatches(probe, UTF8_AS_1251);
  const b = countMatches(probe, UTF8_AS_1252);
  const pairs = (a.count + b.count) / 2;
  const bomAs1251 = probe.startsWith('п»ї');
  let mojibakeAt = -1;
  if (bomAs1251) mojibakeAt = 0;
  else if (pairs >= 2 && pairs * 10 >= letters) mojibakeAt = a.first >= 0 ? a.first : b.first;
  else {
    const runs = countMatches(probe, CP1251_AS_1252_RUN);
    if (runs.count >= 3 && runs.count * 5 >= letters && cyr * 10 < letters) mojibakeAt = runs.first;
  }
  if (mojibakeAt >= 0) out.push({ code: 'mojibake-suspected', params: { sample: sampleAround(probe, mojibakeAt) } });

  const q = countLostLetters(text);
  if (q.count > 0) out.push({ code: 'kyrgyz-letters-lost', params: { count: q.count, sample: sampleAround(text, q.first) } });

  const fffd = text.indexOf('\ufffd');
  if (fffd >= 0) {
    let count = 0;
    for (let i = fffd; i >= 0; i = text.indexOf('\ufffd', i + 1)) count += 1;
    out.push({ code: 'replacement-characters', params: { count, sample: sampleAround(text, fffd) } });
  }
  return out;
}

// C0 controls other than TAB, LF, CR (and FF, which some exporters leave): signs of a binary file.
function controlShare(text: string): number {
  let bad = 0;
  const n = Math.min(text.length, 100_000);
  for (let i = 0; i < n; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) bad += 1;
  }
  return n === 0 ? 0 : bad / n;
}

function makeDecoder(label: string, fatal: boolean): TextDecoder | null {
  try {
    return new TextDecoder(label, { fatal, ignoreBOM: true });
  } catch {
    return null;
  }
}

/**
 * Web pages and XML that registries and older programs save under a spreadsheet's name (an HTML
 * table as "list.xls", Excel 2003 "XML Spreadsheet", a single-file web page): text, but markup, not
 * a list. Read as CSV they give one-cell rows and misleading problems; they are named instead.
 */
const MARKUP: [RegExp, string][] = [
  [/^\s*<(?:!doctype\s+html|html|head|body|table|meta|style)\b/iu, 'HTML'],
  [/^\s*<\?xml\b/iu, 'XML'],
  [/^\s*MIME-Version:/iu, 'MHTML'],
];

function markupFormat(text: string): string | null {
  const head = text.slice(0, 1024);
  for (const [re, format] of MARKUP) if (re.test(head)) return format;
  return null;
}

function finish(text: string, encoding: VoterFileEncoding, detected: boolean): DecodeResult {
  if (/^[\s;,\t"]*$/u.test(text)) return err({ code: 'blank-file' });
  const markup = markupFormat(text);
  if (markup !== null) return err({ code: 'markup-file', params: { format: markup } });
  if (controlShare(text) > 0.01) return err({ code: 'binary-file', params: { format: 'unknown' } });
  const warningDetails = inspectText(text);
  return ok({ text, encoding, detected, warnings: warningDetails.map((w) => w.code), warningDetails });
}

/** Decodes a voter-list text file; see the module comment for the rules. */
export function decodeVoterFile(bytes: Uint8Array, override?: EncodingOverride): DecodeResult {
  if (bytes.length === 0) return err({ code: 'empty-file' });

  const le = startsWith(bytes, [0xff, 0xfe]);
  const be = startsWith(bytes, [0xfe, 0xff]);
  if (le || be) {
    const dec = makeDecoder(le ? 'utf-16le' : 'utf-16be', true);
    if (!dec) return err({ code: 'decoder-unavailable', params: { encoding: le ? 'utf-16le' : 'utf-16be' } });
    let text: string;
    try {
      text = dec.decode(bytes.subarray(2));
    } catch {
      return err({ code: 'binary-file', params: { format: 'unknown' } });
    }
    return finish(text, le ? 'utf-16le' : 'utf-16be', true);
  }

  const format = sniffBinary(bytes);
  if (format) return err({ code: 'binary-file', params: { format } });
  if (bytes.includes(0)) return err({ code: 'binary-file', params: { format: 'unknown' } });

  const hasBom = startsWith(bytes, [0xef, 0xbb, 0xbf]);

  if (override === 'windows-1251' || override === 'ibm866') {
    const dec = makeDecoder(override, false);
    if (!dec) return err({ code: 'decoder-unavailable', params: { encoding: override } });
    return finish(dec.decode(bytes), override, false);
  }

  const body = hasBom ? bytes.subarray(3) : bytes;
  const bad = firstInvalidUtf8(body);
  if (bad < 0) {
    const dec = makeDecoder('utf-8', true)!;
    return finish(dec.decode(body), hasBom ? 'utf-8-bom' : 'utf-8', override === undefined);
  }
  if (override === 'utf-8' || (hasBom && override === undefined)) {
    // Forced to UTF-8, or the file itself claims UTF-8 with a byte-order mark: broken bytes are an error.
    const offset = bad + (hasBom ? 3 : 0);
    return err({ code: 'invalid-utf-8', params: { line: lineAt(bytes, offset), offset } });
  }
  const legacy = looksLikeCp866(bytes) ? 'ibm866' : 'windows-1251';
  const dec = makeDecoder(legacy, false);
  if (!dec) return err({ code: 'decoder-unavailable', params: { encoding: legacy } });
  return finish(dec.decode(bytes), legacy, true);
}
