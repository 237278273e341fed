/**
 * The bridge to the platform: the Electron preload API when the app runs in Electron, the same
 * contract with web APIs when it runs in a browser (tests, trainers' demos).
 */
import { fetchDirect } from '../sync/center-fetch';
import type { AppInfo, PlatformApi, PrintToPdfRequest, SaveFileRequest, SaveFileResult } from '../../shared/platform/api';

declare global {
  interface Window {
    precinctDesk?: PlatformApi;
  }
}

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

/** A browser's "save": the file downloaded under its name. */
function download(blob: Blob, name: string): SaveFileResult {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { status: 'saved', fileName: name };
}

const browserPlatform: PlatformApi = {
  async getAppInfo(): Promise<AppInfo> {
    return { name: 'Precinct Desk', version: __APP_VERSION__, platform: 'browser', os: navigator.platform || 'web' };
  },
  async saveFile(request: SaveFileRequest): Promise<SaveFileResult> {
    const data = request.encoding === 'base64' ? base64ToBytes(request.data) : request.data;
    return download(new Blob([data as BlobPart], { type: request.mimeType }), request.suggestedName);
  },
  async printToPdf(_request: PrintToPdfRequest): Promise<SaveFileResult> {
    // A browser has no silent PDF export: its print dialog offers "Save as PDF".
    window.print();
    return { status: 'cancelled' };
  },
  // A browser cannot write to a folder by itself: backups are downloads there.
  async backupStatus() {
    return { available: false, folder: null };
  },
  async chooseBackupFolder() {
    return { status: 'unavailable' };
  },
  async writeBackup() {
    return { status: 'no-folder' };
  },
  // A browser has no application menu: its navigation holds the same entries.
  async setLanguage() {},
  // No main process to tell, and no log file: the console shows a browser's errors.
  async reportActiveBundle() {},
  async logError() {},
  async saveSupportFile() {
    return { status: 'unavailable' };
  },
  // Installing is the desktop's: a browser build is updated where it is served.
  async installUpdate() {
    return { status: 'unavailable' };
  },
  // No OS key store in a browser: the device key stays a non-extractable CryptoKey in IndexedDB.
  async loadDeviceKey() {
    return { status: 'unavailable' };
  },
  async saveDeviceKey() {
    return { status: 'unavailable' };
  },
  // The page's own connect-src (scripts/serve.mjs) decides where a browser may reach.
  centerFetch: fetchDirect,
  onMenuCommand() {
    return () => undefined;
  },
};

export const platform: PlatformApi = window.precinctDesk ?? browserPlatform;
export const isElectron = window.precinctDesk !== undefined;

/**
 * A file made as a Blob (a backup from the import worker) saved: downloaded as it is in a browser
 * (its bytes never read by the window), given to main as text in Electron (its channel's schema).
 */
export async function saveBlob(request: Omit<SaveFileRequest, 'data' | 'encoding'>, blob: Blob): Promise<SaveFileResult> {
  if (window.precinctDesk) return window.precinctDesk.saveFile({ ...request, data: await blob.text() });
  return download(blob, request.suggestedName);
}
