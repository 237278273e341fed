/**
 * The closed list of sync error codes. Every refusal by the center carries exactly one of these,
 * so the client (and the people reading its screen) can tell what went wrong and whether a retry
 * can help. Adding a code is a wire-format change: add it here, with its HTTP status.
 */
import { z } from 'zod';

export const SYNC_ERROR_STATUS = {
  /** The body is not JSON or does not have the shape of the request. */
  malformed: 400,
  /** The body is larger than the center accepts. */
  'body-too-large': 413,
  /** Too many requests from this device or address; retry later. */
  'rate-limited': 429,
  /** Enrolment: no such code (or it was never issued). */
  'enrolment-code-invalid': 403,
  /** Enrolment: the code was already used by another device. */
  'enrolment-code-used': 409,
  /** Enrolment: the code expired. */
  'enrolment-code-expired': 403,
  /** Enrolment: this device id is already enrolled (with another key or for another precinct). */
  'device-already-enrolled': 409,
  /** The device is not enrolled at this center. */
  'unknown-device': 403,
  /** The device was revoked by the center. */
  'device-revoked': 403,
  /** The batch (or one of its events) names another precinct than the device's. */
  'wrong-precinct': 403,
  /** The batch (or one of its events) names another election than the device's. */
  'wrong-election': 403,
  /** The batch or request signature does not verify with the device's key. */
  'bad-signature': 401,
  /** A request without the device authorization header (pull, bundle). */
  'auth-missing': 401,
  /** A signed request whose time is too far from the center's clock; the body carries `serverTime`. */
  'auth-expired': 401,
  /**
   * A signed request whose counter is not above the highest the center took from this device: a
   * replay (or a laptop restored from an older backup); the body carries `requestCounter`.
   */
  'auth-replayed': 401,
  /** The batch does not start right after the device's last stored event, or its events skip a seq. */
  'seq-gap': 409,
  /** A seq the center already holds, with a different hash (a forked or rewritten log). */
  'seq-replayed-different': 409,
  /** An event's `prevHash` is not the previous event's hash. */
  'broken-chain': 422,
  /** An event's `hash` is not the SHA-256 of its content. */
  'hash-mismatch': 422,
  /** An event does not fit the envelope or its payload schema, or belongs to another device. */
  'invalid-event': 422,
  /**
   * An event of a kind this center does not know: written by a newer version of Precinct Desk
   * (laptops are updated at different times). `detail` names the kind; nothing of the batch is
   * stored, the laptop keeps it and sends it again once the center is updated. (Only a laptop newer
   * than the center can meet it, so every laptop that gets it knows the code.)
   */
  'newer-event': 422,
  /** Admin: missing or wrong admin token. */
  unauthorized: 401,
  /** Admin: the bundle file does not pass `checkBundle`. */
  'bundle-invalid': 422,
  /** Admin: a protocol QR that does not decode, is of another form, or whose hash does not recompute. */
  'qr-invalid': 422,
  /** No such precinct, election, device or bundle. */
  'not-found': 404,
  /** A fault of the center; nothing was stored. */
  internal: 500,
} as const;

export type SyncErrorCode = keyof typeof SYNC_ERROR_STATUS;
export const SYNC_ERROR_CODES = Object.keys(SYNC_ERROR_STATUS) as SyncErrorCode[];

export const syncErrorSchema = z
  .object({
    error: z.enum(SYNC_ERROR_CODES as [SyncErrorCode, ...SyncErrorCode[]]),
    /** The seq of the offending event, when there is one. */
    seq: z.number().int().optional(),
    /** The center's clock (ms since epoch), sent with `auth-expired` so the client can correct. */
    serverTime: z.number().int().optional(),
    /** The highest request counter the center took from the device, sent with `auth-replayed`. */
    requestCounter: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    /** The device's acknowledged seq, sent with seq errors so the client can resume from there. */
    ackSeq: z.number().int().min(0).optional(),
    /** Seconds to wait, with `rate-limited`. */
    retryAfter: z.number().int().min(0).optional(),
    /** A short technical detail for the log (never personal data). */
    detail: z.string().max(500).optional(),
  })
  .strict();

export type SyncError = z.infer<typeof syncErrorSchema>;

export function syncErrorStatus(code: SyncErrorCode): number {
  return SYNC_ERROR_STATUS[code];
}
