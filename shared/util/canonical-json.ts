/**
 * Canonical JSON: object keys sorted (by UTF-16 code units, as `Array.prototype.sort` orders
 * strings), no insignificant white space, `undefined` members dropped. Two equal values always give
 * the same text, so hashes over it are stable across devices.
 *
 * The center canonicalises every event it is sent (for the batch signature, the event's hash and the
 * stored body); `canonicalMembers` lets it do that once an event and assemble the texts it needs.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite');
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i += 1) {
          const v: unknown = value[i];
          if (i > 0) out += ',';
          out += v === undefined ? 'null' : canonicalJson(v);
        }
        return `${out}]`;
      }
      return joinMembers(canonicalMembers(value as Record<string, unknown>));
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
}

/** One member of a canonical object: its key and its value's canonical text. */
export type CanonicalMember = readonly [key: string, text: string];

/** An object's members in canonical order, each value canonicalised, `undefined` ones left out. */
export function canonicalMembers(value: Readonly<Record<string, unknown>>): CanonicalMember[] {
  const keys = Object.keys(value).sort();
  const members: CanonicalMember[] = [];
  for (const key of keys) {
    const v = value[key];
    if (v !== undefined) members.push([key, canonicalJson(v)]);
  }
  return members;
}

/** The canonical text of an object from its members, leaving out the member `omit` if given. */
export function joinMembers(members: readonly CanonicalMember[], omit?: string): string {
  let out = '{';
  let first = true;
  for (const [key, text] of members) {
    if (key === omit) continue;
    if (!first) out += ',';
    out += `${JSON.stringify(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * True when `JSON.stringify(value)` is already its canonical text: every object's keys enumerate in
 * strictly increasing code-unit order (so integer-like keys, which engines enumerate first, must
 * also sort first), every number is finite, and nothing but JSON values occurs. A value parsed
 * from canonical text (what the laptop sends) passes; checking is far cheaper than re-encoding.
 */
export function isCanonicalOrder(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i += 1) if (value[i] === undefined || !isCanonicalOrder(value[i])) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      let previous: string | null = null;
      for (const key of Object.keys(value)) {
        if (previous !== null && !(previous < key)) return false;
        previous = key;
        const v = (value as Record<string, unknown>)[key];
        if (v === undefined || !isCanonicalOrder(v)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}
