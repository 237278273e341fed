/**
 * The USB fallback: a laptop without a network exports its waiting events as a file of signed
 * batches (the very batches a push would send); the center imports it with the same checks as a
 * push (signature, enrolled device, precinct, seq continuity, hash chain), idempotently. A bare
 * signed batch is read too (older exports, hand-made files).
 */
import { z } from 'zod';
import { err, ok, type Result } from '../util/result';
import { signedBatchSchema, type SignedBatch } from './wire';

export const USB_FILE_FORMAT = 'precinct-desk/usb-events';
export const USB_FILE_VERSION = 1;
/** A file holds at most this many batches (500 events each). */
export const MAX_USB_BATCHES = 400;
/** The largest USB file the center reads (400 batches of 500 small events). */
export const MAX_USB_BYTES = 64 * 1024 * 1024;

export const usbFileSchema = z
  .object({
    format: z.literal(USB_FILE_FORMAT),
    formatVersion: z.literal(USB_FILE_VERSION),
    exportedAt: z.iso.datetime({ offset: true }),
    deviceId: z.string().min(1).max(64),
    precinct: z.number().int().min(1).max(99999),
    electionId: z.string().min(1).max(80),
    batches: z.array(signedBatchSchema).min(1).max(MAX_USB_BATCHES),
  })
  .strict();
export type UsbFile = z.infer<typeof usbFileSchema>;

/** `mixed-devices`: a batch of the file names another laptop than its header. */
export type UsbFileProblem = 'not-json' | 'not-a-usb-file' | 'unsupported-version' | 'malformed' | 'mixed-devices';

/**
 * What a file says of itself. It is not signed: the center holds it against the signed batches
 * (`Center.importUsb`), so a header naming another election or precinct than the laptop's own
 * events is refused for that reason, and recorded as an incident of that laptop.
 */
export interface UsbFileHeader {
  deviceId: string;
  precinct: number;
  electionId: string;
}

/** A file's batches and its header (null for a bare signed batch). */
export interface UsbContents {
  batches: SignedBatch[];
  header: UsbFileHeader | null;
}

/** The header's fields of a checked file. */
export function usbHeaderOf(file: Pick<UsbFile, 'deviceId' | 'precinct' | 'electionId'>): UsbFileHeader {
  return { deviceId: file.deviceId, precinct: file.precinct, electionId: file.electionId };
}

/** The batches of a USB file, checked for shape (the center checks signatures, chains and the header). */
export function readUsbFile(json: unknown): Result<UsbContents, UsbFileProblem> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return err('not-a-usb-file');
  const o = json as Record<string, unknown>;
  if (o.format === undefined && 'signature' in o) {
    const single = signedBatchSchema.safeParse(json);
    return single.success ? ok({ batches: [single.data], header: null }) : err('malformed');
  }
  if (o.format !== USB_FILE_FORMAT) return err('not-a-usb-file');
  if (o.formatVersion !== USB_FILE_VERSION) return err('unsupported-version');
  const parsed = usbFileSchema.safeParse(json);
  if (!parsed.success) return err('malformed');
  const file = parsed.data;
  if (file.batches.some((b) => b.deviceId !== file.deviceId)) return err('mixed-devices');
  return ok({ batches: file.batches, header: usbHeaderOf(file) });
}

export function parseUsbText(text: string): Result<UsbContents, UsbFileProblem> {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return err('not-json');
  }
  return readUsbFile(json);
}
