/**
 * Finding voters as the member types: by name in Kyrgyz, Russian or Latin letters, by document
 * number or ПИН, or by page and row.
 *
 * Name normalisation (`searchSkeleton`) maps every spelling of a name to one Latin "skeleton", in
 * two steps, so that Cyrillic data and Latin or Cyrillic queries meet:
 *
 *  1. Letters to Latin (lower case; diacritics dropped, so ü→u, ö→o, ñ→n, ş→s, ç→c):
 *       а a   б b   в v   г g   д d   е e   ё e   ж zh  з z   и i   й y   к k   л l   м m
 *       н n   ң n   о o   ө o   п p   р r   с s   т t   у u   ү u   ф f   х kh  ц ts  ч ch
 *       ш sh  щ shch  ъ –  ы y   ь –   э e   ю yu  я ya
 *       (also і/ї→i, є→e, ў/ұ→u, ә→a, ғ→g, қ→k, һ→h, ı→i, and the stand-ins ɵ/ѳ→o, ŋ→n; other
 *       characters are dropped). Before that, a word mixing Cyrillic and Latin letters has its
 *       look-alikes (C/С, P/Р, Y/Ү …) read in the script of most of its letters ("Cыдыков").
 *  2. The same folding for everything (so Latin typing and transliterated Cyrillic agree), in order:
 *       shch→s;  dzh, zh, dj→j;  kh→h;  tch, ch, ts→c;  sh→s;  ng→n;
 *       ya→a, ye→e, yu→u (the y-glide of я/е/ю); word-initial ia→a, iu→u ("Iuliia");  x→ks;  w→v;  q→k;  y→i;
 *       doubled letters collapse (ээ→e, сс→s).
 *
 *  Resulting equivalences (tested): ң/н/ng, ө/о/ö, ү/у/ü, ж/дж/zh/j/dj, ч/ц/ch/tch/ts, ш/щ/sh,
 *  х/kh/h, ы/и/й/y/i, е/э/ё/ye, ю/yu/u, я/ya/a. So "Үсөнов", "Усонов", "Usonov", "Üsönov" → 'usonov';
 *  "Жаныбек", "Janybek", "Zhanybek", "Джаныбек" → 'janibek'; "Чыңгыз", "Чингиз", "Chyngyz",
 *  "Tchyngyz" → 'ciniz'; "Жээнбеков", "Jeenbekov" → 'jenbekov'.
 *
 * Queries: tokens in any order, each a PREFIX of some name token (surname, name, patronymic; compound
 * names split at spaces and hyphens); all tokens must match. A token containing a digit is a document
 * / ПИН prefix (documents compared by `documentKey`, also without their letter series: "1234" finds
 * AN1234567). Name words with a birth year or date ("Күлүкеев 1970", "1970 Күлүкеев", "Күлүкеев
 * 2.6.1970", "Күлүкеев 02.06.1970", "Күлүкеев 1970-06-02"; see `parseBirthWord`, which also reads the
 * year or date half typed: "Күлүкеев 19", "Күлүкеев 2.6") keep of the voters the name words find those
 * born so (a voter the list gives only the year of is kept when the year fits; a word of digits only
 * also keeps, as before, the voters whose document or ПИН starts with it): namesakes told apart, the
 * count the true one, the cost one look per name match. Digits without a name word are read as
 * before. "12/5", "12-5", "12 5", "б12 к5", "p12 r5", "бет 12 катар 5", "стр. 12 строка 5" find page
 * 12 row 5 (when no such voter exists, the query is searched as text). A Latin token ending in the
 * first letter of a digraph (z, k, c, s, t, d, y) also tries the digraph ("Z" finds Жаныбек). When
 * nothing is found, the query is retried once with the keyboard layout switched (ЙЦУКЕН ↔ QWERTY:
 * "fcfyjd" → "асанов").
 *
 * Ranking: per query token the best match in a voter counts – surname 30, name 20, patronymic 10, +5
 * when the whole name token equals the query token; document/ПИН: exact 60, prefix 40, digits-only
 * prefix 35; birth: the full date 60, the year 40, day and month 35, a year begun 30; +2 when the typed text equals the surname letter for letter (Kyrgyz letters included);
 * when several words are typed, each must take a DIFFERENT word of the name (one left without a
 * word scores 0), +10 when all have one (typed "Доолотов Доолот": Доолотов Дөөлөт, then Доолотов
 * Сооронбай Доолотович, then Доолотов Медер, whose surname alone would match both typed words).
 * Ties in list order (page, row). So an exact surname comes first.
 *
 * A name word with '?' in it (ң ө ү lost to Windows-1251: "?с?нов") is indexed under every reading
 * of them (`nameKeys`), so "Үсөнов" or "Усонов" typed finds it.
 *
 * Index: sorted arrays of distinct keys with flat posting lists (Int32Array: voter index × 4 + field), found
 * by binary search for the prefix range; tokens are intersected from the rarest, with per-voter
 * counters reused between queries (no per-query allocation proportional to the list, no full scan).
 */
import { documentKey, pinKey } from './identity';
import { joinStrings, recordColumns, soundStringColumnSteps, type StringColumn, type VoterColumns } from './packed';
import { finish, STEP, type Steps } from '../util/steps';
import { parseTypedDate } from '../time/typed-date';
import type { VoterRecord } from './validate';

const CYR_TO_LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', ң: 'n', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ү: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  і: 'i', ї: 'i', є: 'e', ў: 'u', ұ: 'u', ә: 'a', ғ: 'g', қ: 'k', һ: 'h', ı: 'i', ӊ: 'n', ð: 'd', ß: 'ss', æ: 'ae', ø: 'o',
  // Stand-ins for ө and ң where a font or keyboard had none: barred o (ɵ Ɵ), fita (ѳ Ѳ, old Kyrgyz
  // fonts put ө there; no modern name has a fita), eng (ŋ Ŋ).
  ɵ: 'o', ѳ: 'o', ŋ: 'n',
};

/**
 * Letters that look the same in both scripts, typed from the other keyboard in the middle of a word
 * ("Cыдыков" with a Latin C, "Уcoнов", "Yсенова" with a Latin Y for Ү): in a word mixing the two
 * scripts they are read in the script of most of its letters, case as written (a Latin B is a В, a
 * Latin b no letter of Cyrillic). Latin y and Y are у/ү (both fold to u).
 */
const LATIN_TO_CYRILLIC: Record<string, string> = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'Ү',
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к', i: 'і',
};
const CYRILLIC_TO_LATIN: Record<string, string> = Object.fromEntries(
  Object.entries(LATIN_TO_CYRILLIC).map(([latin, cyrillic]) => [cyrillic, latin]),
);
Object.assign(CYRILLIC_TO_LATIN, { У: 'Y', І: 'I' });

/** The word with its look-alike letters in one script (see LATIN_TO_CYRILLIC); as it is when it does not mix scripts. */
function oneScript(word: string): string {
  let latin = 0;
  let cyrillic = 0;
  for (let i = 0; i < word.length; i += 1) {
    const c = word.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) latin += 1;
    else if (c >= 0x400 && c <= 0x4ff) cyrillic += 1;
  }
  if (latin === 0 || cyrillic === 0) return word;
  const table = cyrillic >= latin ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN;
  let out = '';
  for (const ch of word) out += table[ch] ?? ch;
  return out;
}

const FOLDS: [RegExp, string][] = [
  [/shch/gu, 's'],
  [/dzh|zh|dj/gu, 'j'],
  [/kh/gu, 'h'],
  [/tch|ch|ts/gu, 'c'],
  [/sh/gu, 's'],
  [/ng/gu, 'n'],
  [/y([aeu])/gu, '$1'],
  [/^i([au])/gu, '$1'],
  [/x/gu, 'ks'],
  [/w/gu, 'v'],
  [/q/gu, 'k'],
  [/y/gu, 'i'],
  [/([a-z])\1+/gu, '$1'],
];

function toLatin(word: string): string {
  let out = '';
  for (const ch of oneScript(word).toLowerCase()) {
    const mapped = CYR_TO_LATIN[ch];
    if (mapped !== undefined) {
      out += mapped;
      continue;
    }
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
      out += ch;
      continue;
    }
    const base = ch.normalize('NFD');
    for (const b of base) {
      const m = CYR_TO_LATIN[b];
      if (m !== undefined) out += m;
      else if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) out += b;
    }
  }
  return out;
}

/** The skeleton of ONE word (see the module comment). '' for a word without letters or digits. */
export function searchSkeleton(word: string): string {
  let s = toLatin(word);
  for (const [re, to] of FOLDS) s = s.replace(re, to);
  return s;
}

const WORD_SPLIT = /[\s\-‐‑–—.,;:'"`’ʼ()[\]/\\]+/u;

/** Skeletons of the words of a text, in order, empty ones dropped. */
export function searchTokens(text: string): string[] {
  const out: string[] = [];
  for (const w of text.normalize('NFC').split(WORD_SPLIT)) {
    if (w === '') continue;
    const s = searchSkeleton(w);
    if (s !== '') out.push(s);
  }
  return out;
}

/**
 * What a '?' (or U+FFFD) inside a name word may have been: ң, ө or ү, which Windows-1251 cannot hold
 * (decode.ts, 'kyrgyz-letters-lost'). Such a word is indexed under each reading ("?с?нов" under
 * Үсөнов, Үсүнов, Өсөнов …), so the name typed properly finds it; a word with more of them than
 * MAX_LOST is indexed without them.
 */
const LOST_LETTERS = ['ң', 'ө', 'ү'];
const MAX_LOST = 3;

/** The keys a name is indexed under: its skeletons, and every reading of its lost letters (see LOST_LETTERS). */
function nameKeys(text: string): string[] {
  const out = new Set<string>();
  for (const word of text.normalize('NFC').split(WORD_SPLIT)) {
    if (word === '') continue;
    const parts = word.split(/[?\ufffd]/u);
    const lost = parts.length - 1;
    if (lost === 0 || lost > MAX_LOST || !/\p{L}/u.test(word)) {
      const s = searchSkeleton(word);
      if (s !== '') out.add(s);
      continue;
    }
    let readings = [parts[0]!];
    for (let k = 1; k < parts.length; k += 1) readings = readings.flatMap((r) => LOST_LETTERS.map((letter) => r + letter + parts[k]!));
    for (const r of readings) {
      const s = searchSkeleton(r);
      if (s !== '') out.add(s);
    }
  }
  return [...out];
}

/** The normalised form of a text for search: its skeletons joined with single spaces. */
export function normalizeForSearch(text: string): string {
  return searchTokens(text).join(' ');
}

const PAGE_WORDS = 'б|бет|барак|п|с|стр|страница|p|pg|page';
const ROW_WORDS = 'к|кат|катар|с|стр|строка|r|row|н|№|#';
const PAGE_ROW = [
  /^(\d{1,5})\s*[/\\:.,-]\s*(\d{1,5})$/u,
  /^(\d{1,5})\s+(\d{1,5})$/u,
  new RegExp(`^(?:${PAGE_WORDS})\\.?\\s*(\\d{1,5})\\s*[,;/]?\\s*(?:${ROW_WORDS})\\.?\\s*(\\d{1,5})$`, 'u'),
];

/** Page and row from a query like "12/5", "12 5", "б12 к5", "p12 r5"; null when it is not one. */
export function parsePageRow(query: string): { page: number; row: number } | null {
  const q = query.trim().toLowerCase();
  for (const re of PAGE_ROW) {
    const m = re.exec(q);
    if (m) return { page: Number(m[1]), row: Number(m[2]) };
  }
  return null;
}

/**
 * A word of the query read as a birth year or date (issue 19: namesakes told apart by the year):
 * a year 1900–2099 ("1970", also "1970ж." / "1970г."), a full date as people type it (parseTypedDate:
 * 2.6.1970, 02.06.1970, 02/06/1970, 1970-06-02), and what is on the way to one while the member types:
 * the first digits of a year ("1", "19", "197"), a day and month with or without the first digits of
 * the year ("2.6", "02.06.", "02.06.19"). Years are kept as the range of years the word allows.
 */
export interface BirthWord {
  raw: string;
  /** Birth years from … to (inclusive). */
  from: number;
  to: number;
  /** The full date typed (ISO), or null. */
  date: string | null;
  /** '-MM-DD' when a day and month were typed (then `date` is the full one if the year is complete). */
  monthDay: string | null;
  /** Only digits: also read as a document / ПИН prefix (as before). */
  alsoCode: boolean;
}

const MIN_BIRTH_YEAR = 1900;
const MAX_BIRTH_YEAR = 2099;

/** Birth years whose decimal form starts with `digits` (1–4 digits), or null when none in 1900–2099. */
function yearRange(digits: string): { from: number; to: number } | null {
  if (!/^\d{1,4}$/u.test(digits)) return null;
  const scale = 10 ** (4 - digits.length);
  const from = Math.max(MIN_BIRTH_YEAR, Number(digits) * scale);
  const to = Math.min(MAX_BIRTH_YEAR, Number(digits) * scale + scale - 1);
  return from <= to ? { from, to } : null;
}

/** The word as a birth year or date (see BirthWord), or null when it is not one. */
export function parseBirthWord(word: string): BirthWord | null {
  const w = word.trim();
  const year = /^(\d{1,4})(?:-?(?:ж|г)\.?)?$/iu.exec(w);
  if (year) {
    if (year[1]!.length < 4 && year[1] !== w) return null;
    const r = yearRange(year[1]!);
    return r && { raw: w, ...r, date: null, monthDay: null, alsoCode: year[1] === w };
  }
  const full = parseTypedDate(w);
  if (full) {
    const y = Number(full.slice(0, 4));
    if (y < MIN_BIRTH_YEAR || y > MAX_BIRTH_YEAR) return null;
    return { raw: w, from: y, to: y, date: full, monthDay: full.slice(4), alsoCode: false };
  }
  const partial = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{0,3}))?$/u.exec(w);
  if (!partial) return null;
  const d = Number(partial[1]);
  const m = Number(partial[2]);
  if (d < 1 || d > 31 || m < 1 || m > 12) return null;
  const r = partial[3] ? yearRange(partial[3]) : { from: MIN_BIRTH_YEAR, to: MAX_BIRTH_YEAR };
  if (!r) return null;
  return { raw: w, ...r, date: null, monthDay: `-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, alsoCode: false };
}

const EN = "`qwertyuiop[]asdfghjkl;'zxcvbnm,.";
const RU = 'ёйцукенгшщзхъфывапролджэячсмитьбю';
/** The query as if typed with the other keyboard layout (QWERTY ↔ ЙЦУКЕН); letters only. */
export function switchKeyboardLayout(query: string): string {
  let out = '';
  for (const ch of query) {
    const lower = ch.toLowerCase();
    const upper = ch !== lower;
    let i = EN.indexOf(lower);
    let mapped: string | undefined;
    if (i >= 0) mapped = RU[i];
    else if ((i = RU.indexOf(lower)) >= 0) mapped = EN[i];
    out += mapped === undefined ? ch : upper ? mapped.toUpperCase() : mapped;
  }
  return out;
}

/** How well voter v's birth fits the birth word (0: it does not). */
function bornScore(voters: VoterColumns, v: number, b: BirthWord): number {
  const year = voters.birthYear(v);
  if (year < b.from || year > b.to) return 0;
  if (b.monthDay === null) return b.from === b.to ? BIRTH_YEAR : BIRTH_LOOSE;
  const date = voters.birthDate(v);
  // The list gives only the year: the date typed cannot rule the voter out.
  if (date === null) return BIRTH_LOOSE;
  if (!date.endsWith(b.monthDay)) return 0;
  return b.date !== null ? BIRTH_DATE : BIRTH_MONTH_DAY;
}

export type SearchMatch = 'name' | 'code' | 'page-row';

export interface SearchHit {
  voter: VoterRecord;
  /** Index of the voter in the array given to the index. */
  index: number;
  score: number;
  match: SearchMatch;
}

const FIELD_WEIGHT = Int32Array.of(30, 20, 10, 0); // surname, name, patronymic
const EXACT_BONUS = 5;
const CODE_EXACT = 60;
const CODE_PREFIX = 40;
const CODE_DIGITS_PREFIX = 35;
const SURNAME_LETTERS_BONUS = 2;
/** Every typed word matches a different word of the name ("Доолотов Доолот" beats "Доолотов Медер"). */
const DISTINCT_WORDS_BONUS = 10;
const MAX_TOKENS = 8;
/** A birth word (see BirthWord): the full date typed; a complete year; a day and month (year open or begun); a year begun, or a date typed for a voter the list gives only the year of. */
const BIRTH_DATE = 60;
const BIRTH_YEAR = 40;
const BIRTH_MONTH_DAY = 35;
const BIRTH_LOOSE = 30;
const RANK_SPAN = 4_194_304; // 2^22 voters at most
const MAX_SERIES = 64;
const PAGE_ROW_SPAN = 100_001; // page × span + row (rows are ≤ 100,000)
/** Queries this long or shorter have their answers remembered (see VoterSearchIndex.shortAnswers). */
const SHORT_QUERY = 2;
const SHORT_MEMO = 512;

/**
 * Distinct keys in sorted order, as one string and their ends (the form they are stored in: opening
 * a stored index makes no string per key); the postings of key j are flat[start[j] .. start[j + 1]).
 */
interface KeyIndex {
  keys: StringColumn;
  start: Int32Array;
  flat: Int32Array;
}

/** Key j of a sorted key column compared with `target` as `<` compares strings (UTF-16 code units): < 0, 0, > 0. */
function compareKey(keys: StringColumn, j: number, target: string): number {
  const { text, ends } = keys;
  const from = j > 0 ? ends[j - 1]! : 0;
  const length = ends[j]! - from;
  const common = Math.min(length, target.length);
  for (let c = 0; c < common; c += 1) {
    const d = text.charCodeAt(from + c) - target.charCodeAt(c);
    if (d !== 0) return d;
  }
  return length - target.length;
}

/** Whether key j - 1 sorts strictly before key j (compared in place). */
function keysRise(keys: StringColumn, j: number): boolean {
  const { text, ends } = keys;
  const a = j > 1 ? ends[j - 2]! : 0;
  const b = ends[j - 1]!;
  const e = ends[j]!;
  const common = Math.min(b - a, e - b);
  for (let c = 0; c < common; c += 1) {
    const d = text.charCodeAt(a + c) - text.charCodeAt(b + c);
    if (d !== 0) return d < 0;
  }
  return b - a < e - b;
}

/** The length of key j of a key column. */
function keyLength(keys: StringColumn, j: number): number {
  return keys.ends[j]! - (j > 0 ? keys.ends[j - 1]! : 0);
}

/** Whether key j of a key column starts with `prefix` (compared in place: no string made). */
function keyStartsWith(keys: StringColumn, j: number, prefix: string): boolean {
  const from = j > 0 ? keys.ends[j - 1]! : 0;
  if (keys.ends[j]! - from < prefix.length) return false;
  const { text } = keys;
  for (let c = 0; c < prefix.length; c += 1) {
    if (text.charCodeAt(from + c) !== prefix.charCodeAt(c)) return false;
  }
  return true;
}

/** Collects (key, posting) pairs with little garbage and lays them out as a KeyIndex. */
class KeyIndexBuilder {
  private readonly ids = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly counts: number[] = [];
  private readonly postKey: number[] = [];
  private readonly postVal: number[] = [];

  add(key: string, posting: number): void {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
      this.counts.push(0);
    }
    this.counts[id]! += 1;
    this.postKey.push(id);
    this.postVal.push(posting);
  }

  build(): KeyIndex {
    const k = this.keys.length;
    const sorted = this.keys.slice().sort();
    const pos = new Int32Array(k);
    for (let i = 0; i < k; i += 1) pos[this.ids.get(sorted[i]!)!] = i;
    const start = new Int32Array(k + 1);
    for (let id = 0; id < k; id += 1) start[pos[id]! + 1] = this.counts[id]!;
    for (let i = 0; i < k; i += 1) start[i + 1]! += start[i]!;
    const fill = start.slice(0, k);
    const flat = new Int32Array(this.postVal.length);
    for (let p = 0; p < this.postVal.length; p += 1) {
      const at = pos[this.postKey[p]!]!;
      flat[fill[at]!] = this.postVal[p]!;
      fill[at]! += 1;
    }
    return { keys: joinStrings(sorted), start, flat };
  }
}

/**
 * A KeyIndex from parallel arrays without hashing (for near-unique keys such as ПИНs and document
 * numbers, where a Map would cost one hash per voter): a permutation sorted by key, equal keys grouped.
 */
function buildSortedIndex(keys: readonly string[], postings: readonly number[]): KeyIndex {
  const n = keys.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i += 1) order[i] = i;
  order.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    return ka < kb ? -1 : ka > kb ? 1 : a - b;
  });
  const outKeys: string[] = [];
  const start = new Int32Array(n + 1);
  const flat = new Int32Array(n);
  let prev: string | undefined;
  for (let i = 0; i < n; i += 1) {
    const o = order[i]!;
    const k = keys[o]!;
    if (k !== prev) {
      start[outKeys.length] = i;
      outKeys.push(k);
      prev = k;
    }
    flat[i] = postings[o]!;
  }
  start[outKeys.length] = n;
  return { keys: joinStrings(outKeys), start: start.slice(0, outKeys.length + 1), flat };
}

/** Voter indices in list order (page, row, then input order). Numeric sort when the keys fit in a double. */
function listOrder(voters: VoterColumns): Int32Array {
  const n = voters.length;
  const order = new Int32Array(n);
  let max = 0;
  for (let i = 0; i < n; i += 1) {
    const k = voters.page(i) * PAGE_ROW_SPAN + voters.row(i);
    if (k > max) max = k;
  }
  if ((max + 1) * RANK_SPAN < Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i += 1) keys[i] = (voters.page(i) * PAGE_ROW_SPAN + voters.row(i)) * RANK_SPAN + i;
    keys.sort();
    for (let r = 0; r < n; r += 1) order[r] = keys[r]! % RANK_SPAN;
    return order;
  }
  for (let i = 0; i < n; i += 1) order[i] = i;
  return order.sort((a, b) => voters.page(a) - voters.page(b) || voters.row(a) - voters.row(b) || a - b);
}

function lowerBound(keys: StringColumn, target: string): number {
  let lo = 0;
  let hi = keys.ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKey(keys, mid, target) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where `key` is in a sorted key column, or -1. */
function keyIndexOf(keys: StringColumn, key: string): number {
  const at = lowerBound(keys, key);
  return at < keys.ends.length && compareKey(keys, at, key) === 0 ? at : -1;
}

interface TokenPlan {
  /** `exactAt`: the key in lo .. hi that equals what was typed (its skeleton or code), or -1. */
  ranges: { index: KeyIndex; lo: number; hi: number; exactAt: number; kind: 'name' | 'code' | 'code-digits' }[];
  size: number;
  raw: string;
}

/** 3: names indexed with their look-alike letters read in one script and their lost letters read (an index stored before is rebuilt). */
export const STORED_INDEX_FORMAT = 3;

/** A KeyIndex as stored (see packed.ts): the same parts. */
type StoredKeyIndex = KeyIndex;

/**
 * A built index as plain data (strings and typed arrays, structured-clonable): stored with the
 * list, so opening the desk does not normalise every name again. Derived data: checked on the way
 * in (`checkStoredIndex`) and rebuilt from the list when it does not fit.
 */
export interface StoredSearchIndex {
  format: typeof STORED_INDEX_FORMAT;
  size: number;
  names: StoredKeyIndex;
  codes: StoredKeyIndex;
  series: string[];
  byRank: Int32Array;
}

/**
 * The stored key index as the search uses it (as stored: its keys are searched in their one string,
 * not split into one string each), or null when it is not sound for `n` voters.
 */
function* loadKeyIndex(x: unknown, n: number): Steps<KeyIndex | null> {
  if (typeof x !== 'object' || x === null) return null;
  const stored = x as Partial<StoredKeyIndex>;
  if (!(yield* soundStringColumnSteps(stored.keys))) return null;
  return (yield* soundKeyIndex(stored, n)) ? (stored as KeyIndex) : null;
}

/** Whether a key index whose keys are a sound column is sound for `n` voters. */
function* soundKeyIndex(x: Partial<KeyIndex>, n: number): Steps<boolean> {
  const { keys, start, flat } = x;
  if (keys === undefined || !(start instanceof Int32Array) || !(flat instanceof Int32Array)) return false;
  const count = keys.ends.length;
  if (start.length !== count + 1 || start[0] !== 0 || start[count] !== flat.length) return false;
  for (let lo = 0; lo < count; lo += STEP) {
    if (lo > 0) yield;
    if (!keysSound(keys, start, lo, Math.min(count, lo + STEP))) return false;
  }
  const limit = n * 4;
  for (let lo = 0; lo < flat.length; lo += 4 * STEP) {
    if (lo > 0) yield;
    if (!postingsSound(flat, lo, Math.min(flat.length, lo + 4 * STEP), limit)) return false;
  }
  return true;
}

/*
 * The loops of the stored index's checks are plain functions called a slice at a time (see
 * packed.ts's `risingEnds`: a generator's own loop is not optimised while it runs, and these run
 * once, on the desk's reload).
 */

/** Keys lo..hi-1: their postings' starts rise, and each key sorts strictly after the one before (the binary search relies on it). */
function keysSound(keys: StringColumn, start: Int32Array, lo: number, hi: number): boolean {
  for (let j = lo; j < hi; j += 1) {
    if (start[j]! > start[j + 1]!) return false;
    if (j > 0 && !keysRise(keys, j)) return false;
  }
  return true;
}

/** Postings lo..hi-1 name a voter below `limit / 4` and a field 0..2. */
function postingsSound(flat: Int32Array, lo: number, hi: number, limit: number): boolean {
  for (let p = lo; p < hi; p += 1) {
    const v = flat[p]!;
    if (v < 0 || v >= limit || (v & 3) === 3) return false;
  }
  return true;
}

/** Whether byRank[lo..hi) are voters below n not `seen` before (marked as seen). */
function freshVoters(byRank: Int32Array, seen: Uint8Array, lo: number, hi: number, n: number): boolean {
  for (let r = lo; r < hi; r += 1) {
    const v = byRank[r]!;
    if (v < 0 || v >= n || seen[v]) return false;
    seen[v] = 1;
  }
  return true;
}

/** rank[byRank[r]] = r for r in lo..hi-1. */
function invert(byRank: Int32Array, rank: Int32Array, lo: number, hi: number): void {
  for (let r = lo; r < hi; r += 1) rank[byRank[r]!] = r;
}

/** The surnames' lengths of voters lo..hi-1 (capped at 65,535). */
function surnameLengths(voters: VoterColumns, out: Uint16Array, lo: number, hi: number): void {
  for (let i = lo; i < hi; i += 1) out[i] = Math.min(voters.surnameLength(i), 65535);
}

/** Whether `x` is a sound stored index for a list of `n` voters (every reference in range). */
export function checkStoredIndex(x: unknown, n: number): x is StoredSearchIndex {
  return finish(loadStoredIndex(x, n)) !== null;
}

/**
 * Whether `x` is a sound stored index for a list of `n` voters, a slice at a time: what
 * `VoterSearchIndex.trusting` did not check.
 */
export function* storedIndexSound(x: unknown, n: number): Steps<boolean> {
  return (yield* loadStoredIndex(x, n)) !== null;
}

/**
 * The stored index's parts taken as they are, after only the checks that cost little: types,
 * lengths, and each key's postings within `flat` (no loop of the search runs past an array) — not
 * the keys' order, the postings' voters nor `byRank` (`loadStoredIndex`, O(n)).
 */
function shapedStoredIndex(x: unknown, n: number): LoadedIndex | null {
  if (typeof x !== 'object' || x === null) return null;
  const s = x as Partial<StoredSearchIndex>;
  if (s.format !== STORED_INDEX_FORMAT || s.size !== n) return null;
  if (!Array.isArray(s.series) || !(s.byRank instanceof Int32Array) || s.byRank.length !== n) return null;
  const names = shapedKeyIndex(s.names);
  const codes = shapedKeyIndex(s.codes);
  return names && codes ? { names, codes, series: s.series, byRank: s.byRank } : null;
}

function shapedKeyIndex(x: unknown): KeyIndex | null {
  if (typeof x !== 'object' || x === null) return null;
  const { keys, start, flat } = x as Partial<KeyIndex>;
  if (typeof keys !== 'object' || !keys || typeof keys.text !== 'string' || !(keys.ends instanceof Int32Array)) return null;
  if (!(start instanceof Int32Array) || !(flat instanceof Int32Array)) return null;
  const count = keys.ends.length;
  if (start.length !== count + 1 || start[0] !== 0 || start[count] !== flat.length) return null;
  return startsRise(start) ? (x as KeyIndex) : null;
}

/** Whether each of `start` is at least the one before. */
function startsRise(start: Int32Array): boolean {
  for (let j = 1; j < start.length; j += 1) if (start[j]! < start[j - 1]!) return false;
  return true;
}

interface LoadedIndex {
  names: KeyIndex;
  codes: KeyIndex;
  series: string[];
  byRank: Int32Array;
}

/** The stored index's parts as the search uses them, or null when `x` is not sound for `n` voters. */
function* loadStoredIndex(x: unknown, n: number): Steps<LoadedIndex | null> {
  if (!(yield* soundStoredHead(x, n))) return null;
  const head = x as StoredSearchIndex;
  const names = yield* loadKeyIndex(head.names, n);
  const codes = names && (yield* loadKeyIndex(head.codes, n));
  return names && codes ? { names, codes, series: head.series, byRank: head.byRank } : null;
}

function* soundStoredHead(x: unknown, n: number): Steps<boolean> {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Partial<StoredSearchIndex>;
  if (s.format !== STORED_INDEX_FORMAT || s.size !== n) return false;
  if (!Array.isArray(s.series) || s.series.length > MAX_SERIES || s.series.some((e) => typeof e !== 'string')) return false;
  if (!(s.byRank instanceof Int32Array) || s.byRank.length !== n) return false;
  const seen = new Uint8Array(n);
  for (let lo = 0; lo < n; lo += 4 * STEP) {
    if (lo > 0) yield;
    if (!freshVoters(s.byRank, seen, lo, Math.min(n, lo + 4 * STEP), n)) return false;
  }
  return true;
}

/** Names and codes of every voter, normalised (the costly part of building the index). */
/** The index built from the voters' names and codes; each voter read once (`peek`: a packed list is never unpacked whole). */
function buildIndex(voters: VoterColumns): { names: KeyIndex; codes: KeyIndex; series: string[] } {
  const n = voters.length;
  const cache = new Map<string, string[]>();
  const nameMap = new KeyIndexBuilder();
  const codeKeys: string[] = [];
  const codePostings: number[] = [];
  const series: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const v = voters.peek(i);
    for (let f = 0; f < 3; f += 1) {
      const text = f === 0 ? v.surname : f === 1 ? v.name : v.patronymic;
      if (!text) continue;
      let toks = cache.get(text);
      if (!toks) {
        toks = nameKeys(text);
        cache.set(text, toks);
      }
      for (const t of toks) nameMap.add(t, i * 4 + f);
    }
    const pin = pinKey(v.pin);
    if (pin) {
      codeKeys.push(pin);
      codePostings.push(i * 4);
    }
    const doc = documentKey(v.document);
    if (doc) {
      codeKeys.push(doc);
      codePostings.push(i * 4 + 1);
      // The letter series ('ID', 'AN', …): a digits-only query is also tried after each of them.
      let cut = 0;
      while (cut < doc.length && !(doc.charCodeAt(cut) >= 48 && doc.charCodeAt(cut) <= 57)) cut += 1;
      if (cut > 0 && cut < doc.length && series.length < MAX_SERIES) {
        const prefix = doc.slice(0, cut);
        if (!series.includes(prefix)) series.push(prefix);
      }
    }
  }
  return { names: nameMap.build(), codes: buildSortedIndex(codeKeys, codePostings), series };
}

/** Per voter and name field, its keys in `names` (a counting sort of the postings: no normalising). */
function* nameWordsOf(names: KeyIndex, n: number): Steps<[Int32Array, Int32Array]> {
  const start = new Int32Array(n * 3 + 1);
  const { flat, start: keyStart } = names;
  for (let lo = 0; lo < flat.length; lo += 4 * STEP) {
    if (lo > 0) yield;
    const hi = Math.min(flat.length, lo + 4 * STEP);
    for (let p = lo; p < hi; p += 1) {
      start[(flat[p]! >> 2) * 3 + (flat[p]! & 3) + 1]! += 1;
    }
  }
  for (let lo = 0; lo < n * 3; lo += 4 * STEP) {
    if (lo > 0) yield;
    const hi = Math.min(n * 3, lo + 4 * STEP);
    for (let i = lo; i < hi; i += 1) {
      start[i + 1]! += start[i]!;
    }
  }
  const fill = start.slice(0, n * 3);
  const keyOf = new Int32Array(flat.length);
  const keyCount = names.keys.ends.length;
  for (let lo = 0; lo < keyCount; lo += 256) {
    if (lo > 0) yield;
    const hi = Math.min(keyCount, lo + 256);
    for (let j = lo; j < hi; j += 1) {
      for (let p = keyStart[j]!; p < keyStart[j + 1]!; p += 1) {
        const slot = (flat[p]! >> 2) * 3 + (flat[p]! & 3);
        keyOf[fill[slot]!] = j;
        fill[slot]! += 1;
      }
    }
  }
  return [start, keyOf];
}

/** What the index is made of besides its per-query scratch arrays (see VoterSearchIndex). */
interface IndexParts extends LoadedIndex {
  rank: Int32Array;
  surnameLength: Uint16Array;
}

function* indexParts(voters: VoterColumns, stored: StoredSearchIndex | undefined, trusted = false): Steps<IndexParts> {
  const n = voters.length;
  let loaded: LoadedIndex;
  if (stored) {
    const fromStore = trusted ? shapedStoredIndex(stored, n) : yield* loadStoredIndex(stored, n);
    if (!fromStore) throw new RangeError('VoterSearchIndex: the stored index does not fit the list');
    loaded = fromStore;
  } else {
    loaded = { ...buildIndex(voters), byRank: listOrder(voters) };
  }
  const rank = new Int32Array(n);
  for (let lo = 0; lo < n; lo += 4 * STEP) {
    if (lo > 0) yield;
    invert(loaded.byRank, rank, lo, Math.min(n, lo + 4 * STEP));
  }
  const surnameLength = new Uint16Array(n);
  for (let lo = 0; lo < n; lo += 4 * STEP) {
    if (lo > 0) yield;
    surnameLengths(voters, surnameLength, lo, Math.min(n, lo + 4 * STEP));
  }
  return { ...loaded, rank, surnameLength };
}

function asColumns(voters: readonly VoterRecord[] | VoterColumns): VoterColumns {
  return Array.isArray(voters) ? recordColumns(voters as readonly VoterRecord[]) : (voters as VoterColumns);
}

export class VoterSearchIndex {
  /**
   * `new VoterSearchIndex(voters, stored)` a slice at a time (shared/util/steps.ts): a window opens
   * a stored index of 100,000 voters without one long task. Refuses as the constructor does.
   */
  static *opening(voters: readonly VoterRecord[] | VoterColumns, stored?: StoredSearchIndex): Steps<VoterSearchIndex> {
    if (voters.length >= RANK_SPAN) throw new RangeError(`VoterSearchIndex: too many voters (${voters.length})`);
    const columns = asColumns(voters);
    const parts = yield* indexParts(columns, stored);
    return new VoterSearchIndex(columns, undefined, parts);
  }

  /**
   * The index over `voters` from `stored` before the stored index's O(n) checks (only its shape is
   * checked: a RangeError when that is wrong): for the desk's first answers on a reload (issue 19).
   * Its answers may be wrong until `storedIndexSound(stored, voters.length)` has said yes; nothing
   * is issued from them before (renderer/core/voter-list.ts).
   */
  static trusting(voters: VoterColumns, stored: StoredSearchIndex): VoterSearchIndex {
    if (voters.length >= RANK_SPAN) throw new RangeError(`VoterSearchIndex: too many voters (${voters.length})`);
    return new VoterSearchIndex(voters, undefined, finish(indexParts(voters, stored, true)));
  }

  readonly size: number;
  private readonly voters: VoterColumns;
  private readonly names: KeyIndex;
  private readonly codes: KeyIndex;
  private readonly series: string[];
  /** rank of each voter in list order (page, row); and its inverse. */
  private readonly rank: Int32Array;
  private readonly byRank: Int32Array;
  private readonly gen: Uint32Array;
  private readonly matched: Uint8Array;
  private readonly total: Int32Array;
  private readonly last: Int32Array;
  private readonly cand: Int32Array;
  private readonly surnameLength: Uint16Array;
  /**
   * The name skeletons of voter i, field f (surname, name, patronymic): the keys
   * names.keys[key[j]] for j in start[3i + f] .. start[3i + f + 1]. Only a query of several name
   * words needs them: made on first need or by `preparing()` (issue 19: not on the way from a reload
   * to the first search).
   */
  private nameWords: { start: Int32Array; key: Int32Array } | null = null;
  private generation = 0;
  /** Voters whose document or ПИН starts with a birth word's digits (keepBorn), by markGeneration. */
  private codeMark: Uint32Array | null = null;
  private markGeneration = 0;
  /**
   * Answers to short queries (one or two characters: a key's first strokes, which match tens of
   * thousands of voters and are the slowest to answer), by query and limit; the index never changes,
   * so an answer stays true. At most SHORT_MEMO of them, the oldest dropped first.
   */
  private readonly shortAnswers = new Map<string, { hits: readonly SearchHit[]; total: number }>();

  /**
   * The index over `voters`, built (normalising every name), or taken from `stored` — what
   * `toStored()` gave for the same list — without normalising anything. A stored index that does
   * not fit the list (`checkStoredIndex`) is refused with a RangeError.
   */
  constructor(
    /** The list as records, or read in place (`PackedVoters`: hits are the only records made). */
    voters: readonly VoterRecord[] | VoterColumns,
    stored?: StoredSearchIndex,
    /** Only from `opening`: the parts already made. */
    parts?: IndexParts,
  ) {
    if (voters.length >= RANK_SPAN) throw new RangeError(`VoterSearchIndex: too many voters (${voters.length})`);
    const columns = asColumns(voters);
    this.voters = columns;
    this.size = voters.length;
    const n = voters.length;
    const p = parts ?? finish(indexParts(columns, stored));
    this.names = p.names;
    this.codes = p.codes;
    this.series = p.series;
    this.byRank = p.byRank;
    this.rank = p.rank;
    this.surnameLength = p.surnameLength;
    this.gen = new Uint32Array(n);
    this.matched = new Uint8Array(n);
    this.total = new Int32Array(n);
    this.last = new Int32Array(n);
    this.cand = new Int32Array(n);
  }

  /** Makes what a query of several name words needs, a slice at a time (after the list has opened). */
  *preparing(): Steps<void> {
    if (this.nameWords) return;
    const [start, key] = yield* nameWordsOf(this.names, this.size);
    this.nameWords ??= { start, key };
  }

  private words(): { start: Int32Array; key: Int32Array } {
    if (!this.nameWords) finish(this.preparing());
    return this.nameWords!;
  }

  /** The index as plain data (typed arrays and strings) to store with the list; see the constructor. */
  toStored(): StoredSearchIndex {
    const part = (index: KeyIndex): StoredKeyIndex => ({ keys: index.keys, start: index.start, flat: index.flat });
    return { format: STORED_INDEX_FORMAT, size: this.size, names: part(this.names), codes: part(this.codes), series: this.series, byRank: this.byRank };
  }

  /** The first voter (in input order) at page/row, by binary search in list order. */
  private atPageRow(page: number, row: number): number | undefined {
    const target = page * PAGE_ROW_SPAN + row;
    const { byRank, voters } = this;
    const at = (r: number) => voters.page(byRank[r]!) * PAGE_ROW_SPAN + voters.row(byRank[r]!);
    let lo = 0;
    let hi = byRank.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at(mid) < target) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= byRank.length) return undefined;
    return at(lo) === target ? byRank[lo] : undefined;
  }

  /** Up to `limit` voters for what was typed, best first. */
  search(query: string, limit = 50): SearchHit[] {
    return this.searchCounted(query, limit).hits;
  }

  /**
   * Up to `limit` voters for what was typed, best first, and how many voters match in all (`total`
   * ≥ hits.length: the desk shows the real count, not the length of a capped list).
   */
  searchCounted(query: string, limit = 50): { hits: SearchHit[]; total: number } {
    if (query.length > SHORT_QUERY) return this.searchFresh(query, limit);
    const key = `${limit} ${query}`;
    let answer = this.shortAnswers.get(key);
    if (!answer) {
      answer = this.searchFresh(query, limit);
      if (this.shortAnswers.size >= SHORT_MEMO) this.shortAnswers.delete(this.shortAnswers.keys().next().value!);
      this.shortAnswers.set(key, answer);
    }
    // A copy of the list: what a caller does with it never changes the remembered answer.
    return { hits: answer.hits.slice(), total: answer.total };
  }

  private searchFresh(query: string, limit: number): { hits: SearchHit[]; total: number } {
    const first = this.searchOnce(query, limit);
    if (first.total > 0 || !/\p{L}/u.test(query)) return first;
    return this.searchOnce(switchKeyboardLayout(query), limit);
  }

  private searchOnce(query: string, limit: number): { hits: SearchHit[]; total: number } {
    const none = { hits: [], total: 0 };
    const q = query.normalize('NFC').trim();
    if (q === '' || limit <= 0) return none;

    const pr = parsePageRow(q);
    if (pr) {
      const i = this.atPageRow(pr.page, pr.row);
      if (i !== undefined) return { hits: [{ voter: this.voters.voter(i), index: i, score: 100, match: 'page-row' }], total: 1 };
    }

    // Name words with a birth year or date ("Күлүкеев 1970", "02.06.1970 Күлүкеев"): the year or
    // date filters the voters the name words find. Without a name word the digits are read as before.
    let births: BirthWord[] = [];
    let text = q;
    if (/\d/u.test(q)) {
      const rest: string[] = [];
      for (const w of q.split(/[\s,;]+/u)) {
        if (w === '') continue;
        const b = births.length < MAX_TOKENS ? parseBirthWord(w) : null;
        if (b) births.push(b);
        else rest.push(w);
      }
      if (births.length > 0 && rest.some((w) => /\p{L}/u.test(w))) text = rest.join(' ');
      else births = [];
    }

    const compact = q.replace(/[\s\-‐‑–—./]+/gu, '');
    if (/\d/u.test(compact) && /^\p{L}{0,4}\d+$/u.test(compact)) {
      // A document or ПИН typed with its series ("AN 1234"); when none has it, a short name and a year ("Ким 1970").
      const byCode = this.matchPlans(q, [this.planCode(compact)], [], limit);
      if (byCode.total > 0 || births.length === 0) return byCode;
    }
    const plans: TokenPlan[] = [];
    for (const raw of text.split(WORD_SPLIT)) {
      if (raw === '') continue;
      if (/\d/u.test(raw)) plans.push(this.planCode(raw));
      else {
        const plan = this.planName(raw);
        if (plan) plans.push(plan);
      }
      if (plans.length >= MAX_TOKENS) break;
    }
    return this.matchPlans(q, plans, births, limit);
  }

  /**
   * The voters every plan matches (intersected from the smallest), of them those each birth word
   * allows (`keepBorn`), best first: up to `limit` of them and how many in all.
   */
  private matchPlans(q: string, plans: TokenPlan[], births: readonly BirthWord[], limit: number): { hits: SearchHit[]; total: number } {
    const none = { hits: [], total: 0 };
    if (plans.length === 0) return none;
    if (plans.some((p) => p.size === 0)) return none;
    plans.sort((a, b) => a.size - b.size);
    const onlyCode = plans.every((p) => p.ranges.every((r) => r.kind !== 'name'));

    this.generation += 1;
    if (this.generation === 0xffffffff) {
      this.gen.fill(0);
      this.generation = 1;
    }
    const G = this.generation;
    const { gen, matched, total, last, cand } = this;
    let count = 0; // candidates are cand[0 .. count)
    for (let k = 0; k < plans.length; k += 1) {
      for (const range of plans[k]!.ranges) {
        const { start, flat } = range.index;
        const isName = range.kind === 'name';
        const codePrefix = range.kind === 'code-digits' ? CODE_DIGITS_PREFIX : CODE_PREFIX;
        for (let j = range.lo; j < range.hi; j += 1) {
          const exact = j === range.exactAt;
          const bonus = exact ? EXACT_BONUS : 0;
          const codeScore = exact ? CODE_EXACT : codePrefix;
          const end = start[j + 1]!;
          if (k === 0) {
            for (let p = start[j]!; p < end; p += 1) {
              const posting = flat[p]!;
              const v = posting >> 2;
              const s = isName ? FIELD_WEIGHT[posting & 3]! + bonus : codeScore;
              if (gen[v] !== G) {
                gen[v] = G;
                matched[v] = 1;
                total[v] = s;
                last[v] = s;
                cand[count] = v;
                count += 1;
              } else if (s > last[v]!) {
                total[v] = total[v]! + s - last[v]!;
                last[v] = s;
              }
            }
          } else {
            for (let p = start[j]!; p < end; p += 1) {
              const posting = flat[p]!;
              const v = posting >> 2;
              if (gen[v] !== G) continue;
              const s = isName ? FIELD_WEIGHT[posting & 3]! + bonus : codeScore;
              if (matched[v] === k) {
                matched[v] = k + 1;
                total[v] = total[v]! + s;
                last[v] = s;
              } else if (matched[v] === k + 1 && s > last[v]!) {
                total[v] = total[v]! + s - last[v]!;
                last[v] = s;
              }
            }
          }
        }
      }
      if (k > 0) {
        let kept = 0;
        for (let c = 0; c < count; c += 1) {
          const v = cand[c]!;
          if (matched[v] === k + 1) {
            cand[kept] = v;
            kept += 1;
          }
        }
        count = kept;
      }
    }
    for (const b of births) count = this.keepBorn(b, count);
    if (count === 0) return none;
    const candidates = cand.subarray(0, count);

    // The exact-letters surname bonus (cheap: a length check before lower-casing).
    const typed = onlyCode ? [] : q.toLowerCase().split(WORD_SPLIT).filter(Boolean);
    const typedLengths = new Set(typed.map((t) => t.length));
    // Two typed words may both match one word of a name ("доолот" is a prefix of "Доолотов"): the
    // voter whose name has a different word for each typed word ranks higher.
    const nameTokens = plans.filter((p) => p.ranges.some((r) => r.kind === 'name')).map((p) => searchSkeleton(p.raw));
    let maxScore = 0;
    for (let c = 0; c < candidates.length; c += 1) {
      const v = candidates[c]!;
      let s = total[v]!;
      if (typed.length > 0 && typedLengths.has(this.surnameLength[v]!)) {
        if (typed.includes(this.voters.surname(v).toLowerCase())) s += SURNAME_LETTERS_BONUS;
      }
      if (nameTokens.length > 1) s += this.distinctWordsAdjustment(v, nameTokens);
      total[v] = s;
      if (s > maxScore) maxScore = s;
    }
    const chosen = candidates.length <= limit * 4 ? candidates : this.topCandidates(candidates, limit, maxScore);
    const keys = new Float64Array(chosen.length);
    for (let c = 0; c < chosen.length; c += 1) {
      const v = chosen[c]!;
      keys[c] = total[v]! * RANK_SPAN + (RANK_SPAN - 1 - this.rank[v]!);
    }
    keys.sort();
    const hits: SearchHit[] = [];
    const match: SearchMatch = onlyCode ? 'code' : 'name';
    for (let c = keys.length - 1; c >= 0 && hits.length < limit; c -= 1) {
      const key = keys[c]!;
      const r = RANK_SPAN - 1 - (key % RANK_SPAN);
      const v = this.byRank[r]!;
      hits.push({ voter: this.voters.voter(v), index: v, score: total[v]!, match });
    }
    return { hits, total: count };
  }

  /**
   * Keeps of the candidates cand[0 .. count) those born as `b` says (or, for a word of digits only,
   * whose document or ПИН starts with it, as such a word was read before), adding the birth score;
   * returns how many are kept. Costs one look at each candidate (plus, for digits, the code prefix's
   * postings, as a code word always did): nothing proportional to the list.
   */
  private keepBorn(b: BirthWord, count: number): number {
    const { cand, total, voters } = this;
    let mark: Uint32Array | null = null;
    if (b.alsoCode) {
      mark = this.codeMark ??= new Uint32Array(this.size);
      this.markGeneration += 1;
      if (this.markGeneration === 0xffffffff) {
        mark.fill(0);
        this.markGeneration = 1;
      }
      const M = this.markGeneration;
      for (const range of this.planCode(b.raw).ranges) {
        const { start, flat } = range.index;
        for (let p = start[range.lo]!; p < start[range.hi]!; p += 1) mark[flat[p]! >> 2] = M;
      }
    }
    const M = this.markGeneration;
    let kept = 0;
    for (let c = 0; c < count; c += 1) {
      const v = cand[c]!;
      const s = Math.max(bornScore(voters, v, b), mark !== null && mark[v] === M ? CODE_PREFIX : 0);
      if (s === 0) continue;
      total[v] = total[v]! + s;
      cand[kept] = v;
      kept += 1;
    }
    return kept;
  }

  /**
   * At most `limit` best candidates without sorting them all (a one-letter query matches tens of
   * thousands): a histogram of scores gives the threshold score; of the candidates AT the threshold
   * only the earliest in list order are kept (a bounded max-heap on rank).
   */
  private topCandidates(candidates: Int32Array, limit: number, maxScore: number): Int32Array {
    const { total, rank } = this;
    const hist = new Int32Array(maxScore + 1);
    for (let c = 0; c < candidates.length; c += 1) hist[total[candidates[c]!]!]! += 1;
    let above = 0;
    let threshold = maxScore;
    for (; threshold > 0; threshold -= 1) {
      if (above + hist[threshold]! >= limit) break;
      above += hist[threshold]!;
    }
    const need = limit - above;
    const out = new Int32Array(above + Math.max(0, need));
    let n = 0;
    // Max-heap on rank of at most `need` voters AT the threshold: keeps the earliest in list order.
    const heap = new Int32Array(Math.max(0, need));
    let size = 0;
    for (let c = 0; c < candidates.length; c += 1) {
      const v = candidates[c]!;
      const s = total[v]!;
      if (s > threshold) {
        out[n] = v;
        n += 1;
      } else if (s === threshold && need > 0) {
        if (size < need) {
          let i = size;
          size += 1;
          heap[i] = v;
          while (i > 0) {
            const parent = (i - 1) >> 1;
            if (rank[heap[parent]!]! >= rank[heap[i]!]!) break;
            const t = heap[parent]!;
            heap[parent] = heap[i]!;
            heap[i] = t;
            i = parent;
          }
        } else if (rank[v]! < rank[heap[0]!]!) {
          heap[0] = v;
          let i = 0;
          for (;;) {
            const l = 2 * i + 1;
            const r = l + 1;
            let m = i;
            if (l < size && rank[heap[l]!]! > rank[heap[m]!]!) m = l;
            if (r < size && rank[heap[r]!]! > rank[heap[m]!]!) m = r;
            if (m === i) break;
            const t = heap[m]!;
            heap[m] = heap[i]!;
            heap[i] = t;
            i = m;
          }
        }
      }
    }
    out.set(heap.subarray(0, size), n);
    return out.subarray(0, n + size);
  }

  private range(index: KeyIndex, prefix: string): { lo: number; hi: number; size: number } {
    // Keys that start with `prefix` sort from it up to it followed by the highest code unit.
    const lo = lowerBound(index.keys, prefix);
    const hi = lowerBound(index.keys, `${prefix}\uffff`);
    return { lo, hi, size: index.start[hi]! - index.start[lo]! };
  }

  private planCode(raw: string): TokenPlan {
    const key = documentKey(raw);
    const r = this.range(this.codes, key);
    const ranges: TokenPlan['ranges'] = [{ index: this.codes, lo: r.lo, hi: r.hi, exactAt: keyIndexOf(this.codes.keys, key), kind: 'code' }];
    let size = r.size;
    if (/^\d+$/u.test(key)) {
      for (const s of this.series) {
        const rs = this.range(this.codes, s + key);
        if (rs.size === 0) continue;
        ranges.push({ index: this.codes, lo: rs.lo, hi: rs.hi, exactAt: keyIndexOf(this.codes.keys, s + key), kind: 'code-digits' });
        size += rs.size;
      }
    }
    return { ranges, size, raw };
  }

  /**
   * How the name words of voter v score when each typed skeleton must take a DIFFERENT word (a typed
   * word left without one scores 0): the change to apply to the per-word best score (≤ 0, +10 when
   * every typed word has its own word). 0 when a typed word matched only through a digraph variant
   * (the score stays as it was).
   */
  private distinctWordsAdjustment(v: number, typed: readonly string[]): number {
    // Read in place and scored once into scratch arrays: a query of two words with a one-letter
    // second word ("ник н") asks this of thousands of candidates, and the strings and closures made
    // for each of them were most of such a keystroke (issue 19, desk.keystroke.p95).
    const { start, key } = this.words();
    const keys = this.names.keys;
    const from = start[v * 3]!;
    const W = start[v * 3 + 3]! - from;
    const T = typed.length;
    if (this.pairScore.length < T * W) this.pairScore = new Int32Array(T * W * 2);
    if (this.wordUsed.length < W) this.wordUsed = new Uint8Array(W * 2);
    const score = this.pairScore;
    let greedy = 0;
    for (let k = 0; k < T; k += 1) {
      const t = typed[k]!;
      let best = -1;
      let w = 0;
      for (let f = 0; f < 3; f += 1) {
        for (let j = start[v * 3 + f]!; j < start[v * 3 + f + 1]!; j += 1, w += 1) {
          const s = keyStartsWith(keys, key[j]!, t) ? FIELD_WEIGHT[f]! + (keyLength(keys, key[j]!) === t.length ? EXACT_BONUS : 0) : -1;
          score[k * W + w] = s;
          if (s > best) best = s;
        }
      }
      if (best < 0) return 0;
      greedy += best;
    }
    this.wordUsed.fill(0, 0, W);
    this.bestSum = 0;
    this.bestAll = false;
    this.assignWords(0, T, W, 0, true);
    return this.bestSum - greedy + (this.bestAll ? DISTINCT_WORDS_BONUS : 0);
  }

  /** Scratch of distinctWordsAdjustment: the score of typed word k on word w (pairScore[k * W + w], -1: no match), words taken, the best assignment. */
  private pairScore = new Int32Array(64);
  private wordUsed = new Uint8Array(16);
  private bestSum = 0;
  private bestAll = false;

  /** Every assignment of typed words k.. to distinct words (or none), keeping the best (see distinctWordsAdjustment). */
  private assignWords(k: number, T: number, W: number, sum: number, all: boolean): void {
    if (k === T) {
      if (sum + (all ? DISTINCT_WORDS_BONUS : 0) > this.bestSum + (this.bestAll ? DISTINCT_WORDS_BONUS : 0)) {
        this.bestSum = sum;
        this.bestAll = all;
      }
      return;
    }
    for (let w = 0; w < W; w += 1) {
      if (this.wordUsed[w]) continue;
      const s = this.pairScore[k * W + w]!;
      if (s < 0) continue;
      this.wordUsed[w] = 1;
      this.assignWords(k + 1, T, W, sum + s, all);
      this.wordUsed[w] = 0;
    }
    this.assignWords(k + 1, T, W, sum, false);
  }

  private planName(raw: string): TokenPlan | null {
    const skeleton = searchSkeleton(raw);
    if (skeleton === '') return null;
    const prefixes = new Set([skeleton]);
    const lower = raw.toLowerCase();
    const end = lower[lower.length - 1] ?? '';
    if ('zkcs'.includes(end)) prefixes.add(searchSkeleton(`${lower}h`));
    if (end === 't') prefixes.add(searchSkeleton(`${lower}s`));
    if (end === 'd' || end === 'д') prefixes.add(searchSkeleton(`${lower.slice(0, -1)}zh`));
    if (end === 'y' && lower.length > 1) prefixes.add(searchSkeleton(lower.slice(0, -1)));
    // Drop prefixes covered by a shorter one (their ranges would repeat postings).
    const list = [...prefixes].filter((p) => p !== '' && ![...prefixes].some((o) => o !== p && o !== '' && p.startsWith(o)));
    const ranges: TokenPlan['ranges'] = [];
    let size = 0;
    // The skeleton's own key, when the list has it, is the exact one whichever range holds it.
    const exactAt = keyIndexOf(this.names.keys, skeleton);
    for (const p of list) {
      const r = this.range(this.names, p);
      size += r.size;
      ranges.push({ index: this.names, lo: r.lo, hi: r.hi, exactAt, kind: 'name' });
    }
    return { ranges, size, raw };
  }
}
