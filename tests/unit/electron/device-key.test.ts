/**
 * The device key at rest (electron/main/device-key.ts), with Electron's safeStorage faked as an OS
 * key store (fake-electron.ts) and real files in a temporary userData: the key is written only
 * encrypted, read back for this account only, never overwritten; without a real key store the
 * answer is 'unavailable' and nothing is written; a key the OS no longer decrypts is set aside.
 * Through IPC: only the app's window may ask, and only with a well-formed request.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../shared/platform/api';
import { exportPrivateJwk, generateSigningKeyPair } from '../../../shared/sync/keys';
import { FakeWebContents, fakes, resetFakes } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { electronDeviceKeys } = await import('../../../electron/main/device-key');
const { IpcRequestError, registerIpcHandlers } = await import('../../../electron/main/ipc');

const DEVICE = 'dev-4021-a1b2c3d4';

async function freshJwk() {
  const jwk = await exportPrivateJwk((await generateSigningKeyPair(true)).privateKey);
  return { kty: 'EC' as const, crv: 'P-256' as const, x: jwk.x!, y: jwk.y!, d: jwk.d! };
}

let userData: string;
beforeEach(async () => {
  resetFakes();
  userData = await mkdtemp(join(tmpdir(), 'pd-device-key-'));
});
afterEach(async () => {
  await rm(userData, { recursive: true, force: true });
});

const keyFolder = () => join(userData, 'device-keys');

describe('the device key kept by the OS key store', () => {
  it('is written only encrypted, and read back as it was', async () => {
    const keys = electronDeviceKeys(() => userData);
    expect(await keys.load({ deviceId: DEVICE })).toEqual({ status: 'none' });
    const jwk = await freshJwk();
    expect(await keys.save({ deviceId: DEVICE, privateJwk: jwk })).toEqual({ status: 'saved' });

    expect(await readdir(keyFolder())).toEqual([`${DEVICE}.key`]);
    const bytes = await readFile(join(keyFolder(), `${DEVICE}.key`));
    // Nothing of the key in clear: neither the private scalar nor the JSON around it.
    for (const text of [bytes.toString('utf8'), bytes.toString('latin1'), bytes.toString('base64'), bytes.toString('base64url')]) {
      expect(text).not.toContain(jwk.d);
      expect(text).not.toContain('"d"');
      expect(text).not.toContain('privateJwk');
    }
    expect(fakes.safeStorage.encryptString).toHaveBeenCalledTimes(1);
    if (process.platform !== 'win32') expect((await stat(join(keyFolder(), `${DEVICE}.key`))).mode & 0o077).toBe(0);

    // A new start (a new store object) reads the same key.
    expect(await electronDeviceKeys(() => userData).load({ deviceId: DEVICE })).toEqual({ status: 'stored', privateJwk: jwk });
  });

  it('never overwrites a kept key: a second window’s key is refused as "kept"', async () => {
    const keys = electronDeviceKeys(() => userData);
    const first = await freshJwk();
    const second = await freshJwk();
    const answers = await Promise.all([keys.save({ deviceId: DEVICE, privateJwk: first }), keys.save({ deviceId: DEVICE, privateJwk: second })]);
    expect(answers).toEqual([{ status: 'saved' }, { status: 'kept' }]);
    expect(await keys.load({ deviceId: DEVICE })).toEqual({ status: 'stored', privateJwk: first });
  });

  it('answers "unavailable" and writes nothing without a real key store (none, or Linux’s fixed-password fallback)', async () => {
    const keys = electronDeviceKeys(() => userData);
    for (const machine of [{ available: false, backend: 'unknown' }, { available: true, backend: 'basic_text' }]) {
      Object.assign(fakes.safeStorage.state, machine);
      expect(await keys.load({ deviceId: DEVICE })).toEqual({ status: 'unavailable' });
      expect(await keys.save({ deviceId: DEVICE, privateJwk: await freshJwk() })).toEqual({ status: 'unavailable' });
    }
    expect(fakes.safeStorage.encryptString).not.toHaveBeenCalled();
    await expect(readdir(keyFolder())).rejects.toThrow();
  });

  it('sets aside a key this account cannot decrypt (another user or machine), and keeps a new one', async () => {
    const keys = electronDeviceKeys(() => userData);
    await keys.save({ deviceId: DEVICE, privateJwk: await freshJwk() });
    const copied = await readFile(join(keyFolder(), `${DEVICE}.key`));
    // The profile folder copied to another account: its key store is another.
    fakes.safeStorage.state.secret = Buffer.alloc(32, 7);
    expect(await keys.load({ deviceId: DEVICE })).toEqual({ status: 'none' });
    const files = await readdir(keyFolder());
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^${DEVICE}\\.key\\.unreadable-\\d+$`, 'u'));
    expect(await readFile(join(keyFolder(), files[0]!))).toEqual(copied);
    const renewed = await freshJwk();
    expect(await keys.save({ deviceId: DEVICE, privateJwk: renewed })).toEqual({ status: 'saved' });
    expect(await keys.load({ deviceId: DEVICE })).toEqual({ status: 'stored', privateJwk: renewed });
  });

  it('does not take another device’s key file under this device’s name', async () => {
    const keys = electronDeviceKeys(() => userData);
    await keys.save({ deviceId: 'other-device', privateJwk: await freshJwk() });
    await writeFile(join(keyFolder(), `${DEVICE}.key`), await readFile(join(keyFolder(), 'other-device.key')));
    expect(await keys.load({ deviceId: DEVICE })).toEqual({ status: 'none' });
  });
});

describe('the device key over IPC', () => {
  const app = (url = 'app://precinct-desk/sync') => ({ senderFrame: { url, parent: null }, sender: new FakeWebContents() });
  const call = (channel: string, event: unknown, ...args: unknown[]) => Promise.resolve(fakes.ipcHandlers.get(channel)!(event, ...args));

  beforeEach(() => {
    registerIpcHandlers({ showSaveDialog: vi.fn(), writeFile: vi.fn(), documentsDir: () => null } as never, undefined, undefined, undefined, undefined, electronDeviceKeys(() => userData));
  });

  it('keeps and gives back the key for the app’s window', async () => {
    const jwk = await freshJwk();
    expect(await call(IPC_CHANNELS.saveDeviceKey, app(), { deviceId: DEVICE, privateJwk: jwk })).toEqual({ status: 'saved' });
    expect(await call(IPC_CHANNELS.loadDeviceKey, app(), { deviceId: DEVICE })).toEqual({ status: 'stored', privateJwk: jwk });
  });

  it('refuses another sender and malformed requests, touching no file', async () => {
    const jwk = await freshJwk();
    await expect(call(IPC_CHANNELS.loadDeviceKey, app('https://evil.example/'), { deviceId: DEVICE })).rejects.toThrow(IpcRequestError);
    await expect(call(IPC_CHANNELS.loadDeviceKey, { senderFrame: { url: 'app://precinct-desk/', parent: {} }, sender: new FakeWebContents() }, { deviceId: DEVICE })).rejects.toThrow(IpcRequestError);
    await expect(call(IPC_CHANNELS.saveDeviceKey, app('https://evil.example/'), { deviceId: DEVICE, privateJwk: jwk })).rejects.toThrow(IpcRequestError);
    for (const request of [{ deviceId: '../../escape' }, { deviceId: DEVICE, extra: 1 }, {}]) {
      await expect(call(IPC_CHANNELS.loadDeviceKey, app(), request)).rejects.toThrow(IpcRequestError);
    }
    await expect(call(IPC_CHANNELS.saveDeviceKey, app(), { deviceId: DEVICE, privateJwk: { ...jwk, d: 'short' } })).rejects.toThrow(IpcRequestError);
    await expect(call(IPC_CHANNELS.saveDeviceKey, app(), { deviceId: 'a/b', privateJwk: jwk })).rejects.toThrow(IpcRequestError);
    await expect(call(IPC_CHANNELS.loadDeviceKey, app())).rejects.toThrow(IpcRequestError);
    expect(fakes.safeStorage.encryptString).not.toHaveBeenCalled();
    await expect(readdir(keyFolder())).rejects.toThrow();
  });
});
