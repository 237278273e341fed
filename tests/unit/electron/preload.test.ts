import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, MENU_COMMAND_CHANNEL, type PlatformApi } from '../../../shared/platform/api';
import { fakes } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

// Importing the preload runs it, as Electron would.
await import('../../../electron/preload/index');

const METHODS: ReadonlyArray<keyof PlatformApi> = ['getAppInfo', 'saveFile', 'printToPdf', 'backupStatus', 'chooseBackupFolder', 'writeBackup', 'setLanguage', 'reportActiveBundle', 'logError', 'saveSupportFile', 'centerFetch', 'installUpdate', 'loadDeviceKey', 'saveDeviceKey', 'onMenuCommand'];

function exposed(): Record<string, unknown> {
  return fakes.contextBridge.exposeInMainWorld.mock.calls[0]?.[1] as Record<string, unknown>;
}

describe('the preload', () => {
  it('exposes one object, as window.precinctDesk, and nothing else', () => {
    expect(fakes.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(fakes.contextBridge.exposeInMainWorld.mock.calls[0]?.[0]).toBe('precinctDesk');
  });

  it('offers exactly the PlatformApi methods, as functions, frozen', () => {
    const api = exposed();
    expect(Object.keys(api).sort()).toEqual([...METHODS].sort());
    expect(Object.getOwnPropertyNames(api).sort()).toEqual([...METHODS].sort());
    for (const method of METHODS) expect(typeof api[method]).toBe('function');
    // onMenuCommand is the one listener; its name says what it listens to, not how.
    expect(Object.isFrozen(api)).toBe(true);
    // No way to reach ipcRenderer or a generic invoke.
    const text = JSON.stringify(Object.keys(api));
    expect(text).not.toMatch(/ipcRenderer|invoke|send|on\b/u);
    expect(Object.values(api)).not.toContain(fakes.ipcRenderer);
    expect(Object.values(api)).not.toContain(fakes.ipcRenderer.invoke);
  });

  it.each([
    ['getAppInfo', IPC_CHANNELS.getAppInfo, []],
    ['saveFile', IPC_CHANNELS.saveFile, [{ suggestedName: 'a.csv', mimeType: 'text/csv', data: 'x' }]],
    ['printToPdf', IPC_CHANNELS.printToPdf, [{ suggestedName: 'a.pdf', pageSize: 'A3', landscape: true }]],
    ['backupStatus', IPC_CHANNELS.backupStatus, []],
    ['chooseBackupFolder', IPC_CHANNELS.chooseBackupFolder, []],
    ['writeBackup', IPC_CHANNELS.writeBackup, [{ name: 'precinct-desk-backup-20261205T090000Z.pdbackup', data: '{}' }]],
    ['setLanguage', IPC_CHANNELS.setLanguage, [{ language: 'ru' }]],
    ['reportActiveBundle', IPC_CHANNELS.reportActiveBundle, [{ version: 2, hash: 'a'.repeat(64) }]],
    ['logError', IPC_CHANNELS.logError, [{ kind: 'error', name: 'TypeError', message: 'x' }]],
    ['saveSupportFile', IPC_CHANNELS.saveSupportFile, []],
    ['installUpdate', IPC_CHANNELS.installUpdate, []],
    ['centerFetch', IPC_CHANNELS.centerFetch, [{ url: 'https://center.example/api/health', method: 'GET' }]],
    ['loadDeviceKey', IPC_CHANNELS.loadDeviceKey, [{ deviceId: 'dev-1' }]],
    ['saveDeviceKey', IPC_CHANNELS.saveDeviceKey, [{ deviceId: 'dev-1', privateJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd' } }]],
  ] as const)('%s invokes only its fixed channel %s, passing the request unchanged', async (method, channel, args) => {
    fakes.ipcRenderer.invoke.mockClear();
    const fn = exposed()[method] as (...a: unknown[]) => Promise<unknown>;
    await expect(fn(...args)).resolves.toEqual({ ok: true });
    expect(fakes.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(channel, ...args);
  });

  it('does not forward extra arguments (no smuggled channel names or payloads)', async () => {
    fakes.ipcRenderer.invoke.mockClear();
    const getAppInfo = exposed().getAppInfo as (...a: unknown[]) => Promise<unknown>;
    await getAppInfo('precinct-desk:save-file', { evil: true });
    expect(fakes.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(IPC_CHANNELS.getAppInfo);
  });

  it('passes the menu\'s known commands to the page, only on the menu channel, never the IPC event; and unsubscribes', () => {
    fakes.ipcRenderer.on.mockClear();
    fakes.ipcRenderer.removeListener.mockClear();
    const onMenuCommand = exposed().onMenuCommand as (listener: (command: string) => void) => () => void;
    const got: unknown[][] = [];
    const off = onMenuCommand((...args: unknown[]) => got.push(args));
    expect(fakes.ipcRenderer.on).toHaveBeenCalledTimes(1);
    const [channel, handler] = fakes.ipcRenderer.on.mock.calls[0]!;
    expect(channel).toBe(MENU_COMMAND_CHANNEL);
    const event = { sender: { send: () => undefined } };
    handler(event, 'open-training');
    handler(event, 'open-devtools');
    handler(event, { command: 'open-training' });
    handler(event);
    handler(event, 'install-update');
    expect(got).toEqual([['open-training'], ['install-update']]);
    off();
    expect(fakes.ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith(MENU_COMMAND_CHANNEL, handler);
  });
});
