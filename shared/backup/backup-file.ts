/**
 * A backup of the laptop's whole local state as one encrypted file.
 *
 * Outside: a small JSON header (format, time, key derivation, cipher) and the ciphertext. The key
 * is derived from the commission's passphrase with PBKDF2-SHA-256 and a random salt; the state is
 * encrypted with AES-GCM under a fresh IV, the header being the additional authenticated data, so
 * a changed byte anywhere (header or ciphertext) makes decryption fail.
 *
 * Inside: the event log of every device the laptop holds, the voter lists the events point to,
 * this laptop's device id and its settings. The device's signing key is not in it: it is a
 * non-extractable key that never leaves the laptop; a restored laptop enrols again (a re-key code
 * for the same device, or a fresh code when it starts as a new device).
 *
 * Reading never throws and checks everything before the caller replaces anything: the header, the
 * decryption, the state's shape, every event envelope, every device's hash chain, every list hash,
 * every list an event names.
 */
import { z } from 'zod';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/sha256';
import { err, ok, type Result } from '../util/result';
import { eventEnvelopeSchema, unknownEventType, verifyChains, type StoredEvent } from '../events/envelope';
import { BASE64URL_PATTERN, fromBase64Url, toBase64Url } from '../sync/base64url';
import { storedListData } from '../voters/packed';

export const BACKUP_FORMAT = 'precinct-desk/backup';
export const BACKUP_FORMAT_VERSION = 1;
const STATE_FORMAT = 'precinct-desk/backup-state';
/** PBKDF2 iterations written into new backups (OWASP's figure for PBKDF2-HMAC-SHA-256 is 600 000). */
export const BACKUP_ITERATIONS = 600_000;
const MIN_ITERATIONS = 100_000;
const MAX_ITERATIONS = 5_000_000;
/** A passphrase shorter than this is refused when a backup is made. */
export const MIN_PASSPHRASE_LENGTH = 8;

const b64 = (min: number, max: number) => z.string().min(min).max(max).regex(BASE64URL_PATTERN);

const headerSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    formatVersion: z.literal(BACKUP_FORMAT_VERSION),
    createdAt: z.iso.datetime(),
    training: z.boolean(),
    deviceId: z.string().min(1).max(100),
    kdf: z.object({ name: z.literal('PBKDF2'), hash: z.literal('SHA-256'), iterations: z.number().int().min(MIN_ITERATIONS).max(MAX_ITERATIONS), salt: b64(22, 22) }).strict(),
    cipher: z.object({ name: z.literal('AES-GCM'), iv: b64(16, 16) }).strict(),
  })
  .strict();
type BackupHeader = z.infer<typeof headerSchema>;

const fileSchema = headerSchema.extend({ ciphertext: b64(1, 200 * 1024 * 1024) }).strict();

/** Settings kept in the backup: the app's own local-storage entries, by name. */
const settingKey = z.string().regex(/^precinct-desk\.[A-Za-z0-9._-]{1,80}$/u);

const blobSchema = z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/u), kind: z.literal('voter-list'), data: z.array(z.unknown()) }).strict();

const stateSchema = z
  .object({
    format: z.literal(STATE_FORMAT),
    deviceId: z.string().min(1).max(100),
    training: z.boolean(),
    events: z.array(z.unknown()).max(5_000_000),
    blobs: z.array(blobSchema).max(100),
    settings: z.record(settingKey, z.string().max(100_000)),
  })
  .strict();

export interface BackupState {
  deviceId: string;
  training: boolean;
  events: StoredEvent[];
  blobs: { hash: string; kind: 'voter-list'; data: unknown[] }[];
  settings: Record<string, string>;
}

export interface BackupSummary {
  createdAt: string;
  deviceId: string;
  training: boolean;
  events: number;
  ownEvents: number;
  devices: number;
}

export type BackupProblem =
  | { code: 'not-json' }
  | { code: 'not-a-backup' }
  | { code: 'newer-format'; version: number }
  | { code: 'invalid-file'; path: string }
  /** AES-GCM refused: the passphrase is not the one used, or the file was altered. */
  | { code: 'cannot-decrypt' }
  | { code: 'invalid-state'; path: string }
  | { code: 'wrong-mode'; training: boolean }
  | { code: 'invalid-event'; index: number }
  /** An event of a kind this version does not know (`kind`): the backup was made by a newer version. */
  | { code: 'newer-event'; index: number; kind: string }
  | { code: 'broken-chain'; deviceId: string; seq: number }
  | { code: 'list-mismatch'; hash: string }
  | { code: 'list-missing'; hash: string }
  | { code: 'weak-passphrase'; min: number };

const encoder = new TextEncoder();

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase.normalize('NFC')) as BufferSource, 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** The header's bytes as authenticated: its canonical JSON, so key order in the file does not matter. */
const aad = (header: BackupHeader) => encoder.encode(canonicalJson(header));

export interface BuildOptions {
  createdAt: string;
  iterations?: number;
}

/** Encrypts the state into the backup file's text. */
export async function buildBackup(state: BackupState, passphrase: string, options: BuildOptions): Promise<Result<string, BackupProblem>> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) return err({ code: 'weak-passphrase', min: MIN_PASSPHRASE_LENGTH });
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: options.createdAt,
    training: state.training,
    deviceId: state.deviceId,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: options.iterations ?? BACKUP_ITERATIONS, salt: toBase64Url(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64Url(iv) },
  };
  const key = await deriveKey(passphrase, salt, header.kdf.iterations);
  const plain = encoder.encode(JSON.stringify({ format: STATE_FORMAT, ...state }));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad(header) as BufferSource }, key, plain as BufferSource);
  return ok(JSON.stringify({ ...header, ciphertext: toBase64Url(new Uint8Array(sealed)) }));
}

/** The header of a backup file, readable without the passphrase (shown before restoring). */
export function readBackupHeader(text: string): Result<BackupHeader, BackupProblem> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err({ code: 'not-json' });
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== BACKUP_FORMAT) return err({ code: 'not-a-backup' });
  const version = (json as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION) return err({ code: 'newer-format', version });
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) return err({ code: 'invalid-file', path: parsed.error.issues[0]?.path.join('.') ?? '' });
  const { ciphertext: _ciphertext, ...header } = parsed.data;
  return ok(header);
}

/**
 * Decrypts and verifies a backup. `training` is the mode of the database it would replace: a
 * training backup never replaces a real log, nor the other way round.
 */
export async function readBackup(text: string, passphrase: string, training: boolean): Promise<Result<{ state: BackupState; summary: BackupSummary }, BackupProblem>> {
  const head = readBackupHeader(text);
  if (!head.ok) return head;
  const header = head.value;
  if (header.training !== training) return err({ code: 'wrong-mode', training: header.training });
  const file = fileSchema.parse(JSON.parse(text));
  const salt = fromBase64Url(header.kdf.salt);
  const iv = fromBase64Url(header.cipher.iv);
  const sealed = fromBase64Url(file.ciphertext);
  if (!salt || !iv || !sealed || salt.length !== 16 || iv.length !== 12) return err({ code: 'invalid-file', path: 'cipher' });
  let plain: ArrayBuffer;
  try {
    const key = await deriveKey(passphrase, salt, header.kdf.iterations);
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad(header) as BufferSource }, key, sealed as BufferSource);
  } catch {
    return err({ code: 'cannot-decrypt' });
  }
  let inner: unknown;
  try {
    inner = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch {
    return err({ code: 'invalid-state', path: '' });
  }
  const parsed = stateSchema.safeParse(inner);
  if (!parsed.success) return err({ code: 'invalid-state', path: parsed.error.issues[0]?.path.join('.') ?? '' });
  const s = parsed.data;
  // The inside must say what the authenticated header says.
  if (s.deviceId !== header.deviceId) return err({ code: 'invalid-state', path: 'deviceId' });
  if (s.training !== header.training) return err({ code: 'invalid-state', path: 'training' });
  const events: StoredEvent[] = [];
  for (let i = 0; i < s.events.length; i += 1) {
    const kind = unknownEventType(s.events[i]);
    if (kind !== null) return err({ code: 'newer-event', index: i, kind });
    const e = eventEnvelopeSchema.safeParse(s.events[i]);
    if (!e.success) return err({ code: 'invalid-event', index: i });
    events.push(e.data as unknown as StoredEvent);
  }
  const keys = new Set<string>();
  for (const [i, e] of events.entries()) {
    const k = `${e.deviceId}/${e.seq}`;
    if (keys.has(k)) return err({ code: 'invalid-event', index: i });
    keys.add(k);
  }
  const chain = await verifyChains(events);
  if (!chain.ok) {
    const first = chain.error[0]!;
    return err({ code: 'broken-chain', deviceId: first.deviceId, seq: 'seq' in first ? first.seq : first.found });
  }
  for (const blob of s.blobs) {
    if ((await sha256Hex(canonicalJson(blob.data))) !== blob.hash) return err({ code: 'list-mismatch', hash: blob.hash });
  }
  const have = new Set(s.blobs.map((b) => b.hash));
  for (const e of events) {
    if (e.type === 'VoterListActivated' && !have.has(e.payload.listHash)) return err({ code: 'list-missing', hash: e.payload.listHash });
  }
  const state: BackupState = { deviceId: s.deviceId, training: s.training, events, blobs: s.blobs, settings: s.settings };
  return ok({
    state,
    summary: {
      createdAt: header.createdAt,
      deviceId: s.deviceId,
      training: s.training,
      events: events.length,
      ownEvents: events.filter((e) => e.deviceId === s.deviceId).length,
      devices: new Set(events.map((e) => e.deviceId)).size,
    },
  });
}

/** A checked backup's state with every voter list as the laptop stores it (`storedListData`: packed). */
export interface RestorableState extends Omit<BackupState, 'blobs'> {
  blobs: { hash: string; kind: 'voter-list'; data: unknown }[];
}

/**
 * `readBackup`, then every voter list packed as the laptop stores it, under the same hash (a list
 * packs only when it unpacks to exactly the records its hash names). Run by the import worker
 * (issue 19: parsing, checking, hashing and packing a 100,000-voter list froze the window for
 * seconds); the window restores what it answers in one transaction.
 */
export async function readBackupToRestore(text: string, passphrase: string, training: boolean): Promise<Result<{ state: RestorableState; summary: BackupSummary }, BackupProblem>> {
  const read = await readBackup(text, passphrase, training);
  if (!read.ok) return read;
  const { state, summary } = read.value;
  return ok({ state: { ...state, blobs: state.blobs.map((b) => ({ ...b, data: storedListData(b.data, b.hash) })) }, summary });
}

/** File names of backups: sortable by time, one folder holds a few generations. */
export const BACKUP_FILE_PATTERN = /^precinct-desk-backup-\d{8}T\d{6}Z\.pdbackup$/u;

export function backupFileName(at: Date): string {
  const iso = at.toISOString().replace(/[-:]/gu, '').replace(/\.\d{3}/u, '');
  return `precinct-desk-backup-${iso}.pdbackup`;
}

/** Which of the backup files in a folder to delete so that `keep` generations remain (oldest go). */
export function generationsToDelete(names: readonly string[], keep: number): string[] {
  const backups = names.filter((n) => BACKUP_FILE_PATTERN.test(n)).sort();
  return backups.slice(0, Math.max(0, backups.length - keep));
}
