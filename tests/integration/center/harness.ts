/**
 * Test harness for the center: each backend (PGlite in memory, the real PostgreSQL in a fresh
 * database per run) opened once per test file, a device that builds a signed hash chain, and
 * helpers to call the routes through Fastify's inject (no sockets).
 */
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { sealBundle, type ElectionBundleInput } from '../../../shared/election/bundle';
import { demoBundle, DEMO_ELECTION_ID } from '../../../shared/election/demo';
import { computeEventHash, GENESIS_HASH, type StoredEvent, type UnhashedEvent } from '../../../shared/events/envelope';
import type { EventPayload, EventType } from '../../../shared/events/catalog';
import { encodeHlc } from '../../../shared/events/hlc';
import { canonicalJson } from '../../../shared/util/canonical-json';
import type { Candidate } from '../../../shared/election/model';
import { KG_2017_PRESIDENTIAL_FORM } from '../../../shared/protocol/builtin';
import { expandForm } from '../../../shared/protocol/form';
import { encodeQrChunks, valuesInFormOrder } from '../../../shared/protocol/qr-payload';
import { evaluate } from '../../../shared/protocol/relations';
import { emptyProtocolState, signProtocol } from '../../../shared/protocol/signing';
import { signCanonical } from '../../../shared/sync/keys';
import {
  exportPublicJwk,
  generateSigningKeyPair,
  signBatch,
  signDeviceRequest,
  signEnrolment,
  type SignedBatch,
} from '../../../shared/sync/index';
import { Center } from '../../../center/src/center';
import { openCenter } from '../../../center/src/open-center';
import { buildServer, type ServerOptions } from '../../../center/src/server';

export const ADMIN_TOKEN = 'test-admin-token';
export const ELECTION = DEMO_ELECTION_ID;

const PG_ADMIN_URL = process.env.CENTER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether the PostgreSQL suite runs: always when reachable; a missing server fails only if required. */
export const PG_AVAILABLE = await postgresReachable();
if (!PG_AVAILABLE && process.env.CENTER_TEST_REQUIRE_PG) throw new Error(`PostgreSQL required but not reachable at ${PG_ADMIN_URL}`);
if (!PG_AVAILABLE) console.warn(`center tests: PostgreSQL not reachable at ${PG_ADMIN_URL}; only the PGlite suite runs`);

export interface Backend {
  name: 'pglite' | 'postgres';
  /** Opens a fresh, migrated center. */
  open(options?: { now?: () => number }): Promise<{ center: Center; databaseUrl: string | null; cleanup: () => Promise<void> }>;
}

let template: Promise<Blob | null> | null = null;
/** The run's migrated PGlite template (tests/integration/pglite-template.ts), read once per file; null outside Vitest. */
function pgliteTemplate(): Promise<Blob | null> {
  template ??= (async () => {
    if (!process.env.VITEST) return null;
    const file = (await import('vitest')).inject('pgliteTemplate');
    return file ? new Blob([await readFile(file)]) : null;
  })();
  return template;
}

export const pgliteBackend: Backend = {
  name: 'pglite',
  async open(options = {}) {
    // From the run's migrated template when there is one: no initdb (migrate() then finds every
    // migration applied and checks their checksums); each center still makes its own key.
    const from = await pgliteTemplate();
    const center = await openCenter({ dataDir: ':memory:', ...(from ? { pgliteTemplate: from } : {}), ...options });
    return { center, databaseUrl: null, cleanup: () => center.db.close() };
  },
};

/** A database of its own per run (name with pid and random part), dropped afterwards. */
export async function freshPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `pd_center_test_${process.pid}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const postgresBackend: Backend = {
  name: 'postgres',
  async open(options = {}) {
    const fresh = await freshPgDatabase();
    const center = await openCenter({ databaseUrl: fresh.url, ...options });
    return {
      center,
      databaseUrl: fresh.url,
      async cleanup() {
        await center.db.close();
        await fresh.drop();
      },
    };
  },
};

export const BACKENDS: Backend[] = PG_AVAILABLE ? [pgliteBackend, postgresBackend] : [pgliteBackend];

export function server(center: Center, options: Partial<ServerOptions> = {}): FastifyInstance {
  return buildServer({ center, adminToken: ADMIN_TOKEN, rateLimits: { perIp: { limit: 1e9, windowMs: 60_000 }, perDevice: { limit: 1e9, windowMs: 60_000 }, enrolPerIp: { limit: 1e9, windowMs: 60_000 } }, ...options });
}

interface CenterWithBundle {
  center: Center;
  /** Its routes (called through inject). */
  app: FastifyInstance;
  /** Closes the routes and the backend. */
  close(): Promise<void>;
}

/** A fresh center on `backend`, its routes, and the test bundle loaded through the admin API. */
async function centerWithBundle(backend: Backend): Promise<CenterWithBundle> {
  const { center, cleanup } = await backend.open();
  const app = server(center);
  const close = async () => {
    await app.close();
    await cleanup();
  };
  const res = await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: await testBundle() });
  if (res.statusCode !== 200) {
    await close();
    throw new Error(`loading the test bundle: ${res.statusCode} ${res.body}`);
  }
  return { center, app, close };
}

/** The center a `describe` block shares: read its `center` and `app` inside tests and hooks, once it is open. */
export interface OpenedCenter {
  readonly center: Center;
  readonly app: FastifyInstance;
}

/**
 * One center per `describe` block (call it in the block's body): registers the beforeAll that opens a
 * fresh center on `backend` with its routes and the test bundle loaded through the admin API, and the
 * afterAll that closes both. Reading `center` or `app` before the beforeAll ran (at collection time) throws.
 */
export function centerWithBundleFor(backend: Backend): OpenedCenter {
  let opened: CenterWithBundle | undefined;
  beforeAll(async () => {
    opened = await centerWithBundle(backend);
  });
  afterAll(async () => {
    await opened?.close();
    opened = undefined;
  });
  const get = (): CenterWithBundle => {
    if (!opened) throw new Error('the center is opened in beforeAll: read it inside a test or a hook');
    return opened;
  };
  return {
    get center() {
      return get().center;
    },
    get app() {
      return get().app;
    },
  };
}

export async function testBundle(version = 1): Promise<ElectionBundleInput> {
  return sealBundle({ ...demoBundle(), bundleVersion: version });
}

let deviceCounter = 0;

/** A laptop: its key pair and its own hash chain of events. */
export class TestDevice {
  readonly events: StoredEvent[] = [];
  private clock = Date.UTC(2017, 9, 15, 3, 0, 0);
  /** The newest clock seen from other laptops (`seeClock`): the HLC never runs behind it. */
  private seenClock = 0;
  /** A synchronous SHA-256 (hex of a text) for generating many events fast (the bench); WebCrypto otherwise. */
  syncSha256: ((text: string) => string) | null = null;
  private constructor(
    readonly deviceId: string,
    readonly precinct: number,
    readonly keys: CryptoKeyPair,
    readonly electionId: string = ELECTION,
  ) {}

  static async create(precinct: number, name = 'dev'): Promise<TestDevice> {
    deviceCounter += 1;
    return new TestDevice(`${name}-${process.pid}-${deviceCounter}-${randomUUID().slice(0, 8)}`, precinct, await generateSigningKeyPair());
  }

  async append<T extends EventType>(type: T, payload: EventPayload<T>): Promise<StoredEvent> {
    const last = this.events[this.events.length - 1];
    this.clock += 1000;
    const unhashed: UnhashedEvent = {
      id: randomUUID(),
      deviceId: this.deviceId,
      seq: (last?.seq ?? 0) + 1,
      hlc: encodeHlc({ wallMs: Math.max(this.clock, this.seenClock + 1), counter: 0, deviceId: this.deviceId }),
      recordedAt: new Date(this.clock).toISOString(),
      electionId: this.electionId,
      bundleHash: null,
      precinct: this.precinct,
      actor: 'm1',
      type,
      payload,
      prevHash: last?.hash ?? GENESIS_HASH,
    } as UnhashedEvent;
    const hash = this.syncSha256 ? this.syncSha256(canonicalJson(unhashed)) : await computeEventHash(unhashed);
    const event = { ...unhashed, hash } as StoredEvent;
    this.events.push(event);
    return event;
  }

  /** Moves the laptop's clock on (the next event is recorded `ms` later than it would have been). */
  advance(ms: number): void {
    this.clock += Math.max(0, Math.floor(ms));
  }

  /** The laptop's clock set to `wallMs` (the next event is recorded a second after it), as a flat battery or a hand sets it. */
  setClock(wallMs: number): void {
    this.clock = Math.floor(wallMs);
  }

  /** As after pulling another laptop's event of clock `wallMs`: this laptop's HLC moves past it, its own clock (`recordedAt`) does not. */
  seeClock(wallMs: number): void {
    this.seenClock = Math.max(this.seenClock, wallMs);
  }

  /** The instant the next event will be recorded at (ISO). */
  nextRecordedAt(): string {
    return new Date(this.clock + 1000).toISOString();
  }

  /** Appends `n` simple calendar marks. */
  async appendMarks(n: number): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    for (let i = 0; i < n; i += 1) out.push(await this.append('CalendarItemMarked', { item: (this.events.length % 90) + 1, done: true, note: `mark ${this.events.length}` }));
    return out;
  }

  async batch(fromSeq: number, toSeq: number, key: CryptoKey = this.keys.privateKey): Promise<SignedBatch> {
    return signBatch({ deviceId: this.deviceId, precinct: this.precinct, electionId: this.electionId, fromSeq, events: this.events.slice(fromSeq - 1, toSeq) }, key);
  }

  async enrolRequest(code: string) {
    return signEnrolment({ code, deviceId: this.deviceId, publicKey: await exportPublicJwk(this.keys.publicKey), label: 'test laptop' }, this.keys.privateKey);
  }

  /** The same laptop (id, chain) with a new key pair, as after "re-key this laptop". */
  async withNewKeys(): Promise<TestDevice> {
    const d = new TestDevice(this.deviceId, this.precinct, await generateSigningKeyPair(), this.electionId);
    d.events.push(...this.events);
    d.clock = this.clock;
    return d;
  }

  /** The last request counter this laptop signed (each signed request takes the next). */
  requestCounter = 0;

  /** The signed-request header; `counter: null` signs as a laptop made before the counter did. */
  async authHeader(path: string, time = Date.now(), method: 'GET' | 'POST' = 'GET', counter: number | null = (this.requestCounter += 1)): Promise<Record<string, string>> {
    return { 'x-device-auth': await signDeviceRequest({ deviceId: this.deviceId, method, path, time, ...(counter === null ? {} : { counter }) }, this.keys.privateKey) };
  }
}

export const adminHeaders = { authorization: `Bearer ${ADMIN_TOKEN}` };

export async function issueCode(app: FastifyInstance, precinct: number, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/admin/enrolment-codes', headers: adminHeaders, payload: { precinct, ...extra } });
  if (res.statusCode !== 200) throw new Error(`issue code: ${res.statusCode} ${res.body}`);
  return (res.json() as { code: string }).code;
}

/** A device enrolled for `precinct` through the HTTP API. */
export async function enrolledDevice(app: FastifyInstance, precinct: number, name = 'dev'): Promise<TestDevice> {
  const device = await TestDevice.create(precinct, name);
  const code = await issueCode(app, precinct);
  const res = await app.inject({ method: 'POST', url: '/api/enrol', payload: await device.enrolRequest(code) });
  if (res.statusCode !== 200) throw new Error(`enrol: ${res.statusCode} ${res.body}`);
  return device;
}

export async function storedEvents(center: Center, deviceId: string): Promise<{ seq: number; hash: string; body: string }[]> {
  return center.db.query<{ seq: number; hash: string; body: string }>('select seq, hash, body from events where device_id = $1 order by seq', [deviceId]);
}

export async function countEvents(center: Center): Promise<number> {
  const rows = await center.db.query<{ n: string }>('select count(*)::text as n from events');
  return Number(rows[0]?.n ?? 0);
}

/** A protocol of the demo election for `precinct`, signed; `variant` picks other figures (another hash). */
export async function demoSignedProtocol(precinct: number, variant = 1) {
  const bundle = demoBundle();
  const form = expandForm(KG_2017_PRESIDENTIAL_FORM, bundle.candidates as Candidate[], bundle.againstAll);
  const values: Record<string, number> = Object.fromEntries(form.lines.map((l) => [l.key, 0]));
  const first = form.lines.find((l) => l.kind === 'candidate')?.key ?? '';
  Object.assign(values, { A: 69, B: 69, C: 2, E: 2, F: 67, I: 2, K: 2, [first]: 2 });
  if (variant >= 3) Object.assign(values, { A: 69 + variant, B: 69 + variant, F: 67 + variant });
  if (variant === 2) Object.assign(values, { [first]: 1, [form.lines.find((l) => l.kind === 'candidate' && l.key !== first)?.key ?? '']: 1 });
  const signed = await signProtocol({
    state: emptyProtocolState(), form, electionId: ELECTION, precinct, values, findings: evaluate(form, values),
    members: [{ id: 'm1', name: 'Төрага', role: 'chair' }], membersPresent: ['m1'], acknowledged: [], override: null, signedAt: '2017-10-16T00:30:00+09:00',
  });
  if (!signed.ok) throw new Error(JSON.stringify(signed.error));
  return { form, signed: signed.value };
}

/**
 * The QR codes' text (one code a line, in reverse order as a scanner might read them) of a protocol
 * of the demo election signed with `signedBy`; `variant` picks other figures (another hash).
 */
export async function protocolQrText(signedBy: CryptoKey, precinct: number, variant = 1, chunkLength = 120, electionId = ELECTION): Promise<string> {
  const { form, signed: s } = await demoSignedProtocol(precinct, variant);
  const chunks = encodeQrChunks(
    { electionId, precinct, formId: s.formId, formVersion: s.formVersion, protocolVersion: s.version, mark: s.mark, values: valuesInFormOrder(form, s.values), hash: s.hash, signature: await signCanonical({ hash: s.hash }, signedBy) },
    chunkLength,
  );
  return chunks.reverse().join('\n');
}

/** A TCP port free on 127.0.0.1 just now (for a center process a test or the bench starts). */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** RFC 4180 reader for the test: quoted fields, doubled quotes, CRLF rows. */
/** RFC 4180 text into rows; `sep` the field separator (`;` is the ky/ru default of summary.csv). */
export function parseCsv(text: string, sep: ',' | ';' = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/**
 * The center's CLI compiled once per test file (esbuild, as `npm run -w center build` does) into a
 * folder of its own under `center/.test-cli/` (node_modules resolve from there), so each CLI run
 * costs a plain `node` start instead of a TypeScript loader compiling every source again. Run it
 * with `cliEnv()` so it finds the migrations.
 */
let compiledCli: Promise<{ path: string; remove: () => Promise<void> }> | null = null;
export function builtCli(): Promise<{ path: string; remove: () => Promise<void> }> {
  compiledCli ??= (async () => {
    const { build } = await import('esbuild');
    const { rm } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const centerDir = join(__dirname, '../../../center');
    const folder = join(centerDir, '.test-cli', `${process.pid}-${randomUUID().slice(0, 8)}`);
    const path = join(folder, 'dist', 'cli.js');
    await build({ absWorkingDir: centerDir, entryPoints: ['src/cli.ts'], outfile: path, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
    return { path, remove: () => rm(folder, { recursive: true, force: true }) };
  })();
  return compiledCli;
}

/** The environment a compiled CLI runs with: `extra` over this process's, the migrations named. */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, NODE_OPTIONS: '', CENTER_MIGRATIONS_DIR: `${__dirname}/../../../center/migrations`, ...extra };
}
