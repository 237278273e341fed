/**
 * The column mapping the user last confirmed ("Check every row") for a file with the same header,
 * kept in localStorage and offered again when such a file comes back (the next version of the list
 * from the same registry export). The key is the header's signature: each cell as `normalizeHeader`
 * gives it, in order, so case, spacing and punctuation do not matter but order and names do.
 * At most MAX_KEPT headers are kept, the most recently confirmed. The header row's place is kept too:
 * a file whose row N (among its first rows) has a remembered header gets that row as its header, so
 * title rows above it do not have to be skipped by hand again.
 */
import { normalizeHeader, VOTER_FIELDS, type VoterMapping } from '../../../../shared/voters';

export const MAPPINGS_KEY = 'precinct-desk.voter-mappings';
const MAX_KEPT = 20;

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;
interface Kept {
  signature: string;
  mapping: VoterMapping;
  /** 1-based file row of the header when it was confirmed (informational; the signature finds it). */
  headerRow?: number;
}

const SEARCHED_ROWS = 20;

export function headerSignature(header: readonly string[]): string {
  return header.map((h) => normalizeHeader(h)).join('\u001f');
}

function readAll(storage: StorageLike): Kept[] {
  try {
    const value = JSON.parse(storage.getItem(MAPPINGS_KEY) ?? '[]') as unknown;
    return Array.isArray(value) ? (value as Kept[]).filter((k) => k && typeof k.signature === 'string' && k.mapping && typeof k.mapping === 'object') : [];
  } catch {
    return [];
  }
}

/** A stored mapping is used only when every field points into this header (or is null). */
function fits(mapping: VoterMapping, header: readonly string[]): boolean {
  return VOTER_FIELDS.every((f) => {
    const c = mapping[f];
    return c === null || (Number.isInteger(c) && c >= 0 && c < header.length);
  });
}

export function recallMapping(storage: StorageLike, header: readonly string[]): VoterMapping | null {
  const signature = headerSignature(header);
  const kept = readAll(storage).find((k) => k.signature === signature);
  if (!kept) return null;
  const mapping = Object.fromEntries(VOTER_FIELDS.map((f) => [f, kept.mapping[f] ?? null])) as VoterMapping;
  return fits(mapping, header) ? mapping : null;
}

export function rememberMapping(storage: StorageLike, header: readonly string[], mapping: VoterMapping, headerRow = 1): void {
  const signature = headerSignature(header);
  const rest = readAll(storage).filter((k) => k.signature !== signature);
  try {
    storage.setItem(MAPPINGS_KEY, JSON.stringify([{ signature, mapping, headerRow }, ...rest].slice(0, MAX_KEPT)));
  } catch {
    // A full or unavailable storage only costs the convenience.
  }
}

/** The 1-based file row (among the first rows) whose cells are a remembered header, if any. */
export function recallHeaderRow(storage: StorageLike, all: readonly (readonly string[])[]): number | undefined {
  const kept = new Set(readAll(storage).map((k) => k.signature));
  if (kept.size === 0) return undefined;
  for (let i = 0; i < Math.min(all.length, SEARCHED_ROWS); i += 1) {
    const row = all[i]!;
    if (row.every((c) => c.trim() === '')) continue;
    if (kept.has(headerSignature(row))) return i + 1;
  }
  return undefined;
}
