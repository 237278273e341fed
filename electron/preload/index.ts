/**
 * The preload (sandboxed, CommonJS): exposes `window.precinctDesk` and nothing else. Each method
 * invokes its one fixed channel; no ipcRenderer, no generic invoke, no event objects reach the page.
 * The main process validates every payload again (electron/main/ipc.ts).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { MenuCommand, PlatformApi } from '../../shared/platform/api';
import { IPC_CHANNELS, MENU_COMMAND_CHANNEL } from '../../shared/platform/channels';

/** The menu's commands the page may receive; anything else on the channel is dropped. */
const MENU_COMMANDS: readonly string[] = ['open-training', 'install-update'] satisfies readonly MenuCommand[];

export const precinctDeskApi: PlatformApi = Object.freeze({
  getAppInfo: () => ipcRenderer.invoke(IPC_CHANNELS.getAppInfo),
  saveFile: (request) => ipcRenderer.invoke(IPC_CHANNELS.saveFile, request),
  printToPdf: (request) => ipcRenderer.invoke(IPC_CHANNELS.printToPdf, request),
  backupStatus: () => ipcRenderer.invoke(IPC_CHANNELS.backupStatus),
  chooseBackupFolder: () => ipcRenderer.invoke(IPC_CHANNELS.chooseBackupFolder),
  writeBackup: (request) => ipcRenderer.invoke(IPC_CHANNELS.writeBackup, request),
  setLanguage: (request) => ipcRenderer.invoke(IPC_CHANNELS.setLanguage, request),
  reportActiveBundle: (bundle) => ipcRenderer.invoke(IPC_CHANNELS.reportActiveBundle, bundle),
  logError: (report) => ipcRenderer.invoke(IPC_CHANNELS.logError, report),
  saveSupportFile: () => ipcRenderer.invoke(IPC_CHANNELS.saveSupportFile),
  centerFetch: (request) => ipcRenderer.invoke(IPC_CHANNELS.centerFetch, request),
  installUpdate: () => ipcRenderer.invoke(IPC_CHANNELS.installUpdate),
  loadDeviceKey: (request) => ipcRenderer.invoke(IPC_CHANNELS.loadDeviceKey, request),
  saveDeviceKey: (request) => ipcRenderer.invoke(IPC_CHANNELS.saveDeviceKey, request),
  onMenuCommand: (listener) => {
    // Only the command's name reaches the page, never the IPC event object.
    const handler = (_event: unknown, command: unknown) => {
      if (typeof command === 'string' && MENU_COMMANDS.includes(command)) listener(command as MenuCommand);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, handler);
    };
  },
} satisfies PlatformApi);

contextBridge.exposeInMainWorld('precinctDesk', precinctDeskApi);
