/**
 * What a laptop checks in a pulled page before it stores anything of it, trusting nothing the
 * center says on its own word:
 * - the roster of the precinct's devices is signed by the center key pinned at enrolment, and is
 *   the roster of this laptop's election and precinct;
 * - every batch is of this election and precinct, from a rostered device other than this laptop,
 *   and signed by that device's own key (a retired key only for the events it covered);
 * - every event fits the envelope, belongs to its batch's device, election and precinct, hashes
 *   to its `hash`, and continues that device's chain as this laptop already holds it (no gap, no
 *   fork, `prevHash` linking to the previous event).
 * The first problem refuses the page whole: the caller stores nothing of it.
 */
import { keyThroughChain } from './key-chain';
import { computeEventHash, eventEnvelopeSchema, GENESIS_HASH, unknownEventType, type StoredEvent } from '../events/envelope';
import { err, ok, type Result } from '../util/result';
import { importPublicKey, verifyCanonical, type PublicJwk } from './keys';
import { verifyBatch } from './sign';
import type { PullResponse, SignedBatch } from './wire';

export const PULL_REFUSAL_CODES = [
  'roster-wrong-key',
  'roster-bad-signature',
  'roster-other-precinct',
  'own-device',
  'not-rostered',
  'wrong-election',
  'wrong-precinct',
  'unsigned',
  'bad-signature',
  'invalid-event',
  /** An event of a kind this laptop's version does not know: the laptop that wrote it runs a newer version. */
  'newer-event',
  'hash-mismatch',
  'seq-gap',
  'broken-chain',
  'forked',
] as const;
export type PullRefusalCode = (typeof PULL_REFUSAL_CODES)[number];

export interface PullRefusal {
  code: PullRefusalCode;
  /** The device the refused batch names (null for a roster problem). */
  deviceId: string | null;
  seq?: number;
}

export interface PullContext {
  /** This laptop: its own events never come back through a pull. */
  ownDeviceId: string;
  electionId: string;
  precinct: number;
  /** The center key pinned at enrolment. */
  centerKey: { keyId: string; key: CryptoKey };
}

/** What the laptop already holds of another device's chain. */
export interface HeldChains {
  head(deviceId: string): Promise<{ seq: number; hash: string } | null>;
  hashAt(deviceId: string, seq: number): Promise<string | undefined>;
}

/** The events of a verified page that the laptop does not hold yet, in page order; or the first problem. */
export async function verifyPulledPage(page: PullResponse, ctx: PullContext, held: HeldChains): Promise<Result<StoredEvent[], PullRefusal>> {
  const refuse = (code: PullRefusalCode, deviceId: string | null, seq?: number) => err<PullRefusal>({ code, deviceId, ...(seq !== undefined ? { seq } : {}) });
  const roster = page.roster;
  // The pinned key, or one it endorsed after a rotation (roster.keyChain).
  const signer = await keyThroughChain(ctx.centerKey, roster.keyId, roster.keyChain);
  if (!signer.ok) return refuse(signer.error === 'wrong-key' ? 'roster-wrong-key' : 'roster-bad-signature', null);
  if (!(await verifyCanonical(roster.statement, roster.signature, signer.value.key))) return refuse('roster-bad-signature', null);
  if (roster.statement.electionId !== ctx.electionId || roster.statement.precinct !== ctx.precinct) return refuse('roster-other-precinct', null);
  const rostered = new Map(roster.statement.devices.map((d) => [d.deviceId, d]));
  const keyCache = new Map<string, CryptoKey | null>();
  const keyOf = async (jwk: PublicJwk): Promise<CryptoKey | null> => {
    const id = `${jwk.x}.${jwk.y}`;
    if (!keyCache.has(id)) keyCache.set(id, await importPublicKey(jwk));
    return keyCache.get(id) ?? null;
  };

  // Each device's chain as it stands with this page's earlier batches taken.
  const heads = new Map<string, { seq: number; hash: string } | null>();
  const taken = new Map<string, Map<number, string>>();
  const fresh: StoredEvent[] = [];
  for (const batch of page.batches) {
    const device = batch.deviceId;
    if (device === ctx.ownDeviceId) return refuse('own-device', device);
    const entry = rostered.get(device);
    if (!entry) return refuse('not-rostered', device);
    if (batch.electionId !== ctx.electionId) return refuse('wrong-election', device);
    if (batch.precinct !== ctx.precinct) return refuse('wrong-precinct', device);
    if (batch.events.length === 0) return refuse('invalid-event', device, batch.fromSeq);
    if (batch.signature === null) return refuse('unsigned', device, batch.fromSeq);
    const lastSeq = batch.fromSeq + batch.events.length - 1;
    const keys = [entry.publicKey, ...entry.retiredKeys.filter((k) => k.untilSeq >= lastSeq).map((k) => k.publicKey)];
    let signed = false;
    for (const jwk of keys) {
      const key = await keyOf(jwk);
      if (key && (await verifyBatch(batch as SignedBatch, key))) {
        signed = true;
        break;
      }
    }
    if (!signed) return refuse('bad-signature', device, batch.fromSeq);

    if (!heads.has(device)) heads.set(device, await held.head(device));
    const mine = taken.get(device) ?? new Map<number, string>();
    taken.set(device, mine);
    for (const [i, raw] of batch.events.entries()) {
      const seq = batch.fromSeq + i;
      if (unknownEventType(raw) !== null) return refuse('newer-event', device, seq);
      if (!eventEnvelopeSchema.safeParse(raw).success) return refuse('invalid-event', device, seq);
      const e = raw as StoredEvent;
      if (e.deviceId !== device) return refuse('invalid-event', device, seq);
      if (e.seq !== seq) return refuse('seq-gap', device, seq);
      if (e.electionId !== null && e.electionId !== ctx.electionId) return refuse('wrong-election', device, seq);
      if (e.precinct !== null && e.precinct !== ctx.precinct) return refuse('wrong-precinct', device, seq);
      if ((await computeEventHash(e)) !== e.hash) return refuse('hash-mismatch', device, seq);
      const head = heads.get(device) ?? null;
      const headSeq = head?.seq ?? 0;
      if (seq <= headSeq) {
        // Already held: it must be the very same event.
        const known = mine.get(seq) ?? (await held.hashAt(device, seq));
        if (known !== e.hash) return refuse('forked', device, seq);
        continue;
      }
      if (seq > headSeq + 1) return refuse('seq-gap', device, seq);
      if (e.prevHash !== (head?.hash ?? GENESIS_HASH)) return refuse('broken-chain', device, seq);
      heads.set(device, { seq, hash: e.hash });
      mine.set(seq, e.hash);
      fresh.push(e);
    }
  }
  return ok(fresh);
}
