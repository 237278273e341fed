/**
 * The operator's console API: the audit log of every administrative action (refused ones too),
 * a bundle's difference from the active one, and the demo bundle of a center started for trying.
 * Hostile inputs: no token, a wrong token, bodies over the limit, a bundle that is not one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Center } from '../../../center/src/center';
import { sealBundle, type ElectionBundleInput } from '../../../shared/election/bundle';
import { demoBundle } from '../../../shared/election/demo';
import { adminHeaders, BACKENDS, enrolledDevice, server } from './harness';

interface Entry { action: string; target: string | null; outcome: string; detail: Record<string, unknown> }

describe.each(BACKENDS)('operator console on $name', (backend) => {
  let center: Center;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ center, cleanup } = await backend.open());
    app = server(center, { offerDemoBundle: true });
  });
  afterAll(async () => {
    await app.close();
    await cleanup();
  });

  const audit = async (): Promise<Entry[]> => {
    const res = await app.inject({ method: 'GET', url: '/api/admin/audit', headers: adminHeaders });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { entries: Entry[] }).entries;
  };

  it('the demo bundle is offered, previewed against nothing, activated, then previews as unchanged', async () => {
    const demo = await app.inject({ method: 'GET', url: '/api/admin/demo-bundle', headers: adminHeaders });
    expect(demo.statusCode).toBe(200);
    const body = demo.json() as ElectionBundleInput;
    const preview = await app.inject({ method: 'POST', url: '/api/admin/bundles/preview', headers: adminHeaders, payload: body });
    expect(preview.statusCode, preview.body).toBe(200);
    const diff = preview.json() as { active: unknown; added: number[]; removed: number[]; unchanged: boolean; precincts: number };
    expect(diff.active).toBeNull();
    expect(diff.added.length).toBe(diff.precincts);
    expect(diff.unchanged).toBe(false);
    // A preview stores nothing.
    expect(await center.db.query('select 1 from bundles')).toEqual([]);

    const loaded = await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: body });
    expect(loaded.statusCode, loaded.body).toBe(200);
    const again = (await app.inject({ method: 'POST', url: '/api/admin/bundles/preview', headers: adminHeaders, payload: body })).json() as { unchanged: boolean; added: number[] };
    expect(again).toMatchObject({ unchanged: true, added: [], removed: [], changed: [] });

    // Version 2 with one precinct renamed and one dropped: the diff names them.
    const base = demoBundle() as ElectionBundleInput;
    const [first, second, ...rest] = base.precincts;
    if (!first || !second) throw new Error('the demo has precincts');
    const v2 = await sealBundle({ ...base, bundleVersion: 2, precincts: [{ ...first, name: `${first.name} (new)` }, ...rest] });
    const d2 = (await app.inject({ method: 'POST', url: '/api/admin/bundles/preview', headers: adminHeaders, payload: v2 })).json() as Record<string, unknown>;
    expect(d2).toMatchObject({ active: { bundleVersion: 1 }, bundleVersion: 2, changed: [first.number], removed: [second.number], added: [], versionTooLow: false });

    const entries = await audit();
    expect(entries[0]).toMatchObject({ action: '/api/admin/bundles', outcome: 'ok', target: body.election.id, detail: { bundleVersion: 1 } });
    // Previews change nothing and are not actions.
    expect(entries.filter((e) => e.action.includes('preview'))).toEqual([]);
  });

  it('codes, revocation and refusals are all in the log; the code itself never is', async () => {
    const issued = await app.inject({ method: 'POST', url: '/api/admin/enrolment-codes', headers: adminHeaders, payload: { precinct: 9003 } });
    expect(issued.statusCode, issued.body).toBe(200);
    const { code } = issued.json() as { code: string };
    const device = await enrolledDevice(app, 9003, 'console');
    const revoked = await app.inject({ method: 'POST', url: `/api/admin/devices/${device.deviceId}/revoke`, headers: adminHeaders, payload: { reason: 'stolen' } });
    expect(revoked.statusCode, revoked.body).toBe(200);

    // Hostile: no token, a wrong token, a body over the limit, a bundle that is not one.
    expect((await app.inject({ method: 'POST', url: '/api/admin/enrolment-codes', payload: { precinct: 9003 } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: `/api/admin/devices/${device.deviceId}/revoke`, headers: { authorization: 'Bearer wrong' }, payload: {} })).statusCode).toBe(401);
    const huge = await app.inject({ method: 'POST', url: '/api/admin/enrolment-codes', headers: { ...adminHeaders, 'content-type': 'application/json' }, payload: JSON.stringify({ precinct: 9003, pad: 'x'.repeat(200_000) }) });
    expect(huge.json()).toEqual({ error: 'body-too-large' });
    const bad = await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: { format: 'nope' } });
    expect(bad.json()).toMatchObject({ error: 'bundle-invalid' });
    const badPreview = await app.inject({ method: 'POST', url: '/api/admin/bundles/preview', headers: adminHeaders, payload: [1, 2] });
    expect(badPreview.json()).toMatchObject({ error: 'bundle-invalid' });
    // The log is behind the token, and so is the demo bundle.
    expect((await app.inject({ method: 'GET', url: '/api/admin/audit' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/admin/demo-bundle', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/admin/audit?limit=-1', headers: adminHeaders })).json()).toMatchObject({ error: 'malformed' });

    const entries = await audit();
    const [badBundle, huge413, wrongRevoke, noToken, revoke] = entries;
    expect(badBundle).toMatchObject({ action: '/api/admin/bundles', outcome: 'bundle-invalid' });
    expect(huge413).toMatchObject({ action: '/api/admin/enrolment-codes', outcome: 'body-too-large' });
    expect(wrongRevoke).toMatchObject({ action: '/api/admin/devices/:deviceId/revoke', outcome: 'unauthorized', target: device.deviceId });
    expect(noToken).toMatchObject({ action: '/api/admin/enrolment-codes', outcome: 'unauthorized' });
    expect(revoke).toMatchObject({ action: '/api/admin/devices/:deviceId/revoke', outcome: 'ok', target: device.deviceId, detail: { reason: 'stolen' } });
    const codes = entries.filter((e) => e.action === '/api/admin/enrolment-codes' && e.outcome === 'ok');
    expect(codes.length).toBe(2);
    expect(codes[0]).toMatchObject({ target: `${body().election.id}/9003` });
    expect(JSON.stringify(entries)).not.toContain(code);
    const stored = await center.db.query<{ n: string }>('select count(*)::text as n from audit_log');
    expect(Number(stored[0]?.n)).toBe(entries.length);
  });

  it('a center not started for trying offers no demo bundle', async () => {
    const plain = server(center);
    try {
      const none = await plain.inject({ method: 'GET', url: '/api/admin/demo-bundle', headers: adminHeaders });
      expect(none.statusCode).toBe(204);
      expect(none.body).toBe('');
    } finally {
      await plain.close();
    }
  });
});

const body = (): ElectionBundleInput => demoBundle() as ElectionBundleInput;
