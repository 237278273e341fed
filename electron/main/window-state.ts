/**
 * The main window's size, position and maximized state, kept in `<userData>/window-state.json`
 * between runs. The file is validated with zod (anything unexpected → defaults) and the bounds are
 * corrected against the displays present now (a monitor may have been unplugged since).
 */
import type { BrowserWindow } from 'electron';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const WINDOW_STATE_FILE = 'window-state.json';
export const MIN_WINDOW_WIDTH = 800;
export const MIN_WINDOW_HEIGHT = 600;
const MAX_DIMENSION = 16_384;
const MAX_COORDINATE = 100_000;
/** How much of the window's top strip (its title bar) must be on a display for it to count as visible. */
const MIN_VISIBLE_WIDTH = 100;
const TITLE_BAR_HEIGHT = 40;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const coordinate = z.number().int().min(-MAX_COORDINATE).max(MAX_COORDINATE);

export const windowStateSchema = z.object({
  x: coordinate.optional(),
  y: coordinate.optional(),
  width: z.number().int().min(MIN_WINDOW_WIDTH).max(MAX_DIMENSION),
  height: z.number().int().min(MIN_WINDOW_HEIGHT).max(MAX_DIMENSION),
  isMaximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export const DEFAULT_WINDOW_STATE: Readonly<WindowState> = Object.freeze({ width: 1280, height: 800, isMaximized: false });

/** The stored state, or the defaults when it is not a valid one. */
export function parseWindowState(raw: unknown): WindowState {
  const parsed = windowStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : { ...DEFAULT_WINDOW_STATE };
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

function clampSize(state: WindowState, area: Rect): { width: number; height: number } {
  return {
    width: Math.max(Math.min(state.width, area.width), Math.min(MIN_WINDOW_WIDTH, area.width)),
    height: Math.max(Math.min(state.height, area.height), Math.min(MIN_WINDOW_HEIGHT, area.height)),
  };
}

/**
 * Corrects `state` against the work areas of the displays (primary first). A window whose title
 * bar is not visible on any display loses its position (Electron then centres it); a visible one is
 * shrunk to its display and moved fully onto it. With no display information, the position is dropped.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return { width: state.width, height: state.height, isMaximized: state.isMaximized };
  if (state.x === undefined || state.y === undefined) {
    return { ...clampSize(state, primary), isMaximized: state.isMaximized };
  }
  const { x, y } = state;
  const host = workAreas.find(
    (area) =>
      overlap(x, x + state.width, area.x, area.x + area.width) >= MIN_VISIBLE_WIDTH &&
      overlap(y, y + TITLE_BAR_HEIGHT, area.y, area.y + area.height) >= TITLE_BAR_HEIGHT / 2,
  );
  if (!host) return { ...clampSize(state, primary), isMaximized: state.isMaximized };
  const size = clampSize(state, host);
  return {
    x: Math.min(Math.max(x, host.x), host.x + host.width - size.width),
    y: Math.min(Math.max(y, host.y), host.y + host.height - size.height),
    ...size,
    isMaximized: state.isMaximized,
  };
}

export function windowStatePath(userDataDir: string): string {
  return join(userDataDir, WINDOW_STATE_FILE);
}

/** Reads and corrects the saved state; a missing or broken file gives the defaults. */
export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    raw = undefined;
  }
  return fitToDisplays(parseWindowState(raw), workAreas);
}

/** Writes atomically (temporary file + rename), synchronously: it runs while the window closes. */
export function saveWindowState(file: string, state: WindowState): void {
  const valid = windowStateSchema.parse(state);
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(valid), 'utf8');
  renameSync(temporary, file);
}

export function currentWindowState(win: BrowserWindow): WindowState {
  const bounds = win.getNormalBounds();
  return parseWindowState({
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.round(bounds.width),
    height: Math.round(bounds.height),
    isMaximized: win.isMaximized(),
  });
}

/** Saves the window's state when it closes. */
export function trackWindowState(win: BrowserWindow, file: string): void {
  win.on('close', () => {
    try {
      saveWindowState(file, currentWindowState(win));
    } catch {
      console.error('Could not save the window position.');
    }
  });
}
