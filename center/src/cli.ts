/**
 * The center's command line. `serve` runs the HTTP server; the other commands do the admin work
 * directly on the database (the same operations as the admin endpoints).
 *
 * Configuration (flags win over the environment):
 *   DATABASE_URL         PostgreSQL; without it embedded PGlite in CENTER_DATA_DIR (./center-data)
 *   DATABASE_READ_URL    serve: the dashboard's reads from this PostgreSQL (a hot standby of DATABASE_URL)
 *   CENTER_ADMIN_TOKEN   token for /api/admin/* (Authorization: Bearer …); unset = admin API off
 *   CENTER_HOST, CENTER_PORT   where `serve` listens (127.0.0.1:8787)
 *   CENTER_SIGNING_KEY_FILE  a file (or mounted secret) holding the private JWK the center signs with
 *                        (`center key-export <file>` writes it); CENTER_SIGNING_KEY: the JWK itself.
 *                        Default: the key kept in the database (table center_keys)
 *   CENTER_KEY_PASSPHRASE (or CENTER_KEY_PASSPHRASE_FILE)  seals the key kept in the database
 *                        (AES-256-GCM, scrypt); a key kept in clear is sealed at the next start
 *   CENTER_RATE_PER_IP, CENTER_RATE_PER_DEVICE   requests a minute (1200 an address, 240 a laptop),
 *                        counted by each serving process on its own
 *   CENTER_PROCESSES     processes serving the port (PostgreSQL only; default 1), e.g. one a core
 *   CENTER_SHUTDOWN_GRACE_S   on SIGTERM/SIGINT, how long requests in flight may finish before
 *                        their connections are cut (10); idle connections close at once
 *   CENTER_TRUST_PROXY   behind a reverse proxy: its addresses/CIDRs (e.g. 127.0.0.1), a hop count or
 *                        true, so the rate limits see each laptop's real address (X-Forwarded-For)
 *   CENTER_CONNECTIONS_PER_ADDRESS   open connections one address may hold, each process (256; 0 = no
 *                        cap; off by default behind CENTER_TRUST_PROXY, where the proxy limits them)
 *
 * A PGlite data folder belongs to one process (a lock file `<folder>.lock` names it): while `serve`
 * runs on it, a second `serve` is refused and the admin commands below go through that server's
 * admin API (with CENTER_ADMIN_TOKEN or --admin-token) instead of opening the folder.
 */
import { parseUsbText } from '../../shared/sync/usb-file';
import { readFile } from 'node:fs/promises';
import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import type { Center } from './center';
import { SyncFailure } from './failure';
import { openCenter } from './open-center';
import { DEFAULT_DATA_DIR } from './db/open';
import { FolderLockedError, folderOwner, type FolderLockInfo } from './db/folder-lock';
import { resolve } from 'node:path';
import { answerMetricsCollection, gatherMetrics, LISTENING, parseProcessCount, superviseWorkers } from './processes';
import { CenterMetrics } from './metrics';
import { receiveProtocolQrImages } from './protocol-qr';
import { rebuildAggregates, recomputeStaleAggregates } from './aggregates';
import { DEFAULT_CONNECTIONS_PER_ADDRESS, parseConnectionsPerAddress } from './connection-cap';
import { recordAudit } from './console';
import { configuredKeyChain, configuredKeyPassphrase, configuredSigningKey, exportCenterKey } from './center-key';
import { buildServer, parseTrustProxy, type RateLimits } from './server';
import { closeServer, parseShutdownGrace } from './shutdown';
import { ensureTrainingElection, TrainingRoom } from './training-room';
import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';

/** The addresses trainees' laptops reach this center at: the room's network ones when it listens on all. */
function roomAddresses(host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [host.includes(':') ? `[${host}]` : host];
  const found = Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
  return found.length > 0 ? found : ['127.0.0.1'];
}

const USAGE = `usage: center <command> [options]
  serve        [--host H] [--port P] [--admin-token T] [--data-dir D] [--training] [--processes N] [--trust-proxy LIST]
               --training: a trainer's center (the scenarios' election loaded; the trainer's screen at /trainer)
  migrate      [--data-dir D]
  load-bundle  <file.json>
  precincts    [--election ID]
  issue-code   --precinct N [--election ID] [--ttl-hours H]
  revoke       <deviceId> [--reason TEXT]
  rekey        <deviceId> [--ttl-hours H]   a new one-time code for this laptop's new key (old key revoked, chain kept)
  import-batch <file.json>    events carried on a USB stick (same checks as a push)
  protocol-qr  <file>...      a signed protocol from its QR codes: page images (PNG, JPEG) or the scanner's text
  incidents
  key-export   <file>          the signing key in use as a private JWK file (0600; never overwrites): keep it as a secret
  key rotate   [--new-key-file F]   a new signing key endorsed by the old one (laptops follow the chain);
               F: where the new key is written when the key in use comes from CENTER_SIGNING_KEY_FILE
  key list                     the key in use, the keys kept and the chain of endorsements
  rebuild-aggregates [--election ID]   recompute the dashboard's per-precinct figures from the stored events`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    'admin-token': { type: 'string' },
    'data-dir': { type: 'string' },
    election: { type: 'string' },
    precinct: { type: 'string' },
    'ttl-hours': { type: 'string' },
    reason: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    training: { type: 'boolean' },
    processes: { type: 'string' },
    'trust-proxy': { type: 'string' },
    'new-key-file': { type: 'string' },
  },
});

const print = (value: unknown): void => {
  process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}\n`);
};

/** The running `serve` that owns the PGlite data folder, when there is one (null on PostgreSQL). */
function runningOwner(): FolderLockInfo | null {
  if (process.env.DATABASE_URL) return null;
  return folderOwner(values['data-dir'] ?? process.env.CENTER_DATA_DIR ?? DEFAULT_DATA_DIR);
}

/**
 * An admin command sent to the running center that owns the folder (its admin API), so the folder
 * is never opened by two processes. Refusals come back as the API's codes.
 */
async function viaServer(owner: FolderLockInfo, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  if (!owner.url) throw new Error(`the data folder is in use by process ${owner.pid}, which does not serve yet; try again in a moment`);
  const token = values['admin-token'] ?? process.env.CENTER_ADMIN_TOKEN;
  if (!token) throw new Error(`the data folder is in use by the center at ${owner.url} (process ${owner.pid}); give its admin token (CENTER_ADMIN_TOKEN or --admin-token) to send this command through its admin API`);
  const response = await fetch(new URL(path, owner.url), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await response.json()) as unknown;
  if (!response.ok) {
    const e = answer as { error?: string; detail?: string };
    throw new Error(`${e.error ?? response.status}${e.detail ? ` (${e.detail})` : ''}`);
  }
  return answer;
}

async function withCenter<T>(fn: (center: Center) => Promise<T>): Promise<T> {
  const center = await openCenter({
    databaseUrl: process.env.DATABASE_URL ?? null,
    dataDir: values['data-dir'] ?? process.env.CENTER_DATA_DIR ?? null,
    signingKeyJwk: await configuredSigningKey(process.env),
    signingKeyChain: await configuredKeyChain(process.env),
    keyPassphrase: await configuredKeyPassphrase(process.env),
  });
  try {
    return await fn(center);
  } finally {
    await center.db.close();
  }
}

/** A positive whole number from the environment, or the default; anything else stops the start. */
function perMinute(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of requests a minute, not ${JSON.stringify(text)}`);
  return n;
}

/** CENTER_RATE_PER_IP, CENTER_RATE_PER_DEVICE (requests a minute): e.g. a commission behind one NAT. */
function rateLimitsFromEnv(): Partial<RateLimits> {
  const perIp = perMinute('CENTER_RATE_PER_IP');
  const perDevice = perMinute('CENTER_RATE_PER_DEVICE');
  return {
    ...(perIp ? { perIp: { limit: perIp, windowMs: 60_000 } } : {}),
    ...(perDevice ? { perDevice: { limit: perDevice, windowMs: 60_000 } } : {}),
  };
}

function printTrainerAddress(host: string, port: number, adminToken: string | null): void {
  if (!adminToken) return;
  for (const address of roomAddresses(host)) print(`trainer's screen: http://${address}:${port}/trainer#token=${encodeURIComponent(adminToken)}`);
}

/** A training center's start: the scenarios' election loaded, a token the center made replaced by the one it kept. */
async function prepareTraining(center: Center): Promise<void> {
  await ensureTrainingElection(center);
  if (process.env.CENTER_ADMIN_TOKEN_MADE === '1' && process.env.CENTER_ADMIN_TOKEN) {
    process.env.CENTER_ADMIN_TOKEN = await new TrainingRoom(center).keptAdminToken(process.env.CENTER_ADMIN_TOKEN);
  }
}

async function serve(): Promise<void> {
  const host = values.host ?? process.env.CENTER_HOST ?? '127.0.0.1';
  const port = Number(values.port ?? process.env.CENTER_PORT ?? 8787);
  const processes = parseProcessCount(values.processes ?? process.env.CENTER_PROCESSES);
  // The primary only supervises: a serving process that dies (a crash, an out-of-memory kill) is
  // started again, with one process as with many (CENTER_SUPERVISE=0 serves in this process).
  const training = values.training === true || process.env.CENTER_MODE === 'training';
  // The trainer's room lives in the database: any number of processes serve it (docs/training.md).
  // One token for this run, the same in a serving process started again; the first one made is
  // kept in the room (below), so the trainer's address survives a restart of the center.
  if (training && !values['admin-token'] && !process.env.CENTER_ADMIN_TOKEN) {
    process.env.CENTER_ADMIN_TOKEN = randomBytes(12).toString('base64url');
    process.env.CENTER_ADMIN_TOKEN_MADE = '1';
  }
  if (cluster.isPrimary && process.env.CENTER_SUPERVISE !== '0') {
    if (processes > 1 && !process.env.DATABASE_URL) throw new Error('--processes above 1 needs DATABASE_URL: a PGlite data folder belongs to one process');
    // A folder another center serves is refused before any worker starts.
    const owner = runningOwner();
    if (owner) throw new FolderLockedError(resolve(values['data-dir'] ?? process.env.CENTER_DATA_DIR ?? DEFAULT_DATA_DIR), owner);
    // Migrated (and the signing key made, the training election loaded, the trainer's token kept)
    // once, before several workers open the database.
    if (processes > 1) await withCenter(async (c) => (training ? prepareTraining(c) : undefined));
    const stopWorkers = await superviseWorkers(processes);
    if (processes > 1) {
      print(`center: listening on http://${host}:${port} (${processes} processes)`);
      if (training) printTrainerAddress(host, port, values['admin-token'] ?? process.env.CENTER_ADMIN_TOKEN ?? null);
    }
    const stop = async () => {
      await stopWorkers();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    return;
  }
  const center = await openCenter({
    databaseUrl: process.env.DATABASE_URL ?? null,
    databaseReadUrl: process.env.DATABASE_READ_URL || null,
    dataDir: values['data-dir'] ?? process.env.CENTER_DATA_DIR ?? null,
    signingKeyJwk: await configuredSigningKey(process.env),
    signingKeyChain: await configuredKeyChain(process.env),
    keyPassphrase: await configuredKeyPassphrase(process.env),
  });
  const mode = training ? 'training' : 'production';
  // A trainer's center needs no setting up: the scenarios' election is loaded, and without a token
  // one is made for this run (above; printed in the trainer's address below).
  if (mode === 'training') await prepareTraining(center);
  const adminToken = values['admin-token'] ?? process.env.CENTER_ADMIN_TOKEN ?? null;
  const trustProxy = parseTrustProxy(values['trust-proxy'] ?? process.env.CENTER_TRUST_PROXY);
  // With several processes a scrape of /metrics shows them all (gathered through the primary).
  const metrics = new CenterMetrics();
  answerMetricsCollection(() => metrics.families(center.db.poolStats?.() ?? null, center.db.kind));
  const connectionsPerAddress = parseConnectionsPerAddress(process.env.CENTER_CONNECTIONS_PER_ADDRESS, trustProxy === undefined || trustProxy === false ? DEFAULT_CONNECTIONS_PER_ADDRESS : 0);
  const app = buildServer({ center, adminToken, mode, trustProxy, connectionsPerAddress, logger: { level: process.env.CENTER_LOG_LEVEL ?? 'info' }, rateLimits: rateLimitsFromEnv(), offerDemoBundle: process.env.CENTER_OFFER_DEMO === '1', metrics, gatherMetrics });
  const graceMs = parseShutdownGrace(process.env.CENTER_SHUTDOWN_GRACE_S);
  await app.listen({ host, port });
  center.db.folderLock?.setUrl(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
  if (cluster.isWorker) {
    app.log.info({ pid: process.pid }, 'center process listening');
    process.send?.(LISTENING);
  }
  // Figures rows a migration emptied (012) or a new bundle made stale: recomputed now, in batches,
  // not by the first dashboard read. One serving process does it (the first, or the only one).
  if (!cluster.isWorker || cluster.worker?.id === 1) {
    const started = Date.now();
    void recomputeStaleAggregates(center.db).then(
      (n) => { if (n > 0) app.log.info({ precincts: n, ms: Date.now() - started }, 'stale figures rows recomputed'); },
      (e: unknown) => app.log.warn({ err: e }, 'stale figures rows not recomputed at start: the first read recomputes them'),
    );
  }
  if (cluster.isPrimary || processes === 1)
    print(`center: listening on http://${host}:${port} (${mode}; storage: ${center.db.kind}; admin API ${adminToken ? 'on' : 'off: set CENTER_ADMIN_TOKEN'})`);
  if (mode === 'training' && (cluster.isPrimary || processes === 1)) printTrainerAddress(host, port, adminToken);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Idle connections closed at once, requests in flight given the grace period, then cut; the
    // database gets a little longer to finish what those requests started, then the process ends.
    setTimeout(() => {
      console.error('center: the database did not close in time; stopping anyway');
      process.exit(1);
    }, graceMs + 10_000).unref();
    const { forced } = await closeServer(app, graceMs);
    await center.db.close();
    if (forced) console.error(`center: stopped after cutting connections still open ${graceMs / 1000} s after the stop signal`);
    process.exit(0);
  };
  // A worker is stopped by its primary (Ctrl-C reaches the whole process group).
  if (cluster.isWorker) process.on('SIGINT', () => undefined);
  else process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function main(): Promise<void> {
  const [command, ...args] = positionals;
  if (values.help || !command) {
    print(USAGE);
    return;
  }
  const owner = command === 'serve' ? null : runningOwner();
  switch (command) {
    case 'serve':
      return serve();
    case 'migrate':
      if (owner) throw new Error(`the data folder is in use by the center at ${owner.url ?? `process ${owner.pid}`}, which has migrated it`);
      return withCenter(async (c) => print(`migrated (${c.db.kind})`));
    case 'load-bundle': {
      const file = args[0];
      if (!file) throw new Error('load-bundle needs a file');
      const text = await readFile(file, 'utf8');
      const json: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      if (owner) return print(await viaServer(owner, 'POST', '/api/admin/bundles', json));
      return withCenter(async (c) => print(await c.loadBundle(json)));
    }
    case 'precincts':
      if (owner) return print(((await viaServer(owner, 'GET', `/api/admin/precincts${values.election ? `?election=${encodeURIComponent(values.election)}` : ''}`)) as { precincts: unknown }).precincts);
      return withCenter(async (c) => print(await c.listPrecincts(values.election)));
    case 'issue-code': {
      const precinct = Number(values.precinct);
      if (!Number.isInteger(precinct)) throw new Error('issue-code needs --precinct N');
      const request = { precinct, ...(values.election ? { electionId: values.election } : {}), ...(values['ttl-hours'] ? { ttlHours: Number(values['ttl-hours']) } : {}) };
      if (owner) return print(await viaServer(owner, 'POST', '/api/admin/enrolment-codes', request));
      return withCenter(async (c) => print(await c.issueCode(request)));
    }
    case 'revoke': {
      const deviceId = args[0];
      if (!deviceId) throw new Error('revoke needs a device id');
      if (owner) return print(await viaServer(owner, 'POST', `/api/admin/devices/${encodeURIComponent(deviceId)}/revoke`, values.reason ? { reason: values.reason } : {}));
      return withCenter(async (c) => print(await c.revokeDevice(deviceId, values.reason ?? null)));
    }
    case 'rekey': {
      const deviceId = args[0];
      if (!deviceId) throw new Error('rekey needs a device id');
      const request = values['ttl-hours'] ? { ttlHours: Number(values['ttl-hours']) } : {};
      if (owner) return print(await viaServer(owner, 'POST', `/api/admin/devices/${encodeURIComponent(deviceId)}/rekey`, request));
      return withCenter(async (c) => print(await c.rekeyDevice(deviceId, request)));
    }
    case 'import-batch': {
      const file = args[0];
      if (!file) throw new Error('import-batch needs a file');
      // A USB file of signed batches, or one bare batch: the same checks as a push.
      const text = await readFile(file, 'utf8');
      const read = parseUsbText(text);
      if (!read.ok) throw new Error(`not a USB events file: ${read.error}`);
      if (owner) return print(await viaServer(owner, 'POST', '/api/admin/import-batch', JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)));
      return withCenter(async (c) => print(await c.importUsb(read.value.batches, read.value.header)));
    }
    case 'protocol-qr': {
      if (args.length === 0) throw new Error('protocol-qr needs image or text files');
      const images: Uint8Array[] = [];
      let text = '';
      for (const file of args) {
        const bytes = await readFile(file);
        if ((bytes[0] === 0x89 && bytes[1] === 0x50) || (bytes[0] === 0xff && bytes[1] === 0xd8)) images.push(bytes);
        else text += `${bytes.toString('utf8')}\n`;
      }
      if (owner) {
        if (images.length > 0) return print(await viaServer(owner, 'POST', '/api/admin/protocol-qr-image', { images: images.map((b) => Buffer.from(b).toString('base64')) }));
        return print(await viaServer(owner, 'POST', '/api/admin/protocol-qr', { text }));
      }
      return withCenter(async (c) => print(await receiveProtocolQrImages(c, images, text)));
    }
    case 'key-export': {
      const file = args[0];
      if (!file) throw new Error('key-export needs a file to write');
      if (owner) throw new Error(`the data folder is in use by the center at ${owner.url ?? `process ${owner.pid}`}: stop it first (the key is never sent over HTTP)`);
      return withCenter(async (c) => print(await exportCenterKey(c.db, c.signingKey, file, await configuredKeyPassphrase(process.env))));
    }
    case 'key': {
      if (args[0] === 'list') {
        if (owner) return print(await viaServer(owner, 'GET', '/api/admin/keys'));
        return withCenter(async (c) => print(await c.listKeys()));
      }
      if (args[0] !== 'rotate') throw new Error(`key needs rotate or list\n${USAGE}`);
      const newKeyFile = values['new-key-file'] ?? null;
      if (owner) {
        if (newKeyFile) throw new Error(`the data folder is in use by the center at ${owner.url ?? `process ${owner.pid}`}: stop it first (a private key is never sent over HTTP)`);
        return print(await viaServer(owner, 'POST', '/api/admin/keys/rotate', {}));
      }
      return withCenter(async (c) => {
        // Written to the audit log as the console's rotation is (refused ones too).
        const audit = (outcome: string, target: string | null, detail: Record<string, unknown>) => recordAudit(c, { action: 'cli key rotate', target, outcome, detail });
        try {
          const rotation = await c.rotateKey({ newKeyFile });
          await audit('ok', rotation.toKeyId, { fromKeyId: rotation.fromKeyId, chainLength: rotation.chainLength, newKeyFile: rotation.newKeyFile !== null });
          print(rotation);
          if (rotation.newKeyFile) print(`the new key is in ${rotation.newKeyFile}: set CENTER_SIGNING_KEY_FILE to it and restart every center process`);
        } catch (e) {
          await audit('refused', null, { reason: e instanceof Error ? e.message.slice(0, 200) : String(e) });
          throw e;
        }
      });
    }
    case 'rebuild-aggregates': {
      const query = values.election ? `?election=${encodeURIComponent(values.election)}` : '';
      if (owner) return print(await viaServer(owner, 'POST', `/api/admin/rebuild-aggregates${query}`, {}));
      return withCenter(async (c) => {
        const electionId = await c.resolveElection(values.election);
        print({ electionId, precincts: await rebuildAggregates(c.db, electionId) });
      });
    }
    case 'incidents':
      if (owner) return print(((await viaServer(owner, 'GET', '/api/admin/incidents')) as { incidents: unknown }).incidents);
      return withCenter(async (c) => print(await c.listIncidents()));
    default:
      throw new Error(`unknown command ${command}\n${USAGE}`);
  }
}

main().catch((e: unknown) => {
  if (e instanceof SyncFailure) console.error(`center: ${e.body.error}${e.body.detail ? ` (${e.body.detail})` : ''}`);
  else console.error(`center: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
