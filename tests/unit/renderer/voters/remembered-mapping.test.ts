import { describe, expect, it } from 'vitest';
import { emptyMapping, guessMapping } from '../../../../shared/voters';
import { headerSignature, MAPPINGS_KEY, recallHeaderRow, recallMapping, rememberMapping } from '../../../../renderer/features/voters/import/remembered-mapping';

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

const HEADER = ['Бет', 'Катар', 'Фамилиясы', 'Аты', 'Т.к.'];

describe('the remembered column mapping', () => {
  it('recalls the confirmed mapping for the same header (case, spacing and punctuation aside)', () => {
    const storage = memoryStorage();
    const confirmed = { ...guessMapping(HEADER), birth: 4 };
    expect(guessMapping(HEADER).birth).toBeNull();
    expect(recallMapping(storage, HEADER)).toBeNull();
    rememberMapping(storage, HEADER, confirmed);
    expect(recallMapping(storage, HEADER)).toEqual(confirmed);
    expect(recallMapping(storage, ['БЕТ ', 'катар', 'фамилиясы', 'аты', 'т к'])).toEqual(confirmed);
  });

  it('does not recall it for another header', () => {
    const storage = memoryStorage();
    rememberMapping(storage, HEADER, { ...guessMapping(HEADER), birth: 4 });
    expect(recallMapping(storage, ['Катар', 'Бет', 'Фамилиясы', 'Аты', 'Т.к.'])).toBeNull();
    expect(recallMapping(storage, HEADER.slice(0, 4))).toBeNull();
  });

  it('the latest confirmation wins; several headers are kept', () => {
    const storage = memoryStorage();
    const other = ['Page', 'Row', 'Surname', 'Name', 'DOB'];
    rememberMapping(storage, HEADER, { ...emptyMapping(), page: 0, row: 1, surname: 2, name: 3, birth: 4 });
    rememberMapping(storage, other, guessMapping(other));
    rememberMapping(storage, HEADER, { ...emptyMapping(), page: 0, row: 1, surname: 3, name: 2, birth: 4 });
    expect(recallMapping(storage, HEADER)?.surname).toBe(3);
    expect(recallMapping(storage, other)).toEqual(guessMapping(other));
  });

  it('ignores damaged or out-of-range stored data', () => {
    const storage = memoryStorage();
    storage.setItem(MAPPINGS_KEY, '{not json');
    expect(recallMapping(storage, HEADER)).toBeNull();
    storage.setItem(MAPPINGS_KEY, JSON.stringify([{ signature: headerSignature(HEADER), mapping: { ...emptyMapping(), birth: 9 } }]));
    expect(recallMapping(storage, HEADER)).toBeNull();
    rememberMapping(storage, HEADER, { ...emptyMapping(), birth: 4 });
    expect(recallMapping(storage, HEADER)?.birth).toBe(4);
  });

  it('finds the remembered header below title and blank rows (within the first 20 rows), and nothing without one', () => {
    const storage = memoryStorage();
    const odd = ['Б.', 'К.', 'Ф.', 'А.', 'Т.к.'];
    const rows = (titles: number) => [...Array.from({ length: titles }, (_, i) => [`Тизме ${i}`, '', '', '', '']), ['', '', '', '', ''], odd, ['1', '1', 'Асанов', 'Нурлан', '1980']];
    expect(recallHeaderRow(storage, rows(1))).toBeUndefined();
    rememberMapping(storage, odd, { ...emptyMapping(), page: 0, row: 1, surname: 2, name: 3, birth: 4 }, 2);
    expect(recallHeaderRow(storage, rows(1))).toBe(3);
    expect(recallHeaderRow(storage, rows(3))).toBe(5);
    expect(recallHeaderRow(storage, [['б', 'к', 'ф', 'а', 'т к'], ['1', '1', 'Асанов', 'Нурлан', '1980']])).toBe(1);
    expect(recallHeaderRow(storage, rows(19))).toBeUndefined();
  });
});
