import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakes, resetFakes } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { claimSingleInstance, focusWindow } = await import('../../../electron/main/single-instance');
type Win = Parameters<typeof focusWindow>[0];

beforeEach(() => {
  resetFakes();
});

describe('single instance', () => {
  it('quits when another instance holds the lock', () => {
    fakes.app.requestSingleInstanceLock.mockReturnValue(false);
    expect(claimSingleInstance(() => null)).toBe(false);
    expect(fakes.app.quit).toHaveBeenCalledTimes(1);
    expect(fakes.app.listenerCount('second-instance')).toBe(0);
  });

  it('keeps running with the lock and focuses the existing window on a second launch', () => {
    const win = new FakeBrowserWindow();
    win.minimized = true;
    win.visible = false;
    expect(claimSingleInstance(() => win as unknown as Win & object)).toBe(true);
    expect(fakes.app.quit).not.toHaveBeenCalled();
    fakes.app.emit('second-instance', {}, ['precinct-desk', '--evil'], '/tmp', {});
    expect(win.restore).toHaveBeenCalledTimes(1);
    expect(win.show).toHaveBeenCalledTimes(1);
    expect(win.focus).toHaveBeenCalledTimes(1);
  });

  it('does not restore or show a window that is already up, but focuses it', () => {
    const win = new FakeBrowserWindow();
    win.visible = true;
    focusWindow(win as unknown as Win);
    expect(win.restore).not.toHaveBeenCalled();
    expect(win.show).not.toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalledTimes(1);
  });

  it('ignores a second launch when no window exists or it was destroyed', () => {
    const win = new FakeBrowserWindow();
    win.destroyed = true;
    expect(() => focusWindow(null)).not.toThrow();
    focusWindow(win as unknown as Win);
    expect(win.focus).not.toHaveBeenCalled();
  });
});
