/**
 * Center signing-key rotation that enrolled laptops accept (issue 20): the OLD key signs the new
 * one (a key endorsement). A laptop pinned at enrolment to key A accepts a bundle or a roster
 * signed by key C only through a chain A→B→C of endorsements, each signed by the key before it,
 * that it is sent beside the signature (`keyChain`). Nothing else moves a laptop off its pinned key:
 * an endorsement not signed by the key it starts from, a key whose id is not its own, or a chain
 * that does not reach the signer leaves the signature refused as from the wrong key.
 *
 * A laptop that took a signature through a chain moves its pin to the key it reached (the signer):
 * the walk always starts from the pin, so from then on an endorsement made by an older key (a
 * retired key A, stolen, "endorsing" an attacker's D) is never followed — A→D is refused once C is
 * pinned.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../util/result';
import { importPublicKey, keyId, publicJwkSchema, signCanonical, verifyCanonical, type PublicJwk } from './keys';

export const KEY_ENDORSEMENT_FORMAT = 'precinct-desk/center-key-endorsement';
const hashSchema = z.string().regex(/^[0-9a-f]{64}$/u);

export const keyEndorsementSchema = z
  .object({
    statement: z
      .object({
        format: z.literal(KEY_ENDORSEMENT_FORMAT),
        fromKeyId: hashSchema,
        toKeyId: hashSchema,
        toPublicKey: publicJwkSchema,
        endorsedAt: z.iso.datetime(),
      })
      .strict(),
    /** The key that signed it: the old one (`statement.fromKeyId`). */
    keyId: hashSchema,
    signature: z.string().min(1).max(200),
  })
  .strict();
export type KeyEndorsement = z.infer<typeof keyEndorsementSchema>;

/** At most this many rotations between the pinned key and the signer. */
export const MAX_KEY_CHAIN = 16;
export const keyChainSchema = z.array(keyEndorsementSchema).max(MAX_KEY_CHAIN);

/** The old key (private, and its public JWK) endorses the new public key. */
export async function endorseKey(
  from: { privateKey: CryptoKey; publicJwk: PublicJwk },
  toPublicJwk: PublicJwk,
  endorsedAt: string,
): Promise<KeyEndorsement> {
  const fromKeyId = await keyId(from.publicJwk);
  const statement = { format: KEY_ENDORSEMENT_FORMAT, fromKeyId, toKeyId: await keyId(toPublicJwk), toPublicKey: toPublicJwk, endorsedAt } as const;
  return { statement, keyId: fromKeyId, signature: await signCanonical(statement, from.privateKey) };
}

export type KeyChainProblem = 'wrong-key' | 'bad-endorsement';

/**
 * The key to check a signature by `signerKeyId` with: the pinned key itself, or the key reached
 * from it through `chain`, every step verified with the key before it. `wrong-key` when the chain
 * does not lead from the pinned key to the signer; `bad-endorsement` when a step on the way does
 * not verify (a forged or altered endorsement). `publicJwk` is the reached key's public JWK when
 * the chain moved off the pinned key (what the laptop pins next), null when the signer is the pin.
 */
export async function keyThroughChain(
  pinned: { keyId: string; key: CryptoKey },
  signerKeyId: string,
  chain: readonly KeyEndorsement[] = [],
): Promise<Result<{ keyId: string; key: CryptoKey; publicJwk: PublicJwk | null }, KeyChainProblem>> {
  let current: { keyId: string; key: CryptoKey; publicJwk: PublicJwk | null } = { ...pinned, publicJwk: null };
  const seen = new Set<string>([pinned.keyId]);
  for (let step = 0; current.keyId !== signerKeyId; step += 1) {
    if (step >= MAX_KEY_CHAIN) return err('wrong-key');
    const next = chain.find((e) => e.statement.fromKeyId === current.keyId && e.keyId === current.keyId);
    if (!next) return err('wrong-key');
    if (!(await verifyCanonical(next.statement, next.signature, current.key))) return err('bad-endorsement');
    if ((await keyId(next.statement.toPublicKey)) !== next.statement.toKeyId || seen.has(next.statement.toKeyId)) return err('bad-endorsement');
    const key = await importPublicKey(next.statement.toPublicKey);
    if (!key) return err('bad-endorsement');
    seen.add(next.statement.toKeyId);
    current = { keyId: next.statement.toKeyId, key, publicJwk: next.statement.toPublicKey };
  }
  return ok(current);
}
