/**
 * A Windows-1251 ENCODER for tests (TextEncoder only writes UTF-8). Table-based and independent of
 * TextDecoder, so the decoder is checked against it rather than against itself.
 *
 * Characters 1251 cannot hold – the Kyrgyz ң ө ү (Ң Ө Ү) among them – are written the way Windows does
 * it (WideCharToMultiByte with the bestfit1251 table: no best fit exists for U+04A2/04A3, U+04AE/04AF,
 * U+04E8/04E9, so the default character '?' is written). `unmappable: 'lookalike'` instead writes
 * н/о/у (Н/О/У), as people do by hand on keyboards without a Kyrgyz layout; 'throw' refuses.
 */
const EXTRA: Record<string, number> = {
  Ё: 0xa8, ё: 0xb8, '№': 0xb9, '«': 0xab, '»': 0xbb, '–': 0x96, '—': 0x97, '\u00a0': 0xa0, '’': 0x92, '‘': 0x91,
  '“': 0x93, '”': 0x94, '„': 0x84, '…': 0x85, '€': 0x88, '§': 0xa7, '©': 0xa9, '°': 0xb0, '±': 0xb1,
  Ђ: 0x80, Ѓ: 0x81, ѓ: 0x83, Љ: 0x8a, Њ: 0x8c, Ќ: 0x8d, Ћ: 0x8e, Џ: 0x8f, ђ: 0x90, љ: 0x9a, њ: 0x9c, ќ: 0x9d, ћ: 0x9e, џ: 0x9f,
  Ў: 0xa1, ў: 0xa2, Ј: 0xa3, Ґ: 0xa5, Є: 0xaa, Ї: 0xaf, І: 0xb2, і: 0xb3, ґ: 0xb4, є: 0xba, ј: 0xbc, Ѕ: 0xbd, ѕ: 0xbe, ї: 0xbf,
};
const LOOKALIKE: Record<string, string> = { ң: 'н', Ң: 'Н', ө: 'о', Ө: 'О', ү: 'у', Ү: 'У' };

export function encodeWindows1251(text: string, unmappable: 'question' | 'lookalike' | 'throw' = 'question'): Uint8Array {
  // One byte per character at most (written into a preallocated array: 100,000-row files are encoded too).
  const out = new Uint8Array(text.length);
  let n = 0;
  for (const ch0 of text) {
    let ch = ch0;
    if (unmappable === 'lookalike' && LOOKALIKE[ch]) ch = LOOKALIKE[ch]!;
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out[n++] = c;
    else if (c >= 0x0410 && c <= 0x044f) out[n++] = c - 0x0410 + 0xc0;
    else if (EXTRA[ch] !== undefined) out[n++] = EXTRA[ch]!;
    else if (unmappable === 'throw') throw new RangeError(`not in Windows-1251: U+${c.toString(16).toUpperCase().padStart(4, '0')}`);
    else out[n++] = 0x3f;
  }
  return out.slice(0, n);
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export const withBom = (bytes: Uint8Array): Uint8Array => Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]);

/**
 * A DOS Cyrillic (code page 866) ENCODER for tests, table-based: А–Я 0x80–0x9F, а–п 0xA0–0xAF,
 * р–я 0xE0–0xEF, Ё 0xF0, ё 0xF1, № 0xFC, NBSP 0xFF, ° 0xF8. What 866 cannot hold (ң ө ү, « », –)
 * becomes '?', as Windows writes it (Excel's "CSV (MS-DOS)").
 */
const CP866_EXTRA: Record<string, number> = { Ё: 0xf0, ё: 0xf1, '№': 0xfc, '\u00a0': 0xff, '°': 0xf8, Є: 0xf2, є: 0xf3, Ї: 0xf4, ї: 0xf5, Ў: 0xf6, ў: 0xf7 };

export function encodeCp866(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out[n++] = c;
    else if (c >= 0x0410 && c <= 0x043f) out[n++] = c - 0x0410 + 0x80;
    else if (c >= 0x0440 && c <= 0x044f) out[n++] = c - 0x0440 + 0xe0;
    else if (CP866_EXTRA[ch] !== undefined) out[n++] = CP866_EXTRA[ch]!;
    else out[n++] = 0x3f;
  }
  return out.slice(0, n);
}

/** Excel's "Unicode text": UTF-16LE with its byte-order mark. */
export function encodeUtf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = c & 0xff;
    out[3 + 2 * i] = c >> 8;
  }
  return out;
}
