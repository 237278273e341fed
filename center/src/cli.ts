/**
 * The center's command line. `serve` runs the HTTP server; the other commands do the admin work
 * directly on the database (the same operations as the admin endpoints).
 *
 * Configuration (flags win over the environment):
 *   DATABASE_URL         PostgreSQL; without it embedded PGlite in CENTER_DATA_DIR (./center-data)
 *   CENTER_ADMIN_TOKEN   token for /api/admin/* (Authorization: Bearer …); unset = admin API off
 *   CENTER_HOST, CENTER_PORT   where `serve` listens (127.0.0.1:8787)
 *   CENTER_SIGNING_KEY   optional private JWK for bundle signatures (default: kept in the database)
 *   CENTER_RATE_PER_IP, CENTER_RATE_PER_DEVICE   requests a minute (1200 an address, 240 a laptop),
 *                        counted by each serving process on its own
 *   CENTER_PROCESSES     processes serving the port (PostgreSQL only; default 1), e.g. one a core
 *
 * A PGlite data folder belongs to one process: while `serve` runs on it, use the admin endpoints.
 */
import { parseUsbText } from '../../shared/sync/usb-file';
import { readFile } from 'node:fs/promises';
import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import type { Center } from './center';
import { SyncFailure } from './failure';
import { openCenter } from './open-center';
import { LISTENING, parseProcessCount, superviseWorkers } from './processes';
import { receiveProtocolQrImages } from './protocol-qr';
import { buildServer, type RateLimits } from './server';

const USAGE = `usage: center <command> [options]
  serve        [--host H] [--port P] [--admin-token T] [--data-dir D] [--training] [--processes N]
  migrate      [--data-dir D]
  load-bundle  <file.json>
  precincts    [--election ID]
  issue-code   --precinct N [--election ID] [--ttl-hours H]
  revoke       <deviceId> [--reason TEXT]
  import-batch <file.json>    events carried on a USB stick (same checks as a push)
  protocol-qr  <file>...      a signed protocol from its QR codes: page images (PNG, JPEG) or the scanner's text
  incidents`;

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
  },
});

const print = (value: unknown): void => {
  process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}\n`);
};

async function withCenter<T>(fn: (center: Center) => Promise<T>): Promise<T> {
  const center = await openCenter({
    databaseUrl: process.env.DATABASE_URL ?? null,
    dataDir: values['data-dir'] ?? process.env.CENTER_DATA_DIR ?? null,
    signingKeyJwk: process.env.CENTER_SIGNING_KEY ?? null,
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

async function serve(): Promise<void> {
  const host = values.host ?? process.env.CENTER_HOST ?? '127.0.0.1';
  const port = Number(values.port ?? process.env.CENTER_PORT ?? 8787);
  const processes = parseProcessCount(values.processes ?? process.env.CENTER_PROCESSES);
  if (processes > 1 && cluster.isPrimary) {
    if (!process.env.DATABASE_URL) throw new Error('--processes above 1 needs DATABASE_URL: a PGlite data folder belongs to one process');
    // Migrated (and the signing key made) once, before the workers open the database.
    await withCenter(async () => undefined);
    const stopWorkers = await superviseWorkers(processes);
    print(`center: listening on http://${host}:${port} (${processes} processes)`);
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
    dataDir: values['data-dir'] ?? process.env.CENTER_DATA_DIR ?? null,
    signingKeyJwk: process.env.CENTER_SIGNING_KEY ?? null,
  });
  const adminToken = values['admin-token'] ?? process.env.CENTER_ADMIN_TOKEN ?? null;
  const mode = values.training || process.env.CENTER_MODE === 'training' ? 'training' : 'production';
  const app = buildServer({ center, adminToken, mode, logger: { level: process.env.CENTER_LOG_LEVEL ?? 'info' }, rateLimits: rateLimitsFromEnv() });
  await app.listen({ host, port });
  if (cluster.isWorker) {
    app.log.info({ pid: process.pid }, 'center process listening');
    process.send?.(LISTENING);
  } else print(`center: listening on http://${host}:${port} (${mode}; storage: ${center.db.kind}; admin API ${adminToken ? 'on' : 'off: set CENTER_ADMIN_TOKEN'})`);
  const stop = async () => {
    await app.close();
    await center.db.close();
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
  switch (command) {
    case 'serve':
      return serve();
    case 'migrate':
      return withCenter(async (c) => print(`migrated (${c.db.kind})`));
    case 'load-bundle': {
      const file = args[0];
      if (!file) throw new Error('load-bundle needs a file');
      const text = await readFile(file, 'utf8');
      return withCenter(async (c) => print(await c.loadBundle(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text))));
    }
    case 'precincts':
      return withCenter(async (c) => print(await c.listPrecincts(values.election)));
    case 'issue-code': {
      const precinct = Number(values.precinct);
      if (!Number.isInteger(precinct)) throw new Error('issue-code needs --precinct N');
      return withCenter(async (c) =>
        print(await c.issueCode({ precinct, ...(values.election ? { electionId: values.election } : {}), ...(values['ttl-hours'] ? { ttlHours: Number(values['ttl-hours']) } : {}) })),
      );
    }
    case 'revoke': {
      const deviceId = args[0];
      if (!deviceId) throw new Error('revoke needs a device id');
      return withCenter(async (c) => print(await c.revokeDevice(deviceId, values.reason ?? null)));
    }
    case 'import-batch': {
      const file = args[0];
      if (!file) throw new Error('import-batch needs a file');
      // A USB file of signed batches, or one bare batch: the same checks as a push.
      const read = parseUsbText(await readFile(file, 'utf8'));
      if (!read.ok) throw new Error(`not a USB events file: ${read.error}`);
      return withCenter(async (c) => print(await c.importUsb(read.value)));
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
      return withCenter(async (c) => print(await receiveProtocolQrImages(c, images, text)));
    }
    case 'incidents':
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
