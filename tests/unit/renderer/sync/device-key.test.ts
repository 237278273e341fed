/**
 * The page's side of the device key (renderer/sync/device-key.ts) against the main process's store
 * (electron/main/device-key.ts, Electron's safeStorage faked as the OS key store, real files): with
 * a key store IndexedDB holds no key, the page's key cannot be exported, and a restart signs with
 * the same key; without one — a browser, a machine without a keyring — the key is a
 * non-extractable CryptoKey in IndexedDB as before; a laptop that already has that key keeps it.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlatformApi } from '../../../../shared/platform/api';
import { exportPublicJwk, signCanonical, verifyCanonical } from '../../../../shared/sync/keys';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import { EventStore } from '../../../../renderer/db/event-store';
import { deviceKeys, enrolmentKeys, forgetImportedDeviceKeys } from '../../../../renderer/sync/device-key';
import { syncStoreOf, type SyncStore } from '../../../../renderer/core/sync-store';
import { fakes, resetFakes } from '../../electron/fake-electron';

vi.mock('electron', async () => (await import('../../electron/fake-electron')).electronModule);
const { electronDeviceKeys } = await import('../../../../electron/main/device-key');

let userData: string;
let db: PrecinctDatabase;
let local: SyncStore;
let deviceId: string;
let bridge: Pick<PlatformApi, 'loadDeviceKey' | 'saveDeviceKey'> & { loadDeviceKey: ReturnType<typeof vi.fn>; saveDeviceKey: ReturnType<typeof vi.fn> };

beforeEach(async () => {
  resetFakes();
  forgetImportedDeviceKeys();
  userData = await mkdtemp(join(tmpdir(), 'pd-renderer-key-'));
  const keys = electronDeviceKeys(() => userData);
  bridge = { loadDeviceKey: vi.fn((r) => keys.load(r)), saveDeviceKey: vi.fn((r) => keys.save(r)) };
  db = new PrecinctDatabase(`device-key-${Math.random()}`);
  const store = new EventStore(db);
  local = syncStoreOf(store);
  deviceId = await store.deviceId();
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await db.delete();
  await rm(userData, { recursive: true, force: true });
});

const inElectron = () => vi.stubGlobal('window', { precinctDesk: bridge });
const signs = async (pair: CryptoKeyPair, with_: CryptoKey) => verifyCanonical({ test: 1 }, await signCanonical({ test: 1 }, pair.privateKey), with_);

describe('the device key with the OS key store (Electron)', () => {
  it('is kept by main, not in IndexedDB; the page’s key cannot be exported; a restart signs with the same key', async () => {
    inElectron();
    expect(await deviceKeys(local)).toBeNull();
    const pair = await enrolmentKeys(local, deviceId);
    expect(pair.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', pair.privateKey)).rejects.toThrow();
    expect(await db.sync.get('keys')).toBeUndefined();
    expect(await readdir(join(userData, 'device-keys'))).toEqual([`${deviceId}.key`]);
    // The same pair for the rest of this start, without asking main again.
    const calls = bridge.loadDeviceKey.mock.calls.length;
    expect(await deviceKeys(local)).toBe(pair);
    expect(bridge.loadDeviceKey.mock.calls.length).toBe(calls);

    forgetImportedDeviceKeys(); // a restart
    const again = await deviceKeys(local);
    expect(again).not.toBeNull();
    expect(again!.privateKey.extractable).toBe(false);
    expect(await exportPublicJwk(again!.publicKey)).toEqual(await exportPublicJwk(pair.publicKey));
    expect(await signs(again!, pair.publicKey)).toBe(true);
    expect(await enrolmentKeys(local, deviceId)).toBe(again);
  });

  it('two windows making the key at once keep one', async () => {
    inElectron();
    const [a, b] = await Promise.all([enrolmentKeys(local, deviceId), enrolmentKeys(local, deviceId)]);
    expect(await exportPublicJwk(a.publicKey)).toEqual(await exportPublicJwk(b.publicKey));
    expect(await signs(b, a.publicKey)).toBe(true);
    expect(bridge.saveDeviceKey.mock.results.length).toBe(2);
  });

  it('without a key store (no keyring) keeps the key in IndexedDB, non-extractable, as a browser does', async () => {
    inElectron();
    fakes.safeStorage.state.available = false;
    const pair = await enrolmentKeys(local, deviceId);
    expect(pair.privateKey.extractable).toBe(false);
    const row = await db.sync.get('keys');
    expect(row?.key).toBe('keys');
    await expect(readdir(join(userData, 'device-keys'))).rejects.toThrow();
    expect(await deviceKeys(local)).toEqual(pair);
  });

  it('a laptop whose key is already in IndexedDB keeps it (enrolled before the key store)', async () => {
    vi.unstubAllGlobals();
    const before = await enrolmentKeys(local, deviceId);
    inElectron();
    const after = await enrolmentKeys(local, deviceId);
    expect(await exportPublicJwk(after.publicKey)).toEqual(await exportPublicJwk(before.publicKey));
    expect(bridge.saveDeviceKey).not.toHaveBeenCalled();
  });
});

describe('the device key in a browser', () => {
  it('is a non-extractable CryptoKey in IndexedDB, made once', async () => {
    const pair = await enrolmentKeys(local, deviceId);
    expect(pair.privateKey.extractable).toBe(false);
    expect((await db.sync.get('keys'))?.key).toBe('keys');
    expect(await exportPublicJwk((await enrolmentKeys(local, deviceId)).publicKey)).toEqual(await exportPublicJwk(pair.publicKey));
  });
});
