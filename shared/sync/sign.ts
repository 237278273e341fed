/** Signing and verification shared by the laptop (renderer/sync) and the center. */
import { keyThroughChain } from './key-chain';
import { checkBundle, type BundleProblem, type CheckedBundle } from '../election/bundle';
import { canonicalJson, joinMembers } from '../util/canonical-json';
import { err, ok, type Result } from '../util/result';
import { fromBase64Url, toBase64Url, utf8 } from './base64url';
import { keyId, signCanonical, verifyCanonical, verifyText, type PublicJwk } from './keys';
import {
  DEVICE_AUTH_WINDOW_MS,
  SIGNED_BUNDLE_FORMAT,
  deviceAuthClaimsSchema,
  type BundleStatement,
  type DeviceAuthClaims,
  type EnrolmentClaim,
  type EnrolmentRequest,
  type SignedBatch,
  type SignedBundle,
  type UnsignedBatch,
} from './wire';

function withoutSignature<T extends { signature: string }>(value: T): Omit<T, 'signature'> {
  const { signature: _signature, ...rest } = value;
  return rest;
}

export async function signBatch(batch: UnsignedBatch, privateKey: CryptoKey): Promise<SignedBatch> {
  const unsigned: UnsignedBatch = {
    deviceId: batch.deviceId,
    precinct: batch.precinct,
    electionId: batch.electionId,
    fromSeq: batch.fromSeq,
    events: batch.events,
  };
  return { ...unsigned, signature: await signCanonical(unsigned, privateKey) };
}

/** True when the batch's signature verifies with the device's public key. Never throws. */
export async function verifyBatch(batch: SignedBatch, publicKey: CryptoKey): Promise<boolean> {
  return verifyCanonical(withoutSignature(batch), batch.signature, publicKey);
}

/**
 * The text a batch's signature covers, built from each event's canonical text
 * (`eventTexts[i]` = canonicalJson(batch.events[i])), so a caller holding those (the center
 * canonicalises an event once) need not encode the events again. Null when the counts differ.
 */
export function batchSignedText(batch: SignedBatch, eventTexts: readonly string[]): string | null {
  if (eventTexts.length !== batch.events.length) return null;
  return joinMembers([
    ['deviceId', JSON.stringify(batch.deviceId)],
    ['electionId', JSON.stringify(batch.electionId)],
    ['events', `[${eventTexts.join(',')}]`],
    ['fromSeq', canonicalJson(batch.fromSeq)],
    ['precinct', canonicalJson(batch.precinct)],
  ]);
}

/** The same check as `verifyBatch` when the caller already holds each event's canonical text. */
export async function verifyBatchWithTexts(batch: SignedBatch, eventTexts: readonly string[], publicKey: CryptoKey): Promise<boolean> {
  const text = batchSignedText(batch, eventTexts);
  return text !== null && verifyText(text, batch.signature, publicKey);
}

export async function signEnrolment(claim: EnrolmentClaim, privateKey: CryptoKey): Promise<EnrolmentRequest> {
  return { ...claim, signature: await signCanonical(claim, privateKey) };
}

export async function verifyEnrolment(request: EnrolmentRequest, publicKey: CryptoKey): Promise<boolean> {
  return verifyCanonical(withoutSignature(request), request.signature, publicKey);
}

// ——— device-authenticated requests ———

/** The value of the `x-device-auth` header: base64url(canonical claims) "." base64url(signature). */
export async function signDeviceRequest(claims: DeviceAuthClaims, privateKey: CryptoKey): Promise<string> {
  const text = canonicalJson(claims);
  return `${toBase64Url(utf8(text))}.${await signCanonical(claims, privateKey)}`;
}

export interface ParsedDeviceAuth {
  claims: DeviceAuthClaims;
  signature: string;
}

/** Reads the header; null when it is not well formed. */
export function parseDeviceAuth(header: string): ParsedDeviceAuth | null {
  if (header.length > 4000) return null;
  const [body, signature, extra] = header.split('.');
  if (body === undefined || signature === undefined || extra !== undefined) return null;
  const bytes = fromBase64Url(body);
  if (!bytes) return null;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  const parsed = deviceAuthClaimsSchema.safeParse(json);
  return parsed.success ? { claims: parsed.data, signature } : null;
}

export type DeviceAuthProblem = { code: 'bad-signature' } | { code: 'auth-expired' };

/** Checks signature, request binding and time of a parsed header. */
export async function verifyDeviceAuth(
  auth: ParsedDeviceAuth,
  expected: { method: string; path: string; nowMs: number },
  publicKey: CryptoKey,
): Promise<Result<void, DeviceAuthProblem>> {
  if (!(await verifyCanonical(auth.claims, auth.signature, publicKey))) return err({ code: 'bad-signature' });
  if (auth.claims.method !== expected.method || auth.claims.path !== expected.path) return err({ code: 'bad-signature' });
  if (Math.abs(auth.claims.time - expected.nowMs) > DEVICE_AUTH_WINDOW_MS) return err({ code: 'auth-expired' });
  return ok(undefined);
}

// ——— signed bundles ———

export async function signBundle(
  bundle: unknown,
  statement: Omit<BundleStatement, 'format'>,
  privateKey: CryptoKey,
  publicKey: PublicJwk,
): Promise<SignedBundle> {
  const full: BundleStatement = { format: SIGNED_BUNDLE_FORMAT, ...statement };
  return { statement: full, bundle, keyId: await keyId(publicKey), signature: await signCanonical(full, privateKey) };
}

export type SignedBundleProblem =
  | { code: 'wrong-key' }
  | { code: 'bad-signature' }
  | { code: 'hash-mismatch' }
  | { code: 'bundle-invalid'; problems: BundleProblem[] };

/**
 * Verifies the center's signature (with the pinned key, or a key the pinned one endorsed through
 * `signed.keyChain` after a rotation) and that the bundle is the one signed.
 */
export async function verifySignedBundle(
  signed: SignedBundle,
  centerKey: { keyId: string; key: CryptoKey },
): Promise<Result<CheckedBundle, SignedBundleProblem>> {
  const signer = await keyThroughChain(centerKey, signed.keyId, signed.keyChain);
  if (!signer.ok) return err({ code: signer.error === 'wrong-key' ? 'wrong-key' : 'bad-signature' });
  if (!(await verifyCanonical(signed.statement, signed.signature, signer.value.key))) return err({ code: 'bad-signature' });
  const checked = await checkBundle(signed.bundle);
  if (!checked.ok) return err({ code: 'bundle-invalid', problems: checked.error });
  if (
    checked.value.hash !== signed.statement.bundleHash ||
    checked.value.bundle.bundleVersion !== signed.statement.bundleVersion ||
    checked.value.bundle.election.id !== signed.statement.electionId
  ) {
    return err({ code: 'hash-mismatch' });
  }
  return ok(checked.value);
}
