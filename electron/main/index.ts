/**
 * Electron main process: wiring only. Each concern lives in its own module.
 */
import { app, BrowserWindow, dialog, screen, session, shell } from 'electron';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MENU_COMMAND_CHANNEL } from '../../shared/platform/channels';
import type { MenuCommand } from '../../shared/platform/api';
import { BUILD_ID, UPDATE_PUBLIC_KEY } from './build-info';
import { electronDeviceKeys } from './device-key';
import { electronCenterGate } from './center-gate';
import { createCrashHandlers, installCrashHandlers } from './crash';
import { createDesktop } from './desktop';
import { devToolsAllowed } from './dev-tools';
import { electronIpcDependencies, registerIpcHandlers } from './ipc';
import { openRotatingLog, scrubLogText } from './log';
import { installMenu } from './menu';
import { installAppProtocol, registerAppScheme } from './protocol';
import { hardenSession, installSecurity } from './security';
import { claimSingleInstance } from './single-instance';
import { nodePackageFiles, releaseKey } from './update-package';
import { createUpdater } from './updater';
import { createMainWindow, windowTitle } from './window';
import { loadWindowState, trackWindowState, windowStatePath, type Rect } from './window-state';

// Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/index.html.
const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '..', 'renderer');
const preloadPath = join(here, '..', 'preload', 'index.cjs');

let mainWindow: BrowserWindow | null = null;

// The log and the crash handlers come first, so that nothing later goes unlogged.
const log = openRotatingLog({ dir: join(app.getPath('userData'), 'logs') });
const showMessageBox: Parameters<typeof createCrashHandlers>[0]['showMessageBox'] = (parent, options) =>
  parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options);
const desktop = createDesktop({
  log,
  showMessageBox,
  showSaveDialog: electronIpcDependencies.showSaveDialog,
  writeFile: (path, data) => writeFile(path, data, 'utf8'),
  documentsDir: electronIpcDependencies.documentsDir,
  facts: () => ({
    appVersion: app.getVersion(),
    build: BUILD_ID,
    packaged: app.isPackaged,
    versions: { electron: process.versions.electron ?? '?', chrome: process.versions.chrome ?? '?', node: process.versions.node },
    os: { platform: process.platform, release: release(), arch: process.arch },
  }),
  now: () => new Date(),
});
const crash = createCrashHandlers({
  log,
  language: desktop.language,
  mainWindow: () => mainWindow,
  showMessageBox,
  quit: () => app.quit(),
});
installCrashHandlers(app, process, crash);

/** Starts the verified, staged installer: detached on Windows (it outlives the app it replaces), the OS's opener elsewhere. */
function runInstaller(path: string): Promise<void> {
  if (process.platform !== 'win32') {
    return shell.openPath(path).then((message) => {
      if (message !== '') throw new Error('the installer could not be opened');
    });
  }
  return new Promise((resolve, reject) => {
    const child = spawn(path, [], { detached: true, stdio: 'ignore' });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
const updater = createUpdater({
  log,
  language: desktop.language,
  publicKey: releaseKey(UPDATE_PUBLIC_KEY),
  runningVersion: app.getVersion(),
  files: nodePackageFiles(join(app.getPath('userData'), 'update-staging')),
  showOpenDialog: (parent, options) => (parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options)),
  showMessageBox,
  runInstaller,
  quit: () => app.quit(),
});
log.info('app', 'start', {
  version: app.getVersion(),
  build: BUILD_ID,
  electron: process.versions.electron,
  platform: process.platform,
  arch: process.arch,
  packaged: app.isPackaged,
});

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
    language: desktop.language(),
  });
  trackWindowState(win, stateFile);
  crash.watchWindow(win);
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
    onAbout: () => void desktop.showAbout(mainWindow),
    onSaveSupportFile: () => void desktop.saveSupportFile(mainWindow),
  };
  registerIpcHandlers(
    undefined,
    undefined,
    (language) => {
      desktop.setLanguage(language);
      installMenu({ ...menu, language });
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.setTitle(windowTitle(language));
    },
    {
      onActiveBundle: desktop.setBundle,
      onRendererError: desktop.logRendererError,
      saveSupportFile: desktop.saveSupportFile,
      installUpdate: updater.install,
    },
    electronCenterGate(() => app.getPath('userData'), () => mainWindow, desktop.language),
    electronDeviceKeys(() => app.getPath('userData')),
  );
  installMenu({ ...menu, language: desktop.language() });
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
  app.on('will-quit', () => log.info('app', 'quit'));
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('app', 'could not start', { message: error instanceof Error ? scrubLogText(error.message, 500) : null });
      console.error('Precinct Desk could not start.');
      app.exit(1);
    });
}
