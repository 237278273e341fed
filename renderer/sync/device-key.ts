/**
 * This laptop's device signing key (issue 15). It is made once, before the first enrolment attempt,
 * so a retry after a lost answer is the same request.
 *
 * In Electron with an OS key store the private key is kept by the main process, encrypted with
 * safeStorage (electron/main/device-key.ts); IndexedDB holds no key. The pair is generated
 * extractable only long enough to hand the private JWK to main; from then on — and at every start —
 * the page holds it as a non-extractable CryptoKey imported from what main decrypts.
 *
 * Without a key store (a browser; Linux without a keyring) and for laptops that made their key
 * before this existed, the key is a non-extractable CryptoKey in IndexedDB (`sync` row 'keys'), as
 * before: protected from the page's script, not from someone who copies the profile folder.
 */
import type { DevicePrivateJwk, PlatformApi } from '../../shared/platform/api';
import { exportPrivateJwk, generateSigningKeyPair, importPublicKey, ECDSA_IMPORT } from '../../shared/sync/keys';
import type { SyncStore } from '../core/sync-store';

type KeyBridge = Pick<PlatformApi, 'loadDeviceKey' | 'saveDeviceKey'>;

function bridge(): KeyBridge | null {
  const api = typeof window === 'undefined' ? undefined : window.precinctDesk;
  return api ? api : null;
}

/** Imported pairs by device id: main is asked once a start. */
const imported = new Map<string, CryptoKeyPair>();

/** Forgets the imported keys (tests: as after a restart). */
export function forgetImportedDeviceKeys(): void {
  imported.clear();
}

async function importPair(jwk: DevicePrivateJwk): Promise<CryptoKeyPair> {
  const privateKey = await crypto.subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, d: jwk.d }, ECDSA_IMPORT, false, ['sign']);
  const publicKey = await importPublicKey({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y });
  if (!publicKey) throw new Error('the kept device key is not a P-256 key');
  return { privateKey, publicKey };
}

/** The pair main keeps for `deviceId`: null when none is kept, 'unavailable' without a key store. */
async function fromKeyStore(api: KeyBridge, deviceId: string): Promise<CryptoKeyPair | null | 'unavailable'> {
  const hit = imported.get(deviceId);
  if (hit) return hit;
  const answer = await api.loadDeviceKey({ deviceId });
  if (answer.status === 'unavailable') return 'unavailable';
  if (answer.status === 'none') return null;
  const pair = await importPair(answer.privateJwk);
  imported.set(deviceId, pair);
  return pair;
}

/** This device's key pair, or null before one was made. */
export async function deviceKeys(store: SyncStore): Promise<CryptoKeyPair | null> {
  const legacy = await store.storedKeys();
  if (legacy) return legacy;
  const api = bridge();
  const deviceId = await store.knownDeviceId();
  if (!api || !deviceId) return null;
  const kept = await fromKeyStore(api, deviceId);
  return kept === 'unavailable' ? null : kept;
}

/**
 * This device's key pair, made now if there is none: kept by the OS key store where there is one,
 * else in IndexedDB. Two windows making one at once keep one pair (the first kept).
 */
export async function enrolmentKeys(store: SyncStore, deviceId: string): Promise<CryptoKeyPair> {
  const legacy = await store.storedKeys();
  if (legacy) return legacy;
  const api = bridge();
  if (api) {
    const kept = await fromKeyStore(api, deviceId);
    if (kept && kept !== 'unavailable') return kept;
    if (kept === null) {
      // Extractable for this moment only: its JWK goes to main, the page keeps an imported copy.
      const fresh = await generateSigningKeyPair(true);
      const jwk = (await exportPrivateJwk(fresh.privateKey)) as DevicePrivateJwk;
      const saved = await api.saveDeviceKey({ deviceId, privateJwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d } });
      if (saved.status === 'saved') {
        const pair = await importPair(jwk);
        imported.set(deviceId, pair);
        return pair;
      }
      if (saved.status === 'kept') {
        const other = await fromKeyStore(api, deviceId);
        if (other && other !== 'unavailable') return other;
        throw new Error('the device key kept by the OS key store could not be read');
      }
      // 'unavailable' (the key store went away meanwhile): as without one.
    }
  }
  return store.keepKeysOnce(await generateSigningKeyPair(false));
}
