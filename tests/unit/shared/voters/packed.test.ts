import { describe, expect, it } from 'vitest';
import { checkPackedList, packVoters, unpackVoters } from '../../../../shared/voters/packed';
import { checkStoredIndex, VoterSearchIndex } from '../../../../shared/voters/search';
import { generateVoters } from '../../../../shared/voters/generate';

const VOTERS = generateVoters(2000, 77);
const QUERIES = ['а', 'асан', 'нур бак', 'уулу', 'kyz', 'ID12', '123', '3/7', '99/1', 'fcfy', 'жээн', 'Маматов Айгүл', 'b z'];

describe('the packed list (stored next to the list for the desk)', () => {
  it('unpacks to the same records, through a structured clone as IndexedDB stores it', () => {
    const packed = structuredClone(packVoters(VOTERS));
    expect(checkPackedList(packed)).not.toBeNull();
    expect(unpackVoters(packed)).toEqual(VOTERS);
  });

  it('holds each repeated string once', () => {
    const packed = packVoters(VOTERS);
    const repeated = ['surname', 'name', 'patronymic', 'address'] as const;
    const distinct = new Set(VOTERS.flatMap((v) => [...repeated.map((f) => v[f]), v.birthDate ?? '']));
    expect(packed.strings.length).toBeLessThanOrEqual(distinct.size);
    expect(packed.strings.length).toBeLessThan(VOTERS.length * 2); // not one per voter and field
    expect(new Set(packed.strings).size).toBe(packed.strings.length);
  });

  it('refuses a packed list whose columns or references do not fit (the caller rebuilds it)', () => {
    const good = packVoters(VOTERS.slice(0, 50));
    expect(checkPackedList(good)).not.toBeNull();
    const bad: unknown[] = [
      null,
      'x',
      { ...good, format: 2 },
      { ...good, count: 51 },
      { ...good, surname: good.surname.slice(1) },
      { ...good, address: Int32Array.from(good.address, (c, i) => (i === 3 ? good.strings.length : c)) },
      { ...good, name: Int32Array.from(good.name, (c, i) => (i === 0 ? -1 : c)) },
      { ...good, birthDate: Int32Array.from(good.birthDate, (c, i) => (i === 0 ? -2 : c)) },
      { ...good, page: Array.from(good.page) },
      { ...good, id: good.id.slice(1) },
      { ...good, pin: [...good.pin.slice(1), 5] },
      { ...good, marks: [{ at: 50, marks: ['hospital'] }] },
      { ...good, marks: [{ at: 1, marks: ['asleep'] }] },
    ];
    for (const b of bad) expect(checkPackedList(b)).toBeNull();
  });
});

describe('the stored search index', () => {
  const built = new VoterSearchIndex(VOTERS);
  it('answers every query as the index built from the names, after a structured clone, over the unpacked list', () => {
    const stored = structuredClone(built.toStored());
    const list = unpackVoters(structuredClone(packVoters(VOTERS)));
    const loaded = new VoterSearchIndex(list, stored);
    for (const q of QUERIES) {
      const a = built.searchCounted(q, 300);
      const b = loaded.searchCounted(q, 300);
      expect([q, b.total, b.hits.map((h) => [h.index, h.score, h.match])]).toEqual([q, a.total, a.hits.map((h) => [h.index, h.score, h.match])]);
    }
    // The queries do reach voters (the comparison is not between two empty answers).
    expect(QUERIES.filter((q) => built.searchCounted(q, 1).total > 0).length).toBeGreaterThan(9);
  });

  it('is refused when it does not fit the list', () => {
    const good = built.toStored();
    expect(checkStoredIndex(good, VOTERS.length)).toBe(true);
    const swapKeys = [...good.names.keys];
    [swapKeys[0], swapKeys[1]] = [swapKeys[1]!, swapKeys[0]!];
    const bad: [unknown, number][] = [
      [good, VOTERS.length - 1],
      [null, VOTERS.length],
      [{ ...good, format: 9 }, VOTERS.length],
      [{ ...good, byRank: Int32Array.from(good.byRank, (v, r) => (r === 0 ? good.byRank[1]! : v)) }, VOTERS.length],
      [{ ...good, byRank: good.byRank.slice(1) }, VOTERS.length],
      [{ ...good, names: { ...good.names, keys: swapKeys } }, VOTERS.length],
      [{ ...good, names: { ...good.names, flat: Int32Array.from(good.names.flat, (p, i) => (i === 5 ? VOTERS.length * 4 : p)) } }, VOTERS.length],
      [{ ...good, codes: { ...good.codes, start: good.codes.start.slice(1) } }, VOTERS.length],
      [{ ...good, codes: { ...good.codes, flat: Array.from(good.codes.flat) } }, VOTERS.length],
      [{ ...good, series: [1] }, VOTERS.length],
    ];
    for (const [b, n] of bad) expect(checkStoredIndex(b, n)).toBe(false);
    expect(() => new VoterSearchIndex(VOTERS.slice(1), good)).toThrow(RangeError);
  });
});
