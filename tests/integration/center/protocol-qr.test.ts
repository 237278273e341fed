/** A signed protocol received at the center as its QR codes' text, once on PGlite and once on PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { demoBundle } from '../../../shared/election/demo';
import type { Candidate } from '../../../shared/election/model';
import { KG_2017_PRESIDENTIAL_FORM } from '../../../shared/protocol/builtin';
import { expandForm } from '../../../shared/protocol/form';
import { encodeQrChunks, valuesInFormOrder } from '../../../shared/protocol/qr-payload';
import { evaluate } from '../../../shared/protocol/relations';
import { emptyProtocolState, signProtocol } from '../../../shared/protocol/signing';
import { signCanonical } from '../../../shared/sync/keys';
import type { Center } from '../../../center/src/center';
import { adminHeaders, BACKENDS, ELECTION, enrolledDevice, server, testBundle, TestDevice } from './harness';

describe.each(BACKENDS)('protocol QR at the center on $name', (backend) => {
  let center: Center;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  let device: TestDevice;

  beforeAll(async () => {
    const opened = await backend.open();
    center = opened.center;
    cleanup = opened.cleanup;
    app = server(center);
    expect((await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: await testBundle() })).statusCode).toBe(200);
    device = await enrolledDevice(app, 9019, 'tokyo');
  });
  afterAll(async () => {
    await app.close();
    await cleanup();
  });

  async function qrText(signedBy: CryptoKey, version = 1): Promise<string> {
    const bundle = demoBundle();
    const form = expandForm(KG_2017_PRESIDENTIAL_FORM, bundle.candidates as Candidate[], bundle.againstAll);
    const values: Record<string, number> = Object.fromEntries(form.lines.map((l) => [l.key, 0]));
    const first = form.lines.find((l) => l.kind === 'candidate')?.key ?? '';
    Object.assign(values, { A: 69, B: 69, C: 2, E: 2, F: 67, I: 2, K: 2, [first]: 2 });
    if (version === 2) Object.assign(values, { [first]: 1, [form.lines.find((l) => l.kind === 'candidate' && l.key !== first)?.key ?? '']: 1 });
    const signed = await signProtocol({
      state: emptyProtocolState(), form, electionId: ELECTION, precinct: 9019, values, findings: evaluate(form, values),
      members: [{ id: 'm1', name: 'Төрага', role: 'chair' }], membersPresent: ['m1'], acknowledged: [], override: null, signedAt: '2017-10-16T00:30:00+09:00',
    });
    if (!signed.ok) throw new Error(JSON.stringify(signed.error));
    const s = signed.value;
    const chunks = encodeQrChunks(
      { electionId: ELECTION, precinct: 9019, formId: s.formId, formVersion: s.formVersion, protocolVersion: s.version, mark: s.mark, values: valuesInFormOrder(form, s.values), hash: s.hash, signature: await signCanonical({ hash: s.hash }, signedBy) },
      120,
    );
    expect(chunks.length).toBeGreaterThan(1);
    return chunks.reverse().join('\n');
  }
  const post = (text: string) => app.inject({ method: 'POST', url: '/api/admin/protocol-qr', headers: adminHeaders, payload: { text } });

  it('verifies and records a protocol read from its QR codes (chunks in any order), once', async () => {
    const text = await qrText(device.keys.privateKey);
    const first = await post(text);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ stored: true, precinct: 9019, version: 1, mark: 'original', deviceId: device.deviceId });
    expect((await post(text)).json()).toMatchObject({ stored: false });
    const rows = await center.db.query<{ n: string }>('select count(*)::text as n from protocol_qr');
    expect(rows[0]?.n).toBe('1');
  });

  it('refuses a chunk missing or changed, an unsigned or foreign signature, and an unauthenticated request, storing nothing', async () => {
    const text = await qrText(device.keys.privateKey, 2);
    const lines = text.split('\n');
    expect((await post(lines.slice(1).join('\n'))).json()).toMatchObject({ error: 'qr-invalid', detail: 'missing-chunk' });
    const changed = [...lines];
    const at = changed.findIndex((l) => /,\d/u.test(l.split(':').slice(3).join(':')));
    expect(at).toBeGreaterThanOrEqual(0);
    changed[at] = changed[at]!.replace(/,(\d)/u, (_m, d: string) => `,${(Number(d) + 1) % 10}`);
    expect((await post(changed.join('\n'))).json()).toMatchObject({ error: 'qr-invalid' });
    const stranger = await TestDevice.create(9019);
    expect((await post(await qrText(stranger.keys.privateKey, 2))).json()).toMatchObject({ error: 'bad-signature' });
    expect((await app.inject({ method: 'POST', url: '/api/admin/protocol-qr', payload: { text } })).statusCode).toBe(401);
    const rows = await center.db.query<{ n: string }>('select count(*)::text as n from protocol_qr');
    expect(rows[0]?.n).toBe('1');
    // The same protocol with other figures (another hash) is a new record once it reads back whole.
    expect((await post(text)).json()).toMatchObject({ stored: true, version: 1 });
  });
});
