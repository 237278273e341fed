// The wiring of electron/main/index.ts when another instance already runs.
import { describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakes } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

describe('main process start-up (second instance)', () => {
  it('quits without creating a window or serving anything', async () => {
    fakes.app.requestSingleInstanceLock.mockReturnValue(false);
    await import('../../../electron/main/index');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fakes.app.quit).toHaveBeenCalledTimes(1);
    expect(fakes.app.whenReady).not.toHaveBeenCalled();
    expect(fakes.protocol.handle).not.toHaveBeenCalled();
    expect(fakes.ipcMain.handle).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});
