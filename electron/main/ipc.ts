/**
 * The main-process side of `window.precinctDesk`: exactly the channels of IPC_CHANNELS (the backup
 * folder's three are in backup-folder.ts).
 *
 * Every call is checked before anything happens:
 * - the sender must be the top frame of a page on app://precinct-desk (not an iframe, not another
 *   origin the window might somehow have reached);
 * - the payload is parsed with the contract's zod schemas (strict: unknown keys, wrong types and
 *   file names with folders are refused), and the number of arguments must match.
 * A refused call throws an IpcRequestError (the renderer's promise rejects with its message) and
 * touches neither the dialog nor the disk. Messages never echo payload values: they may hold
 * personal data.
 */
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type SaveDialogOptions } from 'electron';
import { writeFile } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import type { z } from 'zod';
import {
  IPC_CHANNELS,
  appInfoSchema,
  printToPdfRequestSchema,
  printToPdfResultSchema,
  saveFileRequestSchema,
  saveFileResultSchema,
  setLanguageRequestSchema,
  activeBundleSchema,
  rendererErrorReportSchema,
  saveSupportFileResultSchema,
  centerFetchResultSchema,
  installUpdateResultSchema,
  loadDeviceKeyRequestSchema,
  loadDeviceKeyResultSchema,
  saveDeviceKeyRequestSchema,
  saveDeviceKeyResultSchema,
  type LoadDeviceKeyResult,
  type SaveDeviceKeyResult,
  type InstallUpdateResult,
  type ActiveBundle,
  type CenterFetchResult,
  type AppInfo,
  type RendererErrorReport,
  type SaveFileResult,
  type SaveSupportFileResult,
} from '../../shared/platform/api';
import { isAppUrl } from './app-origin';
import type { CenterGate } from './center-gate';
import type { DeviceKeys } from './device-key';
import { backupStatus, chooseBackupFolder, electronBackupDependencies, writeBackup, type BackupFolderDependencies } from './backup-folder';

export const APP_NAME = 'Precinct Desk';

export class IpcRequestError extends Error {
  override name = 'IpcRequestError';
}

export interface IpcDependencies {
  showSaveDialog(parent: BrowserWindow | null, options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  documentsDir(): string | null;
}

export const electronIpcDependencies: IpcDependencies = {
  showSaveDialog: (parent, options) => (parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options)),
  writeFile: (path, data) => (typeof data === 'string' ? writeFile(path, data, 'utf8') : writeFile(path, data)),
  documentsDir: () => {
    try {
      return app.getPath('documents');
    } catch {
      return null;
    }
  },
};

type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>;

export function assertTrustedSender(event: SenderEvent): void {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || !isAppUrl(frame.url)) {
    throw new IpcRequestError('Refused: the request did not come from the Precinct Desk window.');
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'request'}: ${issue.message}`)
    .join('; ');
}

function parsePayload<S extends z.ZodType>(what: string, schema: S, args: readonly unknown[]): z.output<S> {
  if (args.length !== 1) {
    throw new IpcRequestError(`Refused ${what}: expected exactly one request object, got ${args.length} arguments.`);
  }
  const parsed = schema.safeParse(args[0]);
  if (!parsed.success) throw new IpcRequestError(`Refused ${what}: ${describeIssues(parsed.error)}.`);
  return parsed.data;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/u;

function decodeData(data: string, encoding: 'utf8' | 'base64'): string | Uint8Array {
  if (encoding === 'utf8') return data;
  if (!BASE64.test(data)) throw new IpcRequestError('Refused saveFile: data: not valid base64.');
  return new Uint8Array(Buffer.from(data, 'base64'));
}

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  'application/json': { name: 'JSON', extensions: ['json'] },
  'text/csv': { name: 'CSV', extensions: ['csv'] },
  'application/pdf': { name: 'PDF', extensions: ['pdf'] },
  'text/plain': { name: 'Text', extensions: ['txt'] },
};

async function saveWithDialog(
  deps: IpcDependencies,
  event: SenderEvent,
  suggestedName: string,
  mimeType: string,
  data: string | Uint8Array,
): Promise<SaveFileResult> {
  const documents = deps.documentsDir();
  const filter = FILTERS[mimeType];
  const options: SaveDialogOptions = {
    defaultPath: documents ? join(documents, suggestedName) : suggestedName,
    filters: filter ? [filter] : [],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const parent = BrowserWindow.fromWebContents(event.sender) ?? null;
  const choice = await deps.showSaveDialog(parent, options);
  if (choice.canceled || !choice.filePath) return { status: 'cancelled' };
  if (!isAbsolute(choice.filePath)) throw new IpcRequestError('The save dialog returned an unusable path.');
  try {
    await deps.writeFile(choice.filePath, data);
  } catch {
    // No path in the message: it can contain the user's name.
    throw new IpcRequestError('Could not write the file (check the folder and free space).');
  }
  return { status: 'saved', fileName: basename(choice.filePath) };
}

export function getAppInfo(event: SenderEvent, args: readonly unknown[]): AppInfo {
  assertTrustedSender(event);
  if (args.length !== 0) throw new IpcRequestError('Refused getAppInfo: it takes no arguments.');
  return appInfoSchema.parse({
    name: APP_NAME,
    version: app.getVersion(),
    platform: 'electron',
    os: `${process.platform} ${process.arch}`,
  });
}

export async function saveFile(deps: IpcDependencies, event: SenderEvent, args: readonly unknown[]): Promise<SaveFileResult> {
  assertTrustedSender(event);
  const request = parsePayload('saveFile', saveFileRequestSchema, args);
  const data = decodeData(request.data, request.encoding);
  return saveFileResultSchema.parse(await saveWithDialog(deps, event, request.suggestedName, request.mimeType, data));
}

export async function printToPdf(deps: IpcDependencies, event: SenderEvent, args: readonly unknown[]): Promise<SaveFileResult> {
  assertTrustedSender(event);
  const request = parsePayload('printToPdf', printToPdfRequestSchema, args);
  const pdf = await event.sender.printToPDF({
    pageSize: request.pageSize,
    landscape: request.landscape,
    printBackground: true,
  });
  return printToPdfResultSchema.parse(
    await saveWithDialog(deps, event, request.suggestedName, 'application/pdf', new Uint8Array(pdf)),
  );
}

/** The window's language, checked (the menu is rebuilt in it). */
export function setLanguage(event: SenderEvent, args: readonly unknown[], onLanguage: (language: 'ky' | 'ru' | 'en') => void): void {
  assertTrustedSender(event);
  onLanguage(parsePayload('setLanguage', setLanguageRequestSchema, args).language);
}

/** What the desktop channels (desktop.ts) do with a checked request. */
export interface DesktopChannels {
  onActiveBundle(bundle: ActiveBundle): void;
  onRendererError(report: RendererErrorReport): void;
  saveSupportFile(parent: BrowserWindow | null): Promise<SaveSupportFileResult>;
  /** Help → Install an update… (updater.ts). */
  installUpdate(parent: BrowserWindow | null): Promise<InstallUpdateResult>;
}

const noDesktop: DesktopChannels = {
  onActiveBundle: () => undefined,
  onRendererError: () => undefined,
  saveSupportFile: async () => ({ status: 'unavailable' }),
  installUpdate: async () => ({ status: 'unavailable' }),
};

/** The active election bundle's version and hash, checked. */
export function reportActiveBundle(event: SenderEvent, args: readonly unknown[], desktop: DesktopChannels): void {
  assertTrustedSender(event);
  desktop.onActiveBundle(parsePayload('reportActiveBundle', activeBundleSchema, args));
}

/** A renderer error for the log, checked (main masks it again before writing). */
export function logError(event: SenderEvent, args: readonly unknown[], desktop: DesktopChannels): void {
  assertTrustedSender(event);
  desktop.onRendererError(parsePayload('logError', rendererErrorReportSchema, args));
}

export async function saveSupportFile(event: SenderEvent, args: readonly unknown[], desktop: DesktopChannels): Promise<SaveSupportFileResult> {
  assertTrustedSender(event);
  if (args.length !== 0) throw new IpcRequestError('Refused saveSupportFile: it takes no arguments.');
  const parent = BrowserWindow.fromWebContents(event.sender) ?? null;
  return saveSupportFileResultSchema.parse(await desktop.saveSupportFile(parent));
}

/** Chooses, verifies and (after a confirm dialog in main) installs an update package; the page learns only how it ended. */
export async function installUpdate(event: SenderEvent, args: readonly unknown[], desktop: DesktopChannels): Promise<InstallUpdateResult> {
  assertTrustedSender(event);
  if (args.length !== 0) throw new IpcRequestError('Refused installUpdate: it takes no arguments.');
  const parent = BrowserWindow.fromWebContents(event.sender) ?? null;
  return installUpdateResultSchema.parse(await desktop.installUpdate(parent));
}

const noCenter: CenterGate = { send: async () => ({ status: 'refused' }) };

/** A request to the sync center: sent by the gate (center-gate.ts), only to the enrolled or a confirmed center. */
export async function centerFetch(event: SenderEvent, args: readonly unknown[], center: CenterGate): Promise<CenterFetchResult> {
  assertTrustedSender(event);
  if (args.length !== 1) throw new IpcRequestError(`Refused centerFetch: expected exactly one request object, got ${args.length} arguments.`);
  return centerFetchResultSchema.parse(await center.send(args[0]));
}

/** Without a key store (tests that do not pass one): the page keeps its key as a browser does. */
const noDeviceKeys: DeviceKeys = { load: async () => ({ status: 'unavailable' }), save: async () => ({ status: 'unavailable' }) };

/** This device's signing key from the OS key store (device-key.ts). */
export async function loadDeviceKey(event: SenderEvent, args: readonly unknown[], keys: DeviceKeys): Promise<LoadDeviceKeyResult> {
  assertTrustedSender(event);
  return loadDeviceKeyResultSchema.parse(await keys.load(parsePayload('loadDeviceKey', loadDeviceKeyRequestSchema, args)));
}

/** Keeps this device's new signing key, encrypted by the OS key store (device-key.ts). */
export async function saveDeviceKey(event: SenderEvent, args: readonly unknown[], keys: DeviceKeys): Promise<SaveDeviceKeyResult> {
  assertTrustedSender(event);
  return saveDeviceKeyResultSchema.parse(await keys.save(parsePayload('saveDeviceKey', saveDeviceKeyRequestSchema, args)));
}

/** Registers the handlers of IPC_CHANNELS (and nothing else). Call once, after `app` is ready. */
export function registerIpcHandlers(
  deps: IpcDependencies = electronIpcDependencies,
  backup: BackupFolderDependencies = electronBackupDependencies(() => app.getPath('userData')),
  onLanguage: (language: 'ky' | 'ru' | 'en') => void = () => undefined,
  desktop: DesktopChannels = noDesktop,
  center: CenterGate = noCenter,
  keys: DeviceKeys = noDeviceKeys,
): void {
  ipcMain.handle(IPC_CHANNELS.loadDeviceKey, (event, ...args: unknown[]) => loadDeviceKey(event, args, keys));
  ipcMain.handle(IPC_CHANNELS.saveDeviceKey, (event, ...args: unknown[]) => saveDeviceKey(event, args, keys));
  ipcMain.handle(IPC_CHANNELS.centerFetch, (event, ...args: unknown[]) => centerFetch(event, args, center));
  ipcMain.handle(IPC_CHANNELS.setLanguage, (event, ...args: unknown[]) => setLanguage(event, args, onLanguage));
  ipcMain.handle(IPC_CHANNELS.reportActiveBundle, (event, ...args: unknown[]) => reportActiveBundle(event, args, desktop));
  ipcMain.handle(IPC_CHANNELS.logError, (event, ...args: unknown[]) => logError(event, args, desktop));
  ipcMain.handle(IPC_CHANNELS.saveSupportFile, (event, ...args: unknown[]) => saveSupportFile(event, args, desktop));
  ipcMain.handle(IPC_CHANNELS.installUpdate, (event, ...args: unknown[]) => installUpdate(event, args, desktop));
  ipcMain.handle(IPC_CHANNELS.backupStatus, (event, ...args: unknown[]) => {
    assertTrustedSender(event);
    return backupStatus(backup, args);
  });
  ipcMain.handle(IPC_CHANNELS.chooseBackupFolder, (event, ...args: unknown[]) => {
    assertTrustedSender(event);
    return chooseBackupFolder(backup, event, args);
  });
  ipcMain.handle(IPC_CHANNELS.writeBackup, (event, ...args: unknown[]) => {
    assertTrustedSender(event);
    return writeBackup(backup, args);
  });
  ipcMain.handle(IPC_CHANNELS.getAppInfo, (event, ...args: unknown[]) => getAppInfo(event, args));
  ipcMain.handle(IPC_CHANNELS.saveFile, (event, ...args: unknown[]) => saveFile(deps, event, args));
  ipcMain.handle(IPC_CHANNELS.printToPdf, (event, ...args: unknown[]) => printToPdf(deps, event, args));
}
