import { describe, expect, it } from 'vitest';
import { checkPackedList, joinStrings, listBlobVoters, PackedVoters, packVoters, recordColumns, splitStrings, unpackVoters, type PackedListProblem } from '../../../../shared/voters/packed';
import { err } from '../../../../shared/util/result';
import { checkStoredIndex, VoterSearchIndex } from '../../../../shared/voters/search';
import { generateVoters } from '../../../../shared/voters/generate';
import { openStaged } from '../../../../shared/voters/import-protocol';
import { inSlices } from '../../../../shared/util/steps';
import { canonicalArraySha256, canonicalListSha256 } from '../../../../shared/util/sha256-sync';

const VOTERS = generateVoters(2000, 77);
const QUERIES = ['а', 'асан', 'нур бак', 'уулу', 'kyz', 'ID12', '123', '3/7', '99/1', 'fcfy', 'жээн', 'Маматов Айгүл', 'b z'];

describe('the packed list (stored next to the list for the desk)', () => {
  it('unpacks to the same records, through a structured clone as IndexedDB stores it', () => {
    const packed = structuredClone(packVoters(VOTERS));
    expect(checkPackedList(packed)).toMatchObject({ ok: true, value: { count: packed.count } });
    expect(unpackVoters(packed)).toEqual(VOTERS);
  });

  it('counts the voters with marks without making a record (the calendar asks it on its first showing)', () => {
    const marked = VOTERS.filter((v) => v.marks.length > 0).length;
    expect(marked).toBeGreaterThan(0);
    const packed = new PackedVoters(structuredClone(packVoters(VOTERS)));
    expect(packed.markedCount()).toBe(marked);
    expect(packed.madeCount).toBe(0);
    expect(new PackedVoters(packVoters(VOTERS.map((v) => ({ ...v, marks: [] })))).markedCount()).toBe(0);
    expect(recordColumns(VOTERS).markedCount()).toBe(marked);
  });

  it('holds each repeated string once', () => {
    const packed = packVoters(VOTERS);
    const repeated = ['surname', 'name', 'patronymic', 'address'] as const;
    const distinct = new Set(VOTERS.flatMap((v) => [...repeated.map((f) => v[f]), v.birthDate ?? '']));
    const strings = splitStrings(packed.strings);
    expect(strings.length).toBeLessThanOrEqual(distinct.size);
    expect(strings.length).toBeLessThan(VOTERS.length * 2); // not one per voter and field
    expect(new Set(strings).size).toBe(strings.length);
  });

  it('stores each column of strings as one string and its offsets (empty strings, astral letters kept)', () => {
    const values = ['', 'Асанов', '', 'a\u0000b', '𝔘𝔫𝔦', 'Ү'];
    const column = structuredClone(joinStrings(values));
    expect(typeof column.text).toBe('string');
    expect(splitStrings(column)).toEqual(values);
    expect(splitStrings(joinStrings([]))).toEqual([]);
  });

  it('refuses a packed list whose columns or references do not fit (the caller rebuilds it)', () => {
    const good = packVoters(VOTERS.slice(0, 50));
    expect(checkPackedList(good).ok).toBe(true);
    const bad: [unknown, PackedListProblem['part']][] = [
      [null, 'shape'],
      ['x', 'shape'],
      [{ ...good, format: 1 }, 'shape'],
      [{ ...good, format: 3 }, 'shape'],
      [{ ...good, count: 51 }, 'columns'],
      [{ ...good, surname: good.surname.slice(1) }, 'columns'],
      [{ ...good, address: Int32Array.from(good.address, (c, i) => (i === 3 ? good.strings.ends.length : c)) }, 'references'],
      [{ ...good, name: Int32Array.from(good.name, (c, i) => (i === 0 ? -1 : c)) }, 'references'],
      [{ ...good, birthDate: Int32Array.from(good.birthDate, (c, i) => (i === 0 ? -2 : c)) }, 'references'],
      [{ ...good, page: Array.from(good.page) }, 'shape'],
      [{ ...good, id: { ...good.id, ends: good.id.ends.slice(1) } }, 'columns'],
      [{ ...good, id: splitStrings(good.id) }, 'shape'],
      [{ ...good, pin: { ...good.pin, text: `${good.pin.text}x` } }, 'columns'],
      [{ ...good, document: { ...good.document, ends: Int32Array.from(good.document.ends, (e, i) => (i === 1 ? -1 : e)) } }, 'columns'],
      [{ ...good, document: { text: 5, ends: good.document.ends } }, 'shape'],
      [{ ...good, strings: { ...good.strings, ends: good.strings.ends.slice(0, 2) } }, 'strings'],
      [{ ...good, strings: splitStrings(good.strings) }, 'shape'],
      [{ ...good, marks: [{ at: 50, marks: ['hospital'] }] }, 'marks'],
      [{ ...good, marks: [{ at: 1, marks: ['asleep'] }] }, 'shape'],
    ];
    for (const [b, part] of bad) expect(checkPackedList(b), part).toEqual(err({ code: 'unsound-packed-list', part }));
  });
});

describe('the stored search index', () => {
  const built = new VoterSearchIndex(VOTERS);
  it('is hashed and indexed in place, a voter at a time, without being unpacked (the import worker builds so, issue 19)', () => {
    const inPlace = new PackedVoters(structuredClone(packVoters(VOTERS)));
    expect(canonicalListSha256(inPlace.length, (i) => inPlace.peek(i))).toBe(canonicalArraySha256(VOTERS));
    const index = new VoterSearchIndex(inPlace);
    // No record kept: every one was made for its turn and let go.
    expect(inPlace.madeCount).toBe(0);
    expect(index.toStored()).toEqual(built.toStored());
  });

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

  it('answers queries of several name words the same whether their words were prepared in slices after opening or made on first need', () => {
    const stored = built.toStored();
    const lazy = new VoterSearchIndex(VOTERS, stored);
    const prepared = new VoterSearchIndex(VOTERS, stored);
    const steps = prepared.preparing();
    let step = steps.next();
    while (!step.done) step = steps.next();
    const several = QUERIES.filter((q) => q.trim().includes(' '));
    expect(several.length).toBeGreaterThan(0);
    for (const q of several) {
      const a = built.searchCounted(q, 300);
      for (const index of [lazy, prepared]) {
        const b = index.searchCounted(q, 300);
        expect([q, b.total, b.hits.map((h) => [h.index, h.score, h.match])]).toEqual([q, a.total, a.hits.map((h) => [h.index, h.score, h.match])]);
      }
    }
  });

  it('is refused when it does not fit the list', () => {
    const good = built.toStored();
    expect(checkStoredIndex(good, VOTERS.length)).toBe(true);
    const swapKeys = splitStrings(good.names.keys);
    [swapKeys[0], swapKeys[1]] = [swapKeys[1]!, swapKeys[0]!];
    const bad: [unknown, number][] = [
      [good, VOTERS.length - 1],
      [null, VOTERS.length],
      [{ ...good, format: 9 }, VOTERS.length],
      [{ ...good, byRank: Int32Array.from(good.byRank, (v, r) => (r === 0 ? good.byRank[1]! : v)) }, VOTERS.length],
      [{ ...good, byRank: good.byRank.slice(1) }, VOTERS.length],
      [{ ...good, names: { ...good.names, keys: joinStrings(swapKeys) } }, VOTERS.length],
      [{ ...good, names: { ...good.names, keys: swapKeys } }, VOTERS.length],
      [{ ...good, names: { ...good.names, keys: { ...good.names.keys, text: good.names.keys.text.slice(1) } } }, VOTERS.length],
      [{ ...good, format: 1 }, VOTERS.length],
      [{ ...good, names: { ...good.names, flat: Int32Array.from(good.names.flat, (p, i) => (i === 5 ? VOTERS.length * 4 : p)) } }, VOTERS.length],
      [{ ...good, codes: { ...good.codes, start: good.codes.start.slice(1) } }, VOTERS.length],
      [{ ...good, codes: { ...good.codes, flat: Array.from(good.codes.flat) } }, VOTERS.length],
      [{ ...good, series: [1] }, VOTERS.length],
    ];
    for (const [b, n] of bad) expect(checkStoredIndex(b, n)).toBe(false);
    expect(() => new VoterSearchIndex(VOTERS.slice(1), good)).toThrow(RangeError);
  });
});

describe('the packed list read in place (issue 19: the desk searches it without unpacking it)', () => {
  const built = new VoterSearchIndex(VOTERS);
  const stored = () => structuredClone(built.toStored());
  const packedList = () => {
    const checked = checkPackedList(structuredClone(packVoters(VOTERS)));
    if (!checked.ok) throw new Error('unsound');
    return new PackedVoters(checked.value);
  };

  it('gives every voter and field as the unpacked list does', () => {
    const list = packedList();
    expect(list.length).toBe(VOTERS.length);
    for (let i = 0; i < VOTERS.length; i += 1) {
      const v = VOTERS[i]!;
      expect([list.surname(i), list.surnameLength(i), list.page(i), list.row(i), list.birthYear(i), list.birthDate(i)]).toEqual([v.surname, v.surname.length, v.page, v.row, v.birthYear, v.birthDate]);
      expect(list.voter(i)).toEqual(v);
    }
    // Voters with marks keep them (the generated list has some).
    expect(VOTERS.some((v) => v.marks.length > 0)).toBe(true);
  });

  it('makes a record only for the voters the search shows, each one object, kept when the whole list is unpacked', () => {
    const list = packedList();
    const index = new VoterSearchIndex(list, stored());
    expect(list.madeCount).toBe(0);
    const shown = new Set<number>();
    const answers = QUERIES.map((q) => {
      const r = index.searchCounted(q, 20);
      for (const h of r.hits) shown.add(h.index);
      return [q, r.total, r.hits.map((h) => [h.index, h.score, h.match, h.voter])];
    });
    // The same voters, scores and counts as the index over the records.
    expect(answers).toEqual(QUERIES.map((q) => {
      const r = built.searchCounted(q, 20);
      return [q, r.total, r.hits.map((h) => [h.index, h.score, h.match, h.voter])];
    }));
    expect(shown.size).toBeGreaterThan(20);
    expect(list.madeCount).toBe(shown.size);
    const first = index.search('асан', 1)[0]!;
    expect(index.search('асан', 1)[0]!.voter).toBe(first.voter);
    const all = list.records();
    expect(all).toEqual(VOTERS);
    expect(all[first.index]).toBe(first.voter);
    expect(list.voter(first.index)).toBe(first.voter);
  });

  it('is answered for a birth year and a date as the records are (namesakes told apart)', () => {
    const list = packedList();
    const index = new VoterSearchIndex(list, stored());
    const dated = VOTERS.find((v) => v.birthDate !== null)!;
    const [y, m, d] = dated.birthDate!.split('-');
    for (const q of [`${dated.surname} ${y}`, `${dated.surname} ${Number(d)}.${Number(m)}.${y}`, `${dated.surname} ${Number(d)}.${Number(m)}`, `${dated.surname} 19`]) {
      const a = built.searchCounted(q, 50);
      const b = index.searchCounted(q, 50);
      expect([q, b.total, b.hits.map((h) => [h.index, h.score])]).toEqual([q, a.total, a.hits.map((h) => [h.index, h.score])]);
      expect(b.total).toBeGreaterThan(0);
    }
  });
});

describe('a stored list opened a slice at a time (the import hands it to the window: issue 19)', () => {
  const many = generateVoters(30_000, 78);
  const stored = new VoterSearchIndex(many).toStored();
  const packed = packVoters(many);
  it('gives the thread back many times, and opens the same voters and index as at once', async () => {
    let slices = 0;
    const steps = openStaged({ type: 'staged', id: 1, listHash: '0'.repeat(64), created: true, packed, index: stored }, many.length);
    let step = steps.next();
    for (; !step.done; step = steps.next()) slices += 1;
    const opened = step.value;
    // Every loop over the 30,000 voters (checks, unpacking, the index's parts) is cut in slices.
    expect(slices).toBeGreaterThan(30);
    if (!opened.ok) throw new Error('not opened');
    expect(opened.value.voters).toEqual(many);
    const atOnce = new VoterSearchIndex(unpackVoters(packed), stored);
    for (const q of QUERIES) expect(opened.value.index.searchCounted(q, 50).total).toBe(atOnce.searchCounted(q, 50).total);
    // Run as the window runs it: the same list, with other tasks let in between the slices.
    let between = 0;
    const ticker = setInterval(() => (between += 1), 0);
    const sliced = await inSlices(openStaged({ type: 'staged', id: 1, listHash: '0'.repeat(64), created: true, packed, index: stored }, many.length), 1);
    clearInterval(ticker);
    expect(sliced.ok && sliced.value.voters).toEqual(many);
    expect(between).toBeGreaterThan(0);
  });

  it("reads a list's blob in either form: the records (older databases, restored backups) or packed (issue 19)", () => {
    const packed = structuredClone(packVoters(VOTERS));
    expect(listBlobVoters(structuredClone(VOTERS))).toEqual({ ok: true, value: VOTERS });
    expect(listBlobVoters(packed)).toEqual({ ok: true, value: VOTERS });
    expect(listBlobVoters({ ...packed, surname: new Int32Array(1) })).toEqual(err({ code: 'unsound-packed-list', part: 'columns' }));
    expect(listBlobVoters('text')).toEqual(err({ code: 'unknown-list-blob' }));
    expect(listBlobVoters(null)).toEqual(err({ code: 'unknown-list-blob' }));
  });
});
