/**
 * The preload (sandboxed, CommonJS): exposes `window.precinctDesk` and nothing else. Each method
 * invokes its one fixed channel; no ipcRenderer, no generic invoke, no event objects reach the page.
 * The main process validates every payload again (electron/main/ipc.ts).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { PlatformApi } from '../../shared/platform/api';
import { IPC_CHANNELS } from '../../shared/platform/channels';

export const precinctDeskApi: PlatformApi = Object.freeze({
  getAppInfo: () => ipcRenderer.invoke(IPC_CHANNELS.getAppInfo),
  saveFile: (request) => ipcRenderer.invoke(IPC_CHANNELS.saveFile, request),
  printToPdf: (request) => ipcRenderer.invoke(IPC_CHANNELS.printToPdf, request),
} satisfies PlatformApi);

contextBridge.exposeInMainWorld('precinctDesk', precinctDeskApi);
