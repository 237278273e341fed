/**
 * The HTTP face of the center (Fastify). Every body is checked with the zod schemas of
 * `shared/sync`; every refusal is `{ error: <code> }` from the closed list with its 4xx status.
 * Nothing personal or secret is logged: requests are logged as method and path only.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { MAX_BUNDLE_BYTES } from '../../shared/election/bundle';
import { syncErrorStatus, type SyncError } from '../../shared/sync/errors';
import { parseDeviceAuth } from '../../shared/sync/sign';
import { MAX_USB_BYTES } from '../../shared/sync/usb-file';
import { DEVICE_AUTH_HEADER, deviceIdSchema, electionIdSchema, enrolmentRequestSchema, pullCursorSchema, signedBatchSchema, storableText } from '../../shared/sync/wire';
import type { Center } from './center';
import { registerDashboard } from './dashboard';
import { receiveProtocolQr, receiveProtocolQrImages } from './protocol-qr';
import { fail, SyncFailure } from './failure';
import type { RateLimitRule } from './rate-limit';
import { CenterMetrics, renderFamilies, type MetricFamily } from './metrics';
import { enrolWithRoom, registerTrainingRoom, TrainingRoom } from './training-room';
import { noteAudit, noteRefusal, registerConsole } from './console';
import { readUsbStream, type UsbImport, type UsbStreamRefusal } from './usb-stream';
import { err } from '../../shared/util/result';
import { capConnectionsPerAddress, DEFAULT_CONNECTIONS_PER_ADDRESS } from './connection-cap';

export interface RateLimits {
  /** Every /api request, per client address. */
  perIp: RateLimitRule;
  /** Push, pull and bundle, per device: counted only once the request's signature verified. */
  perDevice: RateLimitRule;
  /** Enrolment attempts per address (codes must not be guessable by trying). */
  enrolPerIp: RateLimitRule;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  perIp: { limit: 1200, windowMs: 60_000 },
  perDevice: { limit: 240, windowMs: 60_000 },
  enrolPerIp: { limit: 20, windowMs: 60_000 },
};

/** A pushed batch: 500 events; a voter-list event with many excluded rows can be large. */
export const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;

/**
 * How long a client may take to send a whole request, headers and body (Node's own default, which
 * Fastify turns off): without it a client that sends its headers and then a byte now and then (or
 * nothing) holds its connection for ever, and a few thousand such connections use up the center's
 * sockets. An 8 MB push at 1 Mbit/s takes about a minute; a 64 MB USB file on the office network seconds.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;

/** Admin routes read at most this much (after the token check), except the bundle, USB and image routes. */
export const ADMIN_BODY_LIMIT = 64 * 1024;

/** Up to 8 page images of about 5 MB each, base64 (a third larger). */
const MAX_QR_IMAGES_BYTES = 56 * 1024 * 1024;
const protocolQrImagesSchema = z
  .object({ images: z.array(z.string().min(1).max(10 * 1024 * 1024).regex(/^[A-Za-z0-9+/]+={0,2}$/u, 'base64')).min(1).max(8) })
  .strict();

export interface ServerOptions {
  center: Center;
  /** Admin endpoints answer `unauthorized` to everyone when no token is configured. */
  adminToken: string | null;
  bodyLimit?: number;
  /** The time to receive a whole request (DEFAULT_REQUEST_TIMEOUT_MS); a slower one is answered 408 and cut. */
  requestTimeoutMs?: number;
  /**
   * Open connections one address may hold (connection-cap.ts): DEFAULT_CONNECTIONS_PER_ADDRESS, or
   * none behind a trusted proxy (every connection is the proxy's); 0 for no cap.
   */
  connectionsPerAddress?: number;
  /** The largest USB import body (`/api/admin/import-batch`, read as a stream): MAX_USB_BYTES. */
  usbBodyLimit?: number;
  rateLimits?: Partial<RateLimits>;
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
  /**
   * Honour X-Forwarded-For (only behind a reverse proxy you run): true, the number of proxy hops,
   * or the proxies' addresses/CIDRs (`CENTER_TRUST_PROXY`, `--trust-proxy`; see `parseTrustProxy`).
   */
  trustProxy?: TrustProxy;
  /**
   * 'training' for a center trainers run: training laptops talk only to such a center, real ones
   * only to a production center (the laptop checks `/api/health`).
   */
  mode?: 'production' | 'training';
  /** The counters `/metrics` shows (a fresh set by default). */
  metrics?: CenterMetrics;
  /**
   * Every serving process's families, given this one's (`--processes N`: processes.ts
   * `gatherMetrics`, through the primary); by default this process's alone.
   */
  gatherMetrics?: (own: MetricFamily[]) => Promise<MetricFamily[][]>;
  /** The console offers the demo election's bundle (a center started by `npm start`: CENTER_OFFER_DEMO=1). */
  offerDemoBundle?: boolean;
  /** How long `/api/ready` waits for the database before answering 503 (5 s). */
  readyTimeoutMs?: number;
  /** Where the built dashboard page is (center/dist/web by default; CENTER_WEB_DIR). */
  webDir?: string;
  /** The trainer's room of a training center (one is made when not given); never on a production center. */
  room?: TrainingRoom;
}

const adminCodeSchema = z.object({ electionId: electionIdSchema.optional(), precinct: z.number().int().min(1).max(99999), ttlHours: z.number().min(0.01).max(24 * 60).optional() }).strict();
const revokeSchema = z.object({ reason: storableText(0, 500).optional() }).strict();
const pullQuerySchema = z.object({ after: pullCursorSchema.default('0'), limit: z.coerce.number().int().min(1).max(10_000).optional() }).strict();
const precinctsQuerySchema = z.object({ election: electionIdSchema.optional() }).strict();

export type TrustProxy = boolean | number | string[];

/**
 * `CENTER_TRUST_PROXY` / `--trust-proxy`: unset or `false` = the socket's address is the client;
 * `true` = every proxy is trusted (only when the center is reachable through the proxy alone);
 * a whole number = that many proxy hops; otherwise a comma-separated list of the proxies' addresses
 * or CIDRs (e.g. `127.0.0.1,10.0.0.0/8`) — the safest form.
 */
export function parseTrustProxy(text: string | undefined): TrustProxy {
  const t = (text ?? '').trim();
  if (t === '' || t === 'false' || t === '0') return false;
  if (t === 'true') return true;
  if (/^\d+$/u.test(t)) return Number(t);
  const list = t.split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (list.some((x) => !/^[0-9A-Fa-f:.]+(\/\d{1,3})?$/u.test(x) && !['loopback', 'linklocal', 'uniquelocal'].includes(x))) {
    throw new Error(`CENTER_TRUST_PROXY (--trust-proxy) must be true, false, a number of hops or a list of addresses/CIDRs, not ${JSON.stringify(text)}`);
  }
  return list;
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail('malformed', { detail: issue ? `${issue.path.join('.')}: ${issue.code}` : 'invalid' });
  }
  return parsed.data;
}

/**
 * After a refused import: what the client still sends is read and dropped (never held) for up to
 * `budget` bytes or 10 s, then the connection is cut. Cutting at once would reset the connection
 * while the client is still sending, and the client could lose the answer.
 */
function lingerOnRefusal(payload: IncomingMessage, budget: number): void {
  // The message's own destroy() ends its socket (and works on an injected request, which has no real socket).
  const cut = () => payload.destroy();
  const timer = setTimeout(cut, 10_000);
  timer.unref();
  payload.on('data', (chunk: Buffer) => {
    budget -= chunk.length;
    if (budget < 0) {
      clearTimeout(timer);
      cut();
    }
  });
  payload.once('end', () => clearTimeout(timer));
  payload.once('close', () => clearTimeout(timer));
  payload.resume();
}

function sha(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export function buildServer(options: ServerOptions): FastifyInstance {
  const { center } = options;
  const room = options.mode === 'training' ? (options.room ?? new TrainingRoom(center)) : null;
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    requestTimeout,
    // Node looks for requests past their time this often (30 s by default), and headers must come
    // within the request's time too.
    http: { connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(requestTimeout / 4))), headersTimeout: Math.min(60_000, requestTimeout) },
    trustProxy: typeof options.trustProxy === 'number' ? ((hops: number) => (_address: string, hop: number) => hop < hops)(options.trustProxy) : (options.trustProxy ?? false),
    logger:
      options.logger === false || options.logger === undefined
        ? false
        : {
            level: options.logger === true ? 'info' : options.logger.level,
            ...(options.logger !== true && options.logger.stream ? { stream: options.logger.stream } : {}),
            // Headers carry the admin token and device signatures; addresses are personal data.
            redact: ['req.headers.authorization', `req.headers["${DEVICE_AUTH_HEADER}"]`],
            serializers: {
              req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
            },
          },
  });

  const behindProxy = options.trustProxy !== undefined && options.trustProxy !== false;
  capConnectionsPerAddress(app.server, options.connectionsPerAddress ?? (behindProxy ? 0 : DEFAULT_CONNECTIONS_PER_ADDRESS));

  const metrics = options.metrics ?? new CenterMetrics();
  const send = (reply: FastifyReply, body: SyncError): FastifyReply => {
    metrics.refusal(body.error);
    noteRefusal(reply.request, body.error);
    return reply.code(syncErrorStatus(body.error)).send(body);
  };

  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof SyncFailure) return send(reply, error.body);
    const statusCode = typeof error === 'object' && error !== null && 'statusCode' in error ? Number((error as { statusCode: unknown }).statusCode) : 500;
    if (statusCode === 413) return send(reply, { error: 'body-too-large' });
    if (statusCode >= 400 && statusCode < 500) return send(reply, { error: 'malformed', detail: (error as { code?: string }).code ?? 'bad request' });
    request.log.error({ err: error }, 'center: request failed');
    return send(reply, { error: 'internal' });
  });
  app.setNotFoundHandler((_request, reply) => send(reply, { error: 'not-found' }));

  const admin = (request: FastifyRequest): void => {
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!options.adminToken || !timingSafeEqual(sha(token), sha(options.adminToken))) fail('unauthorized');
  };

  // Rate limits (@fastify/rate-limit): every /api request per client address (the real one behind
  // a trusted proxy, `trustProxy`), enrolment per address more tightly, and per device only after
  // the request's signature verified — a stranger naming a laptop cannot use up its bucket.
  const rateLimited = (_request: FastifyRequest, context: { ttl: number }): SyncFailure =>
    new SyncFailure('rate-limited', { retryAfter: Math.max(1, Math.ceil(context.ttl / 1000)) });
  // The buckets are made on first use (the plugin's decorators exist once the app is ready) and
  // counted where each check belongs: the address in the onRequest hook, the device after its
  // signature verified.
  void app.register(rateLimit, { global: false, cache: 100_000 });
  type Bucket = (request: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttl?: number }>;
  const buckets = new Map<string, Bucket>();
  const verifiedDevice = new WeakMap<FastifyRequest, string>();
  const keyers: Record<string, (request: FastifyRequest) => string> = {
    ip: (request) => `ip:${request.ip}`,
    enrol: (request) => `enrol:${request.ip}`,
    device: (request) => `device:${verifiedDevice.get(request) ?? ''}`,
  };
  const take = async (name: 'ip' | 'enrol' | 'device', rule: RateLimitRule, request: FastifyRequest): Promise<void> => {
    let bucket = buckets.get(name);
    if (!bucket) {
      bucket = app.createRateLimit({ max: rule.limit, timeWindow: rule.windowMs, keyGenerator: keyers[name] }) as Bucket;
      buckets.set(name, bucket);
    }
    const result = await bucket(request);
    if (!result.isAllowed && result.isExceeded) throw rateLimited(request, { ttl: result.ttl ?? 1000 });
  };
  /** Counts a request of a device whose signature verified; refuses when its bucket is empty. */
  const limitDevice = async (request: FastifyRequest, deviceId: string): Promise<void> => {
    verifiedDevice.set(request, deviceId);
    await take('device', limits.perDevice, request);
  };

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    // Admin routes: the token before anything else (before a body is read or parsed).
    if (request.url.startsWith('/api/admin/')) admin(request);
    // Laptops call the device routes from another origin (app:// in Electron, the served renderer
    // in a browser). Trust comes from signatures, not from cookies or origins, so any origin may
    // call them; the admin routes stay same-origin (no CORS headers).
    if (!request.url.startsWith('/api/admin/')) {
      void reply.header('access-control-allow-origin', '*');
      void reply.header('access-control-allow-headers', `content-type, ${DEVICE_AUTH_HEADER}`);
      void reply.header('access-control-allow-methods', 'GET, POST');
      void reply.header('access-control-max-age', '600');
      if (request.method === 'OPTIONS') return reply.code(204).send();
    }
    await take('ip', limits.perIp, request);
  });

  const deviceOf = async (request: FastifyRequest) => {
    const header = request.headers[DEVICE_AUTH_HEADER];
    if (typeof header !== 'string' || header.length === 0) fail('auth-missing');
    const auth = parseDeviceAuth(header);
    if (!auth) fail('malformed', { detail: DEVICE_AUTH_HEADER });
    const device = await center.authenticate(auth, request.method, request.url);
    await limitDevice(request, device.device_id);
    return device;
  };

  // Liveness: the process answers (laptops also read the mode and the center's key id here). It
  // never touches the database, so a database outage does not get the process restarted.
  app.get('/api/health', async () => ({ ok: true, mode: options.mode ?? 'production', storage: center.db.kind, centerKeyId: center.signingKey.keyId }));
  // Readiness: the database answers a query within the timeout; else 503 (a balancer sends no
  // laptops here meanwhile), and the process stays up to answer again once the database is back.
  app.get('/api/ready', async (request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        center.db.query('select 1 as ready'),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error('no answer in time')), options.readyTimeoutMs ?? 5000);
        }),
      ]);
      return reply.header('cache-control', 'no-store').send({ ready: true, storage: center.db.kind });
    } catch (e) {
      request.log.warn({ reason: e instanceof Error ? e.message : String(e) }, 'center: not ready (database)');
      return reply.code(503).header('cache-control', 'no-store').send({ ready: false, storage: center.db.kind, reason: 'database' });
    } finally {
      clearTimeout(timer);
    }
  });
  // Prometheus metrics of every serving process, behind the admin token (and the per-address limit).
  app.get('/metrics', async (request, reply) => {
    await take('ip', limits.perIp, request);
    admin(request);
    const own = metrics.families(center.db.poolStats?.() ?? null, center.db.kind);
    const parts = options.gatherMetrics ? await options.gatherMetrics(own) : [own];
    return reply.type('text/plain; version=0.0.4; charset=utf-8').header('cache-control', 'no-store').send(renderFamilies(parts));
  });
  // Preflight for the device routes (answered by the hook above).
  app.options('/api/*', async (_request, reply) => reply.code(204).send());

  // Enrolment per address before the body is read (codes must not be guessable by trying).
  app.post('/api/enrol', { onRequest: async (request) => take('enrol', limits.enrolPerIp, request) }, async (request) =>
    enrolWithRoom(center, room, parse(enrolmentRequestSchema, request.body)),
  );

  app.post('/api/push', async (request) => {
    const started = process.hrtime.bigint();
    const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const batch = parse(signedBatchSchema, request.body);
      const ack = await center.push(batch, { verified: () => limitDevice(request, batch.deviceId) });
      metrics.push(seconds(), { stored: ack.stored });
      return ack;
    } catch (e) {
      metrics.push(seconds(), { refused: e instanceof SyncFailure ? e.body.error : 'internal' });
      throw e;
    }
  });

  app.get('/api/pull', async (request, reply) => {
    const device = await deviceOf(request);
    const query = parse(pullQuerySchema, request.query);
    return reply.type('application/json').send(await center.pull(device, BigInt(query.after), query.limit));
  });

  app.get('/api/bundle', async (request, reply) => {
    const device = await deviceOf(request);
    const text = await center.signedBundle(device.election_id);
    if (text === null) fail('not-found', { detail: 'no bundle loaded for this election' });
    return reply.type('application/json').send(text);
  });

  app.post('/api/admin/bundles', { bodyLimit: MAX_BUNDLE_BYTES }, async (request) => {
    admin(request);
    const loaded = await center.loadBundle(request.body);
    noteAudit(request, { target: loaded.electionId, detail: { bundleVersion: loaded.bundleVersion, bundleHash: loaded.bundleHash, precincts: loaded.precincts, unchanged: loaded.unchanged } });
    return loaded;
  });
  app.get('/api/admin/precincts', async (request) => {
    admin(request);
    const query = parse(precinctsQuerySchema, request.query);
    return { precincts: await center.listPrecincts(query.election) };
  });
  app.post('/api/admin/enrolment-codes', { bodyLimit: ADMIN_BODY_LIMIT }, async (request) => {
    admin(request);
    const issued = await center.issueCode(parse(adminCodeSchema, request.body));
    // The code itself is a secret: the log says for which precinct and until when.
    noteAudit(request, { target: `${issued.electionId}/${issued.precinct}`, detail: { expiresAt: issued.expiresAt } });
    return issued;
  });
  app.post('/api/admin/devices/:deviceId/revoke', { bodyLimit: ADMIN_BODY_LIMIT }, async (request) => {
    admin(request);
    const { deviceId } = parse(z.object({ deviceId: deviceIdSchema }), request.params);
    const body = parse(revokeSchema, request.body ?? {});
    const revoked = await center.revokeDevice(deviceId, body.reason ?? null);
    noteAudit(request, { detail: { revokedAt: revoked.revokedAt, reason: body.reason ?? null } });
    return revoked;
  });
  /** "Re-key this laptop": its key revoked, a one-time code bound to it for its new key; its chain kept. */
  app.post('/api/admin/devices/:deviceId/rekey', { bodyLimit: ADMIN_BODY_LIMIT }, async (request) => {
    admin(request);
    const { deviceId } = parse(z.object({ deviceId: deviceIdSchema }), request.params);
    const body = parse(z.object({ ttlHours: z.number().min(0.01).max(24 * 60).optional() }).strict(), request.body ?? {});
    const rekey = await center.rekeyDevice(deviceId, body.ttlHours === undefined ? {} : { ttlHours: body.ttlHours });
    noteAudit(request, { detail: { expiresAt: rekey.expiresAt } });
    return rekey;
  });
  /**
   * Events that came on a USB stick: a USB file of signed batches (shared/sync/usb-file) or a bare
   * signed batch, with the same checks as a push, idempotently. The body is read as a stream
   * (usb-stream.ts) — never held whole, each batch parsed on its own, cut at `usbBodyLimit` — after
   * the admin token was checked (the onRequest hook above).
   */
  const usbLimits = { totalBytes: options.usbBodyLimit ?? MAX_USB_BYTES, partBytes: options.bodyLimit ?? DEFAULT_BODY_LIMIT };
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    // A refusal is returned as the body (not thrown here, which would make Fastify close the
    // connection at once: with the client still sending, that close resets the connection and the
    // client may never read the answer). The rest of a refused body is read and dropped — at most
    // another ceiling's worth or 10 s (`lingerOnRefusal`) — so the 413 or 400 reaches the client.
    scope.addContentTypeParser('application/json', async (request: FastifyRequest, payload: IncomingMessage): Promise<UsbImport | UsbStreamRefusal> => {
      const declared = Number(request.headers['content-length']);
      const read = declared > usbLimits.totalBytes ? err<UsbStreamRefusal>({ code: 'too-large', detail: 'body' }) : await readUsbStream(payload.iterator({ destroyOnReturn: false }), usbLimits);
      if (read.ok) return read.value;
      lingerOnRefusal(payload, usbLimits.totalBytes);
      return read.error;
    });
    scope.post('/api/admin/import-batch', async (request) => {
      admin(request);
      const body = request.body as UsbImport | UsbStreamRefusal | string | undefined;
      if (typeof body !== 'object') fail('malformed', { detail: 'body: not-json' });
      if ('code' in body) {
        if (body.code === 'too-large') fail('body-too-large', { detail: body.detail === 'body' ? `at most ${usbLimits.totalBytes} bytes` : `${body.detail}: at most ${usbLimits.partBytes} bytes` });
        fail('malformed', { detail: `${body.detail}: ${body.code}` });
      }
      if (body.kind === 'batch') {
        const ack = await center.push(body.batch);
        metrics.stored(ack.stored);
        noteAudit(request, { target: body.batch.deviceId, detail: { stored: ack.stored } });
        return ack;
      }
      const result = await center.importUsb(body.batches, body.header);
      metrics.stored(result.stored);
      noteAudit(request, { target: body.batches[0]?.deviceId, detail: { batches: result.batches, stored: result.stored } });
      return result;
    });
  });
  /** A signed protocol's QR codes as text (one chunk a line), verified and recorded once. */
  app.post('/api/admin/protocol-qr', { bodyLimit: 256 * 1024 }, async (request) => {
    admin(request);
    const body = parse(z.object({ text: z.string().min(1).max(100_000) }).strict(), request.body);
    const receipt = await receiveProtocolQr(center, body.text);
    noteAudit(request, { target: `${receipt.electionId}/${receipt.precinct}`, detail: { version: receipt.version, stored: receipt.stored, deviceId: receipt.deviceId } });
    return receipt;
  });
  /**
   * The protocol's QR codes as images (scans or photos of the printed page, PNG or JPEG, base64):
   * every code on every image is read, then verified and recorded as pasted text would be.
   */
  app.post('/api/admin/protocol-qr-image', { bodyLimit: MAX_QR_IMAGES_BYTES }, async (request) => {
    admin(request);
    const body = parse(protocolQrImagesSchema, request.body);
    const receipt = await receiveProtocolQrImages(
      center,
      body.images.map((image) => Buffer.from(image, 'base64')),
    );
    noteAudit(request, { target: `${receipt.electionId}/${receipt.precinct}`, detail: { version: receipt.version, stored: receipt.stored, images: body.images.length } });
    return receipt;
  });
  app.get('/api/admin/incidents', async (request) => {
    admin(request);
    return { incidents: await center.listIncidents() };
  });
  registerDashboard(app, { center, admin, parse, ...(options.webDir === undefined ? {} : { webDir: options.webDir }) });
  registerTrainingRoom(app, { center, room, admin, parse, deviceOf, limitDevice });
  registerConsole(app, { center, admin, parse, offerDemoBundle: options.offerDemoBundle ?? false });

  return app;
}
