/**
 * Version skew: laptops are updated by USB at different times, so a laptop or the center may be
 * handed an event written by a newer version, whose payload carries fields this version does not
 * know (a new optional field). Such an event is taken whole — stored as it came and hashed with
 * those fields, so its chain verifies on every laptop and at the center — and only the part this
 * version knows is checked and read. A field of a known name with a wrong value is still refused.
 */
import type { z } from 'zod';

/** Passes at most: one for each nesting level that may hold fields of a newer version. */
const MAX_PASSES = 8;

/**
 * The value as `schema` reads it, with every field it does not know (at any depth: unrecognised
 * keys of its strict objects) set aside; null when what it knows does not fit. `value` is not
 * changed.
 */
export function knownPart<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> | null {
  let current = value;
  let copied = false;
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const parsed = schema.safeParse(current);
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues;
    if (!issues.every((i) => i.code === 'unrecognized_keys')) return null;
    if (!copied) {
      current = structuredClone(current);
      copied = true;
    }
    for (const issue of issues) {
      const holder = at(current, issue.path);
      if (holder === null || issue.code !== 'unrecognized_keys') return null;
      for (const key of issue.keys) delete holder[key];
    }
  }
  return null;
}

/** Whether `value` fits `schema` once the fields a newer version added are set aside. */
export function fitsKnownPart(schema: z.ZodType, value: unknown): boolean {
  return knownPart(schema, value) !== null;
}

function at(root: unknown, path: readonly PropertyKey[]): Record<PropertyKey, unknown> | null {
  let node: unknown = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return null;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>) : null;
}
