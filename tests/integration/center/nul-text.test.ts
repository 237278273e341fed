/**
 * U+0000 in text the center stores or looks up (a laptop's label, an election id, a revocation's
 * reason, a device id in the path): PostgreSQL's text refuses it, and every such request failed as
 * `internal` (500, logged as a center failure) instead of being refused as `malformed`.
 */
import { describe, expect, it } from 'vitest';
import { sealBundle } from '../../../shared/election/bundle';
import { exportPublicJwk, signEnrolment } from '../../../shared/sync/index';
import { adminHeaders, BACKENDS, centerWithBundleFor, enrolledDevice, issueCode, testBundle, TestDevice } from './harness';

describe.each(BACKENDS)('U+0000 at the center on $name', (backend) => {
  const opened = centerWithBundleFor(backend);

  it('is refused as malformed wherever it would be stored or looked up, and the one-time code stays usable', async () => {
    const laptop = await TestDevice.create(9001, 'nul');
    const code = await issueCode(opened.app, 9001);
    const claim = { code, deviceId: laptop.deviceId, publicKey: await exportPublicJwk(laptop.keys.publicKey) };
    const enrol = await opened.app.inject({ method: 'POST', url: '/api/enrol', payload: await signEnrolment({ ...claim, label: 'desk\u0000 2' }, laptop.keys.privateKey) });
    expect(enrol.statusCode, enrol.body).toBe(400);
    expect(enrol.json()).toMatchObject({ error: 'malformed', detail: 'label: custom' });
    expect((await opened.app.inject({ method: 'POST', url: '/api/enrol', payload: await signEnrolment({ ...claim, label: 'desk 2' }, laptop.keys.privateKey) })).statusCode).toBe(200);

    const device = await enrolledDevice(opened.app, 9001, 'nul-revoke');
    const refusals = await Promise.all([
      opened.app.inject({ method: 'POST', url: '/api/admin/enrolment-codes', headers: adminHeaders, payload: { electionId: 'demo\u0000', precinct: 9001 } }),
      opened.app.inject({ method: 'GET', url: '/api/admin/precincts?election=demo%00', headers: adminHeaders }),
      opened.app.inject({ method: 'GET', url: '/api/admin/dashboard?election=demo%00', headers: adminHeaders }),
      opened.app.inject({ method: 'POST', url: `/api/admin/devices/${device.deviceId}/revoke`, headers: adminHeaders, payload: { reason: 'lost\u0000' } }),
      opened.app.inject({ method: 'POST', url: '/api/admin/devices/dev%00/revoke', headers: adminHeaders, payload: {} }),
      opened.app.inject({ method: 'POST', url: '/api/admin/devices/dev%00/rekey', headers: adminHeaders, payload: {} }),
    ]);
    expect(refusals.map((r) => [r.statusCode, (r.json() as { error: string }).error])).toEqual(refusals.map(() => [400, 'malformed']));
    // A bundle with it in a precinct's name.
    const bundle = structuredClone(await testBundle(2));
    const first = bundle.precincts[0];
    if (!first) throw new Error('no precinct');
    first.name = 'Bishkek\u0000';
    const loaded = await opened.app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: await sealBundle(bundle) });
    expect(loaded.statusCode, loaded.body).toBe(422);
    expect(loaded.json()).toMatchObject({ error: 'bundle-invalid' });
    // Nothing was revoked by the refused request.
    expect((await opened.center.listPrecincts()).flatMap((p) => p.devices).find((d) => d.deviceId === device.deviceId)?.revokedAt).toBeNull();
  });
});
