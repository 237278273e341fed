/**
 * Electron main process: wiring only. Each concern lives in its own module.
 */
import { app, BrowserWindow, screen, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MENU_COMMAND_CHANNEL } from '../../shared/platform/channels';
import type { MenuCommand } from '../../shared/platform/api';
import { devToolsAllowed } from './dev-tools';
import { registerIpcHandlers } from './ipc';
import { installMenu } from './menu';
import { installAppProtocol, registerAppScheme } from './protocol';
import { hardenSession, installSecurity } from './security';
import { claimSingleInstance } from './single-instance';
import { createMainWindow } from './window';
import { loadWindowState, trackWindowState, windowStatePath, type Rect } from './window-state';

// Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/index.html.
const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '..', 'renderer');
const preloadPath = join(here, '..', 'preload', 'index.cjs');

let mainWindow: BrowserWindow | null = null;

function displayWorkAreas(): Rect[] {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id);
  return [primary, ...others].map((display) => display.workArea);
}

function openMainWindow(): BrowserWindow {
  const stateFile = windowStatePath(app.getPath('userData'));
  const win = createMainWindow({
    preloadPath,
    devTools: devToolsAllowed(app.isPackaged, process.env),
    state: loadWindowState(stateFile, displayWorkAreas()),
  });
  trackWindowState(win, stateFile);
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  return win;
}

function start(): void {
  hardenSession(session.defaultSession);
  installAppProtocol(rendererDir);
  const menu = {
    isMac: process.platform === 'darwin',
    devTools: devToolsAllowed(app.isPackaged, process.env),
    onCommand: (command: MenuCommand) => mainWindow?.webContents.send(MENU_COMMAND_CHANNEL, command),
  };
  registerIpcHandlers(undefined, undefined, (language) => installMenu({ ...menu, language }));
  installMenu(menu);
  mainWindow = openMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = openMainWindow();
  });
}

// Before `ready`: privileged scheme, sandbox for every renderer, hooks for every webContents.
registerAppScheme();
app.enableSandbox();
installSecurity();

if (claimSingleInstance(() => mainWindow)) {
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(start)
    .catch(() => {
      console.error('Precinct Desk could not start.');
      app.exit(1);
    });
}
