// The desktop conventions of the main process: the whole menu in ky/ru/en, About, the support file
// (versions, bundle, log; no personal data) and renderer error reports (electron/main/*.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { buildMenuTemplate } = await import('../../../electron/main/menu');
const { createDesktop, RENDERER_REPORTS_PER_MINUTE } = await import('../../../electron/main/desktop');
const { openRotatingLog } = await import('../../../electron/main/log');
const { mainWindowOptions } = await import('../../../electron/main/window');
const { installUpdate, logError, reportActiveBundle, saveSupportFile, IpcRequestError } = await import('../../../electron/main/ipc');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.type === 'separator' ? [] : [String(item.label)]),
    ...(Array.isArray(item.submenu) ? labels(item.submenu) : []),
  ]);
}

const HASH = 'ab12'.repeat(16);

function desktop(now = () => new Date('2026-12-06T01:30:00Z')) {
  const dir = mkdtempSync(join(tmpdir(), 'precinct-desk-desktop-'));
  dirs.push(dir);
  const log = openRotatingLog({ dir, now });
  const written = new Map<string, string>();
  const deps = {
    log,
    showMessageBox: vi.fn(async (_parent: unknown, _options: Electron.MessageBoxOptions) => ({ response: 0 })),
    showSaveDialog: vi.fn(async (_parent: unknown, _options: Electron.SaveDialogOptions) => ({ canceled: false, filePath: '/media/usb/support.txt' })),
    writeFile: vi.fn(async (path: string, data: string) => {
      written.set(path, data);
    }),
    documentsDir: () => '/home/gulnara/Documents',
    facts: () => ({
      appVersion: '0.1.0',
      build: 'abc1234567 2026-12-06',
      packaged: true,
      versions: { electron: '45.4.1', chrome: '142.0.0.0', node: '22.20.0' },
      os: { platform: 'win32', release: '10.0.22631', arch: 'x64' },
    }),
    now,
  };
  return { d: createDesktop(deps), deps, written, log };
}

describe('the application menu', () => {
  const expected = {
    ky: ['Файл', 'Түзөтүү', 'Көрүнүш', 'Окуу', 'Терезе', 'Жардам'],
    ru: ['Файл', 'Правка', 'Вид', 'Обучение', 'Окно', 'Справка'],
    en: ['File', 'Edit', 'View', 'Training', 'Window', 'Help'],
  } as const;

  it.each(['ky', 'ru', 'en'] as const)('is wholly in %s: every top menu and every item has a label of that language', (language) => {
    for (const isMac of [false, true]) {
      const template = buildMenuTemplate({ isMac, devTools: true, language });
      const top = template.map((item) => item.label);
      expect(top.slice(isMac ? 1 : 0)).toEqual(expected[language]);
      const all = labels(template);
      expect(all.every((label) => label !== 'undefined' && label.length > 0)).toBe(true);
      if (language !== 'en') {
        const english = labels(buildMenuTemplate({ isMac, devTools: true, language: 'en' }));
        // Only the product name may be the same in two languages.
        const same = all.filter((label, i) => label === english[i] && label !== 'Precinct Desk' && label !== 'Файл');
        expect(same, language).toEqual([]);
      }
    }
  });

  it('Help has About, "Save a support file" and "Install an update…"; the last sends the install-update command to the page', () => {
    const onAbout = vi.fn();
    const onSaveSupportFile = vi.fn();
    const onCommand = vi.fn();
    const help = buildMenuTemplate({ isMac: false, devTools: false, language: 'ru', onAbout, onSaveSupportFile, onCommand }).find((m) => m.id === 'help')!;
    const items = help.submenu as MenuItemConstructorOptions[];
    expect(items.map((i) => i.label)).toEqual(['О программе Precinct Desk', undefined, 'Сохранить файл для поддержки…', 'Установить обновление…']);
    items[0]!.click?.(undefined as never, undefined, undefined as never);
    items[2]!.click?.(undefined as never, undefined, undefined as never);
    items[3]!.click?.(undefined as never, undefined, undefined as never);
    expect(onAbout).toHaveBeenCalledTimes(1);
    expect(onSaveSupportFile).toHaveBeenCalledTimes(1);
    expect(onCommand).toHaveBeenCalledExactlyOnceWith('install-update');
    for (const [language, label] of [['ky', 'Жаңыртууну орнотуу…'], ['en', 'Install an update…']] as const) {
      for (const isMac of [false, true]) {
        const submenu = buildMenuTemplate({ isMac, devTools: false, language }).find((m) => m.id === 'help')!.submenu as MenuItemConstructorOptions[];
        expect(submenu.find((i) => i.id === 'install-update')?.label).toBe(label);
      }
    }
  });

  it('the window title is the translated one', () => {
    const state = { width: 1200, height: 800, isMaximized: false };
    expect(mainWindowOptions({ preloadPath: '/p', devTools: false, state }).title).toBe('Precinct Desk — участкалык шайлоо комиссиясы');
    expect(mainWindowOptions({ preloadPath: '/p', devTools: false, state, language: 'ru' }).title).toBe('Precinct Desk — участковая избирательная комиссия');
  });
});

describe('About', () => {
  it('shows version, build, the active bundle version and hash, in the UI language', () => {
    const { d } = desktop();
    expect(d.aboutOptions().detail).toContain('Шайлоо пакети: жүктөлгөн эмес');
    d.setLanguage('ru');
    d.setBundle({ version: 3, hash: HASH });
    const about = d.aboutOptions();
    expect(about.title).toBe('О программе Precinct Desk');
    expect(about.detail).toContain('Версия: 0.1.0');
    expect(about.detail).toContain('Сборка: abc1234567 2026-12-06');
    expect(about.detail).toContain(`Пакет выборов: версия 3, хеш ${HASH}`);
    expect(about.detail).toContain('Electron 45.4.1, Chromium 142.0.0.0');
  });
});

describe('the support file', () => {
  it('holds the versions, the bundle and the log, and no personal data', async () => {
    const { d, deps, written, log } = desktop();
    d.setBundle({ version: 3, hash: HASH });
    d.setLanguage('ky');
    log.info('app', 'start', { version: '0.1.0' });
    d.logRendererError({ kind: 'error', name: 'TypeError', message: 'no voter "Асанова Гүлнара" (PIN 21203198700123, asanova@mail.kg)', stack: 'at x (app://precinct-desk/assets/index.js:1:200)' });
    await expect(d.saveSupportFile(null)).resolves.toEqual({ status: 'saved', fileName: 'support.txt' });
    expect(deps.showSaveDialog.mock.calls[0]![1].defaultPath).toBe('/home/gulnara/Documents/precinct-desk-support-20261206T013000Z.txt');
    const text = written.get('/media/usb/support.txt')!;
    for (const line of ['app: 0.1.0 (build abc1234567 2026-12-06)', 'electron: 45.4.1', 'chrome: 142.0.0.0', 'os: win32 10.0.22631 x64', 'language: ky', `election bundle: version 3, sha256 ${HASH}`]) {
      expect(text).toContain(line);
    }
    expect(text).toContain('[renderer] error name="TypeError"');
    expect(text).toContain('index.js:1:200');
    for (const secret of ['Асанова', 'Гүлнара', '21203198700123', 'asanova', 'gulnara', 'Documents']) expect(text).not.toContain(secret);
    expect(deps.showMessageBox.mock.calls.at(-1)![1].message).toBe('Колдоо кызматы үчүн файл сакталды: support.txt');
  });

  it('a cancelled dialog writes nothing; a failed write is told and logged', async () => {
    const { d, deps, written } = desktop();
    deps.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await expect(d.saveSupportFile(null)).resolves.toEqual({ status: 'cancelled' });
    expect(written.size).toBe(0);
    deps.writeFile.mockRejectedValueOnce(new Error('EROFS'));
    d.setLanguage('en');
    await expect(d.saveSupportFile(null)).resolves.toEqual({ status: 'cancelled' });
    expect(deps.showMessageBox.mock.calls.at(-1)![1].message).toMatch(/could not be written/u);
  });
});

describe('renderer error reports', () => {
  it('are rate-limited, the excess counted in one line', () => {
    let t = Date.parse('2026-12-06T01:30:00Z');
    const { d, log } = desktop(() => new Date(t));
    for (let i = 0; i < RENDERER_REPORTS_PER_MINUTE + 10; i += 1) d.logRendererError({ kind: 'error', name: 'Error', message: `e${i}` });
    t += 61_000;
    d.logRendererError({ kind: 'unhandledrejection', name: 'Error', message: 'later' });
    const text = log.tail(1_000_000);
    expect(text.match(/\[renderer\] error /gu)).toHaveLength(RENDERER_REPORTS_PER_MINUTE);
    expect(text).toContain('reports dropped (too many in a minute) count=10');
    expect(text).toContain('[renderer] unhandledrejection name="Error" message="later"');
  });

  const trusted = { senderFrame: { parent: null, url: 'app://precinct-desk/' }, sender: {} } as never;
  const stranger = { senderFrame: { parent: null, url: 'https://evil.example/' }, sender: {} } as never;

  it('the channels take only checked payloads from the app window', async () => {
    const channels = {
      onActiveBundle: vi.fn(),
      onRendererError: vi.fn(),
      saveSupportFile: vi.fn(async () => ({ status: 'cancelled' as const })),
      installUpdate: vi.fn(async () => ({ status: 'refused' as const, code: 'bad-signature' as const })),
    };
    logError(trusted, [{ kind: 'error', name: 'E', message: 'm' }], channels);
    expect(channels.onRendererError).toHaveBeenCalledTimes(1);
    for (const bad of [
      [{ kind: 'error', name: 'E', message: 'm', voter: 'x' }],
      [{ kind: 'debug', name: 'E', message: 'm' }],
      [{ kind: 'error', name: 'E', message: 'm'.repeat(2001) }],
      [{ kind: 'error', name: 'E', message: 'm' }, 'extra'],
      [],
    ]) {
      expect(() => logError(trusted, bad, channels)).toThrow(IpcRequestError);
    }
    expect(() => logError(stranger, [{ kind: 'error', name: 'E', message: 'm' }], channels)).toThrow(IpcRequestError);
    reportActiveBundle(trusted, [{ version: 2, hash: HASH }], channels);
    expect(() => reportActiveBundle(trusted, [{ version: 2, hash: 'not-a-hash' }], channels)).toThrow(IpcRequestError);
    expect(() => reportActiveBundle(trusted, [{ version: 0, hash: null }], channels)).toThrow(IpcRequestError);
    expect(channels.onActiveBundle).toHaveBeenCalledExactlyOnceWith({ version: 2, hash: HASH });
    await expect(saveSupportFile(trusted, [], channels)).resolves.toEqual({ status: 'cancelled' });
    await expect(saveSupportFile(trusted, [{ path: '/etc/passwd' }], channels)).rejects.toThrow(IpcRequestError);
    await expect(saveSupportFile(stranger, [], channels)).rejects.toThrow(IpcRequestError);
    expect(channels.saveSupportFile).toHaveBeenCalledTimes(1);
  });

  it('installUpdate takes no argument (the page never names a folder) and answers only how it ended', async () => {
    const channels = {
      onActiveBundle: vi.fn(),
      onRendererError: vi.fn(),
      saveSupportFile: vi.fn(),
      installUpdate: vi.fn(async () => ({ status: 'refused' as const, code: 'bad-signature' as const })),
    };
    await expect(installUpdate(trusted, [], channels)).resolves.toEqual({ status: 'refused', code: 'bad-signature' });
    await expect(installUpdate(trusted, ['/media/usb/update'], channels)).rejects.toThrow(IpcRequestError);
    await expect(installUpdate(trusted, [{ folder: '/media/usb/update' }], channels)).rejects.toThrow(IpcRequestError);
    await expect(installUpdate(stranger, [], channels)).rejects.toThrow(IpcRequestError);
    expect(channels.installUpdate).toHaveBeenCalledTimes(1);
    channels.installUpdate.mockResolvedValueOnce({ status: 'installing', path: '/home/u/x.exe' } as never);
    await expect(installUpdate(trusted, [], channels)).rejects.toThrow();
  });
});
