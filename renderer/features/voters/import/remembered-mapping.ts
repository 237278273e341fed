/**
 * The column mapping the user last confirmed ("Check every row") for a file with the same header,
 * kept in localStorage and offered again when such a file comes back (the next version of the list
 * from the same registry export). The key is the header's signature: each cell as `normalizeHeader`
 * gives it, in order, so case, spacing and punctuation do not matter but order and names do.
 * At most MAX_KEPT headers are kept, the most recently confirmed.
 */
import { normalizeHeader, VOTER_FIELDS, type VoterMapping } from '../../../../shared/voters';

export const MAPPINGS_KEY = 'precinct-desk.voter-mappings';
const MAX_KEPT = 20;

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;
interface Kept {
  signature: string;
  mapping: VoterMapping;
}

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

export function rememberMapping(storage: StorageLike, header: readonly string[], mapping: VoterMapping): void {
  const signature = headerSignature(header);
  const rest = readAll(storage).filter((k) => k.signature !== signature);
  try {
    storage.setItem(MAPPINGS_KEY, JSON.stringify([{ signature, mapping }, ...rest].slice(0, MAX_KEPT)));
  } catch {
    // A full or unavailable storage only costs the convenience.
  }
}
