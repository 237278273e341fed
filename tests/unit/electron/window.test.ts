import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, resetFakes } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { createMainWindow, mainWindowOptions } = await import('../../../electron/main/window');
const { devToolsAllowed, DEVTOOLS_ENV_FLAG } = await import('../../../electron/main/dev-tools');
const { buildMenuTemplate, installMenu } = await import('../../../electron/main/menu');
const { DEFAULT_WINDOW_STATE } = await import('../../../electron/main/window-state');

const PRELOAD = '/opt/precinct-desk/out/preload/index.cjs';

beforeEach(() => {
  resetFakes();
});

describe('main window options', () => {
  const options = mainWindowOptions({ preloadPath: PRELOAD, devTools: false, state: { ...DEFAULT_WINDOW_STATE } });
  const web = options.webPreferences ?? {};

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['spellcheck', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
    ['devTools', false],
  ] as const)('webPreferences.%s is %s', (key, value) => {
    expect(web[key]).toBe(value);
  });

  it('uses the built preload and enables no extra Blink features', () => {
    expect(web.preload).toBe(PRELOAD);
    expect(web.enableBlinkFeatures).toBeUndefined();
    expect(web.additionalArguments).toBeUndefined();
  });

  it('is hidden until ready and has a minimum size', () => {
    expect(options.show).toBe(false);
    expect(options.minWidth).toBeGreaterThanOrEqual(800);
    expect(options.minHeight).toBeGreaterThanOrEqual(600);
  });

  it('takes the saved bounds, or centres when there is no position', () => {
    const placed = mainWindowOptions({ preloadPath: PRELOAD, devTools: true, state: { x: 10, y: 20, width: 900, height: 700, isMaximized: false } });
    expect(placed).toMatchObject({ x: 10, y: 20, width: 900, height: 700 });
    expect(placed.webPreferences?.devTools).toBe(true);
    expect(options.center).toBe(true);
    expect(options.x).toBeUndefined();
  });
});

describe('createMainWindow', () => {
  it('loads app://precinct-desk/ and shows the window once ready', () => {
    const win = createMainWindow({ preloadPath: PRELOAD, devTools: false, state: { ...DEFAULT_WINDOW_STATE } }) as unknown as FakeBrowserWindow;
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(win.loadURL).toHaveBeenCalledExactlyOnceWith('app://precinct-desk/');
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledTimes(1);
    expect(win.maximize).not.toHaveBeenCalled();
  });

  it('restores the maximized state', () => {
    const win = createMainWindow({ preloadPath: PRELOAD, devTools: false, state: { ...DEFAULT_WINDOW_STATE, isMaximized: true } }) as unknown as FakeBrowserWindow;
    win.emit('ready-to-show');
    expect(win.maximize).toHaveBeenCalledTimes(1);
  });
});

describe('developer tools and the menu', () => {
  it('allows developer tools in unpackaged runs, or with the flag only', () => {
    expect(devToolsAllowed(false, {})).toBe(true);
    expect(devToolsAllowed(true, {})).toBe(false);
    expect(devToolsAllowed(true, { [DEVTOOLS_ENV_FLAG]: '0' })).toBe(false);
    expect(devToolsAllowed(true, { [DEVTOOLS_ENV_FLAG]: 'true' })).toBe(false);
    expect(devToolsAllowed(true, { [DEVTOOLS_ENV_FLAG]: '1' })).toBe(true);
  });

  function roles(template: ReturnType<typeof buildMenuTemplate>): string[] {
    return template.flatMap((item) => [
      String(item.role ?? ''),
      ...(Array.isArray(item.submenu) ? item.submenu.map((sub) => String(sub.role ?? '')) : []),
    ]);
  }

  it('a production menu has no developer tools and no reload', () => {
    const production = roles(buildMenuTemplate({ isMac: false, devTools: false }));
    expect(production).not.toContain('toggleDevTools');
    expect(production).not.toContain('reload');
    expect(production).not.toContain('forceReload');
    expect(production).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit']));
  });

  it('a development menu has developer tools', () => {
    expect(roles(buildMenuTemplate({ isMac: false, devTools: true }))).toContain('toggleDevTools');
    expect(roles(buildMenuTemplate({ isMac: true, devTools: false }))).toEqual(expect.arrayContaining(['hide', 'front', 'quit']));
  });

  it('installs the menu as the application menu', async () => {
    const { fakes } = await import('./fake-electron');
    installMenu({ isMac: false, devTools: false });
    expect(fakes.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
  });

  it('has a Training menu in the window\'s language whose entry sends the open-training command', () => {
    const sent: string[] = [];
    for (const [language, label, item] of [
      ['ky', 'Окуу', 'Окуу режими…'],
      ['ru', 'Обучение', 'Учебный режим…'],
      ['en', 'Training', 'Training mode…'],
    ] as const) {
      const menu = buildMenuTemplate({ isMac: false, devTools: false, language, onCommand: (c) => sent.push(c) }).find((m) => m.label === label);
      expect(menu, language).toBeDefined();
      const entry = (menu!.submenu as { id?: string; label?: string; click?: () => void }[])[0]!;
      expect(entry.label).toBe(item);
      entry.click?.();
    }
    expect(sent).toEqual(['open-training', 'open-training', 'open-training']);
    // Kyrgyz until the window says otherwise.
    expect(buildMenuTemplate({ isMac: false, devTools: false }).some((m) => m.label === 'Окуу')).toBe(true);
  });
});
