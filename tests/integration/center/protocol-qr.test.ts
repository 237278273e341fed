/** A signed protocol received at the center as its QR codes' text, once on PGlite and once on PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Center } from '../../../center/src/center';
import { jpegOf, pngOf, qrPage } from '../../support/qr-page';
import { adminHeaders, BACKENDS, ELECTION, enrolledDevice, protocolQrText, server, testBundle, TestDevice } from './harness';

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

  async function qrText(signedBy: CryptoKey, version = 1, chunkLength = 120): Promise<string> {
    const text = await protocolQrText(signedBy, 9019, version, chunkLength);
    expect(text.split('\n').length).toBeGreaterThan(1);
    return text;
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

  it('refuses codes of an election or a precinct the center does not hold, naming what the codes read', async () => {
    const otherPrecinct = await protocolQrText(device.keys.privateKey, 9999, 3);
    expect((await post(otherPrecinct)).json()).toEqual({ error: 'not-found', detail: `precinct 9999 of election ${ELECTION}` });
    const otherElection = await protocolQrText(device.keys.privateKey, 9019, 3, 120, 'kg-2099-local');
    expect((await post(otherElection)).json()).toEqual({ error: 'not-found', detail: 'election kg-2099-local' });
    const rows = await center.db.query<{ n: string }>("select count(*)::text as n from protocol_qr where precinct = 9999");
    expect(rows[0]?.n).toBe('0');
  });

  it('takes a protocol its laptop signed before a re-key (restored after printing it); a revoked laptop\'s codes are refused', async () => {
    const laptop = await enrolledDevice(app, 9019, 'printed-then-restored');
    const printed = await qrText(laptop.keys.privateKey, 7);
    const rekey = await app.inject({ method: 'POST', url: `/api/admin/devices/${laptop.deviceId}/rekey`, headers: adminHeaders, payload: {} });
    expect(rekey.statusCode, rekey.body).toBe(200);
    // Waiting for its re-key code: the paper's codes still verify.
    expect((await post(printed)).json()).toMatchObject({ stored: true, deviceId: laptop.deviceId });
    const restored = await laptop.withNewKeys();
    expect((await app.inject({ method: 'POST', url: '/api/enrol', payload: await restored.enrolRequest((rekey.json() as { code: string }).code) })).statusCode).toBe(200);
    // Re-keyed: before, refused as bad-signature (only the new key was tried).
    const printedAgain = await qrText(laptop.keys.privateKey, 8);
    expect((await post(printedAgain)).json()).toMatchObject({ stored: true, deviceId: laptop.deviceId });
    expect((await post(await qrText(restored.keys.privateKey, 9))).json()).toMatchObject({ stored: true, deviceId: laptop.deviceId });

    const revoke = await app.inject({ method: 'POST', url: `/api/admin/devices/${laptop.deviceId}/revoke`, headers: adminHeaders, payload: { reason: 'stolen' } });
    expect(revoke.statusCode, revoke.body).toBe(200);
    expect((await post(await qrText(laptop.keys.privateKey, 10))).json()).toMatchObject({ error: 'bad-signature' });
    expect((await post(await qrText(restored.keys.privateKey, 11))).json()).toMatchObject({ error: 'bad-signature' });
  });

  const postImages = (images: Buffer[]) =>
    app.inject({ method: 'POST', url: '/api/admin/protocol-qr-image', headers: adminHeaders, payload: { images: images.map((b) => b.toString('base64')) } });

  it('reads every code from images of the printed page (a scan, a photo, or two pages), then verifies and records the protocol once', async () => {
    const codes = (await qrText(device.keys.privateKey, 3, 250)).split('\n');
    expect(codes.length).toBeGreaterThan(1);
    const first = await postImages([jpegOf(qrPage(codes, 2, 230, 40), 70)]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ stored: true, precinct: 9019, deviceId: device.deviceId });
    expect((await postImages([pngOf(qrPage(codes, 2))])).json()).toMatchObject({ stored: false });
    // The codes split over two pages' images read as one protocol.
    const [a, ...rest] = codes;
    expect((await postImages([pngOf(qrPage([a!], 2)), pngOf(qrPage(rest, 2))])).json()).toMatchObject({ stored: false, precinct: 9019 });
    // Every page of the protocol, the first without codes: the pages without codes are passed over.
    expect((await postImages([pngOf(qrPage([], 2)), pngOf(qrPage(codes, 2))])).json()).toMatchObject({ stored: false, precinct: 9019 });
  });

  it('refuses an image without codes, a code missing, a broken file, a non-image and a bad request, naming the problem and storing nothing', async () => {
    const before = (await center.db.query<{ n: string }>('select count(*)::text as n from protocol_qr'))[0]?.n;
    const codes = (await qrText(device.keys.privateKey, 4, 250)).split('\n');
    const png = (c: string[]) => pngOf(qrPage(c, 2));
    expect((await postImages([png([])])).json()).toMatchObject({ error: 'qr-invalid', detail: 'no-code-found' });
    expect((await postImages([png([]), png([])])).json()).toMatchObject({ error: 'qr-invalid', detail: 'no-code-found' });
    expect((await postImages([png(codes.slice(1))])).json()).toMatchObject({ error: 'qr-invalid', detail: 'missing-chunk' });
    expect((await postImages([png(codes), png(codes).subarray(0, 2000)])).json()).toMatchObject({ error: 'qr-invalid', detail: 'image 2: image-unreadable' });
    expect((await postImages([Buffer.from('%PDF-1.7 not an image')])).json()).toMatchObject({ error: 'qr-invalid', detail: 'image-unreadable' });
    const route = { method: 'POST' as const, url: '/api/admin/protocol-qr-image' };
    expect((await app.inject({ ...route, headers: adminHeaders, payload: { images: ['not base64!'] } })).json()).toMatchObject({ error: 'malformed' });
    expect((await app.inject({ ...route, headers: adminHeaders, payload: { images: [] } })).json()).toMatchObject({ error: 'malformed' });
    expect((await app.inject({ ...route, payload: { images: [png(codes).toString('base64')] } })).statusCode).toBe(401);
    expect((await center.db.query<{ n: string }>('select count(*)::text as n from protocol_qr'))[0]?.n).toBe(before);
  });
});
