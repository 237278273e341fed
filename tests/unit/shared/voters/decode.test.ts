import { describe, expect, it } from 'vitest';
import { decodeVoterFile, firstInvalidUtf8, inspectText, sniffBinary } from '../../../../shared/voters/decode';
import { encodeWindows1251, utf8, withBom } from './cp1251';
import { readFixture } from './fixtures';

const RU = 'Фамилия;Имя;Отчество\r\nИванов;Сергей;Петрович\r\nФёдорова;Наталья;Юрьевна\r\nЦой;Владимир;Ильич\r\n';
const KY = 'Фамилиясы;Аты\r\nҮсөнов;Чыңгыз\r\nӨмүрбекова;Айгүл\r\nКеңешбеков;Нурлан\r\n';

function ok(result: ReturnType<typeof decodeVoterFile>) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.value;
}

describe('the Windows-1251 decoder of this runtime (Chromium and Node 20 with full ICU)', () => {
  it('maps every Cyrillic byte as the code page says (checked against an independent table)', () => {
    const dec = new TextDecoder('windows-1251');
    const all = Array.from({ length: 64 }, (_, i) => String.fromCharCode(0x0410 + i)).join(''); // А..я
    expect(dec.decode(Uint8Array.from({ length: 64 }, (_, i) => 0xc0 + i))).toBe(all);
    expect(dec.decode(Uint8Array.from([0xa8, 0xb8, 0xb9, 0xab, 0xbb, 0x96]))).toBe('Ёё№«»–');
    expect(encodeWindows1251(all + 'Ёё№')).toEqual(Uint8Array.from([...Array.from({ length: 64 }, (_, i) => 0xc0 + i), 0xa8, 0xb8, 0xb9]));
  });

  it('has no Kyrgyz letters: the test encoder writes them as Windows does ("?") or as look-alikes', () => {
    expect(new TextDecoder('windows-1251').decode(encodeWindows1251('Үсөнов Чыңгыз'))).toBe('?с?нов Чы?гыз');
    expect(new TextDecoder('windows-1251').decode(encodeWindows1251('Үсөнов Чыңгыз', 'lookalike'))).toBe('Усонов Чынгыз');
    expect(() => encodeWindows1251('ү', 'throw')).toThrow(/U\+04AF/u);
  });
});

describe('decodeVoterFile: detection', () => {
  it('detects Windows-1251 (Russian names) and decodes it exactly', () => {
    const r = ok(decodeVoterFile(encodeWindows1251(RU, 'throw')));
    expect(r).toMatchObject({ encoding: 'windows-1251', detected: true, warnings: [] });
    expect(r.text).toBe(RU);
  });

  it('detects the Windows-1251 fixture file', () => {
    const r = ok(decodeVoterFile(readFixture('ru-cp1251.csv')));
    expect(r.encoding).toBe('windows-1251');
    expect(r.text).toContain('Фёдорова;Наталья;Юрьевна');
    expect(r.warnings).toEqual([]);
  });

  it('detects UTF-8 with and without a byte-order mark; the mark is not part of the text', () => {
    expect(ok(decodeVoterFile(utf8(KY)))).toMatchObject({ encoding: 'utf-8', detected: true, text: KY, warnings: [] });
    const bom = ok(decodeVoterFile(withBom(utf8(KY))));
    expect(bom).toMatchObject({ encoding: 'utf-8-bom', text: KY });
    expect(bom.text.charCodeAt(0)).not.toBe(0xfeff);
    const fixture = ok(decodeVoterFile(readFixture('ky-utf8-bom.csv')));
    expect(fixture.encoding).toBe('utf-8-bom');
    expect(fixture.text.startsWith('Барак;Катар')).toBe(true);
    expect(fixture.text).toContain('Үсөнов;Чыңгыз');
  });

  it('reports pure ASCII as UTF-8', () => {
    expect(ok(decodeVoterFile(utf8('Page;Row\r\n1;1\r\n'))).encoding).toBe('utf-8');
  });

  it('decodes UTF-16 with a byte-order mark (Excel "Unicode text"), little and big endian', () => {
    const le = [0xff, 0xfe];
    const be = [0xfe, 0xff];
    for (const ch of KY) {
      const c = ch.charCodeAt(0);
      le.push(c & 0xff, c >> 8);
      be.push(c >> 8, c & 0xff);
    }
    expect(ok(decodeVoterFile(Uint8Array.from(le)))).toMatchObject({ encoding: 'utf-16le', text: KY });
    expect(ok(decodeVoterFile(Uint8Array.from(be)))).toMatchObject({ encoding: 'utf-16be', text: KY });
    // The byte-order mark is unambiguous: it wins over an 8-bit override.
    expect(ok(decodeVoterFile(Uint8Array.from(le), 'windows-1251')).encoding).toBe('utf-16le');
  });
});

describe('decodeVoterFile: the manual override', () => {
  it('Windows-1251 bytes forced to UTF-8 are refused with the line of the first broken byte', () => {
    const bytes = encodeWindows1251('Page;Row\r\n1;1\r\nИванов;Сергей\r\n');
    expect(decodeVoterFile(bytes, 'utf-8')).toEqual({ ok: false, error: { code: 'invalid-utf-8', params: { line: 3, offset: 15 } } });
    expect(decodeVoterFile(readFixture('ru-cp1251.csv'), 'utf-8')).toMatchObject({ ok: false, error: { code: 'invalid-utf-8', params: { line: 1 } } });
  });

  it('UTF-8 bytes forced to Windows-1251 decode, but are flagged as mojibake', () => {
    const r = ok(decodeVoterFile(utf8(RU), 'windows-1251'));
    expect(r).toMatchObject({ encoding: 'windows-1251', detected: false });
    expect(r.text.startsWith('Р¤Р°РјРёР»РёСЏ')).toBe(true);
    expect(r.warnings).toEqual(['mojibake-suspected']);
    // Kyrgyz letters too (ү = D2 AF → "ТЇ").
    expect(ok(decodeVoterFile(utf8('Үсөнов;Чыңгыз;Өмүр\n'), 'windows-1251')).warnings).toEqual(['mojibake-suspected']);
  });

  it('a UTF-8 file with a byte-order mark forced to Windows-1251 shows "п»ї" and is flagged', () => {
    const r = ok(decodeVoterFile(withBom(utf8('Page;Row\n1;1\n')), 'windows-1251'));
    expect(r.text.startsWith('п»ї')).toBe(true);
    expect(r.warnings).toContain('mojibake-suspected');
  });

  it('forcing UTF-8 on valid UTF-8 gives detected: false', () => {
    expect(ok(decodeVoterFile(utf8(KY), 'utf-8'))).toMatchObject({ encoding: 'utf-8', detected: false, text: KY });
  });

  it('a byte-order mark followed by broken UTF-8 is refused even without an override', () => {
    expect(decodeVoterFile(withBom(encodeWindows1251('a\nИванов')))).toEqual({ ok: false, error: { code: 'invalid-utf-8', params: { line: 2, offset: 5 } } });
  });
});

describe('decodeVoterFile: text that is valid but damaged earlier', () => {
  const mojibake1251 = new TextDecoder('windows-1251').decode(utf8(RU)); // "РРІР°РЅРѕРІ"
  const mojibakeLatin1 = new TextDecoder('windows-1252').decode(utf8(RU)); // "Ð˜Ð²Ð°Ð½Ð¾Ð²"
  const cp1251AsLatin1 = new TextDecoder('windows-1252').decode(encodeWindows1251(RU)); // "Èâàíîâ"

  it.each([
    ['UTF-8 read as 1251, saved as UTF-8', mojibake1251],
    ['UTF-8 read as Latin-1, saved as UTF-8', mojibakeLatin1],
    ['1251 read as Latin-1, saved as UTF-8', cp1251AsLatin1],
  ])('%s → mojibake-suspected with a sample', (_, text) => {
    const r = ok(decodeVoterFile(utf8(text)));
    expect(r.encoding).toBe('utf-8');
    expect(r.warnings).toEqual(['mojibake-suspected']);
    expect(String(r.warningDetails[0]?.params.sample).length).toBeGreaterThan(5);
  });

  it('does not flag clean Kyrgyz and Russian text, even with a few look-alike pairs', () => {
    expect(inspectText(KY + RU)).toEqual([]);
    expect(inspectText('ОсОО «Ала-Тоо» жана АҚ «Бета», ТОО «Гамма», УС «Дельта» – Бишкек, Ош, Жалал-Абад. '.repeat(3))).toEqual([]);
  });

  it('flags Kyrgyz letters lost to "?" (Excel saving a Kyrgyz list as Windows-1251 CSV)', () => {
    const r = ok(decodeVoterFile(readFixture('ky-cp1251-lost-letters.csv')));
    expect(r.encoding).toBe('windows-1251');
    expect(r.text).toContain('?с?нов;Чы?гыз');
    expect(r.warnings).toEqual(['kyrgyz-letters-lost']);
    expect(r.warningDetails[0]?.params.count).toBe(13); // every ң ө ү of the UTF-8 original
    // Look-alikes written by hand survive and are not flagged.
    expect(ok(decodeVoterFile(encodeWindows1251(KY, 'lookalike'))).warnings).toEqual([]);
    // A question mark that is not inside a word is fine.
    expect(inspectText('Эскертүү ? ; 1 ? 2')).toEqual([]);
  });

  it('flags U+FFFD replacement characters with their count', () => {
    const r = ok(decodeVoterFile(utf8('Асанов;\uFFFDурлан\nҮс\uFFFDнов;Бакыт\n')));
    expect(r.warningDetails).toEqual([{ code: 'replacement-characters', params: { count: 2, sample: expect.any(String) } }]);
  });
});

describe('decodeVoterFile: files that are not text lists', () => {
  it('0 bytes → empty-file', () => {
    expect(decodeVoterFile(new Uint8Array(0))).toEqual({ ok: false, error: { code: 'empty-file' } });
    expect(decodeVoterFile(readFixture('empty.csv'))).toEqual({ ok: false, error: { code: 'empty-file' } });
  });

  it('only a byte-order mark, blank lines or empty cells → blank-file', () => {
    expect(decodeVoterFile(Uint8Array.from([0xef, 0xbb, 0xbf]))).toEqual({ ok: false, error: { code: 'blank-file' } });
    expect(decodeVoterFile(utf8('\r\n\r\n  \t\n'))).toEqual({ ok: false, error: { code: 'blank-file' } });
    expect(decodeVoterFile(readFixture('blank.csv'))).toEqual({ ok: false, error: { code: 'blank-file' } });
    expect(decodeVoterFile(utf8('""'))).toEqual({ ok: false, error: { code: 'blank-file' } });
  });

  it('NUL bytes or a binary signature → binary-file with the format', () => {
    expect(decodeVoterFile(Uint8Array.from([0x41, 0x00, 0x42]))).toEqual({ ok: false, error: { code: 'binary-file', params: { format: 'unknown' } } });
    expect(decodeVoterFile(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toEqual({ ok: false, error: { code: 'binary-file', params: { format: 'xlsx' } } });
    expect(decodeVoterFile(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00]))).toEqual({
      ok: false,
      error: { code: 'binary-file', params: { format: 'xls' } },
    });
    expect(decodeVoterFile(utf8('%PDF-1.4\n'))).toEqual({ ok: false, error: { code: 'binary-file', params: { format: 'pdf' } } });
    expect(sniffBinary(utf8('Барак;Катар'))).toBeNull();
  });

  it('a web page or XML export saved under a spreadsheet’s name (.xls) → markup-file with its kind, in any encoding', () => {
    const page = '<html xmlns:x="urn:schemas-microsoft-com:office:excel">\r\n<head><meta charset="utf-8"></head><body><table>\r\n<tr><td>Барак</td><td>Катар</td></tr>\r\n</table></body></html>';
    expect(decodeVoterFile(utf8(page))).toEqual({ ok: false, error: { code: 'markup-file', params: { format: 'HTML' } } });
    expect(decodeVoterFile(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(`\r\n  <!DOCTYPE html>${page}`)]))).toEqual({ ok: false, error: { code: 'markup-file', params: { format: 'HTML' } } });
    expect(decodeVoterFile(encodeWindows1251('<table border=1><tr><td>Страница</td><td>Строка</td></tr></table>'))).toEqual({ ok: false, error: { code: 'markup-file', params: { format: 'HTML' } } });
    const xml = '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>';
    expect(decodeVoterFile(utf8(xml))).toEqual({ ok: false, error: { code: 'markup-file', params: { format: 'XML' } } });
    expect(decodeVoterFile(utf8('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart"\r\n'))).toEqual({ ok: false, error: { code: 'markup-file', params: { format: 'MHTML' } } });
    // A list whose cells hold angle brackets is still a list.
    expect(decodeVoterFile(utf8('Барак;Катар;Фамилиясы\n1;1;<Асанов>\n')).ok).toBe(true);
  });

  it('text full of control characters → binary-file', () => {
    expect(decodeVoterFile(Uint8Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)))).toEqual({
      ok: false,
      error: { code: 'binary-file', params: { format: 'unknown' } },
    });
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    [[0x41, 0xd0, 0x90], -1],
    [[0xf0, 0x9f, 0x98, 0x80], -1], // 😀
    [[0xe2, 0x84, 0x96], -1], // №
    [[0x41, 0xc0, 0x80], 1], // overlong
    [[0xed, 0xa0, 0x80], 0], // surrogate
    [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
    [[0xf5, 0x80, 0x80, 0x80], 0],
    [[0x41, 0x42, 0xd0], 2], // truncated
    [[0xd0, 0x41], 0],
    [[0xc8, 0xe2], 0], // "Иван" in 1251 starts like this
  ])('%j → %d', (bytes, expected) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(expected);
    let fatal = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
    } catch {
      fatal = false;
    }
    expect(fatal).toBe(expected === -1);
  });
});
