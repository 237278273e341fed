/**
 * The event envelope and its hash chain. Each device numbers its events 1, 2, 3 … (`seq`) and
 * chains them: `prevHash` is the previous event's `hash`, `hash` is SHA-256 over the canonical JSON
 * of every other field. Editing, removing or reordering a stored event breaks the chain.
 */
import { z } from 'zod';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/sha256';
import { sha256HexSync } from '../util/sha256-sync';
import { err, ok, type Result } from '../util/result';
import { isHlc } from './hlc';
import { EVENT_TYPES, eventPayloadSchemas, type EventPayload, type EventType } from './catalog';
import { fitsKnownPart } from './known-payload';

export const GENESIS_HASH = '0'.repeat(64);

const HASH_PATTERN = /^[0-9a-f]{64}$/u;
const DEVICE_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/u;
/** The patterns of `z.uuid()` and `z.iso.datetime()` (UTC, any fraction of a second). */
const UUID_PATTERN = z.regexes.uuid();
const DATETIME_PATTERN = z.regexes.datetime({});
const isCount = (n: number, max = Number.MAX_SAFE_INTEGER): boolean => Number.isSafeInteger(n) && n >= 1 && n <= max;

/**
 * An event as stored and as sent between laptops and the center. The fields' types come first;
 * their formats are then checked in one refinement, each problem at its field's path as a field's
 * own schema would put it (the center checks every event it is sent, and per-field checks cost
 * several times the tests themselves; tests/unit/shared/events/envelope.test.ts holds the two to
 * the same verdicts).
 */
export const eventEnvelopeSchema = z
  .object({
    id: z.string(),
    deviceId: z.string(),
    seq: z.number(),
    hlc: z.string(),
    recordedAt: z.string(),
    electionId: z.string().nullable(),
    bundleHash: z.string().nullable(),
    precinct: z.number().nullable(),
    actor: z.string().nullable(),
    type: z.enum(EVENT_TYPES as [EventType, ...EventType[]]),
    payload: z.unknown(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .strict()
  .superRefine((e, ctx) => {
    let clean = true;
    const bad = (field: string, message: string): void => {
      clean = false;
      ctx.addIssue({ code: 'custom', path: [field], message });
    };
    if (!UUID_PATTERN.test(e.id)) bad('id', 'not a UUID');
    if (!DEVICE_ID_PATTERN.test(e.deviceId)) bad('deviceId', 'not a device id (1 to 64 letters, digits and dashes)');
    if (!isCount(e.seq)) bad('seq', 'not a whole number from 1');
    if (!isHlc(e.hlc)) bad('hlc', 'not a hybrid logical clock value');
    if (!DATETIME_PATTERN.test(e.recordedAt)) bad('recordedAt', 'not a UTC date and time');
    if (e.electionId !== null && e.electionId.length > 80) bad('electionId', 'longer than 80 characters');
    if (e.bundleHash !== null && !HASH_PATTERN.test(e.bundleHash)) bad('bundleHash', 'not a SHA-256 hash');
    if (e.precinct !== null && !isCount(e.precinct, 99999)) bad('precinct', 'not a precinct number');
    if (e.actor !== null && e.actor.length > 80) bad('actor', 'longer than 80 characters');
    if (!HASH_PATTERN.test(e.prevHash)) bad('prevHash', 'not a SHA-256 hash');
    if (!HASH_PATTERN.test(e.hash)) bad('hash', 'not a SHA-256 hash');
    // The payload is read by its type once the envelope holds: what this version knows of it must
    // fit; fields a newer version added are kept in the event, not checked (known-payload.ts).
    if (clean && !fitsKnownPart(eventPayloadSchemas[e.type], e.payload)) bad('payload', `payload does not fit ${e.type}`);
  });

const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

/**
 * The kind an event names when this version does not know it (an event written by a newer version,
 * whose catalogue has it), cut to 80 characters; null for a known kind or no kind at all.
 */
export function unknownEventType(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string' || KNOWN_TYPES.has(type) || !/^[A-Z][A-Za-z0-9]{0,79}$/u.test(type)) return null;
  return type;
}

/** A stored event. `payload` is typed by `type`. */
export type StoredEvent<T extends EventType = EventType> = {
  [K in T]: Omit<z.infer<typeof eventEnvelopeSchema>, 'type' | 'payload'> & { type: K; payload: EventPayload<K> };
}[T];

export type UnhashedEvent<T extends EventType = EventType> = Omit<StoredEvent<T>, 'hash'>;

/** Events up to this many characters are hashed inline (most are a few hundred); larger ones by WebCrypto. */
export const SYNC_HASH_LIMIT = 64 * 1024;

export async function computeEventHash(event: UnhashedEvent | StoredEvent): Promise<string> {
  const { hash: _hash, ...rest } = event as StoredEvent;
  const text = canonicalJson(rest);
  // Inline, the append's transaction is not left waiting for WebCrypto's asynchronous answer.
  return text.length <= SYNC_HASH_LIMIT ? sha256HexSync(text) : sha256Hex(text);
}

export type ChainProblem =
  | { code: 'hash-mismatch'; deviceId: string; seq: number }
  | { code: 'broken-link'; deviceId: string; seq: number }
  | { code: 'seq-gap'; deviceId: string; expected: number; found: number };

/**
 * Verifies one device's chain. `events` must be that device's events in `seq` order, starting at
 * `fromSeq` (1 for the whole chain) whose predecessor's hash is `prevHash`.
 */
export async function verifyDeviceChain(
  events: readonly StoredEvent[],
  fromSeq = 1,
  prevHash = GENESIS_HASH,
  /**
   * The hash of the `index`-th event computed synchronously (the center: Node's crypto over the
   * canonical text it already made); saves an await an event. Without it, WebCrypto.
   */
  hashOf: ((event: StoredEvent, index: number) => string) | null = null,
): Promise<Result<void, ChainProblem[]>> {
  const problems: ChainProblem[] = [];
  let expectedSeq = fromSeq;
  let expectedPrev = prevHash;
  for (const [i, e] of events.entries()) {
    if (e.seq !== expectedSeq) {
      problems.push({ code: 'seq-gap', deviceId: e.deviceId, expected: expectedSeq, found: e.seq });
      expectedSeq = e.seq;
    }
    if (e.prevHash !== expectedPrev) problems.push({ code: 'broken-link', deviceId: e.deviceId, seq: e.seq });
    const hash = hashOf ? hashOf(e, i) : await computeEventHash(e);
    if (hash !== e.hash) problems.push({ code: 'hash-mismatch', deviceId: e.deviceId, seq: e.seq });
    expectedPrev = e.hash;
    expectedSeq += 1;
  }
  return problems.length > 0 ? err(problems) : ok(undefined);
}

/** Verifies every device's chain in a mixed list of events: sound, or every problem found. */
export async function verifyChains(events: readonly StoredEvent[]): Promise<Result<void, ChainProblem[]>> {
  const byDevice = new Map<string, StoredEvent[]>();
  for (const e of events) {
    const list = byDevice.get(e.deviceId) ?? [];
    list.push(e);
    byDevice.set(e.deviceId, list);
  }
  const problems: ChainProblem[] = [];
  for (const list of byDevice.values()) {
    list.sort((a, b) => a.seq - b.seq);
    const chain = await verifyDeviceChain(list);
    if (!chain.ok) problems.push(...chain.error);
  }
  return problems.length > 0 ? err(problems) : ok(undefined);
}
