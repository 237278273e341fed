/**
 * The operator's console on the center (the dashboard page's "Console" part): what it needs beyond
 * the admin API — the audit log of every administrative action, a bundle's difference from the
 * active one before it is activated, and the demo bundle a newcomer loads from a fresh `npm start`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { checkBundle, MAX_BUNDLE_BYTES, type ElectionBundle } from '../../shared/election/bundle';
import { canonicalJson } from '../../shared/util/canonical-json';
import { demoBundle } from '../../shared/election/demo';
import type { Center } from './center';
import { fail } from './failure';
import type { AuditEntry, BundleDiff } from '../../shared/sync/admin-console';

export type { BundleDiff } from '../../shared/sync/admin-console';

/** What a handler adds to its request's audit line (never a secret). */
const auditNotes = new WeakMap<FastifyRequest, { target?: string; detail?: Record<string, unknown> }>();
/** The refusal code a request was answered with (set where the server sends a refusal). */
const auditRefusals = new WeakMap<FastifyRequest, string>();

export function noteAudit(request: FastifyRequest, note: { target?: string; detail?: Record<string, unknown> }): void {
  auditNotes.set(request, { ...auditNotes.get(request), ...note });
}

export function noteRefusal(request: FastifyRequest, code: string): void {
  auditRefusals.set(request, code);
}

/** Admin requests that change something: every one is written to the audit log, refused ones too. */
const isAction = (request: FastifyRequest): boolean => request.method === 'POST' && request.url.startsWith('/api/admin/') && !request.url.startsWith('/api/admin/bundles/preview');

export async function recordAudit(center: Center, entry: { action: string; target: string | null; outcome: string; detail: Record<string, unknown> }): Promise<void> {
  await center.db.query('insert into audit_log (at, action, target, outcome, detail) values ($1, $2, $3, $4, $5)', [
    new Date(center.now()),
    entry.action.slice(0, 200),
    entry.target === null ? null : entry.target.slice(0, 200),
    entry.outcome.slice(0, 80),
    JSON.stringify(entry.detail),
  ]);
}

const auditQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() }).strict();

export async function bundleDiff(center: Center, json: unknown): Promise<BundleDiff> {
  const checked = await checkBundle(json);
  if (!checked.ok) fail('bundle-invalid', { detail: checked.error.slice(0, 5).map((x) => `${x.code}@${x.path}`).join(', ') });
  const { bundle, hash } = checked.value;
  const row = (
    await center.db.query<{ bundle_version: number; bundle_hash: string; body: string }>(
      'select bundle_version, bundle_hash, body from bundles where election_id = $1 order by bundle_version desc limit 1',
      [bundle.election.id],
    )
  )[0];
  // The active bundle read as the offered one is (defaults filled in), so only real changes show.
  const activeChecked = row ? await checkBundle(JSON.parse(row.body)) : null;
  const active = activeChecked?.ok ? activeChecked.value.bundle : null;
  const before = new Map((active?.precincts ?? []).map((p) => [p.number, canonicalJson(p)]));
  const after = new Map(bundle.precincts.map((p: ElectionBundle['precincts'][number]) => [p.number, canonicalJson(p)]));
  const sameVersion = row !== undefined && row.bundle_version === bundle.bundleVersion && row.bundle_hash === hash;
  return {
    electionId: bundle.election.id,
    bundleVersion: bundle.bundleVersion,
    bundleHash: hash,
    precincts: bundle.precincts.length,
    active: row ? { bundleVersion: row.bundle_version, bundleHash: row.bundle_hash } : null,
    unchanged: sameVersion,
    versionTooLow: row !== undefined && !sameVersion && row.bundle_version >= bundle.bundleVersion,
    added: [...after.keys()].filter((n) => !before.has(n)).sort((a, b) => a - b),
    removed: active ? [...before.keys()].filter((n) => !after.has(n)).sort((a, b) => a - b) : [],
    changed: [...after.keys()].filter((n) => before.has(n) && before.get(n) !== after.get(n)).sort((a, b) => a - b),
    votingDay: { from: active?.election.votingDay ?? null, to: bundle.election.votingDay },
    candidates: { from: active ? active.candidates.length : null, to: bundle.candidates.length },
    reportTimes: { from: active ? [...active.election.turnoutReportTimes] : null, to: [...bundle.election.turnoutReportTimes] },
  };
}

export function registerConsole(
  app: FastifyInstance,
  deps: { center: Center; admin: (request: FastifyRequest) => void; parse: <T>(schema: z.ZodType<T>, value: unknown) => T; offerDemoBundle: boolean },
): void {
  const { center, admin, parse } = deps;

  // Every administrative action, refused ones too (a wrong token, a bad bundle), is written before
  // the answer leaves: what was done, to what, and how it ended.
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    if (!isAction(request)) return payload;
    const note = auditNotes.get(request) ?? {};
    const params = (request.params ?? {}) as Record<string, unknown>;
    const target = note.target ?? (typeof params.deviceId === 'string' ? params.deviceId : null);
    const outcome = reply.statusCode < 400 ? 'ok' : (auditRefusals.get(request) ?? String(reply.statusCode));
    try {
      await recordAudit(center, { action: request.routeOptions.url ?? request.url.split('?')[0] ?? '', target, outcome, detail: note.detail ?? {} });
    } catch (e) {
      request.log.error({ reason: e instanceof Error ? e.message : String(e) }, 'center: the audit log could not be written');
    }
    return payload;
  });

  app.get('/api/admin/audit', async (request) => {
    admin(request);
    const query = parse(auditQuerySchema, request.query);
    const rows = await center.db.query<{ id: string; at: Date; action: string; target: string | null; outcome: string; detail: string }>(
      'select id::text as id, at, action, target, outcome, detail from audit_log order by id desc limit $1',
      [query.limit ?? 200],
    );
    const entries: AuditEntry[] = rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      action: r.action,
      target: r.target,
      outcome: r.outcome,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
    return { entries };
  });

  /** The signing key in use, the keys kept, and the chain of endorsements sent with every signature. */
  app.get('/api/admin/keys', async (request) => {
    admin(request);
    return center.listKeys();
  });

  /**
   * Key rotation (`center key rotate` goes here while the center holds a PGlite folder): a new
   * signing key endorsed by the old one; bundles and rosters are signed with it from now on, the
   * chain beside them. A key configured from a file is rotated by the CLI only (a private key never
   * travels over HTTP).
   */
  app.post('/api/admin/keys/rotate', async (request) => {
    admin(request);
    if (!center.keyKeptInDatabase) fail('not-found', { detail: 'the key in use comes from CENTER_SIGNING_KEY_FILE: rotate it with `center key rotate --new-key-file <file>`' });
    const rotation = await center.rotateKey();
    noteAudit(request, { target: rotation.toKeyId, detail: { fromKeyId: rotation.fromKeyId, chainLength: rotation.chainLength } });
    return rotation;
  });

  /** What activating this bundle would change (nothing is stored). */
  app.post('/api/admin/bundles/preview', { bodyLimit: MAX_BUNDLE_BYTES }, async (request) => {
    admin(request);
    return bundleDiff(center, request.body);
  });

  /**
   * The demo election (the 2017 example), offered by a center started for trying (`npm start`).
   * A center that offers none answers 204: the console asks on every sign-in, and "nothing here"
   * is an answer, not an error the browser should log.
   */
  app.get('/api/admin/demo-bundle', async (request, reply) => {
    admin(request);
    if (!deps.offerDemoBundle) return reply.header('cache-control', 'no-store').code(204).send();
    return reply.header('cache-control', 'no-store').send(demoBundle());
  });
}
