// Help → Install an update…: the folder dialog, the verification, the translated refusal or the
// confirm dialog, the installer and the quit; one at a time; the log names codes, never paths.
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openRotatingLog } from '../../../electron/main/log';
import type { PackageFiles, ReadResult } from '../../../electron/main/update-package';
import { createUpdater } from '../../../electron/main/updater';

const pair = generateKeyPairSync('ed25519');
const installer = Buffer.from('MZ installer 0.2.0');
const hash = createHash('sha512').update(installer).digest('base64');
const NAME = 'Precinct-Desk-Setup-0.2.0.exe';
const FOLDER = '/media/gulnara/УИК-9003 Асанова/update';

/** An in-memory package folder on a stick; staging copies into `staged`. */
function stick(yml = `version: 0.2.0\nfiles:\n  - url: ${NAME}\n    sha512: ${hash}\n    size: ${installer.length}\npath: ${NAME}\n`, signWith = pair.privateKey): PackageFiles & { staged: Map<string, Buffer> } {
  const disk = new Map<string, Buffer>([
    ['latest.yml', Buffer.from(yml)],
    ['latest.yml.sig', Buffer.from(sign(null, Buffer.from(yml), signWith).toString('base64'))],
    [NAME, installer],
  ]);
  const staged = new Map<string, Buffer>();
  return {
    staged,
    read: async (_folder, name, max): Promise<ReadResult> => {
      const bytes = disk.get(name);
      if (!bytes) return { status: 'missing' };
      return bytes.length > max ? { status: 'too-large' } : { status: 'ok', bytes };
    },
    stage: async (_folder, name) => {
      const bytes = disk.get(name);
      if (!bytes) return null;
      staged.set(`/staging/${name}`, Buffer.from(bytes));
      return `/staging/${name}`;
    },
    size: async (path) => staged.get(path)!.length,
    sha512: async (path) => createHash('sha512').update(staged.get(path)!).digest('base64'),
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup(options: { files?: PackageFiles; language?: 'ky' | 'ru' | 'en'; publicKey?: typeof pair.publicKey | null; dialog?: { canceled: boolean; filePaths: string[] }; answer?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'precinct-desk-updater-'));
  dirs.push(dir);
  const log = openRotatingLog({ dir });
  const deps = {
    log,
    language: () => options.language ?? 'en',
    publicKey: options.publicKey === undefined ? pair.publicKey : options.publicKey,
    runningVersion: '0.1.0',
    files: options.files ?? stick(),
    showOpenDialog: vi.fn(async () => options.dialog ?? { canceled: false, filePaths: [FOLDER] }),
    showMessageBox: vi.fn(async (_parent: unknown, _options: Electron.MessageBoxOptions) => ({ response: options.answer ?? 0 })),
    runInstaller: vi.fn(async (_path: string) => undefined),
    quit: vi.fn(),
  };
  return { updater: createUpdater(deps), deps, log };
}

describe('createUpdater().install', () => {
  it('a cancelled folder dialog does nothing', async () => {
    const { updater, deps } = setup({ dialog: { canceled: true, filePaths: [] } });
    await expect(updater.install(null)).resolves.toEqual({ status: 'cancelled' });
    expect(deps.showMessageBox).not.toHaveBeenCalled();
    expect(deps.runInstaller).not.toHaveBeenCalled();
  });

  it('a refused package is told in the UI language with its reason; nothing runs; the log has the code, not the path', async () => {
    const { updater, deps, log } = setup({ files: stick(undefined, generateKeyPairSync('ed25519').privateKey), language: 'ru' });
    await expect(updater.install(null)).resolves.toEqual({ status: 'refused', code: 'bad-signature' });
    const shown = deps.showMessageBox.mock.calls[0]![1];
    expect(shown.message).toBe('Обновление не установлено');
    expect(shown.detail).toMatch(/^Подпись не сходится/u);
    expect(deps.runInstaller).not.toHaveBeenCalled();
    expect(deps.quit).not.toHaveBeenCalled();
    const text = log.tail(100_000);
    expect(text).toContain('code="bad-signature"');
    for (const secret of ['gulnara', 'Асанова', 'УИК-9003', '/media']) expect(text).not.toContain(secret);
  });

  it('without a release key built in, every package is refused with that reason (in Kyrgyz by default)', async () => {
    const { updater, deps } = setup({ publicKey: null, language: 'ky' });
    await expect(updater.install(null)).resolves.toEqual({ status: 'refused', code: 'no-key' });
    expect(deps.showMessageBox.mock.calls[0]![1].detail).toMatch(/чыгаруу ачкычы жок/u);
  });

  it('a verified package asks with the version; yes starts the staged installer and quits', async () => {
    const files = stick();
    const { updater, deps, log } = setup({ files });
    await expect(updater.install(null)).resolves.toEqual({ status: 'installing', version: '0.2.0' });
    const confirm = deps.showMessageBox.mock.calls[0]![1];
    expect(confirm.message).toBe('Install Precinct Desk 0.2.0? (now 0.1.0)');
    expect(confirm.buttons).toEqual(['Install and restart', 'Cancel']);
    expect(deps.runInstaller).toHaveBeenCalledExactlyOnceWith(`/staging/${NAME}`);
    expect(deps.quit).toHaveBeenCalledTimes(1);
    expect(log.tail(100_000)).toContain('installer started; quitting version="0.2.0"');
  });

  it('no to the confirm runs nothing', async () => {
    const { updater, deps } = setup({ answer: 1 });
    await expect(updater.install(null)).resolves.toEqual({ status: 'cancelled' });
    expect(deps.runInstaller).not.toHaveBeenCalled();
    expect(deps.quit).not.toHaveBeenCalled();
  });

  it('an installer that cannot start is told, and the app stays open', async () => {
    const { updater, deps, log } = setup();
    deps.runInstaller.mockRejectedValueOnce(new Error(`spawn EACCES ${FOLDER}`));
    await expect(updater.install(null)).resolves.toEqual({ status: 'failed' });
    expect(deps.quit).not.toHaveBeenCalled();
    expect(deps.showMessageBox.mock.calls.at(-1)![1].message).toMatch(/could not be started/u);
    expect(log.tail(100_000)).not.toContain('EACCES');
  });

  it('a second install while one runs is refused as busy; after it ends another may start', async () => {
    const { updater, deps } = setup();
    let release: (value: { canceled: boolean; filePaths: string[] }) => void = () => undefined;
    deps.showOpenDialog.mockImplementationOnce(() => new Promise((resolve) => (release = resolve)));
    const first = updater.install(null);
    await expect(updater.install(null)).resolves.toEqual({ status: 'busy' });
    release({ canceled: true, filePaths: [] });
    await expect(first).resolves.toEqual({ status: 'cancelled' });
    expect(deps.showOpenDialog).toHaveBeenCalledTimes(1);
    await expect(updater.install(null)).resolves.toEqual({ status: 'installing', version: '0.2.0' });
  });
});
