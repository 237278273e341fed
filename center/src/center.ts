/**
 * The center's operations, independent of HTTP (the Fastify routes and the CLI both call these).
 * Stateless apart from caches that every process can rebuild: several processes may share one
 * PostgreSQL. Every refusal is a `SyncFailure` with a code of `shared/sync/errors`; a refused push
 * stores nothing (one transaction).
 */
import { createHash, randomInt, type KeyObject } from 'node:crypto';
import { checkBundle, sealBundle, type ElectionBundleInput } from '../../shared/election/bundle';
import { eventEnvelopeSchema, GENESIS_HASH, unknownEventType, verifyDeviceChain, type StoredEvent } from '../../shared/events/envelope';
import { canonicalJson, joinMembers } from '../../shared/util/canonical-json';
import { importPublicKey, keyId, normalizePublicKey, publicJwkSchema, signCanonical } from '../../shared/sync/keys';
import { batchSignedText, signBundle, verifyBatch, verifyDeviceAuth, verifyEnrolment, type ParsedDeviceAuth } from '../../shared/sync/sign';
import {
  MAX_BATCH_EVENTS,
  MAX_PULL_EVENTS,
  ROSTER_FORMAT,
  bundleStatementSchema,
  type BundleStatement,
  type RosterStatement,
  type EnrolmentRequest,
  type EnrolmentResponse,
  type PushAck,
  type SignedBatch,
} from '../../shared/sync/wire';
import type { UsbFileHeader } from '../../shared/sync/usb-file';
import { activeStoredKeyId, loadKeyChain, loadOrCreateCenterKey, rotateCenterKey, type ActiveCenterKey, type CenterSigningKey, type KeyRotation } from './center-key';
import { eventTexts, keyObjectOf, sha256Hex, verifyTextNode } from './event-texts';

import type { Database, Queryable, SqlParam } from './db/types';
import { flagEnteredLate } from './entered-late';
import { isoSql, maintainAggregates } from './aggregates';
import { flagFarClocks } from './far-clock';
import { fail, SyncFailure } from './failure';
import type { KeyList } from '../../shared/sync/admin-console';

export interface CenterOptions {
  db: Database;
  /**
   * Where the dashboard's reads go (`DATABASE_READ_URL`: a streaming replica); the primary when
   * absent. Never written to: every write, and every read a write decides on, uses `db`.
   */
  readDb?: Database;
  signingKey: CenterSigningKey;
  /**
   * The key is the one kept in the database (not CENTER_SIGNING_KEY_FILE): a rotation by another
   * process or the CLI is followed within KEY_RECHECK_MS, so every process signs with the key in use.
   */
  keyFromDatabase?: boolean;
  /** The passphrase keys kept in the database are sealed with (a rotation seals the new one). */
  keyPassphrase?: string | null;
  now?: () => number;
}

/** How often a process looks again at which key is in use and at its chain (a rotation elsewhere). */
export const KEY_RECHECK_MS = 5_000;

export interface DeviceRow {
  device_id: string;
  election_id: string;
  precinct: number;
  public_key: string;
  revoked_at: Date | null;
}

export interface DeviceSummary {
  deviceId: string;
  label: string | null;
  enrolledAt: string;
  revokedAt: string | null;
  ackSeq: number;
  lastPushAt: string | null;
  lastPullAt: string | null;
}

export interface PrecinctSummary {
  electionId: string;
  number: number;
  name: string;
  territorialCommission: string;
  devices: DeviceSummary[];
  events: number;
  lastSyncAt: string | null;
}

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const DEFAULT_CODE_TTL_HOURS = 72;

/** Codes are typed by people: case, spaces and dashes do not matter. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/gu, '');
}

export function hashCode(code: string): string {
  return createHash('sha256').update(`precinct-desk/enrolment-code:${normalizeCode(code)}`).digest('hex');
}

/** The kinds of a laptop's incident ids the center keeps one incident a voter for (`<kind>:<voter>:<event id>`). */
const VOTER_INCIDENT_KINDS = ['double-issue', 'outside-and-room'] as const;
type VoterIncidentKind = (typeof VOTER_INCIDENT_KINDS)[number];

/** The kind and voter of a laptop's double-issue or outside-and-room incident id, else null. */
function incidentVoter(incident: string): { kind: VoterIncidentKind; voterId: string } | null {
  const last = incident.lastIndexOf(':');
  for (const kind of VOTER_INCIDENT_KINDS) {
    const prefix = `${kind}:`;
    if (incident.startsWith(prefix) && last > prefix.length) return { kind, voterId: incident.slice(prefix.length, last) };
  }
  return null;
}

/** A LIKE pattern matching an incident detail of the voter. */
const voterDetailLike = (voterId: string): string => `%"voterId":${JSON.stringify(voterId).replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;

/** The resolution text and time of a stored IncidentResolved event's canonical body. */
function resolutionOf(body: string): { text: string; at: string } | null {
  try {
    const e = JSON.parse(body) as { recordedAt?: unknown; payload?: { resolution?: unknown } };
    return typeof e.payload?.resolution === 'string' && typeof e.recordedAt === 'string' ? { text: e.payload.resolution, at: e.recordedAt } : null;
  } catch {
    return null;
  }
}

/**
 * The ballots and undos of some voters of a precinct ($3: a JSON array of voter ids), for the
 * double-issue check; served by the partial expression index `events_voter_ballots` (migration
 * 005), held to it by an EXPLAIN test on PostgreSQL (`double-issue-index.test.ts`).
 */
export const DOUBLE_ISSUE_LOOKUP_SQL = `select payload->>'voterId' as voter, device_id, type from events
       where election_id = $1 and precinct = $2 and type in ('BallotIssued', 'BallotIssueUndone')
         and payload->>'voterId' = any (array(select jsonb_array_elements_text($3::jsonb))) order by ingest_id`;

/**
 * The visits of some voters of a precinct ($3: a JSON array of voter ids) where they voted, for the
 * outside-and-room check (a register holds dozens of visits, not thousands).
 */
export const VOTED_VISITS_SQL = `select payload->>'voterId' as voter, device_id from events
       where election_id = $1 and precinct = $2 and type = 'MobileVisitRecorded' and payload->>'outcome' = 'voted'
         and payload->>'voterId' = any (array(select jsonb_array_elements_text($3::jsonb))) order by ingest_id`;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** True when PostgreSQL's jsonb can hold the value (it refuses U+0000 and lone surrogates). */
function jsonbSafe(text: string): boolean {
  if (!text.includes('\\u')) return true;
  return !/\\u0000|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/iu.test(text);
}

/** Text columns cannot hold U+0000. */
const hasNul = (s: string | null): boolean => s !== null && s.includes('\u0000');

export class Center {
  readonly db: Database;
  /** The dashboard's reads: a read replica (`DATABASE_READ_URL`) or the primary itself. */
  readonly readDb: Database;
  readonly now: () => number;
  private active: ActiveCenterKey;
  /** performance.now() of the last look at the key in use; -Infinity: look at the next signature. */
  private keyCheckedAt = Number.NEGATIVE_INFINITY;
  private readonly keyFromDatabase: boolean;
  private readonly keyPassphrase: string | null;
  /** Each device key, imported once: WebCrypto's form and Node's (the push checks synchronously). */
  private readonly keyCache = new Map<string, { web: CryptoKey; node: KeyObject }>();
  /**
   * Devices as last read, for the push's signature check: a device's key, election and precinct
   * never change; revocation is read again inside the push's transaction.
   */
  private readonly deviceCache = new Map<string, DeviceRow>();

  constructor(options: CenterOptions) {
    this.db = options.db;
    this.readDb = options.readDb ?? options.db;
    this.active = { ...options.signingKey, chain: [] };
    this.keyFromDatabase = options.keyFromDatabase ?? false;
    this.keyPassphrase = options.keyPassphrase ?? null;
    this.now = options.now ?? Date.now;
  }

  /** The signing key as last seen (what `/api/health` names); `activeKey()` for signing. */
  get signingKey(): CenterSigningKey {
    return this.active;
  }

  /**
   * The key to sign with now and the endorsements leading to it (sent as `keyChain` beside every
   * bundle and roster signature). Looked at again every KEY_RECHECK_MS: a rotation by another
   * process or the CLI is followed. A database that does not answer keeps the key last seen.
   */
  async activeKey(): Promise<ActiveCenterKey> {
    if (performance.now() - this.keyCheckedAt < KEY_RECHECK_MS) return this.active;
    try {
      let key: CenterSigningKey = this.active;
      if (this.keyFromDatabase && (await activeStoredKeyId(this.db)) !== key.keyId) key = await loadOrCreateCenterKey(this.db, this.keyPassphrase);
      this.active = { ...key, chain: await loadKeyChain(this.db, key.keyId) };
      this.keyCheckedAt = performance.now();
    } catch (e) {
      if (this.keyCheckedAt === Number.NEGATIVE_INFINITY) throw e;
    }
    return this.active;
  }

  /** The key in use is the one kept in the database (a rotation can then be asked of the running center). */
  get keyKeptInDatabase(): boolean {
    return this.keyFromDatabase;
  }

  /** The key in use, the keys kept in the database (retired ones with when), and the chain sent with signatures. */
  async listKeys(): Promise<KeyList> {
    this.keyCheckedAt = Number.NEGATIVE_INFINITY;
    const key = await this.activeKey();
    const rows = await this.db.query<{ key_id: string; created_at: Date; retired_at: Date | null }>('select key_id, created_at, retired_at from center_keys order by created_at, key_id');
    return {
      activeKeyId: key.keyId,
      stored: rows.map((r) => ({ keyId: r.key_id, createdAt: new Date(r.created_at).toISOString(), retiredAt: iso(r.retired_at) })),
      chain: key.chain.map((e) => ({ fromKeyId: e.statement.fromKeyId, toKeyId: e.statement.toKeyId, endorsedAt: e.statement.endorsedAt })),
    };
  }

  /**
   * `center key rotate` (or the console's `POST /api/admin/keys/rotate`): a new signing key endorsed
   * by the one in use, which this process signs with from now on (the others within KEY_RECHECK_MS).
   */
  async rotateKey(options: { newKeyFile?: string | null } = {}): Promise<KeyRotation> {
    this.keyCheckedAt = Number.NEGATIVE_INFINITY;
    const current = await this.activeKey();
    const rotation = await rotateCenterKey(this.db, current, { passphrase: this.keyPassphrase, newKeyFile: options.newKeyFile ?? null, now: new Date(this.now()), keyFromFile: !this.keyFromDatabase });
    // A key kept in the database is used at once; a key written to a file once the center is started with it.
    this.keyCheckedAt = Number.NEGATIVE_INFINITY;
    await this.activeKey();
    return rotation;
  }

  private async keysOf(device: DeviceRow): Promise<{ web: CryptoKey; node: KeyObject }> {
    const cached = this.keyCache.get(device.public_key);
    if (cached) return cached;
    const web = await importPublicKey(publicJwkSchema.parse(JSON.parse(device.public_key)));
    if (!web) throw new Error(`stored public key of ${device.device_id} does not import`);
    const keys = { web, node: keyObjectOf(web) };
    if (this.keyCache.size > 10_000) this.keyCache.clear();
    this.keyCache.set(device.public_key, keys);
    return keys;
  }

  private async publicKeyOf(device: DeviceRow): Promise<CryptoKey> {
    return (await this.keysOf(device)).web;
  }

  /** An enrolled, unrevoked device and its public key (for what it signs outside the auth header: a training report). */
  async deviceWithKey(deviceId: string): Promise<{ device: DeviceRow; key: CryptoKey }> {
    const device = await this.device(this.db, deviceId);
    if (device.revoked_at) fail('device-revoked');
    return { device, key: await this.publicKeyOf(device) };
  }

  private async device(q: Queryable, deviceId: string, lock = false): Promise<DeviceRow> {
    const rows = await q.query<DeviceRow>(
      `select device_id, election_id, precinct, public_key, revoked_at from devices where device_id = $1${lock ? ' for update' : ''}`,
      [deviceId],
    );
    const row = rows[0];
    if (!row) fail('unknown-device');
    return row;
  }

  /**
   * Records an incident of a VERIFIED request (its device signature checked): one open incident per
   * (device, cause); a repeat counts up and moves its last-seen time instead of adding a row.
   * Unsigned or badly signed requests never come here (see `logUnverified`).
   */
  async recordIncident(kind: string, device: Partial<DeviceRow> & { device_id?: string }, detail: Record<string, unknown> = {}): Promise<void> {
    try {
      const now = new Date(this.now());
      await this.db.query(
        `insert into incidents (kind, device_id, election_id, precinct, detail, open_key, at, last_seen_at) values ($1, $2, $3, $4, $5, $6, $7, $7)
         on conflict (open_key) where resolved_at is null
         do update set repeats = incidents.repeats + 1, last_seen_at = excluded.last_seen_at, detail = excluded.detail`,
        [kind, device.device_id ?? null, device.election_id ?? null, device.precinct ?? null, canonicalJson(detail), device.device_id ? `${kind}|${device.device_id}` : null, now],
      );
    } catch (e) {
      console.error('center: could not record an incident:', e instanceof Error ? e.message : String(e));
    }
  }

  /** When each device's unverified refusals were last logged: at most one line a device a minute. */
  private readonly unverifiedLogged = new Map<string, { at: number; suppressed: number }>();

  /**
   * A refusal of a request whose signature did not verify: anyone can send one naming any laptop,
   * so it is not an incident (that would let a stranger file incidents against a precinct); one log
   * line a device a minute, with how many were not logged.
   */
  logUnverified(code: string, deviceId: string): void {
    const now = this.now();
    const seen = this.unverifiedLogged.get(deviceId);
    if (seen && now - seen.at < 60_000) {
      seen.suppressed += 1;
      return;
    }
    if (this.unverifiedLogged.size > 10_000) this.unverifiedLogged.clear();
    this.unverifiedLogged.set(deviceId, { at: now, suppressed: 0 });
    console.warn(`center: unverified request refused (${code}) naming device ${deviceId.slice(0, 64)}${seen?.suppressed ? `; ${seen.suppressed} more in the last minute not logged` : ''}`);
  }

  // ——— enrolment ———

  /**
   * `options.code` (or its hash, `options.codeHash`): the one-time code to use instead of the one the
   * laptop signed (a trainer's room code stands for a code the room issued for this enrolment; the
   * signature still covers what the laptop sent).
   */
  async enrol(request: EnrolmentRequest, options: { code?: string; codeHash?: string } = {}): Promise<EnrolmentResponse> {
    const jwk = normalizePublicKey(request.publicKey);
    const key = jwk ? await importPublicKey(jwk) : null;
    if (!jwk || !key) fail('malformed', { detail: 'publicKey is not a P-256 key' });
    if (!(await verifyEnrolment(request, key))) fail('bad-signature');
    const publicKey = canonicalJson(jwk);
    const codeHash = options.codeHash ?? hashCode(options.code ?? request.code);
    const now = new Date(this.now());
    // The laptop pins the key in use now (read outside the transaction: PGlite has one connection).
    const centerKey = await this.activeKey();
    return this.db.transaction(async (tx) => {
      const codes = await tx.query<{ election_id: string; precinct: number; expires_at: Date; used_by_device: string | null; rekey_device: string | null }>(
        'select election_id, precinct, expires_at, used_by_device, rekey_device from enrolment_codes where code_hash = $1 for update',
        [codeHash],
      );
      const code = codes[0];
      if (!code) fail('enrolment-code-invalid');
      const existing = (
        await tx.query<{ election_id: string; precinct: number; public_key: string; enrolled_at: Date; revoked_at: Date | null }>(
          'select election_id, precinct, public_key, enrolled_at, revoked_at from devices where device_id = $1',
          [request.deviceId],
        )
      )[0];
      if (code.used_by_device !== null) {
        // The same laptop retrying after a lost answer gets the same answer.
        if (code.used_by_device === request.deviceId && existing && existing.public_key === publicKey && !existing.revoked_at) {
          return this.enrolmentResponse(tx, centerKey, request.deviceId, existing.election_id, existing.precinct, existing.enrolled_at);
        }
        fail('enrolment-code-used');
      }
      if (new Date(code.expires_at).getTime() <= now.getTime()) fail('enrolment-code-expired');
      if (code.rekey_device !== null) {
        // A re-key code: only for its own laptop, which keeps its chain (events, acknowledged head).
        if (code.rekey_device !== request.deviceId || !existing) fail('enrolment-code-invalid');
        await tx.query('update enrolment_codes set used_at = $1, used_by_device = $2 where code_hash = $3', [now, request.deviceId, codeHash]);
        await tx.query('update devices set public_key = $2, key_id = $3, revoked_at = null, revoke_reason = null where device_id = $1', [
          request.deviceId,
          publicKey,
          await keyId(jwk),
        ]);
        this.deviceCache.delete(request.deviceId);
        return this.enrolmentResponse(tx, centerKey, request.deviceId, existing.election_id, existing.precinct, existing.enrolled_at);
      }
      if (existing) fail('device-already-enrolled');
      await tx.query('update enrolment_codes set used_at = $1, used_by_device = $2 where code_hash = $3', [now, request.deviceId, codeHash]);
      await tx.query(
        'insert into devices (device_id, election_id, precinct, public_key, key_id, label, enrolled_at) values ($1, $2, $3, $4, $5, $6, $7)',
        [request.deviceId, code.election_id, code.precinct, publicKey, await keyId(jwk), request.label ?? null, now],
      );
      await tx.query('insert into device_cursors (device_id) values ($1)', [request.deviceId]);
      return this.enrolmentResponse(tx, centerKey, request.deviceId, code.election_id, code.precinct, now);
    });
  }

  private async enrolmentResponse(q: Queryable, centerKey: CenterSigningKey, deviceId: string, electionId: string, precinct: number, enrolledAt: Date): Promise<EnrolmentResponse> {
    const cursor = await q.query<{ ack_seq: number }>('select ack_seq from device_cursors where device_id = $1', [deviceId]);
    return {
      deviceId,
      electionId,
      precinct,
      enrolledAt: new Date(enrolledAt).toISOString(),
      centerKey: { keyId: centerKey.keyId, publicKey: centerKey.publicJwk },
      ackSeq: cursor[0]?.ack_seq ?? 0,
    };
  }

  // ——— push ———

  /** `verified` runs once the batch's signature verified (the per-device rate limit), before storing. */
  async push(batch: SignedBatch, hooks: { verified?: () => Promise<void> } = {}): Promise<PushAck> {
    let device = this.deviceCache.get(batch.deviceId);
    const cached = device !== undefined;
    if (!device) {
      device = await this.device(this.db, batch.deviceId);
      if (this.deviceCache.size > 50_000) this.deviceCache.clear();
      this.deviceCache.set(batch.deviceId, device);
    }
    try {
      try {
        return await this.pushChecked(batch, device, hooks);
      } catch (e) {
        // The laptop may have been re-keyed through another center process: read its key again once.
        if (!(e instanceof SyncFailure) || !cached || !['bad-signature', 'key-changed'].includes(e.body.error)) throw e;
        const fresh = await this.device(this.db, batch.deviceId);
        this.deviceCache.set(batch.deviceId, fresh);
        if (fresh.public_key === device.public_key) throw e;
        device = fresh;
        return await this.pushChecked(batch, device, hooks);
      }
    } catch (e) {
      if (e instanceof SyncFailure && e.body.error === 'bad-signature') this.logUnverified('bad-signature', batch.deviceId);
      else if (e instanceof SyncFailure && ['device-revoked', 'seq-replayed-different', 'wrong-precinct', 'wrong-election', 'newer-event'].includes(e.body.error)) {
        // Only after the batch's signature verified (pushChecked checks it first).
        await this.recordIncident(`push:${e.body.error}`, device, {
          seq: e.body.seq ?? null, fromSeq: batch.fromSeq, events: batch.events.length, ...(e.body.error === 'newer-event' ? { type: e.body.detail ?? null } : {}),
        });
      }
      throw e;
    }
  }

  /**
   * Two ballots issued to one voter on two laptops of a precinct (without an undo between) are never
   * merged silently: the center records a `double-issue` incident (once a voter), in the push's
   * transaction. Likewise a voter who voted at an out-of-premises visit on one laptop and holds a
   * ballot issued in the room on another: an `outside-and-room` incident (once a voter). The
   * figures count both ballots and the voter once, as the laptops do; the incident says why.
   * Voter ids are the list's opaque ids, not names.
   */
  private async flagDoubleIssues(tx: Queryable, device: DeviceRow, fresh: readonly StoredEvent[]): Promise<void> {
    const issued = new Set(fresh.filter((e) => e.type === 'BallotIssued').map((e) => (e.payload as { voterId: string }).voterId));
    const visited = new Set(fresh.filter((e) => e.type === 'MobileVisitRecorded' && (e.payload as { outcome?: unknown }).outcome === 'voted').map((e) => (e.payload as { voterId: string }).voterId));
    const voters = [...new Set([...issued, ...visited])];
    if (voters.length === 0) return;
    const rows = await tx.query<{ voter: string; device_id: string; type: string }>(DOUBLE_ISSUE_LOOKUP_SQL, [device.election_id, device.precinct, JSON.stringify(voters)]);
    const byVoter = new Map<string, { net: number; devices: Set<string> }>();
    for (const r of rows) {
      const v = byVoter.get(r.voter) ?? { net: 0, devices: new Set<string>() };
      if (r.type === 'BallotIssued') {
        v.net += 1;
        v.devices.add(r.device_id);
      } else v.net = Math.max(0, v.net - 1);
      byVoter.set(r.voter, v);
    }
    for (const [voterId, v] of byVoter) {
      if (!issued.has(voterId) || v.net < 2 || v.devices.size < 2) continue;
      await this.recordVoterIncident(tx, device, 'double-issue', voterId, [...v.devices]);
    }
    // Voters with a standing room issue: did any of them vote outside (on another laptop)?
    const standing = voters.filter((id) => (byVoter.get(id)?.net ?? 0) > 0);
    if (standing.length === 0) return;
    const visits = await tx.query<{ voter: string; device_id: string }>(VOTED_VISITS_SQL, [device.election_id, device.precinct, JSON.stringify(standing)]);
    const visitDevices = new Map<string, Set<string>>();
    for (const r of visits) visitDevices.set(r.voter, (visitDevices.get(r.voter) ?? new Set<string>()).add(r.device_id));
    for (const [voterId, outside] of visitDevices) {
      const devices = new Set([...(byVoter.get(voterId)?.devices ?? []), ...outside]);
      if (devices.size < 2) continue;
      await this.recordVoterIncident(tx, device, 'outside-and-room', voterId, [...devices]);
    }
  }

  /** One incident of `kind` a voter of the precinct, with a resolution a laptop recorded before the push arrived. */
  private async recordVoterIncident(tx: Queryable, device: DeviceRow, kind: VoterIncidentKind, voterId: string, devices: readonly string[]): Promise<void> {
    const detail = canonicalJson({ voterId, devices: [...devices].sort() });
    const seen = await tx.query<{ id: string }>(
      `select id::text as id from incidents where kind = $4 and election_id = $1 and precinct = $2 and detail like $3`,
      [device.election_id, device.precinct, voterDetailLike(voterId), kind],
    );
    if (seen.length > 0) return;
    // A laptop may have recorded the commission's resolution before this push arrived.
    const resolved = (
      await tx.query<{ body: string; device_id: string }>(
        `select body, device_id from events where election_id = $1 and precinct = $2 and type = 'IncidentResolved'
           and starts_with(payload->>'incident', $3) order by ingest_id limit 1`,
        [device.election_id, device.precinct, `${kind}:${voterId}:`],
      )
    )[0];
    const resolution = resolved ? resolutionOf(resolved.body) : null;
    await tx.query(
      'insert into incidents (kind, device_id, election_id, precinct, detail, resolved_at, resolution, resolved_by) values ($1, $2, $3, $4, $5, $6, $7, $8)',
      [kind, device.device_id, device.election_id, device.precinct, detail, resolution?.at ?? null, resolution?.text ?? null, resolution ? resolved?.device_id ?? null : null],
    );
  }

  /**
   * The commission's resolutions recorded on a laptop (IncidentResolved of a double issue or of an
   * outside-and-room incident) close the center's incident for that voter, with the text, the time
   * and the laptop.
   */
  private async applyResolutions(tx: Queryable, device: DeviceRow, fresh: readonly StoredEvent[]): Promise<void> {
    for (const e of fresh) {
      if (e.type !== 'IncidentResolved') continue;
      const found = incidentVoter((e.payload as { incident: string }).incident);
      if (found === null) continue;
      await tx.query(
        `update incidents set resolved_at = $1, resolution = $2, resolved_by = $3
         where kind = $7 and election_id = $4 and precinct = $5 and resolved_at is null and detail like $6`,
        [e.recordedAt, (e.payload as { resolution: string }).resolution, device.device_id, device.election_id, device.precinct, voterDetailLike(found.voterId), found.kind],
      );
    }
  }

  /**
   * A USB file's batches, in order, each with every check of a push (each batch is stored whole or
   * not at all); importing the same file again stores nothing. A refusal names the batch.
   *
   * Before anything is stored, the whole file: every batch's signature; the file's header (not
   * signed) naming the election and precinct of the laptop's signed events — a header naming
   * others is refused as `wrong-election` / `wrong-precinct` (detail `header`) and recorded as an
   * incident of the laptop, as a batch changed on the way is; and the batches' continuity. Batches
   * may overlap, as a push may reach back over stored events: an event repeated exactly is a
   * duplicate (stored once, the new tail after it stored), one repeated with any difference is a
   * forked log — `seq-replayed-different`, an incident, as for a push. A gap stays `seq-gap`.
   */
  async importUsb(batches: readonly SignedBatch[], header: UsbFileHeader | null = null): Promise<{ ackSeq: number; stored: number; batches: number }> {
    /** The file's events so far by seq (the previous batches'), for an overlapping batch. */
    const seen = new Map<number, unknown>();
    let next: number | null = null;
    for (const [i, batch] of batches.entries()) {
      const where = { detail: `batch ${i + 1} of ${batches.length}` };
      const device = await this.device(this.db, batch.deviceId);
      const about = { batch: i + 1, batches: batches.length, fromSeq: batch.fromSeq, events: batch.events.length };
      if (!(await verifyBatch(batch, await this.publicKeyOf(device)))) {
        // The operator brought this file in (admin-authenticated): a file changed on the way is an
        // incident of the laptop it names — one open a laptop, repeats counted.
        await this.recordIncident('usb:bad-signature', device, about);
        fail('bad-signature', where);
      }
      if (header && batch.electionId !== header.electionId) {
        await this.recordIncident('usb:wrong-election', device, { ...about, header: header.electionId, signed: batch.electionId });
        fail('wrong-election', { detail: 'header' });
      }
      if (header && batch.precinct !== header.precinct) {
        await this.recordIncident('usb:wrong-precinct', device, { ...about, header: header.precinct, signed: batch.precinct });
        fail('wrong-precinct', { detail: 'header' });
      }
      if (next !== null && batch.fromSeq > next) fail('seq-gap', { ...where, seq: batch.fromSeq });
      for (const [k, event] of batch.events.entries()) {
        const seq = batch.fromSeq + k;
        const before = seen.get(seq);
        if (before === undefined) seen.set(seq, event);
        else if (before !== event && canonicalJson(before) !== canonicalJson(event)) {
          await this.recordIncident('usb:seq-replayed-different', device, { ...about, seq });
          fail('seq-replayed-different', { ...where, seq });
        }
      }
      next = Math.max(next ?? 0, batch.fromSeq + batch.events.length);
    }
    let ackSeq = 0;
    let stored = 0;
    for (const [i, batch] of batches.entries()) {
      try {
        const ack = await this.push(batch);
        ackSeq = ack.ackSeq;
        stored += ack.stored;
      } catch (e) {
        if (e instanceof SyncFailure) {
          const { error, ...extra } = e.body;
          throw new SyncFailure(error, { ...extra, detail: `batch ${i + 1} of ${batches.length}${extra.detail ? `: ${extra.detail}` : ''}` });
        }
        throw e;
      }
    }
    return { ackSeq, stored, batches: batches.length };
  }

  private async pushChecked(batch: SignedBatch, device: DeviceRow, hooks: { verified?: () => Promise<void> } = {}): Promise<PushAck> {
    // Each event is canonicalised once: its text signs the batch, hashes the event (without `hash`)
    // and is stored; its payload's text fills the jsonb column. The signature is checked first:
    // nothing else about an unverified batch is believed (nor recorded as an incident).
    const texts = batch.events.map(eventTexts);
    const signed = batchSignedText(batch, texts.map((t) => t.full));
    if (signed === null || !verifyTextNode(signed, batch.signature, (await this.keysOf(device)).node)) fail('bad-signature');
    await hooks.verified?.();
    if (device.revoked_at) fail('device-revoked');
    if (batch.electionId !== device.election_id) fail('wrong-election');
    if (batch.precinct !== device.precinct) fail('wrong-precinct');

    // Every event on its own, in order: the first problem found is the one reported.
    const events: StoredEvent[] = [];
    const ids = new Set<string>();
    for (const [i, raw] of batch.events.entries()) {
      const seq = batch.fromSeq + i;
      // A kind this version does not know was written by a newer one: said as such, naming it.
      const kind = unknownEventType(raw);
      if (kind !== null) fail('newer-event', { seq, detail: kind });
      const parsed = eventEnvelopeSchema.safeParse(raw);
      if (!parsed.success) fail('invalid-event', { seq, detail: parsed.error.issues[0]?.path.join('.') ?? '' });
      const e = raw as StoredEvent;
      if (e.deviceId !== batch.deviceId) fail('invalid-event', { seq, detail: 'deviceId' });
      if (hasNul(e.hlc) || hasNul(e.actor) || hasNul(e.electionId)) fail('invalid-event', { seq, detail: 'U+0000' });
      if (e.precinct !== null && e.precinct !== device.precinct) fail('wrong-precinct', { seq });
      if (e.electionId !== null && e.electionId !== device.election_id) fail('wrong-election', { seq });
      if (ids.has(e.id)) fail('invalid-event', { seq, detail: 'id' });
      ids.add(e.id);
      events.push(e);
    }
    const first = events[0];
    const chain = await verifyDeviceChain(events, batch.fromSeq, first?.prevHash ?? GENESIS_HASH, (_e, i) => sha256Hex(texts[i]?.unhashed ?? ''));
    if (!chain.ok) {
      const problem = chain.error[0]!;
      if (problem.code === 'seq-gap') fail('seq-gap', { seq: problem.found });
      fail(problem.code === 'broken-link' ? 'broken-chain' : 'hash-mismatch', { seq: problem.seq });
    }

    return this.db.transaction(async (tx) => {
      // One writer a precinct at a time: arrival ids (`ingest_id`) of a precinct then commit in
      // order, so a pull cursor never skips an event that commits later.
      await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [1, `${device.election_id}:${device.precinct}`]);
      // The device (revoked meanwhile?) and its acknowledged head, in one read.
      const head = (
        await tx.query<{ revoked_at: Date | null; public_key: string; ack_seq: number; ack_hash: string | null }>(
          'select d.revoked_at, d.public_key, c.ack_seq, c.ack_hash from devices d join device_cursors c on c.device_id = d.device_id where d.device_id = $1',
          [batch.deviceId],
        )
      )[0];
      if (!head) fail('unknown-device');
      if (head.revoked_at) fail('device-revoked');
      // Re-keyed meanwhile: a batch signed with the retired key is not stored.
      if (head.public_key !== device.public_key) fail('bad-signature');
      const ackSeq = head.ack_seq;
      if (!first) return { ackSeq, stored: 0 };
      if (batch.fromSeq > ackSeq + 1) fail('seq-gap', { seq: batch.fromSeq, ackSeq });

      // The next batch in line links to the acknowledged head; a batch reaching back (a retry, or
      // one overlapping what is stored) is compared event by event with what is stored.
      let prevExpected: string | undefined;
      if (batch.fromSeq === 1) prevExpected = GENESIS_HASH;
      else if (batch.fromSeq === ackSeq + 1 && head.ack_hash !== null) prevExpected = head.ack_hash;
      if (batch.fromSeq <= ackSeq || prevExpected === undefined) {
        const lastSeq = batch.fromSeq + events.length - 1;
        const stored = new Map(
          (
            await tx.query<{ seq: number; hash: string }>('select seq, hash from events where device_id = $1 and seq between $2 and $3', [
              batch.deviceId,
              batch.fromSeq - 1,
              Math.min(lastSeq, ackSeq),
            ])
          ).map((r) => [r.seq, r.hash]),
        );
        if (batch.fromSeq > 1) prevExpected = stored.get(batch.fromSeq - 1);
        for (const e of events) {
          if (e.seq > ackSeq) break;
          if (stored.get(e.seq) !== e.hash) fail('seq-replayed-different', { seq: e.seq, ackSeq });
        }
      }
      if (first.prevHash !== prevExpected) fail('broken-chain', { seq: first.seq, ackSeq });

      const fresh = events.filter((e) => e.seq > ackSeq);
      // An event id is the event's identity on every laptop of the precinct (each keeps ids
      // unique): one already stored under another event would make every laptop that pulls it
      // fail to store the page, again at each pull — a forged or broken laptop stopping the others.
      if (fresh.length > 0) {
        const taken = new Set(
          (
            await tx.query<{ event_id: string }>(
              `select event_id from events where election_id = $1 and precinct = $2
                 and event_id = any (array(select jsonb_array_elements_text($3::jsonb)))`,
              [device.election_id, device.precinct, JSON.stringify(fresh.map((e) => e.id))],
            )
          ).map((r) => r.event_id),
        );
        const reused = fresh.find((e) => taken.has(e.id));
        if (reused) fail('invalid-event', { seq: reused.seq, detail: 'id' });
      }
      const last = fresh[fresh.length - 1];
      const newAck = last ? last.seq : ackSeq;
      // The new events: one multi-row INSERT, 8 parameters a row (500 rows at most: far below
      // PostgreSQL's 65 535), in seq order so arrival ids follow the chain. The device ($1),
      // election ($2) and precinct ($3) are the batch's, sent once. (A plain INSERT: measured, the
      // same INSERT inside a data-modifying WITH costs PostgreSQL about a tenth more.)
      // The precinct's figures (precinct_aggregates) move with them, by the laptops' fold.
      const view = fresh.length === 0 ? null : await maintainAggregates(tx, device, fresh, async () => {
        const params: SqlParam[] = [batch.deviceId, device.election_id, device.precinct];
        const tuples = fresh.map((e) => {
          const text = texts[e.seq - batch.fromSeq];
          if (!text) throw new Error(`no canonical text for seq ${e.seq}`);
          const payload = text.payload;
          const b = params.length;
          params.push(e.seq, e.id, e.hash, e.prevHash, e.hlc, e.type, jsonbSafe(payload) ? payload : null, text.full);
          return `($1, $${b + 1}, $2, $3, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}::jsonb, $${b + 8})`;
        });
        await tx.query(`insert into events (device_id, seq, election_id, precinct, event_id, hash, prev_hash, hlc, type, payload, body) values ${tuples.join(', ')}`, params);
        // The device's signature over the batch, re-served with these events (verified pulls).
        await tx.query('insert into batch_signatures (device_id, from_seq, to_seq, signature) values ($1, $2, $3, $4)', [
          batch.deviceId,
          batch.fromSeq,
          newAck,
          batch.signature,
        ]);
      });
      // The device's new head, and whether another laptop of the precinct has sent events (most
      // precincts have one laptop, and then no ballot can have been issued twice on two).
      const others = (
        await tx.query<{ others: boolean }>(
          `with head as (update device_cursors set ack_seq = $2, ack_hash = $3, last_push_at = $4 where device_id = $1 returning 1)
           select exists (select 1 from devices d join device_cursors c on c.device_id = d.device_id
                          where d.election_id = $5 and d.precinct = $6 and d.device_id <> $1 and c.ack_seq > 0) as others`,
          [batch.deviceId, newAck, last ? last.hash : head.ack_hash, new Date(this.now()), device.election_id, device.precinct],
        )
      )[0]?.others;
      if (others) await this.flagDoubleIssues(tx, device, fresh);
      if (fresh.some((e) => e.type === 'IncidentResolved')) await this.applyResolutions(tx, device, fresh);
      await flagEnteredLate(tx, device, fresh);
      await flagFarClocks(tx, device, fresh, view);
      return { ackSeq: newAck, stored: fresh.length };
    });
  }

  // ——— device-authenticated reads ———

  /**
   * The device behind a signed request, checked: known, signature, request binding, time, a counter
   * above every counter taken from the device before (a replay is refused), not revoked.
   */
  async authenticate(auth: ParsedDeviceAuth, method: string, path: string): Promise<DeviceRow> {
    const device = await this.device(this.db, auth.claims.deviceId);
    const nowMs = this.now();
    const verified = await verifyDeviceAuth(auth, { method, path, nowMs }, await this.publicKeyOf(device));
    if (!verified.ok && verified.error.code === 'auth-expired') fail('auth-expired', { serverTime: nowMs });
    if (!verified.ok) fail(verified.error.code);
    // Replay defence: one atomic step takes the counter only if it is higher than the highest taken
    // (several processes agree through the row). A laptop made before the counter signs none; its
    // request time stands in (its requests follow one another, so their times increase).
    const counter = auth.claims.counter ?? auth.claims.time;
    const taken = await this.db.query<{ taken: number }>(
      'update devices set request_counter = $2 where device_id = $1 and request_counter < $2 returning 1 as taken',
      [device.device_id, counter],
    );
    if (taken.length === 0) {
      const seen = await this.db.query<{ counter: string }>('select request_counter::text as counter from devices where device_id = $1', [device.device_id]);
      fail('auth-replayed', { requestCounter: Number(seen[0]?.counter ?? 0) });
    }
    if (device.revoked_at) {
      await this.recordIncident('request:device-revoked', device, { path: path.split('?')[0] ?? '' });
      fail('device-revoked');
    }
    return device;
  }

  /**
   * Other devices' events of the device's precinct and election after `after`, as the canonical
   * JSON text of the response: the batches exactly as the devices signed them (their events' stored
   * text and the batch signature) and the precinct's roster signed by the center key, so the laptop
   * believes a device's signature, not the center's word (shared/sync/pull-verify). A page ends at
   * a batch's end (a batch is never cut), so it may run past `limit` by less than a batch.
   */
  async pull(device: DeviceRow, after: bigint, limit = MAX_PULL_EVENTS): Promise<string> {
    const take = Math.max(1, Math.min(limit, MAX_PULL_EVENTS));
    // A precinct's batches arrive one at a time (the push holds the precinct's lock), so each
    // batch's new events are consecutive in arrival order and end at the row of its signature.
    const rows = await this.db.query<{ id: string; device_id: string; seq: number; body: string; from_seq: number | null; signature: string | null }>(
      `select e.ingest_id::text as id, e.device_id, e.seq, e.body, b.from_seq, b.signature from events e
       left join batch_signatures b on b.device_id = e.device_id and b.to_seq = e.seq
       where e.election_id = $1 and e.precinct = $2 and e.device_id <> $3 and e.ingest_id > ($4::text)::bigint
       order by e.ingest_id limit $5`,
      [device.election_id, device.precinct, device.device_id, after.toString(), take + MAX_BATCH_EVENTS + 1],
    );
    // The page: up to the last batch end within `take` rows, else up to the first batch end.
    let end = -1;
    for (const [i, r] of rows.entries()) {
      if (r.signature === null) continue;
      if (i < take || end < 0) end = i;
      if (i >= take - 1) break;
    }
    // Rows stored before batch signatures were kept (no batch end follows): served unsigned, refused by laptops.
    const cut = end >= 0 ? end + 1 : Math.min(rows.length, take);
    const page = rows.slice(0, cut);
    const batches: string[] = [];
    const bodies = new Map<string, string>();
    for (const r of page) bodies.set(`${r.device_id}:${r.seq}`, r.body);
    const legacy = new Map<string, { fromSeq: number; bodies: string[] }>();
    const flushLegacy = (deviceId: string) => {
      const run = legacy.get(deviceId);
      if (run) batches.push(this.batchText(device, deviceId, run.fromSeq, run.bodies, null));
      legacy.delete(deviceId);
    };
    // Which rows a batch ending later in the page covers (walking back from each batch end).
    const covered = new Set<number>();
    const coverFrom = new Map<string, number>();
    for (let i = page.length - 1; i >= 0; i -= 1) {
      const r = page[i];
      if (!r) continue;
      if (r.signature !== null && r.from_seq !== null) coverFrom.set(r.device_id, r.from_seq);
      const from = coverFrom.get(r.device_id);
      if (from !== undefined && r.seq >= from) covered.add(i);
    }
    for (const [i, r] of page.entries()) {
      if (r.signature === null || r.from_seq === null) {
        if (covered.has(i)) continue;
        const run = legacy.get(r.device_id);
        if (run && run.fromSeq + run.bodies.length === r.seq) run.bodies.push(r.body);
        else {
          flushLegacy(r.device_id);
          legacy.set(r.device_id, { fromSeq: r.seq, bodies: [r.body] });
        }
        continue;
      }
      flushLegacy(r.device_id);
      const texts: string[] = [];
      const missing: number[] = [];
      for (let seq = r.from_seq; seq <= r.seq; seq += 1) if (!bodies.has(`${r.device_id}:${seq}`)) missing.push(seq);
      if (missing.length > 0) {
        // A retried batch that overlapped events stored before: its earlier events, as stored.
        const earlier = await this.db.query<{ seq: number; body: string }>('select seq, body from events where device_id = $1 and seq between $2 and $3', [
          r.device_id,
          Math.min(...missing),
          Math.max(...missing),
        ]);
        for (const x of earlier) bodies.set(`${r.device_id}:${x.seq}`, x.body);
      }
      for (let seq = r.from_seq; seq <= r.seq; seq += 1) texts.push(bodies.get(`${r.device_id}:${seq}`) ?? 'null');
      batches.push(this.batchText(device, r.device_id, r.from_seq, texts, r.signature));
    }
    for (const deviceId of [...legacy.keys()]) flushLegacy(deviceId);
    const cursor = page.length > 0 ? (page[page.length - 1]?.id ?? after.toString()) : after.toString();
    const roster = await this.signedRoster(device.election_id, device.precinct);
    await this.db.query('update device_cursors set pull_cursor = ($2::text)::bigint, last_pull_at = $3 where device_id = $1', [
      device.device_id,
      after.toString(),
      new Date(this.now()),
    ]);
    return `{"batches":[${batches.join(',')}],"cursor":${JSON.stringify(cursor)},"hasMore":${rows.length > cut},"roster":${roster}}`;
  }

  private batchText(device: DeviceRow, deviceId: string, fromSeq: number, bodies: readonly string[], signature: string | null): string {
    return joinMembers([
      ['deviceId', JSON.stringify(deviceId)],
      ['electionId', JSON.stringify(device.election_id)],
      ['events', `[${bodies.join(',')}]`],
      ['fromSeq', String(fromSeq)],
      ['precinct', String(device.precinct)],
      ['signature', JSON.stringify(signature)],
    ]);
  }

  /**
   * The precinct's devices and their keys (current, and retired ones with the last seq each may
   * sign), signed by the center key the laptops pinned at enrolment; canonical JSON text.
   */
  async signedRoster(electionId: string, precinct: number): Promise<string> {
    const devices = await this.db.query<{ device_id: string; public_key: string }>(
      'select device_id, public_key from devices where election_id = $1 and precinct = $2 order by device_id',
      [electionId, precinct],
    );
    const retired = await this.db.query<{ device_id: string; public_key: string; until_seq: number | null }>(
      `select r.device_id, r.public_key, r.until_seq from device_keys_retired r join devices d on d.device_id = r.device_id
       where d.election_id = $1 and d.precinct = $2 order by r.retired_at`,
      [electionId, precinct],
    );
    const jwk = (text: string) => publicJwkSchema.parse(JSON.parse(text));
    const statement: RosterStatement = {
      format: ROSTER_FORMAT,
      electionId,
      precinct,
      devices: devices.map((d) => ({
        deviceId: d.device_id,
        publicKey: jwk(d.public_key),
        // A key retired before retired keys had a bound signs nothing a laptop will take.
        retiredKeys: retired.filter((r) => r.device_id === d.device_id).map((r) => ({ publicKey: jwk(r.public_key), untilSeq: r.until_seq ?? 0 })),
      })),
      signedAt: new Date(this.now()).toISOString(),
    };
    const key = await this.activeKey();
    const signature = await signCanonical(statement, key.privateKey);
    // The chain only after a rotation: a laptop made before rotations were known refuses the member.
    return canonicalJson({ statement, keyId: key.keyId, signature, ...(key.chain.length > 0 ? { keyChain: key.chain } : {}) });
  }

  /** The current signed bundle of the device's election, as JSON text; null when none is loaded. */
  async signedBundle(electionId: string): Promise<string | null> {
    const rows = await this.db.query<{ body: string; statement: string; signature: string; key_id: string; bundle_version: number }>(
      'select body, statement, signature, key_id, bundle_version from bundles where election_id = $1 order by bundle_version desc limit 1',
      [electionId],
    );
    const row = rows[0];
    if (!row) return null;
    const key = await this.activeKey();
    let { statement, signature } = row;
    if (row.key_id !== key.keyId) {
      // Signed before a rotation: signed again with the key in use (a laptop enrolled since pins
      // only that one), and kept so (the WHERE: another process may have done it meanwhile).
      const parsed = bundleStatementSchema.parse(JSON.parse(row.statement));
      const fresh: BundleStatement = { ...parsed, signedAt: new Date(this.now()).toISOString() };
      statement = canonicalJson(fresh);
      signature = await signCanonical(fresh, key.privateKey);
      await this.db.query('update bundles set statement = $3, signature = $4, key_id = $5 where election_id = $1 and bundle_version = $2 and key_id = $6', [
        electionId,
        row.bundle_version,
        statement,
        signature,
        key.keyId,
        row.key_id,
      ]);
    }
    const chain = key.chain.length > 0 ? `"keyChain":${canonicalJson(key.chain)},` : '';
    return `{"bundle":${row.body},${chain}"keyId":${JSON.stringify(key.keyId)},"signature":${JSON.stringify(signature)},"statement":${statement}}`;
  }

  // ——— administration ———

  async loadBundle(json: unknown): Promise<{ electionId: string; bundleVersion: number; bundleHash: string; precincts: number; unchanged: boolean }> {
    const checked = await checkBundle(json);
    if (!checked.ok) {
      const p = checked.error[0];
      fail('bundle-invalid', { detail: checked.error.slice(0, 5).map((x) => `${x.code}@${x.path}`).join(', ') || (p?.code ?? '') });
    }
    const { bundle, hash } = checked.value;
    const body = canonicalJson(await sealBundle(json as ElectionBundleInput));
    const key = await this.activeKey();
    const signed = await signBundle(
      null,
      { electionId: bundle.election.id, bundleVersion: bundle.bundleVersion, bundleHash: hash, signedAt: new Date(this.now()).toISOString() },
      key.privateKey,
      key.publicJwk,
    );
    return this.db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [2, bundle.election.id]);
      await tx.query('insert into elections (id) values ($1) on conflict (id) do nothing', [bundle.election.id]);
      const latest = (
        await tx.query<{ bundle_version: number; bundle_hash: string }>(
          'select bundle_version, bundle_hash from bundles where election_id = $1 order by bundle_version desc limit 1',
          [bundle.election.id],
        )
      )[0];
      const result = { electionId: bundle.election.id, bundleVersion: bundle.bundleVersion, bundleHash: hash, precincts: bundle.precincts.length };
      if (latest && latest.bundle_version === bundle.bundleVersion && latest.bundle_hash === hash) return { ...result, unchanged: true };
      if (latest && latest.bundle_version >= bundle.bundleVersion) {
        fail('bundle-invalid', { detail: `bundleVersion must be above ${latest.bundle_version}` });
      }
      await tx.query(
        'insert into bundles (election_id, bundle_version, bundle_hash, body, statement, signature, key_id) values ($1, $2, $3, $4, $5, $6, $7)',
        [bundle.election.id, bundle.bundleVersion, hash, body, canonicalJson(signed.statement), signed.signature, signed.keyId],
      );
      for (const p of bundle.precincts) {
        await tx.query(
          `insert into precincts (election_id, number, name, territorial_commission, time_zone) values ($1, $2, $3, $4, $5)
           on conflict (election_id, number) do update set name = excluded.name,
             territorial_commission = excluded.territorial_commission, time_zone = excluded.time_zone`,
          [bundle.election.id, p.number, p.name, p.territorialCommission, p.timeZone],
        );
      }
      return { ...result, unchanged: false };
    });
  }

  /** The election meant when none is named: the only one loaded. */
  async resolveElection(electionId: string | undefined): Promise<string> {
    if (electionId) return electionId;
    const rows = await this.db.query<{ id: string }>('select id from elections order by id limit 2');
    if (rows.length !== 1 || !rows[0]) fail('not-found', { detail: rows.length === 0 ? 'no election loaded' : 'several elections: name one' });
    return rows[0].id;
  }

  async issueCode(options: { electionId?: string; precinct: number; ttlHours?: number }): Promise<{ code: string; electionId: string; precinct: number; expiresAt: string }> {
    const electionId = await this.resolveElection(options.electionId);
    const exists = await this.db.query('select 1 from precincts where election_id = $1 and number = $2', [electionId, options.precinct]);
    if (exists.length === 0) fail('not-found', { detail: 'no such precinct in this election' });
    const raw = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    const code = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
    const expiresAt = new Date(this.now() + (options.ttlHours ?? DEFAULT_CODE_TTL_HOURS) * 3_600_000);
    await this.db.query('insert into enrolment_codes (code_hash, election_id, precinct, expires_at) values ($1, $2, $3, $4)', [
      hashCode(code),
      electionId,
      options.precinct,
      expiresAt,
    ]);
    return { code, electionId, precinct: options.precinct, expiresAt: expiresAt.toISOString() };
  }

  /**
   * "Re-key this laptop": for a laptop that lost its key (or never got the enrolment answer and
   * made a new one on an old version). The current key is retired and revoked at once; a one-time
   * code bound to this device id lets the laptop enrol its new key, keeping its chain (events and
   * acknowledged head stay; the laptop continues from them).
   */
  async rekeyDevice(deviceId: string, options: { ttlHours?: number } = {}): Promise<{ code: string; deviceId: string; electionId: string; precinct: number; expiresAt: string }> {
    const raw = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    const code = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
    const now = new Date(this.now());
    const expiresAt = new Date(now.getTime() + (options.ttlHours ?? DEFAULT_CODE_TTL_HOURS) * 3_600_000);
    return this.db.transaction(async (tx) => {
      const device = (
        await tx.query<{ election_id: string; precinct: number; public_key: string; key_id: string }>(
          'select election_id, precinct, public_key, key_id from devices where device_id = $1 for update',
          [deviceId],
        )
      )[0];
      if (!device) fail('not-found', { detail: 'no such device' });
      // After the precinct's pushes in flight: the retired key covers exactly the head acknowledged now.
      await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [1, `${device.election_id}:${device.precinct}`]);
      const untilSeq = (await tx.query<{ ack_seq: number }>('select ack_seq from device_cursors where device_id = $1', [deviceId]))[0]?.ack_seq ?? 0;
      await tx.query('insert into device_keys_retired (device_id, public_key, key_id, retired_at, until_seq) values ($1, $2, $3, $4, $5)', [
        deviceId,
        device.public_key,
        device.key_id,
        now,
        untilSeq,
      ]);
      await tx.query("update devices set revoked_at = $2, revoke_reason = 're-key' where device_id = $1", [deviceId, now]);
      // Earlier unused re-key codes of this device stop working.
      await tx.query('update enrolment_codes set expires_at = $2 where rekey_device = $1 and used_at is null', [deviceId, now]);
      await tx.query('insert into enrolment_codes (code_hash, election_id, precinct, expires_at, rekey_device) values ($1, $2, $3, $4, $5)', [
        hashCode(code),
        device.election_id,
        device.precinct,
        expiresAt,
        deviceId,
      ]);
      this.deviceCache.delete(deviceId);
      return { code, deviceId, electionId: device.election_id, precinct: device.precinct, expiresAt: expiresAt.toISOString() };
    });
  }

  async revokeDevice(deviceId: string, reason: string | null): Promise<{ deviceId: string; revokedAt: string }> {
    const now = new Date(this.now());
    const row = await this.db.transaction(async (tx) => {
      // A laptop waiting for its re-key code is held only until the code is used (the code clears
      // it): revoking it revokes it for good, with this reason, and its unused re-key codes stop
      // working. Before, the 're-key' hold stood as the revocation and the code still re-enrolled it.
      const rows = await tx.query<{ revoked_at: Date }>(
        `update devices set
           revoked_at = case when revoke_reason = 're-key' then $2 else coalesce(revoked_at, $2) end,
           revoke_reason = case when revoked_at is null or revoke_reason = 're-key' then $3 else revoke_reason end
         where device_id = $1 returning revoked_at`,
        [deviceId, now, reason],
      );
      await tx.query('update enrolment_codes set expires_at = $2 where rekey_device = $1 and used_at is null and expires_at > $2', [deviceId, now]);
      return rows[0];
    });
    if (!row) fail('not-found', { detail: 'no such device' });
    this.deviceCache.delete(deviceId);
    return { deviceId, revokedAt: new Date(row.revoked_at).toISOString() };
  }

  /**
   * The precincts with their devices. Events stored: from the rows kept at ingest when given (the
   * dashboard, which made them current), else counted (the admin list).
   */
  /** `from`: the database to read (the dashboard passes `readDb`, the replica when there is one). */
  async listPrecincts(electionId?: string, aggregates?: ReadonlyMap<number, { events: number }>, from: Queryable = this.db): Promise<PrecinctSummary[]> {
    const filter = electionId ? 'where p.election_id = $1' : '';
    const params = electionId ? [electionId] : [];
    const counted = aggregates && electionId ? `null::text` : `(select count(*) from events e where e.election_id = p.election_id and e.precinct = p.number)::text`;
    // The precincts and their laptops, read together, each as one JSON text of arrays made by
    // PostgreSQL (times as ISO text): for a country's 2,412 precincts one JSON.parse reads them
    // several times faster than the driver reads the rows and parses 10,000 timestamps.
    type PrecinctRow = [string, number, string, string, string | null];
    type DeviceRow = [string, string, number, string | null, string, string | null, number | null, string | null, string | null];
    const [precinctsText, devicesText] = await Promise.all([
      from.query<{ rows: string }>(
        `select coalesce(json_agg(json_build_array(p.election_id, p.number, p.name, p.territorial_commission, ${counted}) order by p.election_id, p.number), '[]')::text as rows
         from precincts p ${filter}`,
        params,
      ),
      from.query<{ rows: string }>(
        `select coalesce(json_agg(json_build_array(d.device_id, d.election_id, d.precinct, d.label, ${isoSql('d.enrolled_at')}, ${isoSql('d.revoked_at')}, c.ack_seq,
           ${isoSql('c.last_push_at')}, ${isoSql('c.last_pull_at')}) order by d.enrolled_at, d.device_id), '[]')::text as rows
         from devices d left join device_cursors c on c.device_id = d.device_id ${electionId ? 'where d.election_id = $1' : ''}`,
        params,
      ),
    ]);
    const precincts = (JSON.parse(precinctsText[0]?.rows ?? '[]') as PrecinctRow[]).map((r) => ({ election_id: r[0], number: r[1], name: r[2], territorial_commission: r[3], events: r[4] }));
    const devices = (JSON.parse(devicesText[0]?.rows ?? '[]') as DeviceRow[]).map((r) => ({
      device_id: r[0], election_id: r[1], precinct: r[2], label: r[3], enrolled_at: r[4], revoked_at: r[5], ack_seq: r[6], last_push_at: r[7], last_pull_at: r[8],
    }));
    // Devices grouped by precinct once (a country has thousands of precincts and laptops).
    const byPrecinct = new Map<string, typeof devices>();
    for (const d of devices) {
      const key = `${d.election_id}|${d.precinct}`;
      const list = byPrecinct.get(key);
      if (list) list.push(d);
      else byPrecinct.set(key, [d]);
    }
    return precincts.map((p) => {
      const mine = byPrecinct.get(`${p.election_id}|${p.number}`) ?? [];
      // The latest push or pull (ISO texts of one form compare as their instants).
      let lastSyncAt: string | null = null;
      for (const d of mine) {
        if (d.last_push_at !== null && (lastSyncAt === null || d.last_push_at > lastSyncAt)) lastSyncAt = d.last_push_at;
        if (d.last_pull_at !== null && (lastSyncAt === null || d.last_pull_at > lastSyncAt)) lastSyncAt = d.last_pull_at;
      }
      return {
        electionId: p.election_id,
        number: p.number,
        name: p.name,
        territorialCommission: p.territorial_commission,
        events: p.events === null ? (aggregates?.get(p.number)?.events ?? 0) : Number(p.events),
        lastSyncAt,
        devices: mine.map((d) => ({
          deviceId: d.device_id,
          label: d.label,
          enrolledAt: d.enrolled_at,
          revokedAt: d.revoked_at,
          ackSeq: d.ack_seq ?? 0,
          lastPushAt: d.last_push_at,
          lastPullAt: d.last_pull_at,
        })),
      };
    });
  }

  /** Newest first (by the bigint id: `order by incidents.id`, not the text alias). */
  async listIncidents(limit = 200): Promise<
    {
      id: string; at: string; kind: string; deviceId: string | null; precinct: number | null; detail: unknown;
      repeats: number; lastSeenAt: string; resolution: { text: string; at: string; by: string | null } | null;
    }[]
  > {
    const rows = await this.db.query<{
      id: string; at: Date; kind: string; device_id: string | null; precinct: number | null; detail: string; resolved_at: Date | null;
      resolution: string | null; resolved_by: string | null; repeats: number; last_seen_at: Date | null;
    }>(
      `select id::text as id, at, kind, device_id, precinct, detail, resolved_at, resolution, resolved_by, repeats, last_seen_at
       from incidents order by incidents.id desc limit $1`,
      [Math.max(1, Math.min(limit, 1000))],
    );
    return rows.map((r) => ({
      id: r.id,
      at: iso(r.at) ?? '',
      kind: r.kind,
      deviceId: r.device_id,
      precinct: r.precinct,
      detail: JSON.parse(r.detail) as unknown,
      repeats: r.repeats,
      lastSeenAt: iso(r.last_seen_at ?? r.at) ?? '',
      resolution: r.resolved_at && r.resolution !== null ? { text: r.resolution, at: iso(r.resolved_at) ?? '', by: r.resolved_by } : null,
    }));
  }
}
