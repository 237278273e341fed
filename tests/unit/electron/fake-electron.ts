/**
 * Small fakes of the Electron APIs the main process and the preload use. Electron's binary is not
 * available to unit tests: every test file does
 *   vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
 * and inspects `fakes`. The fakes live on globalThis so that `vi.resetModules()` keeps one set.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';

type Listener = (...args: never[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export interface PermissionHandlers {
  request?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
  check?: (contents: unknown, permission: string, origin: string, details: unknown) => boolean;
  device?: (details: unknown) => boolean;
}

export class FakeSession {
  readonly handlers: PermissionHandlers = {};
  setPermissionRequestHandler = vi.fn((handler: PermissionHandlers['request']) => {
    this.handlers.request = handler;
  });
  setPermissionCheckHandler = vi.fn((handler: PermissionHandlers['check']) => {
    this.handlers.check = handler;
  });
  setDevicePermissionHandler = vi.fn((handler: PermissionHandlers['device']) => {
    this.handlers.device = handler;
  });
}

export class FakeWebContents extends FakeEmitter {
  session = new FakeSession();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler;
  });
  printToPDF = vi.fn(async (_options: unknown) => Buffer.from('%PDF-1.7 fake'));
}

export class FakeBrowserWindow extends FakeEmitter {
  static instances: FakeBrowserWindow[] = [];
  static fromWebContents = vi.fn((_contents: unknown): FakeBrowserWindow | null => null);
  static getAllWindows = vi.fn(() => FakeBrowserWindow.instances.filter((w) => !w.destroyed));

  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  visible = false;
  maximized = false;
  normalBounds = { x: 10, y: 20, width: 1024, height: 700 };
  loadURL = vi.fn(async (_url: string) => undefined);
  show = vi.fn(() => {
    this.visible = true;
  });
  focus = vi.fn();
  restore = vi.fn(() => {
    this.minimized = false;
  });
  maximize = vi.fn(() => {
    this.maximized = true;
  });
  isDestroyed = vi.fn(() => this.destroyed);
  isMinimized = vi.fn(() => this.minimized);
  isVisible = vi.fn(() => this.visible);
  isMaximized = vi.fn(() => this.maximized);
  getNormalBounds = vi.fn(() => this.normalBounds);

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    FakeBrowserWindow.instances.push(this);
  }
}

/**
 * Electron's safeStorage as the OS key store would act: text in, bytes out that only this
 * "account" (`secret`) turns back into the text (AES-256-GCM here). `secret` changed = another
 * user or machine; `available`/`backend` = what the machine offers.
 */
function fakeSafeStorage() {
  const state = { secret: randomBytes(32), available: true, backend: 'gnome_libsecret' };
  return {
    state,
    isEncryptionAvailable: vi.fn(() => state.available),
    getSelectedStorageBackend: vi.fn(() => state.backend),
    encryptString: vi.fn((text: string): Buffer => {
      if (!state.available) throw new Error('Encryption is not available.');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', state.secret, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from('v10'), iv, cipher.getAuthTag(), body]);
    }),
    decryptString: vi.fn((data: Buffer): string => {
      if (data.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      const decipher = createDecipheriv('aes-256-gcm', state.secret, data.subarray(3, 15));
      decipher.setAuthTag(data.subarray(15, 31));
      return Buffer.concat([decipher.update(data.subarray(31)), decipher.final()]).toString('utf8');
    }),
  };
}

function createFakes() {
  const app = Object.assign(new FakeEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
    enableSandbox: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    getVersion: vi.fn(() => '0.1.0'),
    getName: vi.fn(() => 'precinct-desk'),
    // A folder of the test machine's temp dir: the main process writes its log under userData.
    getPath: vi.fn((name: string) => join(tmpdir(), 'precinct-desk-fake-electron', name)),
  });
  const ipcHandlers = new Map<string, (...args: unknown[]) => unknown>();
  return {
    app,
    ipcHandlers,
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn(),
    },
    ipcMain: {
      handle: vi.fn((channel: string, handler: (...args: unknown[]) => unknown) => {
        ipcHandlers.set(channel, handler);
      }),
    },
    dialog: {
      showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
    },
    shell: { openExternal: vi.fn(async (_url: string) => undefined) },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown) => ({ template })),
      setApplicationMenu: vi.fn(),
    },
    session: { defaultSession: new FakeSession() },
    screen: {
      getPrimaryDisplay: vi.fn(() => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } })),
      getAllDisplays: vi.fn(() => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }]),
    },
    contextBridge: { exposeInMainWorld: vi.fn() },
    safeStorage: fakeSafeStorage(),
    ipcRenderer: {
      invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true })),
      on: vi.fn((_channel: string, _listener: (...args: unknown[]) => void) => undefined),
      removeListener: vi.fn((_channel: string, _listener: (...args: unknown[]) => void) => undefined),
    },
  };
}

export type Fakes = ReturnType<typeof createFakes>;

const store = globalThis as typeof globalThis & { __precinctDeskElectronFakes?: Fakes };
export const fakes: Fakes = (store.__precinctDeskElectronFakes ??= createFakes());

/** Clears recorded calls and state between tests (keeps the same objects). */
export function resetFakes(): void {
  const fresh = createFakes();
  vi.clearAllMocks();
  fakes.app.listeners.clear();
  fakes.app.isPackaged = false;
  fakes.app.requestSingleInstanceLock.mockImplementation(() => true);
  fakes.ipcHandlers.clear();
  fakes.session.defaultSession = fresh.session.defaultSession;
  Object.assign(fakes.safeStorage.state, { secret: randomBytes(32), available: true, backend: 'gnome_libsecret' });
  FakeBrowserWindow.instances = [];
  FakeBrowserWindow.fromWebContents.mockImplementation(() => null);
}

export const electronModule = {
  app: fakes.app,
  protocol: fakes.protocol,
  ipcMain: fakes.ipcMain,
  dialog: fakes.dialog,
  net: { fetch: (...args: Parameters<typeof fetch>) => fetch(...args) },
  shell: fakes.shell,
  Menu: fakes.Menu,
  session: fakes.session,
  screen: fakes.screen,
  contextBridge: fakes.contextBridge,
  safeStorage: fakes.safeStorage,
  ipcRenderer: fakes.ipcRenderer,
  BrowserWindow: FakeBrowserWindow,
};
