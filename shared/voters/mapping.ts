/**
 * Which column of the file holds which field of a voter, guessed from the header names in Kyrgyz,
 * Russian and English, and checked before the rows are validated.
 *
 * Header matching: the header text is lower-cased, 'ё' becomes 'е', punctuation becomes spaces and
 * runs of spaces collapse ("№ стр." → "№ стр"). A pattern is a sequence of words; a word ending in
 * '*' matches any header word that starts with it ("фамил*" matches "фамилиясы"), other words must
 * be equal. A pattern matches when its words appear consecutively in the header. When a header
 * matches patterns of several fields, the strongest wins: a pattern that contains another matched
 * pattern beats it ("атасынын аты" beats "аты"); generic patterns ('№', 'id', 'no') lose to any
 * specific one; two specific fields tie → the column is left unmapped (e.g. one column
 * "Фамилия, имя, отчество"). Each field takes the first column that matched it; a column is
 * used once.
 */

export const VOTER_FIELDS = ['page', 'row', 'surname', 'name', 'patronymic', 'birth', 'address', 'document', 'pin', 'marks'] as const;
export type VoterField = (typeof VOTER_FIELDS)[number];

/** Column index (0-based, as in `SheetTable.header`) for each field, or null when not in the file. */
export type VoterMapping = Record<VoterField, number | null>;

/** Fields without which a list cannot be imported. */
export const REQUIRED_FIELDS: readonly VoterField[] = ['page', 'row', 'surname', 'name', 'birth'];

export interface MappingProblem {
  code: 'missing-required-column' | 'column-used-twice' | 'column-out-of-range';
  field: VoterField;
  params?: Record<string, string | number>;
}

interface Pattern {
  words: string[];
  generic: boolean;
}

const RAW_PATTERNS: Record<VoterField, string[]> = {
  page: [
    'барак*', 'бет', 'беттин номери', 'барактын номери', 'страниц*', 'стр', 'лист', 'номер страницы', 'page*', 'page no', 'sheet', 'p',
  ],
  row: [
    'катар*', 'сап', 'саптын номери', 'строк*', 'номер строки', 'row*', 'line*', 'п п', '№ п п',
    '!№', '!n', '!no', '!nr', '!#',
  ],
  surname: ['фамил*', 'surname*', 'last name', 'family name', 'lastname'],
  name: ['аты', 'ысым*', 'имя', 'name', 'first name', 'given name*', 'firstname', 'forename'],
  patronymic: ['атасынын аты', 'атасынын', 'отчеств*', 'patronymic*', 'middle name', 'father s name', 'fathers name'],
  birth: [
    'туулган*', 'туулган жылы', 'туулган күнү', 'туулган датасы', 'дата рожд*', 'год рожд*', 'рожден*', 'г р', 'д р', 'birth*', 'born',
    'date of birth', 'year of birth', 'dob', 'birthdate',
  ],
  address: ['дарег*', 'дарек', 'жашаган жер*', 'адрес*', 'место жительства', 'address*', 'residence'],
  document: [
    'паспорт*', 'документ*', 'күбөлүк*', 'удостоверен*', 'серия*', 'passport*', 'document*', 'id card', 'identity document', '!id',
  ],
  pin: [
    'пин', 'жеке номер*', 'жеке идентификациялык*', 'инн', 'персональный номер', 'персональный идентификационный номер',
    'идентификационный номер', 'personal number', 'personal id*', 'pin', 'pin code', 'personal identification number',
  ],
  marks: [
    'белги*', 'атайын белги*', 'эскертүү*', 'особые отметки', 'отметк*', 'примечан*', 'marks', 'special marks', 'notes', 'remarks', 'mark',
  ],
};

/** Headers that name several fields at once (a full-name column): never guessed. */
const FULL_NAME_PATTERNS = ['аты жөнү', 'фио', 'ф и о', 'full name', 'fullname'];

const PATTERNS: [VoterField, Pattern][] = (Object.keys(RAW_PATTERNS) as VoterField[]).flatMap((field) =>
  RAW_PATTERNS[field].map((raw): [VoterField, Pattern] => {
    const generic = raw.startsWith('!');
    return [field, { words: (generic ? raw.slice(1) : raw).split(' '), generic }];
  }),
);

/** Header text in the comparable form described in the module comment ('№' and '#' are words of their own). */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/gu, 'е')
    .replace(/[№#]/gu, (m) => ` ${m} `)
    .replace(/[^\p{L}\p{N}№#]+/gu, ' ')
    .trim()
    .replace(/ +/gu, ' ');
}

function wordMatches(pattern: string, word: string): boolean {
  return pattern.endsWith('*') ? word.startsWith(pattern.slice(0, -1)) : word === pattern;
}

/** Where (word index) the pattern matches in the header words, or -1. */
function findPattern(p: Pattern, words: string[]): number {
  outer: for (let s = 0; s + p.words.length <= words.length; s += 1) {
    for (let k = 0; k < p.words.length; k += 1) if (!wordMatches(p.words[k]!, words[s + k]!)) continue outer;
    return s;
  }
  return -1;
}

/** The field a single header cell names, or null when none or ambiguous. */
export function guessField(header: string): VoterField | null {
  const words = normalizeHeader(header).split(' ').filter(Boolean);
  if (words.length === 0) return null;
  if (FULL_NAME_PATTERNS.some((raw) => findPattern({ words: raw.split(' '), generic: false }, words) >= 0)) return null;
  const hits: { field: VoterField; start: number; end: number; generic: boolean }[] = [];
  for (const [field, p] of PATTERNS) {
    const s = findPattern(p, words);
    if (s >= 0) hits.push({ field, start: s, end: s + p.words.length, generic: p.generic });
  }
  // Drop a hit covered by a longer hit of another field ("аты" inside "атасынын аты").
  const strong = hits.filter(
    (h) => !hits.some((o) => o !== h && o.field !== h.field && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start),
  );
  const specific = strong.filter((h) => !h.generic);
  const pool = specific.length > 0 ? specific : strong;
  const fields = [...new Set(pool.map((h) => h.field))];
  return fields.length === 1 ? fields[0]! : null;
}

export function emptyMapping(): VoterMapping {
  return Object.fromEntries(VOTER_FIELDS.map((f) => [f, null])) as VoterMapping;
}

/** A first guess of the mapping from the header row; the user corrects it on the mapping screen. */
export function guessMapping(header: readonly string[]): VoterMapping {
  const mapping = emptyMapping();
  header.forEach((cell, column) => {
    const field = guessField(cell);
    if (field && mapping[field] === null) mapping[field] = column;
  });
  return mapping;
}

/** How many fields a header row names: used to find the header row below title lines. */
export function headerScore(header: readonly string[]): number {
  const m = guessMapping(header);
  return VOTER_FIELDS.filter((f) => m[f] !== null).length;
}

/**
 * Problems that stop validation: a required field without a column, a column mapped to two fields,
 * and (when the header is given) a column index outside the table.
 */
export function mappingProblems(mapping: VoterMapping, header?: readonly string[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  for (const field of REQUIRED_FIELDS) {
    if (mapping[field] === null || mapping[field] === undefined) problems.push({ code: 'missing-required-column', field });
  }
  const firstField = new Map<number, VoterField>();
  for (const field of VOTER_FIELDS) {
    const column = mapping[field];
    if (column === null || column === undefined) continue;
    if (header && (!Number.isInteger(column) || column < 0 || column >= header.length)) {
      problems.push({ code: 'column-out-of-range', field, params: { column: column + 1 } });
      continue;
    }
    const other = firstField.get(column);
    if (other) problems.push({ code: 'column-used-twice', field, params: { column: column + 1, otherField: other } });
    else firstField.set(column, field);
  }
  return problems;
}
