// Crash and hang handling in the main process (electron/main/crash.ts): logged, and a reload offered.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { FakeBrowserWindow, FakeEmitter } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { createCrashHandlers, installCrashHandlers } = await import('../../../electron/main/crash');
const { openRotatingLog } = await import('../../../electron/main/log');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup(language: 'ky' | 'ru' | 'en' = 'ky', response = 0) {
  const dir = mkdtempSync(join(tmpdir(), 'precinct-desk-crash-'));
  dirs.push(dir);
  const log = openRotatingLog({ dir });
  const win = new FakeBrowserWindow();
  const contents = Object.assign(win.webContents, { reload: vi.fn(), isDestroyed: vi.fn(() => false), forcefullyCrashRenderer: vi.fn() });
  const showMessageBox = vi.fn(async (_parent: unknown, _options: Electron.MessageBoxOptions) => ({ response }));
  const quit = vi.fn();
  const handlers = createCrashHandlers({
    log,
    language: () => language,
    mainWindow: () => win as unknown as BrowserWindow,
    showMessageBox,
    quit,
  });
  const text = () => readFileSync(join(dir, 'main.log'), 'utf8');
  return { handlers, win, contents, showMessageBox, quit, text };
}

describe('crash handlers', () => {
  it('are registered on the app and the process', () => {
    const { handlers } = setup();
    const app = new FakeEmitter();
    const proc = new EventEmitter();
    installCrashHandlers(app, proc, handlers);
    expect(app.listenerCount('render-process-gone')).toBe(1);
    expect(app.listenerCount('child-process-gone')).toBe(1);
    expect(proc.listenerCount('uncaughtException')).toBe(1);
    expect(proc.listenerCount('unhandledRejection')).toBe(1);
  });

  it('a crashed renderer is logged and a reload is offered in the UI language; Reload reloads the window', async () => {
    const { handlers, contents, showMessageBox, text } = setup('ru', 0);
    const app = new FakeEmitter();
    installCrashHandlers(app, new EventEmitter(), handlers);
    app.emit('render-process-gone', {}, contents, { reason: 'crashed', exitCode: 139 });
    await vi.waitFor(() => expect(contents.reload).toHaveBeenCalledTimes(1));
    const options = showMessageBox.mock.calls[0]![1];
    expect(options.message).toBe('Окно перестало работать');
    expect(options.buttons).toEqual(['Перезагрузить', 'Выйти']);
    expect(text()).toMatch(/ERROR \[crash\] render process gone reason="crashed" exitCode=139/u);
    expect(text()).toContain('window reloaded by the user');
  });

  it('Quit quits; a clean exit is logged without a dialog', async () => {
    const { handlers, contents, showMessageBox, quit, text } = setup('ky', 1);
    await handlers.onRenderProcessGone(contents as never, { reason: 'oom', exitCode: -1 });
    expect(quit).toHaveBeenCalledTimes(1);
    expect(showMessageBox.mock.calls[0]![1].message).toBe('Терезе иштебей калды');
    showMessageBox.mockClear();
    await handlers.onRenderProcessGone(contents as never, { reason: 'clean-exit', exitCode: 0 });
    expect(showMessageBox).not.toHaveBeenCalled();
    expect(text()).toContain('INFO  [crash] render process gone reason="clean-exit"');
  });

  it('a gone child process (GPU) is logged only', () => {
    const { handlers, showMessageBox, text } = setup();
    const app = new FakeEmitter();
    installCrashHandlers(app, new EventEmitter(), handlers);
    app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 9 });
    expect(showMessageBox).not.toHaveBeenCalled();
    expect(text()).toMatch(/WARN {2}\[crash\] child process gone type="GPU" reason="crashed" exitCode=9/u);
  });

  it('an uncaught error in main is logged with its stack, masked, and a reload is offered', async () => {
    const { handlers, contents, showMessageBox, text } = setup('en', 0);
    const proc = new EventEmitter();
    installCrashHandlers(new FakeEmitter(), proc, handlers);
    const error = new TypeError('cannot read "Асанова Гүлнара" PIN 21203198700123');
    error.stack = 'TypeError: cannot read\n    at f (C:\\Users\\Gulnara\\app\\index.js:3:4)';
    proc.emit('uncaughtException', error);
    proc.emit('unhandledRejection', new Error('second'));
    await vi.waitFor(() => expect(contents.reload).toHaveBeenCalledTimes(1));
    // One dialog at a time: the second failure is logged only.
    expect(showMessageBox).toHaveBeenCalledTimes(1);
    expect(showMessageBox.mock.calls[0]![1].buttons).toEqual(['Reload', 'Continue']);
    const logged = text();
    expect(logged).toMatch(/ERROR \[main\] uncaughtException name="TypeError"/u);
    expect(logged).toMatch(/ERROR \[main\] unhandledRejection name="Error" message="second"/u);
    expect(logged).toContain('index.js:3:4');
    for (const secret of ['Асанова', '21203198700123', 'Gulnara']) expect(logged).not.toContain(secret);
  });

  it('a hung window is logged, Wait/Reload offered, and the offer withdrawn when it answers again', async () => {
    const { handlers, win, showMessageBox, text } = setup('ky');
    let signal: AbortSignal | undefined;
    showMessageBox.mockImplementation(
      (_parent, options) =>
        new Promise((resolve) => {
          signal = options.signal;
          options.signal?.addEventListener('abort', () => resolve({ response: 0 }));
        }),
    );
    handlers.watchWindow(win as unknown as BrowserWindow);
    win.emit('unresponsive');
    win.emit('unresponsive');
    expect(showMessageBox).toHaveBeenCalledTimes(1);
    expect(showMessageBox.mock.calls[0]![1].buttons).toEqual(['Күтүү', 'Кайра жүктөө']);
    win.emit('responsive');
    expect(signal?.aborted).toBe(true);
    expect(text()).toMatch(/WARN {2}\[hang\] window unresponsive[\s\S]*INFO {2}\[hang\] window responsive again/u);
  });

  it('Reload on a hung window ends the renderer and loads the page again', async () => {
    const { handlers, win, contents } = setup('en', 1);
    handlers.watchWindow(win as unknown as BrowserWindow);
    win.emit('unresponsive');
    await vi.waitFor(() => expect(contents.reload).toHaveBeenCalledTimes(1));
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
  });
});
