/**
 * DOS Cyrillic (code page 866): Excel's "CSV (MS-DOS)" on a Russian or Kyrgyz Windows writes it, as
 * older registry tools do. Read as Windows-1251 it was garbage with no warning ("Ђб ­®ў" for
 * "Асанов", the header unrecognised). Detected by where the letters fall; never taken for 1251
 * text, nor 1251 for it, over generated lists; the Kyrgyz letters 866 cannot hold are flagged as
 * for 1251; the secretary can choose it by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeVoterFile, looksLikeCp866 } from '../../../../shared/voters/decode';
import { parseCsv, guessMapping, tableFromRows, validateVoterRows } from '../../../../shared/voters';
import { generateVoters, votersToCsv } from '../../../../shared/voters/generate';
import { encodeCp866, encodeWindows1251 } from './cp1251';

const RU = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя';
const SIGNS = [' ', ';', ',', '.', '-', '"', '№', '\u00a0', '0', '1', '9', '/', '\r\n'];

/** A list-like text in Russian letters (both code pages hold them) with digits and signs. */
const listText = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...RU) }, { weight: 2, arbitrary: fc.constantFrom(...SIGNS) }), { minLength: 20, maxLength: 600 })
  // Begun as a list's line is ("1;"): no text begins "яю", 1251's bytes of a UTF-16 byte-order mark.
  .map((cs) => `1;${cs.join('')}`)
  // A list has names: words of letters, ten letters at least.
  .filter((t) => /[А-Яа-яЁё]{3}/u.test(t) && (t.match(/[А-Яа-яЁё]/gu) ?? []).length >= 10);

describe('DOS Cyrillic (866) beside Windows-1251', () => {
  it('each is read as what it is, the text exactly, over generated texts', () => {
    fc.assert(
      fc.property(listText, (text) => {
        const dos = decodeVoterFile(encodeCp866(text));
        const win = decodeVoterFile(encodeWindows1251(text));
        expect(dos.ok && dos.value.encoding).toBe('ibm866');
        expect(win.ok && win.value.encoding).toBe('windows-1251');
        expect(dos.ok && dos.value.text).toBe(text);
        expect(win.ok && win.value.text).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('a generated 2,000-voter list saved as "CSV (MS-DOS)": read in 866, its header recognised, the names right; ң ө ү lost and flagged', () => {
    const votingDay = '2026-12-06';
    const voters = generateVoters(2000, 31, { votingDay });
    const csv = votersToCsv(voters, { delimiter: ';', header: 'ru' });
    const bytes = encodeCp866(csv);
    expect(looksLikeCp866(bytes)).toBe(true);
    const d = decodeVoterFile(bytes);
    if (!d.ok) throw new Error(d.error.code);
    expect(d.value.encoding).toBe('ibm866');
    // What 866 holds comes back; the Kyrgyz letters are '?', as Windows wrote them.
    expect(d.value.text).toBe(csv.replace(/[ңөүҢӨҮ]/gu, '?'));
    if (/[ңөүҢӨҮ]/u.test(csv)) expect(d.value.warnings).toContain('kyrgyz-letters-lost');
    const parsed = parseCsv(d.value.text);
    if (!parsed.ok) throw new Error('unparsed');
    const table = tableFromRows(parsed.value.rows);
    const mapping = guessMapping(table.header);
    expect(mapping.surname).not.toBeNull();
    expect(mapping.birth).not.toBeNull();
    const result = validateVoterRows(table, mapping, { votingDay });
    const plain = voters.filter((v) => !/[ңөүҢӨҮ]/u.test(`${v.surname}${v.name}${v.patronymic}`));
    const surnames = new Set(result.voters.map((v) => `${v.page}/${v.row} ${v.surname} ${v.name}`));
    for (const v of plain.slice(0, 200)) expect(surnames.has(`${v.page}/${v.row} ${v.surname} ${v.name}`)).toBe(true);
  });

  it('the same list in Windows-1251 is not taken for 866, with « » – and NBSP in it', () => {
    const csv = votersToCsv(generateVoters(500, 32, { votingDay: '2026-12-06' }), { delimiter: ';', header: 'ru' }).replace(/ул\./gu, '«ул.»\u00a0–');
    const d = decodeVoterFile(encodeWindows1251(csv));
    expect(d.ok && d.value.encoding).toBe('windows-1251');
  });

  it('no-break spaces (866 writes them 0xFF, where 1251 has я) do not tip it: numbers grouped "1 001", few letters', () => {
    // Shrunk by fast-check from a failing run before 0xFF was taken as saying nothing.
    for (const text of ['1;ЁА\u00a0\u00a0я ч АчсЁ А\u00a0\u00a0\u00a0\u00a0ьА', '1\u00a0001;1\u00a0002;1\u00a0003;1\u00a0004;Асанов Нурлан']) {
      const d = decodeVoterFile(encodeCp866(text));
      expect(d.ok && d.value).toMatchObject({ encoding: 'ibm866', text });
    }
  });

  it('chosen by hand: 866 reads the DOS file, as detection does', () => {
    const text = 'Фамилия;Имя\r\nАсанов;Нурлан\r\n';
    const d = decodeVoterFile(encodeCp866(text), 'ibm866');
    expect(d.ok && d.value).toMatchObject({ text, encoding: 'ibm866', detected: false });
  });
});
