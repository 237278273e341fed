/**
 * The difference between the active voter list and a newer version, shown before activation.
 *
 * Records are matched by `id` only (the stable identity, identity.ts): a person whose page or row
 * moved is `changed`, never removed + added. Field changes are reported per VoterField with the values
 * as display strings (birth as 'YYYY-MM-DD' or 'YYYY', marks joined with ',').
 *
 * `reidentified` is information only: pairs of a removed and an added record that look like the same
 * person under another id (same ПИН, else same document key, else same name and birth – each only
 * when unambiguous), e.g. because the newer file has a ПИН column the older one lacked. They stay in
 * `removed` and `added`: a ballot issued under the old id is NOT carried over automatically; the
 * renderer must warn (it already counts issued ballots among `removed`). The one exception is
 * `carryIdentities`, applied before the difference: a person whose id in the active list left out a
 * ПИН or document their row shared with another person's (a registry error, validate.ts) keeps that
 * id in the list that corrects it.
 */
import { documentKey, nameBirthKey, voterIdentity } from './identity';
import type { VoterField } from './mapping';
import type { VoterRecord } from './validate';

export interface FieldChange {
  field: VoterField;
  before: string;
  after: string;
}

export interface VoterChange {
  id: string;
  before: VoterRecord;
  after: VoterRecord;
  fields: FieldChange[];
}

export interface VoterDiff {
  added: VoterRecord[];
  removed: VoterRecord[];
  changed: VoterChange[];
  unchanged: number;
  reidentified: { before: VoterRecord; after: VoterRecord; by: 'pin' | 'document' | 'name-birth' }[];
}

function birthText(v: VoterRecord): string {
  return v.birthDate ?? String(v.birthYear);
}

const COMPARED: [VoterField, (v: VoterRecord) => string][] = [
  ['page', (v) => String(v.page)],
  ['row', (v) => String(v.row)],
  ['surname', (v) => v.surname],
  ['name', (v) => v.name],
  ['patronymic', (v) => v.patronymic],
  ['birth', birthText],
  ['address', (v) => v.address],
  ['document', (v) => v.document],
  ['pin', (v) => v.pin],
  ['marks', (v) => [...v.marks].sort().join(',')],
];

function sameMarks(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  if (a.length === 0) return true;
  return [...a].sort().join(',') === [...b].sort().join(',');
}

/** Cheap equality on every compared field (most records of a new version are unchanged). */
function sameRecord(a: VoterRecord, b: VoterRecord): boolean {
  return (
    a === b ||
    (a.page === b.page &&
      a.row === b.row &&
      a.surname === b.surname &&
      a.name === b.name &&
      a.patronymic === b.patronymic &&
      a.birthDate === b.birthDate &&
      a.birthYear === b.birthYear &&
      a.address === b.address &&
      a.document === b.document &&
      a.pin === b.pin &&
      sameMarks(a.marks, b.marks))
  );
}

/** The fields in which two records of the same person differ. */
export function changedFields(before: VoterRecord, after: VoterRecord): FieldChange[] {
  const out: FieldChange[] = [];
  if (sameRecord(before, after)) return out;
  for (const [field, get] of COMPARED) {
    const a = get(before);
    const b = get(after);
    if (a !== b) out.push({ field, before: a, after: b });
  }
  return out;
}

/** `old` → `next`; ids are assumed unique within each list (validation guarantees it); first one wins. */
export function diffVoterLists(old: readonly VoterRecord[], next: readonly VoterRecord[]): VoterDiff {
  const oldById = new Map<string, VoterRecord>();
  for (const v of old) if (!oldById.has(v.id)) oldById.set(v.id, v);
  const nextIds = new Set<string>();
  const added: VoterRecord[] = [];
  const changed: VoterChange[] = [];
  let unchanged = 0;
  for (const v of next) {
    if (nextIds.has(v.id)) continue;
    nextIds.add(v.id);
    const before = oldById.get(v.id);
    if (!before) {
      added.push(v);
      continue;
    }
    const fields = changedFields(before, v);
    if (fields.length === 0) unchanged += 1;
    else changed.push({ id: v.id, before, after: v, fields });
  }
  const removed = [...oldById.values()].filter((v) => !nextIds.has(v.id));
  return { added, removed, changed, unchanged, reidentified: reidentify(removed, added) };
}

function reidentify(removed: VoterRecord[], added: VoterRecord[]): VoterDiff['reidentified'] {
  const out: VoterDiff['reidentified'] = [];
  if (removed.length === 0 || added.length === 0) return out;
  const usedR = new Set<VoterRecord>();
  const usedA = new Set<VoterRecord>();
  const pass = (by: 'pin' | 'document' | 'name-birth', key: (v: VoterRecord) => string) => {
    const index = (list: VoterRecord[], used: Set<VoterRecord>) => {
      const m = new Map<string, VoterRecord[]>();
      for (const v of list) {
        if (used.has(v)) continue;
        const k = key(v);
        if (k === '') continue;
        const l = m.get(k);
        if (l) l.push(v);
        else m.set(k, [v]);
      }
      return m;
    };
    const r = index(removed, usedR);
    const a = index(added, usedA);
    for (const [k, rs] of r) {
      const as = a.get(k);
      if (rs.length !== 1 || !as || as.length !== 1) continue;
      out.push({ before: rs[0]!, after: as[0]!, by });
      usedR.add(rs[0]!);
      usedA.add(as[0]!);
    }
  };
  pass('pin', (v) => v.pin);
  pass('document', (v) => documentKey(v.document));
  pass('name-birth', (v) => nameBirthKey(v));
  return out;
}

/**
 * The next list with the ids of people the active list knew under an id that left out a number
 * their row shared (one ПИН or document on two people's rows: validate.ts gives each an id without
 * it, so neither is lost). When a later list corrects the number, the person's id would change and
 * their marks — the ballot issued, the out-of-premises application, all recorded by id — would stay
 * with the old id, as if they had left the list. So each unambiguous pair of `reidentified` (same
 * ПИН, document or name and birth, one removed and one added) whose old id is not the one its own
 * fields give keeps the old id: the same person, their marks with them. An id its own fields gave is
 * never carried (a ПИН column newly added moves ids, as before, in the safe direction), and the
 * old id is free in the next list (it was removed), so no two voters share one.
 */
export function carryIdentities(active: readonly VoterRecord[], next: readonly VoterRecord[]): { voters: VoterRecord[]; carried: number } {
  const carry = new Map<VoterRecord, string>();
  for (const p of diffVoterLists(active, next).reidentified) if (p.before.id !== voterIdentity(p.before)) carry.set(p.after, p.before.id);
  if (carry.size === 0) return { voters: [...next], carried: 0 };
  return { voters: next.map((v) => (carry.has(v) ? { ...v, id: carry.get(v)! } : v)), carried: carry.size };
}
