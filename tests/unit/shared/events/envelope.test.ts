import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EVENT_TYPES, eventPayloadSchemas, type EventType } from '../../../../shared/events/catalog';
import { eventEnvelopeSchema } from '../../../../shared/events/envelope';
import { isHlc } from '../../../../shared/events/hlc';
import { knownPart } from '../../../../shared/events/known-payload';

/** The envelope written field by field, each field with its own zod checks: the definition. */
const hashSchema = z.string().regex(/^[0-9a-f]{64}$/u);
const reference = z
  .object({
    id: z.string().uuid(),
    deviceId: z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/u),
    seq: z.number().int().min(1),
    hlc: z.string().refine(isHlc, 'not a hybrid logical clock value'),
    recordedAt: z.iso.datetime(),
    electionId: z.string().max(80).nullable(),
    bundleHash: hashSchema.nullable(),
    precinct: z.number().int().min(1).max(99999).nullable(),
    actor: z.string().max(80).nullable(),
    type: z.enum(EVENT_TYPES as [EventType, ...EventType[]]),
    payload: z.unknown(),
    prevHash: hashSchema,
    hash: hashSchema,
  })
  .strict()
  .superRefine((e, ctx) => {
    // What this version knows of the payload must fit; fields a newer version added are kept unchecked.
    if (knownPart(eventPayloadSchemas[e.type], e.payload) === null) ctx.addIssue({ code: 'custom', path: ['payload'], message: 'payload' });
  });

const paths = (r: { success: boolean; error?: z.ZodError }): string[] => (r.success ? [] : [...new Set((r.error?.issues ?? []).map((i) => i.path.join('.')))]);

const valid = {
  id: '0b6c7d3e-1f2a-4b5c-8d9e-0a1b2c3d4e5f',
  deviceId: 'dev-9019-a',
  seq: 1,
  hlc: '001508090400000-000000-dev-9019-a',
  recordedAt: '2017-10-15T02:00:00.000Z',
  electionId: 'demo-kg-president-2017',
  bundleHash: 'a'.repeat(64),
  precinct: 9019,
  actor: null,
  type: 'BallotIssued',
  payload: { voterId: 'v1', page: 1, row: 1, listHash: 'b'.repeat(64) },
  prevHash: '0'.repeat(64),
  hash: 'c'.repeat(64),
};

// Values near each field's edges, and anything JSON can carry.
const near = fc.oneof(
  fc.constantFrom(
    '', 'x', '0', 'ң', 'a'.repeat(64), 'A'.repeat(64), 'a'.repeat(63), 'g'.repeat(64), 'x'.repeat(80), 'x'.repeat(81), 'a'.repeat(65),
    '00000000-0000-0000-0000-000000000000', '0b6c7d3e-1f2a-9b5c-8d9e-0a1b2c3d4e5f', '0B6C7D3E-1F2A-4B5C-8D9E-0A1B2C3D4E5F',
    '2017-10-15T02:00:00Z', '2017-10-15T02:00:00+06:00', '2017-02-29T00:00:00Z', '2016-02-29T00:00:00.1Z', '2017-10-15',
    '001508090400000-000000-d', '1508090400000-000000-d', '001508090400000-00000A-d', 'dev_1', 'dev-1', 'd'.repeat(65),
    0, 1, -1, 1.5, 99999, 100000, 2 ** 53, Number.MAX_SAFE_INTEGER, null, true, [], {},
    'BallotIssued', 'NoSuchEvent',
  ),
  fc.string({ maxLength: 90 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.jsonValue({ maxDepth: 2 }),
);
const fields = Object.keys(valid) as (keyof typeof valid)[];
const mutated = (most: number) => fc
  .array(fc.tuple(fc.constantFrom(...fields, 'extra' as const, 'drop' as const), near, fc.constantFrom(...fields)), { maxLength: most })
  .map((changes) => {
    const e: Record<string, unknown> = { ...valid, payload: { ...valid.payload } };
    for (const [field, value, dropped] of changes) {
      if (field === 'extra') e.extra = value;
      else if (field === 'drop') delete e[dropped];
      else e[field] = value;
    }
    return e;
  });

describe('eventEnvelopeSchema', () => {
  it('accepts a valid event', () => {
    expect(eventEnvelopeSchema.safeParse(valid).success).toBe(true);
  });

  it('reaches the same verdict as the field-by-field definition, and names only fields it names', () => {
    fc.assert(
      fc.property(mutated(3), (e) => {
        const mine = eventEnvelopeSchema.safeParse(e);
        const theirs = reference.safeParse(e);
        expect(mine.success).toBe(theirs.success);
        // A field of the wrong type stops the format checks, so several problems may be named fewer times.
        for (const path of paths(mine)) expect(paths(theirs)).toContain(path);
      }),
      { numRuns: 5000 },
    );
  });

  it('names the same field when one is wrong', () => {
    fc.assert(
      fc.property(mutated(1), (e) => {
        expect(paths(eventEnvelopeSchema.safeParse(e))).toEqual(paths(reference.safeParse(e)));
      }),
      { numRuns: 3000 },
    );
  });

  it('takes a payload with fields a newer version added, at any depth, and still refuses a known field with a wrong value', () => {
    const payload = { ...valid.payload, ballotSerial: 'A-1', hoursException: { outside: 'after-closing', reason: 'came at 20:01', by: 'm1', witness: 'm2' } };
    expect(eventEnvelopeSchema.safeParse({ ...valid, payload }).success).toBe(true);
    expect(knownPart(eventPayloadSchemas.BallotIssued, payload)).toEqual({ ...valid.payload, hoursException: { outside: 'after-closing', reason: 'came at 20:01', by: 'm1' } });
    // The event itself is not changed: it is stored and hashed as it came.
    expect(payload).toMatchObject({ ballotSerial: 'A-1', hoursException: { witness: 'm2' } });
    expect(eventEnvelopeSchema.safeParse({ ...valid, payload: { ...payload, page: 0 } }).success).toBe(false);
    expect(eventEnvelopeSchema.safeParse({ ...valid, payload: { ...payload, hoursException: { ...payload.hoursException, outside: 'lunch' } } }).success).toBe(false);
    // The envelope's own fields are the format: one it does not know is refused.
    expect(eventEnvelopeSchema.safeParse({ ...valid, signedBy: 'x' }).success).toBe(false);
  });

  it('says which field is wrong, in words', () => {
    const r = eventEnvelopeSchema.safeParse({ ...valid, recordedAt: '2017-10-15T08:00:00+06:00' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['recordedAt'], message: 'not a UTC date and time' });
  });
});
