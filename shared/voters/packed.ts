/**
 * The voter list in a compact, columnar form for keeping next to the list's blob (issue 19): strings
 * that repeat (surnames, names, patronymics, addresses, birth dates) are stored once in a dictionary
 * and referenced by number; page, row and birth year are typed arrays. Unpacking gives records whose
 * repeated strings are shared (one "г. Бишкек, …" string for a whole family), not a copy per voter.
 *
 * The packed form is a cache derived from the list (the blob stays the record): `checkPackedList`
 * refuses any shape it does not trust, and the caller then rebuilds it from the blob.
 *
 * Format 2: every column of strings is ONE string and the offsets where its values end
 * (`StringColumn`), not an array of 100,000 strings: reading the row back from IndexedDB then
 * deserialises a few long strings and typed arrays instead of half a million small objects (the
 * desk's reload spent most of its time there), and checking it is a pass over offsets.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../util/result';
import { finish, STEP, type Steps } from '../util/steps';
import type { VoterMark, VoterRecord } from './validate';
import { canonicalArraySha256 } from '../util/sha256-sync';

export const PACKED_LIST_FORMAT = 2;

/** Strings stored as one: value i is `text.slice(ends[i - 1] ?? 0, ends[i])`. */
export interface StringColumn {
  text: string;
  ends: Int32Array;
}

export function joinStrings(values: readonly string[]): StringColumn {
  const ends = new Int32Array(values.length);
  let at = 0;
  for (let i = 0; i < values.length; i += 1) {
    at += values[i]!.length;
    ends[i] = at;
  }
  return { text: values.join(''), ends };
}

/** The values of a sound column (`soundStringColumn`). */
export function splitStrings(column: StringColumn): string[] {
  return finish(splitStringsSteps(column));
}

/** `splitStrings` a slice at a time (shared/util/steps.ts). */
export function* splitStringsSteps(column: StringColumn): Steps<string[]> {
  const { text, ends } = column;
  const out = new Array<string>(ends.length);
  let from = 0;
  for (let lo = 0; lo < ends.length; lo += STEP) {
    if (lo > 0) yield;
    const hi = Math.min(ends.length, lo + STEP);
    for (let i = lo; i < hi; i += 1) {
      const to = ends[i]!;
      out[i] = text.slice(from, to);
      from = to;
    }
  }
  return out;
}

/** Whether `x` is a column of `count` strings (when given) whose offsets rise to the end of its text. */
export function soundStringColumn(x: unknown, count?: number): x is StringColumn {
  return finish(soundStringColumnSteps(x, count));
}

/** `soundStringColumn` a slice at a time. */
export function* soundStringColumnSteps(x: unknown, count?: number): Steps<boolean> {
  if (typeof x !== 'object' || x === null) return false;
  const { text, ends } = x as Partial<StringColumn>;
  if (typeof text !== 'string' || !(ends instanceof Int32Array)) return false;
  if (count !== undefined && ends.length !== count) return false;
  let prev = 0;
  for (let lo = 0; lo < ends.length; lo += 4 * STEP) {
    if (lo > 0) yield;
    prev = risingEnds(ends, lo, Math.min(ends.length, lo + 4 * STEP), prev);
    if (prev < 0) return false;
  }
  return prev === text.length;
}

/*
 * The checks' loops over 100,000-long columns are plain functions, called a slice at a time by the
 * generators: a loop inside a generator runs in V8's interpreter on a window's first opening (it is
 * not optimised while it runs), one in a plain function is optimised mid-loop. Measured on the
 * desk's reload (issue 19): the row's checks took 300 ms of the main thread as generator loops.
 */

/** The last of `ends[from..to)` when they rise from `prev` (each ≥ the one before), else -1. */
function risingEnds(ends: Int32Array, from: number, to: number, prev: number): number {
  let last = prev;
  for (let i = from; i < to; i += 1) {
    const e = ends[i]!;
    if (e < last) return -1;
    last = e;
  }
  return last;
}

/** Whether every one of `values[from..to)` is in `min ≤ v < limit`. */
function allWithin(values: Int32Array, from: number, to: number, min: number, limit: number): boolean {
  for (let i = from; i < to; i += 1) {
    const v = values[i]!;
    if (v < min || v >= limit) return false;
  }
  return true;
}

export interface PackedVoterList {
  format: typeof PACKED_LIST_FORMAT;
  count: number;
  /** Distinct strings of the dictionary-coded fields. */
  strings: StringColumn;
  surname: Int32Array;
  name: Int32Array;
  patronymic: Int32Array;
  address: Int32Array;
  /** -1: no full date (only the birth year is known). */
  birthDate: Int32Array;
  page: Int32Array;
  row: Int32Array;
  birthYear: Int32Array;
  id: StringColumn;
  document: StringColumn;
  pin: StringColumn;
  /** Voters with marks (few): index → marks. */
  marks: { at: number; marks: VoterMark[] }[];
}

/** The list packed; `unpackVoters(packVoters(v))` equals `v` field by field. */
export function packVoters(voters: readonly VoterRecord[]): PackedVoterList {
  const n = voters.length;
  const codes = new Map<string, number>();
  const strings: string[] = [];
  const code = (s: string): number => {
    let c = codes.get(s);
    if (c === undefined) {
      c = strings.length;
      strings.push(s);
      codes.set(s, c);
    }
    return c;
  };
  const id = new Array<string>(n);
  const document = new Array<string>(n);
  const pin = new Array<string>(n);
  const out: Omit<PackedVoterList, 'strings' | 'id' | 'document' | 'pin'> = {
    format: PACKED_LIST_FORMAT,
    count: n,
    surname: new Int32Array(n),
    name: new Int32Array(n),
    patronymic: new Int32Array(n),
    address: new Int32Array(n),
    birthDate: new Int32Array(n),
    page: new Int32Array(n),
    row: new Int32Array(n),
    birthYear: new Int32Array(n),
    marks: [],
  };
  for (let i = 0; i < n; i += 1) {
    const v = voters[i]!;
    out.surname[i] = code(v.surname);
    out.name[i] = code(v.name);
    out.patronymic[i] = code(v.patronymic);
    out.address[i] = code(v.address);
    out.birthDate[i] = v.birthDate === null ? -1 : code(v.birthDate);
    out.page[i] = v.page;
    out.row[i] = v.row;
    out.birthYear[i] = v.birthYear;
    id[i] = v.id;
    document[i] = v.document;
    pin[i] = v.pin;
    if (v.marks.length > 0) out.marks.push({ at: i, marks: [...v.marks] });
  }
  return { ...out, strings: joinStrings(strings), id: joinStrings(id), document: joinStrings(document), pin: joinStrings(pin) };
}

const NO_MARKS: VoterMark[] = [];
Object.freeze(NO_MARKS);

/** The records, repeated strings shared. Voters without marks share one frozen empty array. */
export function unpackVoters(p: PackedVoterList): VoterRecord[] {
  return finish(unpackVotersSteps(p));
}

/** `unpackVoters` a slice at a time (shared/util/steps.ts), so the UI thread can be given back between slices. */
export function* unpackVotersSteps(p: PackedVoterList): Steps<VoterRecord[]> {
  const s = yield* splitStringsSteps(p.strings);
  const id = yield* splitStringsSteps(p.id);
  const document = yield* splitStringsSteps(p.document);
  const pin = yield* splitStringsSteps(p.pin);
  const out = new Array<VoterRecord>(p.count);
  for (let from = 0; from < p.count; from += STEP) {
    if (from > 0) yield;
    const to = Math.min(p.count, from + STEP);
    for (let i = from; i < to; i += 1) {
      const bd = p.birthDate[i]!;
      out[i] = {
        id: id[i]!,
        page: p.page[i]!,
        row: p.row[i]!,
        surname: s[p.surname[i]!]!,
        name: s[p.name[i]!]!,
        patronymic: s[p.patronymic[i]!]!,
        birthDate: bd < 0 ? null : (s[bd]! as VoterRecord['birthDate']),
        birthYear: p.birthYear[i]!,
        address: s[p.address[i]!]!,
        document: document[i]!,
        pin: pin[i]!,
        marks: NO_MARKS,
      };
    }
  }
  for (const m of p.marks) out[m.at]!.marks = m.marks;
  return out;
}

/**
 * A voter list read field by field (issue 19): what the search and the desk ask of a list, whether
 * it is held as records or packed. A packed list (`PackedVoters`) is read in place: no record is
 * made for a voter until one is asked for (a hit shown), and the whole list is unpacked only when a
 * screen asks for every record (`records()`).
 */
export interface VoterColumns {
  readonly length: number;
  /** Voter i as a record (the same object each time it is asked for). */
  voter(i: number): VoterRecord;
  /**
   * Voter i as a record for a pass over the whole list (hashing it, building its index): a packed
   * list makes it without keeping it, so the pass never holds 100,000 records at once (issue 19).
   */
  peek(i: number): VoterRecord;
  surname(i: number): string;
  /** `surname(i).length`, without making the string. */
  surnameLength(i: number): number;
  page(i: number): number;
  row(i: number): number;
  birthYear(i: number): number;
  birthDate(i: number): string | null;
  /** Every voter as a record, in list order (made once, on first ask, when the list is packed). */
  records(): readonly VoterRecord[];
  /**
   * How many voters have marks (the hospital and custody lists), without making a record: counting
   * them over `records()` made 100,000 records on the calendar's first showing — one task of 200 ms
   * after a training load (issue 19, training.load.longtask).
   */
  markedCount(): number;
}

/** Records read as columns. */
export function recordColumns(voters: readonly VoterRecord[]): VoterColumns {
  return {
    length: voters.length,
    voter: (i) => voters[i]!,
    peek: (i) => voters[i]!,
    surname: (i) => voters[i]!.surname,
    surnameLength: (i) => voters[i]!.surname.length,
    page: (i) => voters[i]!.page,
    row: (i) => voters[i]!.row,
    birthYear: (i) => voters[i]!.birthYear,
    birthDate: (i) => voters[i]!.birthDate,
    records: () => voters,
    markedCount: () => voters.reduce((n, v) => (v.marks.length > 0 ? n + 1 : n), 0),
  };
}

/** Value i of a sound column. */
export function stringAt(column: StringColumn, i: number): string {
  return column.text.slice(i > 0 ? column.ends[i - 1]! : 0, column.ends[i]!);
}

/**
 * A sound packed list (`checkPackedList`) read in place (issue 19: the desk answers its first search
 * from the list as stored, without making 100,000 records first). A voter's record is made when it
 * is first asked for, its repeated strings shared; `records()` unpacks the rest once and keeps the
 * records already made (a voter is one object however it was reached).
 */
export class PackedVoters implements VoterColumns {
  readonly length: number;
  private readonly made = new Map<number, VoterRecord>();
  private all: VoterRecord[] | null = null;
  /** Dictionary strings made so far, by code (shared by every record that uses them). */
  private readonly dictionary: (string | undefined)[] = [];
  private marksAt: Map<number, VoterMark[]> | null = null;

  constructor(private readonly packed: PackedVoterList) {
    this.length = packed.count;
  }

  /** How many records have been made so far (without `records()`): what the desk has shown. */
  get madeCount(): number {
    return this.all ? this.length : this.made.size;
  }

  private text(code: number): string {
    let s = this.dictionary[code];
    if (s === undefined) {
      s = stringAt(this.packed.strings, code);
      this.dictionary[code] = s;
    }
    return s;
  }

  surname(i: number): string {
    return this.text(this.packed.surname[i]!);
  }

  surnameLength(i: number): number {
    const code = this.packed.surname[i]!;
    const ends = this.packed.strings.ends;
    return ends[code]! - (code > 0 ? ends[code - 1]! : 0);
  }

  page(i: number): number {
    return this.packed.page[i]!;
  }

  row(i: number): number {
    return this.packed.row[i]!;
  }

  birthYear(i: number): number {
    return this.packed.birthYear[i]!;
  }

  birthDate(i: number): string | null {
    const bd = this.packed.birthDate[i]!;
    return bd < 0 ? null : this.text(bd);
  }

  voter(i: number): VoterRecord {
    if (this.all) return this.all[i]!;
    let v = this.made.get(i);
    if (v === undefined) {
      v = this.make(i);
      this.made.set(i, v);
    }
    return v;
  }

  peek(i: number): VoterRecord {
    return this.all?.[i] ?? this.made.get(i) ?? this.make(i);
  }

  private make(i: number): VoterRecord {
    const p = this.packed;
    this.marksAt ??= new Map(p.marks.map((m) => [m.at, m.marks]));
    return {
      id: stringAt(p.id, i),
      page: p.page[i]!,
      row: p.row[i]!,
      surname: this.surname(i),
      name: this.text(p.name[i]!),
      patronymic: this.text(p.patronymic[i]!),
      birthDate: this.birthDate(i) as VoterRecord['birthDate'],
      birthYear: p.birthYear[i]!,
      address: this.text(p.address[i]!),
      document: stringAt(p.document, i),
      pin: stringAt(p.pin, i),
      marks: this.marksAt.get(i) ?? NO_MARKS,
    };
  }

  markedCount(): number {
    this.marksAt ??= new Map(this.packed.marks.map((m) => [m.at, m.marks]));
    let n = 0;
    for (const marks of this.marksAt.values()) if (marks.length > 0) n += 1;
    return n;
  }

  records(): readonly VoterRecord[] {
    if (!this.all) {
      const all = unpackVoters(this.packed);
      for (const [i, v] of this.made) all[i] = v;
      this.all = all;
      this.made.clear();
    }
    return this.all;
  }
}

const int32 = z.instanceof(Int32Array);
const column = z.object({ text: z.string(), ends: int32 });
const PackedShape = z.object({
  format: z.literal(PACKED_LIST_FORMAT),
  count: z.number().int().min(0),
  strings: column,
  surname: int32,
  name: int32,
  patronymic: int32,
  address: int32,
  birthDate: int32,
  page: int32,
  row: int32,
  birthYear: int32,
  id: column,
  document: column,
  pin: column,
  marks: z.array(z.object({ at: z.number().int().min(0), marks: z.array(z.enum(['hospital', 'custody'])) })),
});

/** Why a stored packed list is not used: the part of it that is not sound. */
export interface PackedListProblem {
  code: 'unsound-packed-list';
  part: 'shape' | 'columns' | 'strings' | 'references' | 'marks';
}

const unsound = (part: PackedListProblem['part']) => err<PackedListProblem>({ code: 'unsound-packed-list', part });

/**
 * The packed list read back from storage, or the part of it that is not sound (then the caller
 * rebuilds it from the list itself). Checks every column's length and every reference.
 */
export function checkPackedList(value: unknown): Result<PackedVoterList, PackedListProblem> {
  return finish(checkPackedListSteps(value));
}

/** `checkPackedList` a slice at a time (shared/util/steps.ts). */
export function* checkPackedListSteps(value: unknown): Steps<Result<PackedVoterList, PackedListProblem>> {
  // The shape by zod; lengths, offsets and references below.
  const parsed = PackedShape.safeParse(value);
  if (!parsed.success) return unsound('shape');
  const p = parsed.data as PackedVoterList;
  const n = p.count;
  const columns = [p.surname, p.name, p.patronymic, p.address, p.birthDate, p.page, p.row, p.birthYear];
  if (columns.some((c) => c.length !== n)) return unsound('columns');
  for (const c of [p.id, p.document, p.pin]) if (!(yield* soundStringColumnSteps(c, n))) return unsound('columns');
  if (!(yield* soundStringColumnSteps(p.strings))) return unsound('strings');
  const k = p.strings.ends.length;
  const slice = 4 * STEP;
  for (const c of [p.surname, p.name, p.patronymic, p.address]) {
    for (let from = 0; from < n; from += slice) {
      yield;
      if (!allWithin(c, from, Math.min(n, from + slice), 0, k)) return unsound('references');
    }
  }
  for (let from = 0; from < n; from += slice) {
    yield;
    if (!allWithin(p.birthDate, from, Math.min(n, from + slice), -1, k)) return unsound('references');
  }
  if (p.marks.some((m) => m.at >= n)) return unsound('marks');
  return ok(p);
}

/**
 * A stored packed list taken as it is, after only the checks that cost nothing (its format, every
 * column's type and length): not its offsets and references (`checkPackedListSteps`, O(n)). For
 * answering the desk's first search on a reload before those have run (issue 19); nothing is
 * issued from it until they have passed (renderer/core/voter-list.ts).
 */
export function shapedPackedList(value: unknown, count: number): PackedVoterList | null {
  if (typeof value !== 'object' || value === null) return null;
  const p = value as Partial<PackedVoterList>;
  if (p.format !== PACKED_LIST_FORMAT || p.count !== count || !Array.isArray(p.marks)) return null;
  const columns = [p.surname, p.name, p.patronymic, p.address, p.birthDate, p.page, p.row, p.birthYear];
  if (columns.some((c) => !(c instanceof Int32Array) || c.length !== count)) return null;
  const shaped = (c: StringColumn | undefined, n?: number) => typeof c === 'object' && c !== null && typeof c.text === 'string' && c.ends instanceof Int32Array && (n === undefined || c.ends.length === n);
  if (!shaped(p.strings) || ![p.id, p.document, p.pin].every((c) => shaped(c, count))) return null;
  return p as PackedVoterList;
}

/** Why a stored list's blob is not read: its packed form is not sound, or it is neither form. */
export type ListBlobProblem = PackedListProblem | { code: 'unknown-list-blob' };

/**
 * The voters of a list's blob (`blobs.data`), whichever form it was stored in (issue 19): the
 * records themselves (the first form, still in older databases, restored backups and training
 * states), or the list packed (`packVoters`: what an import and an activation store now — a third
 * of the bytes to write at the import's peak of memory). Either way the list's hash is that of the
 * records' canonical JSON, and backups carry the records.
 */
export function listBlobVoters(data: unknown): Result<VoterRecord[], ListBlobProblem> {
  if (Array.isArray(data)) return ok(data as VoterRecord[]);
  if (typeof data !== 'object' || data === null || !('format' in data)) return err({ code: 'unknown-list-blob' });
  const packed = checkPackedList(data);
  return packed.ok ? ok(unpackVoters(packed.value)) : packed;
}

/**
 * A list's blob data as a laptop stores it (issue 19): its records packed — what an activation
 * writes — when they pack back to exactly the list `hash` names; else (records of another shape, an
 * older export, a form already packed) as given (`listBlobVoters` reads either form). Off the UI
 * thread for a whole list (a backup restored: the import worker's `read-backup`).
 */
export function storedListData(data: unknown, hash: string): unknown {
  if (!Array.isArray(data)) return data;
  try {
    const packed = packVoters(data as VoterRecord[]);
    return canonicalArraySha256(unpackVoters(packed)) === hash ? packed : data;
  } catch {
    // Not records of the voter list's shape: kept as they are.
    return data;
  }
}
