import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalMembers, isCanonicalOrder, joinMembers } from '../../../../shared/util/canonical-json';

/** The definition, written the plain way: the fast implementation must agree with it. */
function reference(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('not finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
  }
  throw new TypeError(typeof value);
}

// Keys that trip naive orderings: integer-like ones (JSON.stringify puts them first), case, non-ASCII.
const key = fc.oneof(fc.string(), fc.constantFrom('1', '10', '2', 'a', 'B', 'ң', 'ө', '__proto__x', 'hash', 'payload'));
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 6 })),
})).node;

const hasIndexKey = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && (Array.isArray(v) ? v.some(hasIndexKey) : Object.entries(v).some(([k, x]) => /^(0|[1-9]\d*)$/u.test(k) || hasIndexKey(x)));

describe('canonicalJson', () => {
  it('sorts keys by code unit, drops undefined members, keeps array holes as null', () => {
    expect(canonicalJson({ b: 1, a: [undefined, 'x'], c: undefined, '10': true, '2': null })).toBe('{"10":true,"2":null,"a":[null,"x"],"b":1}');
    expect(canonicalJson({ Z: 1, a: 2, ң: 3 })).toBe('{"Z":1,"a":2,"ң":3}');
    expect(canonicalJson('ө\n"')).toBe('"ө\\n\\""');
    expect(canonicalJson(-0)).toBe('0');
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ a: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
    expect(() => canonicalJson(1n)).toThrow(TypeError);
  });

  it('agrees with the plain definition on any JSON value, and is independent of key order', () => {
    fc.assert(
      fc.property(value, (v) => {
        fc.pre(v !== undefined); // a bare undefined is not a value: both throw
        expect(canonicalJson(v)).toBe(reference(v));
        if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
          const reversed = Object.fromEntries(Object.entries(v).reverse());
          expect(canonicalJson(reversed)).toBe(canonicalJson(v));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('members assemble the same text, and the text without one member', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 8 }), key, (obj, omit) => {
        const members = canonicalMembers(obj);
        expect(joinMembers(members)).toBe(canonicalJson(obj));
        const { [omit]: _left, ...rest } = obj;
        expect(joinMembers(members, omit)).toBe(canonicalJson(rest));
      }),
      { numRuns: 300 },
    );
  });

  it('knows when the engine’s own encoder already gives the canonical text', () => {
    fc.assert(
      fc.property(value, (v) => {
        fc.pre(v !== undefined);
        // Parsed from canonical text (what the laptop sends): in order, unless integer-like keys,
        // which engines enumerate first, moved (then the slow path re-encodes it).
        const parsed: unknown = JSON.parse(canonicalJson(v));
        if (!hasIndexKey(parsed)) expect(isCanonicalOrder(parsed)).toBe(true);
        // Whatever it says yes to encodes canonically.
        if (isCanonicalOrder(v)) expect(JSON.stringify(v)).toBe(canonicalJson(v));
      }),
      { numRuns: 500 },
    );
    expect(isCanonicalOrder({ b: 1, a: 2 })).toBe(false);
    expect(isCanonicalOrder({ '2': 1, '10': 2 })).toBe(false); // enumerated 2, 10; canonical is "10", "2"
    expect(isCanonicalOrder({ '10': 1, a: { y: 1, x: 2 } })).toBe(false);
    expect(isCanonicalOrder({ a: undefined })).toBe(false);
    expect(isCanonicalOrder([1, Infinity])).toBe(false);
    expect(isCanonicalOrder({ a: new Date(0) })).toBe(false);
    expect(isCanonicalOrder(JSON.parse('{"a":1e400}'))).toBe(false);
    expect(isCanonicalOrder(JSON.parse('{"1":[{"a":null,"b":"ң"}],"a":-0}'))).toBe(true);
  });
});
