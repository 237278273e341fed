/**
 * The laptop's device signing key at rest (issue 15): the main process keeps it in
 * userData/device-keys/<deviceId>.key, encrypted with the OS key store (Electron safeStorage:
 * DPAPI for the Windows user, the macOS Keychain, the Linux Secret Service), and never writes it
 * in clear. Whoever copies the profile folder off the laptop gets ciphertext the OS will decrypt
 * only for this user on this machine.
 *
 * The page makes the key pair once (extractable only for this moment), hands the private JWK here
 * to be kept, and from then on imports it at each start as a non-extractable CryptoKey
 * (renderer/sync/device-key.ts). Without a real key store — Linux with no keyring, where Electron
 * would fall back to a fixed password ('basic_text') — the answer is 'unavailable' and the page
 * keeps its key in IndexedDB as a browser does (documented in docs/ARCHITECTURE.md).
 */
import { app, safeStorage } from 'electron';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  devicePrivateJwkSchema,
  loadDeviceKeyRequestSchema,
  saveDeviceKeyRequestSchema,
  type LoadDeviceKeyResult,
  type SaveDeviceKeyResult,
} from '../../shared/platform/api';

const KEY_FILE_FORMAT = 'precinct-desk/device-key';

const keyFileSchema = z.object({ format: z.literal(KEY_FILE_FORMAT), version: z.literal(1), deviceId: z.string(), privateJwk: devicePrivateJwkSchema }).strict();

/** The parts of Electron's safeStorage used here. */
export interface KeyStore {
  isEncryptionAvailable(): boolean;
  /** Linux only: 'basic_text' means no real key store (a fixed password). */
  getSelectedStorageBackend?(): string;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
}

export interface DeviceKeyDependencies {
  keyStore: KeyStore;
  /** The folder the key files are in (userData/device-keys). */
  folder(): string;
  readFile(path: string): Promise<Buffer | null>;
  /** Writes `data` to `path` whole or not at all, readable by this user only. */
  writeFile(path: string, data: Buffer): Promise<void>;
  /** Sets an unreadable key file aside (never deleted: it may decrypt again on the right account). */
  setAside(path: string): Promise<void>;
}

export interface DeviceKeys {
  load(request: unknown): Promise<LoadDeviceKeyResult>;
  save(request: unknown): Promise<SaveDeviceKeyResult>;
}

function usable(store: KeyStore): boolean {
  if (!store.isEncryptionAvailable()) return false;
  // Electron's Linux fallback encrypts with a password written in its own source: no protection.
  return store.getSelectedStorageBackend?.() !== 'basic_text';
}

export function createDeviceKeys(deps: DeviceKeyDependencies): DeviceKeys {
  const path = (deviceId: string) => join(deps.folder(), `${deviceId}.key`);
  // One save at a time, so two windows cannot both think they kept their own key.
  let queue: Promise<unknown> = Promise.resolve();

  async function read(deviceId: string): Promise<LoadDeviceKeyResult> {
    const data = await deps.readFile(path(deviceId));
    if (!data) return { status: 'none' };
    try {
      const kept = keyFileSchema.parse(JSON.parse(deps.keyStore.decryptString(data)));
      if (kept.deviceId !== deviceId) throw new Error('another device’s key');
      return { status: 'stored', privateJwk: kept.privateJwk };
    } catch {
      // Another OS user or machine, a damaged file: this key cannot sign any more. It is set aside
      // and the laptop makes a new one, which the center accepts after "re-key this laptop".
      await deps.setAside(path(deviceId));
      return { status: 'none' };
    }
  }

  return {
    async load(raw) {
      const request = loadDeviceKeyRequestSchema.parse(raw);
      if (!usable(deps.keyStore)) return { status: 'unavailable' };
      return read(request.deviceId);
    },
    save(raw) {
      const request = saveDeviceKeyRequestSchema.parse(raw);
      const run = queue.then(async (): Promise<SaveDeviceKeyResult> => {
        if (!usable(deps.keyStore)) return { status: 'unavailable' };
        if ((await read(request.deviceId)).status === 'stored') return { status: 'kept' };
        const text = JSON.stringify({ format: KEY_FILE_FORMAT, version: 1, deviceId: request.deviceId, privateJwk: request.privateJwk });
        await deps.writeFile(path(request.deviceId), deps.keyStore.encryptString(text));
        return { status: 'saved' };
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

/** The store as the app runs it: safeStorage and files under userData/device-keys. */
export function electronDeviceKeys(userData: () => string = () => app.getPath('userData')): DeviceKeys {
  const folder = () => join(userData(), 'device-keys');
  return createDeviceKeys({
    keyStore: safeStorage,
    folder,
    async readFile(file) {
      try {
        return await readFile(file);
      } catch {
        return null;
      }
    },
    async writeFile(file, data) {
      await mkdir(folder(), { recursive: true, mode: 0o700 });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, data, { mode: 0o600 });
      await rename(temporary, file);
    },
    async setAside(file) {
      await rename(file, `${file}.unreadable-${Date.now()}`).catch(() => undefined);
    },
  });
}
