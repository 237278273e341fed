import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, resetFakes } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  loadWindowState,
  parseWindowState,
  saveWindowState,
  trackWindowState,
  windowStatePath,
} = await import('../../../electron/main/window-state');
type Win = Parameters<typeof trackWindowState>[0];

const FULL_HD = { x: 0, y: 0, width: 1920, height: 1040 };
const RIGHT_SCREEN = { x: 1920, y: 0, width: 1280, height: 1000 };
const LAPTOP = { x: 0, y: 0, width: 1366, height: 728 };

let dir: string;
beforeEach(() => {
  resetFakes();
  dir = mkdtempSync(join(tmpdir(), 'precinct-window-state-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('parseWindowState', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'maximized'],
    ['an array', [1, 2, 3]],
    ['a width that is a string', { width: '1200', height: 800 }],
    ['NaN', { width: Number.NaN, height: 800 }],
    ['Infinity', { width: Number.POSITIVE_INFINITY, height: 800 }],
    ['a negative size', { width: -1200, height: 800 }],
    ['a tiny size', { width: 10, height: 10 }],
    ['a huge size', { width: 1e9, height: 800 }],
    ['fractions', { width: 1200.5, height: 800 }],
    ['a crazy position', { x: 1e12, y: 0, width: 1200, height: 800 }],
    ['isMaximized as text', { width: 1200, height: 800, isMaximized: 'yes' }],
  ])('gives the defaults for %s', (_what, raw) => {
    expect(parseWindowState(raw)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('keeps a valid state', () => {
    expect(parseWindowState({ x: -1900, y: 40, width: 1200, height: 800, isMaximized: true })).toEqual({
      x: -1900,
      y: 40,
      width: 1200,
      height: 800,
      isMaximized: true,
    });
  });
});

describe('fitToDisplays', () => {
  it('keeps a window that is on screen', () => {
    const state = { x: 100, y: 80, width: 1200, height: 800, isMaximized: false };
    expect(fitToDisplays(state, [FULL_HD])).toEqual(state);
  });

  it('keeps a window on the second display', () => {
    const state = { x: 2000, y: 50, width: 1000, height: 800, isMaximized: false };
    expect(fitToDisplays(state, [FULL_HD, RIGHT_SCREEN])).toEqual(state);
  });

  it('drops the position of a window whose display is gone (it will be centred)', () => {
    const fitted = fitToDisplays({ x: 2000, y: 50, width: 1000, height: 800, isMaximized: true }, [FULL_HD]);
    expect(fitted).toEqual({ width: 1000, height: 800, isMaximized: true });
  });

  it.each([
    ['far left', { x: -5000, y: 100 }],
    ['far below', { x: 100, y: 5000 }],
    ['title bar above the screen', { x: 100, y: -700 }],
    ['only a sliver visible', { x: 1900, y: 100 }],
  ])('drops the position of a window %s', (_what, position) => {
    const fitted = fitToDisplays({ ...position, width: 1000, height: 800, isMaximized: false }, [FULL_HD]);
    expect(fitted.x).toBeUndefined();
    expect(fitted.y).toBeUndefined();
  });

  it('moves a partly visible window fully onto its display and shrinks it to fit', () => {
    const fitted = fitToDisplays({ x: 900, y: 300, width: 1600, height: 1000, isMaximized: false }, [LAPTOP]);
    expect(fitted).toEqual({ x: 0, y: 0, width: 1366, height: 728, isMaximized: false });
  });

  it('shrinks an oversized window without a position to the primary display', () => {
    expect(fitToDisplays({ width: 3000, height: 2000, isMaximized: false }, [LAPTOP, FULL_HD])).toEqual({
      width: 1366,
      height: 728,
      isMaximized: false,
    });
  });

  it('drops the position when nothing is known about the displays', () => {
    expect(fitToDisplays({ x: 10, y: 10, width: 1000, height: 800, isMaximized: false }, [])).toEqual({
      width: 1000,
      height: 800,
      isMaximized: false,
    });
  });
});

describe('the window-state file', () => {
  it('round-trips through userData/window-state.json', () => {
    const file = windowStatePath(dir);
    expect(file).toBe(join(dir, 'window-state.json'));
    saveWindowState(file, { x: 40, y: 30, width: 1100, height: 760, isMaximized: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 40, y: 30, width: 1100, height: 760, isMaximized: true });
    expect(loadWindowState(file, [FULL_HD])).toEqual({ x: 40, y: 30, width: 1100, height: 760, isMaximized: true });
  });

  it.each([
    ['missing', null],
    ['not JSON', '{"width": 12'],
    ['JSON of the wrong shape', '{"width":"wide","height":[]}'],
    ['a prototype-pollution attempt', '{"__proto__":{"polluted":true},"width":5,"height":5}'],
  ])('gives the defaults when the file is %s', (_what, content) => {
    const file = windowStatePath(dir);
    if (content !== null) writeFileSync(file, content);
    expect(loadWindowState(file, [FULL_HD])).toEqual(DEFAULT_WINDOW_STATE);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('corrects saved off-screen bounds on load', () => {
    const file = windowStatePath(dir);
    writeFileSync(file, JSON.stringify({ x: 4000, y: 4000, width: 1200, height: 800, isMaximized: false }));
    expect(loadWindowState(file, [FULL_HD])).toEqual({ width: 1200, height: 800, isMaximized: false });
  });

  it('refuses to save an invalid state', () => {
    expect(() => saveWindowState(windowStatePath(dir), { width: -1, height: 2, isMaximized: false })).toThrow();
  });

  it('saves the normal bounds and maximized flag when the window closes', () => {
    const win = new FakeBrowserWindow();
    win.normalBounds = { x: 12, y: 34, width: 1111, height: 777 };
    win.maximized = true;
    const file = windowStatePath(dir);
    trackWindowState(win as unknown as Win, file);
    win.emit('close');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 12, y: 34, width: 1111, height: 777, isMaximized: true });
  });
});
