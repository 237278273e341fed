// The wiring of electron/main/index.ts when this is the first instance.
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../shared/platform/api';
import { FakeBrowserWindow, fakes } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

describe('main process start-up (first instance)', () => {
  it('registers the scheme, sandbox and hooks before ready, then serves the app in a hardened window', async () => {
    let ready: () => void = () => undefined;
    fakes.app.whenReady.mockImplementation(() => new Promise<void>((resolve) => (ready = resolve)));
    await import('../../../electron/main/index');

    // Before ready
    expect(fakes.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(fakes.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(fakes.app.listenerCount('web-contents-created')).toBe(1);
    expect(fakes.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(fakes.app.listenerCount('second-instance')).toBe(1);
    expect(fakes.protocol.handle).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);

    ready();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    expect(fakes.protocol.handle).toHaveBeenCalledTimes(1);
    expect(fakes.protocol.handle.mock.calls[0]?.[0]).toBe('app');
    expect([...fakes.ipcHandlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
    expect(fakes.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(fakes.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);

    const win = FakeBrowserWindow.instances[0];
    const web = win?.options.webPreferences as Record<string, unknown>;
    expect(web).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(web.preload)).toMatch(/preload[\\/]index\.cjs$/u);
    expect(win?.loadURL).toHaveBeenCalledWith('app://precinct-desk/');
    expect(fakes.app.quit).not.toHaveBeenCalled();
  });
});
