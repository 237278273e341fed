/**
 * The HTTP face of the center (Fastify). Every body is checked with the zod schemas of
 * `shared/sync`; every refusal is `{ error: <code> }` from the closed list with its 4xx status.
 * Nothing personal or secret is logged: requests are logged as method and path only.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { MAX_BUNDLE_BYTES } from '../../shared/election/bundle';
import { syncErrorStatus, type SyncError } from '../../shared/sync/errors';
import { parseDeviceAuth } from '../../shared/sync/sign';
import { MAX_USB_BYTES, readUsbFile } from '../../shared/sync/usb-file';
import { DEVICE_AUTH_HEADER, enrolmentRequestSchema, pullCursorSchema, signedBatchSchema } from '../../shared/sync/wire';
import type { Center } from './center';
import { registerDashboard } from './dashboard';
import { receiveProtocolQr, receiveProtocolQrImages } from './protocol-qr';
import { fail, SyncFailure } from './failure';
import { RateLimiter, type RateLimitRule } from './rate-limit';

export interface RateLimits {
  /** Every /api request, per client address. */
  perIp: RateLimitRule;
  /** Push, pull and bundle, per device. */
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
  rateLimits?: Partial<RateLimits>;
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
  /** Honour X-Forwarded-For (only behind a reverse proxy you run). */
  trustProxy?: boolean;
  /**
   * 'training' for a center trainers run: training laptops talk only to such a center, real ones
   * only to a production center (the laptop checks `/api/health`).
   */
  mode?: 'production' | 'training';
}

const adminCodeSchema = z.object({ electionId: z.string().min(1).max(80).optional(), precinct: z.number().int().min(1).max(99999), ttlHours: z.number().min(0.01).max(24 * 60).optional() }).strict();
const revokeSchema = z.object({ reason: z.string().max(500).optional() }).strict();
const pullQuerySchema = z.object({ after: pullCursorSchema.default('0'), limit: z.coerce.number().int().min(1).max(10_000).optional() }).strict();
const precinctsQuerySchema = z.object({ election: z.string().min(1).max(80).optional() }).strict();

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail('malformed', { detail: issue ? `${issue.path.join('.')}: ${issue.code}` : 'invalid' });
  }
  return parsed.data;
}

function sha(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export function buildServer(options: ServerOptions): FastifyInstance {
  const { center } = options;
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  const limiter = new RateLimiter();
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
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

  const send = (reply: FastifyReply, body: SyncError): FastifyReply => reply.code(syncErrorStatus(body.error)).send(body);

  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof SyncFailure) return send(reply, error.body);
    const statusCode = typeof error === 'object' && error !== null && 'statusCode' in error ? Number((error as { statusCode: unknown }).statusCode) : 500;
    if (statusCode === 413) return send(reply, { error: 'body-too-large' });
    if (statusCode >= 400 && statusCode < 500) return send(reply, { error: 'malformed', detail: (error as { code?: string }).code ?? 'bad request' });
    request.log.error({ err: error }, 'center: request failed');
    return send(reply, { error: 'internal' });
  });
  app.setNotFoundHandler((_request, reply) => send(reply, { error: 'not-found' }));

  const limit = (key: string, rule: RateLimitRule): void => {
    const wait = limiter.hit(key, rule);
    if (wait !== null) fail('rate-limited', { retryAfter: wait });
  };
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
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
    limit(`ip:${request.ip}`, limits.perIp);
  });

  const deviceOf = async (request: FastifyRequest) => {
    const header = request.headers[DEVICE_AUTH_HEADER];
    if (typeof header !== 'string' || header.length === 0) fail('auth-missing');
    const auth = parseDeviceAuth(header);
    if (!auth) fail('malformed', { detail: DEVICE_AUTH_HEADER });
    limit(`device:${auth.claims.deviceId}`, limits.perDevice);
    return center.authenticate(auth, request.method, request.url);
  };

  const admin = (request: FastifyRequest): void => {
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!options.adminToken || !timingSafeEqual(sha(token), sha(options.adminToken))) fail('unauthorized');
  };

  app.get('/api/health', async () => ({ ok: true, mode: options.mode ?? 'production', storage: center.db.kind, centerKeyId: center.signingKey.keyId }));
  // Preflight for the device routes (answered by the hook above).
  app.options('/api/*', async (_request, reply) => reply.code(204).send());

  app.post('/api/enrol', async (request) => {
    limit(`enrol:${request.ip}`, limits.enrolPerIp);
    return center.enrol(parse(enrolmentRequestSchema, request.body));
  });

  app.post('/api/push', async (request) => {
    const batch = parse(signedBatchSchema, request.body);
    limit(`device:${batch.deviceId}`, limits.perDevice);
    return center.push(batch);
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
    return center.loadBundle(request.body);
  });
  app.get('/api/admin/precincts', async (request) => {
    admin(request);
    const query = parse(precinctsQuerySchema, request.query);
    return { precincts: await center.listPrecincts(query.election) };
  });
  app.post('/api/admin/enrolment-codes', async (request) => {
    admin(request);
    return center.issueCode(parse(adminCodeSchema, request.body));
  });
  app.post('/api/admin/devices/:deviceId/revoke', async (request) => {
    admin(request);
    const { deviceId } = parse(z.object({ deviceId: z.string().min(1).max(64) }), request.params);
    const body = parse(revokeSchema, request.body ?? {});
    return center.revokeDevice(deviceId, body.reason ?? null);
  });
  /**
   * Events that came on a USB stick: a USB file of signed batches (shared/sync/usb-file) or a bare
   * signed batch, with the same checks as a push, idempotently.
   */
  app.post('/api/admin/import-batch', { bodyLimit: MAX_USB_BYTES }, async (request) => {
    admin(request);
    const body: unknown = request.body;
    if (typeof body === 'object' && body !== null && !('format' in body)) return center.push(parse(signedBatchSchema, body));
    const read = readUsbFile(body);
    if (!read.ok) fail('malformed', { detail: read.error });
    return center.importUsb(read.value);
  });
  /** A signed protocol's QR codes as text (one chunk a line), verified and recorded once. */
  app.post('/api/admin/protocol-qr', async (request) => {
    admin(request);
    const body = parse(z.object({ text: z.string().min(1).max(100_000) }).strict(), request.body);
    return receiveProtocolQr(center, body.text);
  });
  /**
   * The protocol's QR codes as images (scans or photos of the printed page, PNG or JPEG, base64):
   * every code on every image is read, then verified and recorded as pasted text would be.
   */
  app.post('/api/admin/protocol-qr-image', { bodyLimit: MAX_QR_IMAGES_BYTES }, async (request) => {
    admin(request);
    const body = parse(protocolQrImagesSchema, request.body);
    return receiveProtocolQrImages(
      center,
      body.images.map((image) => Buffer.from(image, 'base64')),
    );
  });
  app.get('/api/admin/incidents', async (request) => {
    admin(request);
    return { incidents: await center.listIncidents() };
  });
  registerDashboard(app, { center, admin, parse });

  return app;
}
