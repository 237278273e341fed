/**
 * The sync wire format between a precinct laptop and the center (JSON over HTTP, or the same
 * batch as a file on a USB stick). Events inside a batch or a pull response are `unknown` here on
 * purpose: each is checked one by one with `eventEnvelopeSchema`, so one bad event is reported
 * with its seq (`invalid-event`) and a center or laptop with a newer event catalogue stays readable.
 */
import { keyChainSchema } from './key-chain';
import { z } from 'zod';
import { BASE64URL_PATTERN } from './base64url';
import { publicJwkSchema, publicKeySchema } from './keys';

/** The most events one pushed batch may carry. */
export const MAX_BATCH_EVENTS = 500;
/** The most events one pull response carries. */
export const MAX_PULL_EVENTS = 500;

/**
 * Text the center stores or looks up as it came (a label, a reason, an election id): PostgreSQL's
 * text refuses U+0000, which failed the request with `internal` instead of `malformed`.
 */
export const storableText = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'U+0000');

const deviceIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/u);
const precinctNumberSchema = z.number().int().min(1).max(99999);
const electionIdSchema = storableText(1, 80);
const signatureSchema = z.string().length(86).regex(BASE64URL_PATTERN);
const hashSchema = z.string().regex(/^[0-9a-f]{64}$/u);

// ——— enrolment ———

/** What the laptop signs with its new private key to prove it holds it. */
export const enrolmentClaimSchema = z
  .object({
    code: z.string().trim().min(6).max(64),
    deviceId: deviceIdSchema,
    publicKey: publicKeySchema,
    /** A name the commission gives the laptop ("Laptop 2, list desk"); no personal data. */
    label: storableText(0, 80).optional(),
  })
  .strict();
export type EnrolmentClaim = z.infer<typeof enrolmentClaimSchema>;

export const enrolmentRequestSchema = enrolmentClaimSchema.extend({ signature: signatureSchema }).strict();
export type EnrolmentRequest = z.infer<typeof enrolmentRequestSchema>;

export const centerKeySchema = z.object({ keyId: hashSchema, publicKey: publicJwkSchema }).strict();
export type CenterKey = z.infer<typeof centerKeySchema>;

export const enrolmentResponseSchema = z
  .object({
    deviceId: deviceIdSchema,
    electionId: electionIdSchema,
    precinct: precinctNumberSchema,
    enrolledAt: z.iso.datetime(),
    /** The key the center signs bundles with: pin it. */
    centerKey: centerKeySchema,
    /** The seq the center already holds for this device (0 for a new device). */
    ackSeq: z.number().int().min(0),
  })
  .strict();
export type EnrolmentResponse = z.infer<typeof enrolmentResponseSchema>;

// ——— push ———

export const unsignedBatchSchema = z
  .object({
    deviceId: deviceIdSchema,
    precinct: precinctNumberSchema,
    electionId: electionIdSchema,
    /** The seq of the first event (events follow one by one). */
    fromSeq: z.number().int().min(1),
    events: z.array(z.unknown()).max(MAX_BATCH_EVENTS),
  })
  .strict();
export type UnsignedBatch = z.infer<typeof unsignedBatchSchema>;

/** A batch signed by the device: ECDSA P-256/SHA-256 over the canonical JSON without `signature`. */
export const signedBatchSchema = unsignedBatchSchema.extend({ signature: signatureSchema }).strict();
export type SignedBatch = z.infer<typeof signedBatchSchema>;

export const pushAckSchema = z
  .object({
    /** The device's highest seq the center holds: everything up to it is safe at the center. */
    ackSeq: z.number().int().min(0),
    /** How many events of this batch were new (0 for a retried batch). */
    stored: z.number().int().min(0),
  })
  .strict();
export type PushAck = z.infer<typeof pushAckSchema>;

// ——— device-authenticated GET requests (pull, bundle) ———

/** The header a device signs its GET requests with. */
export const DEVICE_AUTH_HEADER = 'x-device-auth';
/** How far the request time may be from the center's clock; beyond it `auth-expired` + serverTime. */
export const DEVICE_AUTH_WINDOW_MS = 10 * 60 * 1000;

/**
 * The claims of a device request: who, which request (method and path with query, so a captured
 * header cannot be used for another request), when (ms since epoch, on the center's clock as the
 * device best knows it: it corrects its offset from `serverTime` of an `auth-expired` answer) and
 * the device's request counter, which the center takes only when it is higher than every counter
 * of that device it took before (a replayed header is refused with `auth-replayed`, which carries
 * the highest counter seen so a laptop restored from a backup moves past it). Headers of laptops
 * made before the counter have none: their `time` stands in for it (one laptop's requests follow
 * one another, so their times increase), so they keep working and are not replayable either.
 */
export const deviceAuthClaimsSchema = z
  .object({
    deviceId: deviceIdSchema,
    method: z.enum(['GET', 'POST']),
    path: z.string().min(1).max(2000),
    time: z.number().int().min(0),
    counter: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();
export type DeviceAuthClaims = z.infer<typeof deviceAuthClaimsSchema>;

// ——— pull ———

/** A cursor is opaque to the client: send back what the last response gave. */
export const pullCursorSchema = z.string().regex(/^\d{1,18}$/u);

export const ROSTER_FORMAT = 'precinct-desk/device-roster';

/**
 * A device of the precinct as the center enrolled it: its current key, and the keys it had before
 * a re-key, each valid for the device's events up to `untilSeq` (the head acknowledged when the
 * key was retired). A laptop believes a pulled batch only when one of these keys signed it.
 */
export const rosterDeviceSchema = z
  .object({
    deviceId: deviceIdSchema,
    publicKey: publicJwkSchema,
    retiredKeys: z.array(z.object({ publicKey: publicJwkSchema, untilSeq: z.number().int().min(0) }).strict()).max(100),
  })
  .strict();

/** What the center signs about a precinct's devices (with the key the laptops pinned at enrolment). */
export const rosterStatementSchema = z
  .object({
    format: z.literal(ROSTER_FORMAT),
    electionId: electionIdSchema,
    precinct: precinctNumberSchema,
    devices: z.array(rosterDeviceSchema).max(1000),
    signedAt: z.iso.datetime(),
  })
  .strict();
export type RosterStatement = z.infer<typeof rosterStatementSchema>;

export const signedRosterSchema = z
  .object({
    statement: rosterStatementSchema,
    keyId: hashSchema,
    signature: signatureSchema,
    /** After a key rotation: the endorsements from the laptop's pinned key to `keyId` (shared/sync/key-chain). */
    keyChain: keyChainSchema.optional(),
  })
  .strict();

/**
 * A pulled batch: exactly as a device pushed it (its events as it signed them, its signature), so
 * the laptop can check the device's own signature. `signature` is null only for events the center
 * stored before it kept batch signatures (a laptop refuses those).
 */
export const pulledBatchSchema = unsignedBatchSchema.extend({ signature: signatureSchema.nullable() }).strict();

export const pullResponseSchema = z
  .object({
    /**
     * Other devices' signed batches of the same precinct and election, in the center's arrival
     * order; a batch may repeat events the laptop already holds (a retried push overlapped).
     */
    batches: z.array(pulledBatchSchema).max(MAX_PULL_EVENTS),
    /** The precinct's devices and their keys, signed by the center. */
    roster: signedRosterSchema,
    cursor: pullCursorSchema,
    hasMore: z.boolean(),
  })
  .strict();
export type PullResponse = z.infer<typeof pullResponseSchema>;

// ——— bundle ———

export const SIGNED_BUNDLE_FORMAT = 'precinct-desk/signed-bundle';

/** What the center signs about a bundle; `bundleHash` is the content hash of `checkBundle`. */
export const bundleStatementSchema = z
  .object({
    format: z.literal(SIGNED_BUNDLE_FORMAT),
    electionId: electionIdSchema,
    bundleVersion: z.number().int().min(1),
    bundleHash: hashSchema,
    signedAt: z.iso.datetime(),
  })
  .strict();
export type BundleStatement = z.infer<typeof bundleStatementSchema>;

export const signedBundleSchema = z
  .object({
    statement: bundleStatementSchema,
    bundle: z.unknown(),
    keyId: hashSchema,
    signature: signatureSchema,
    /** After a key rotation: the endorsements from the laptop's pinned key to `keyId` (shared/sync/key-chain). */
    keyChain: keyChainSchema.optional(),
  })
  .strict();
export type SignedBundle = z.infer<typeof signedBundleSchema>;

export { deviceIdSchema, precinctNumberSchema, electionIdSchema, signatureSchema };
