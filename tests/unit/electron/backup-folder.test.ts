import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildBackup } from '../../../shared/backup/backup-file';
import { IPC_CHANNELS } from '../../../shared/platform/api';
import { FakeWebContents, fakes, resetFakes } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { registerIpcHandlers } = await import('../../../electron/main/ipc');
const { BACKUP_GENERATIONS } = await import('../../../electron/main/backup-folder');
type BackupDeps = Parameters<typeof registerIpcHandlers>[1] & object;

/** An in-memory disk. */
let files: Map<string, string>;
let dialogAnswer: { canceled: boolean; filePaths: string[] };
let deps: BackupDeps;
let failWrites = false;

const event = (url = 'app://precinct-desk/sync') => ({ senderFrame: { url, parent: null }, sender: new FakeWebContents() });
const call = (channel: string, ev: unknown, ...args: unknown[]) => {
  const h = fakes.ipcHandlers.get(channel);
  if (!h) throw new Error(`no handler ${channel}`);
  return Promise.resolve().then(() => h(ev, ...args));
};

let backupText = '';
const name = (minute: number) => `precinct-desk-backup-20261205T09${String(minute).padStart(2, '0')}00Z.pdbackup`;

beforeEach(async () => {
  resetFakes();
  files = new Map();
  failWrites = false;
  dialogAnswer = { canceled: false, filePaths: ['/media/usb/УИК-9003'] };
  deps = {
    userDataDir: () => '/home/u/.config/precinct-desk',
    showOpenDialog: vi.fn(async () => dialogAnswer),
    readFile: async (p: string) => {
      const f = files.get(p);
      if (f === undefined) throw new Error('ENOENT');
      return f;
    },
    writeFile: vi.fn(async (p: string, d: string) => {
      if (failWrites) throw new Error('EIO /media/usb/УИК-9003 secret path');
      files.set(p, d);
    }),
    rename: async (a: string, b: string) => {
      files.set(b, files.get(a)!);
      files.delete(a);
    },
    readdir: async (dir: string) => [...files.keys()].filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1)),
    unlink: async (p: string) => {
      files.delete(p);
    },
    mkdir: async () => undefined,
  };
  registerIpcHandlers({ showSaveDialog: vi.fn(), writeFile: vi.fn(), documentsDir: () => null } as never, deps);
  if (!backupText) {
    const built = await buildBackup({ deviceId: 'd1', training: false, events: [], blobs: [], settings: {} }, 'пароль-комиссии', { createdAt: '2026-12-05T09:00:00.000Z', iterations: 100_000 });
    if (!built.ok) throw new Error(built.error.code);
    backupText = built.value;
  }
});

describe('backup folder over IPC', () => {
  it('without a chosen folder nothing is written; the chosen folder is kept in user data', async () => {
    expect(await call(IPC_CHANNELS.backupStatus, event())).toEqual({ available: true, folder: null });
    expect(await call(IPC_CHANNELS.writeBackup, event(), { name: name(0), data: backupText })).toEqual({ status: 'no-folder' });
    expect(await call(IPC_CHANNELS.chooseBackupFolder, event())).toEqual({ status: 'chosen', folder: '/media/usb/УИК-9003' });
    expect(JSON.parse(files.get('/home/u/.config/precinct-desk/backup-folder.json')!)).toEqual({ folder: '/media/usb/УИК-9003' });
    expect(await call(IPC_CHANNELS.backupStatus, event())).toEqual({ available: true, folder: '/media/usb/УИК-9003' });
    dialogAnswer = { canceled: true, filePaths: [] };
    expect(await call(IPC_CHANNELS.chooseBackupFolder, event())).toEqual({ status: 'cancelled' });
    expect(await call(IPC_CHANNELS.backupStatus, event())).toMatchObject({ folder: '/media/usb/УИК-9003' });
  });

  it(`writes through a temporary name and keeps ${BACKUP_GENERATIONS} generations, never touching other files`, async () => {
    await call(IPC_CHANNELS.chooseBackupFolder, event());
    files.set('/media/usb/УИК-9003/notes.txt', 'keep me');
    for (let m = 0; m < 8; m += 1) await call(IPC_CHANNELS.writeBackup, event(), { name: name(m), data: backupText });
    const left = [...files.keys()].filter((p) => p.startsWith('/media/usb/')).sort();
    expect(left).toEqual(['/media/usb/УИК-9003/notes.txt', ...[3, 4, 5, 6, 7].map((m) => `/media/usb/УИК-9003/${name(m)}`)]);
    expect(files.get(`/media/usb/УИК-9003/${name(7)}`)).toBe(backupText);
    expect(vi.mocked(deps.writeFile).mock.calls.some(([p]) => p.endsWith('.partial'))).toBe(true);
  });

  it('refuses other senders, other names, data that is not a backup and extra arguments; a failed write names no path', async () => {
    await call(IPC_CHANNELS.chooseBackupFolder, event());
    await expect(call(IPC_CHANNELS.writeBackup, event('https://evil.example/'), { name: name(1), data: backupText })).rejects.toThrow(/did not come from/u);
    await expect(call(IPC_CHANNELS.chooseBackupFolder, { senderFrame: { url: 'app://precinct-desk/', parent: {} }, sender: new FakeWebContents() })).rejects.toThrow();
    await expect(call(IPC_CHANNELS.writeBackup, event(), { name: '../../etc/passwd', data: backupText })).rejects.toThrow(/name/u);
    await expect(call(IPC_CHANNELS.writeBackup, event(), { name: name(1), data: '{"voters":[]}' })).rejects.toThrow(/not a backup/u);
    await expect(call(IPC_CHANNELS.writeBackup, event(), { name: name(1), data: backupText, path: '/tmp' })).rejects.toThrow();
    await expect(call(IPC_CHANNELS.writeBackup, event(), { name: name(1), data: backupText }, 2)).rejects.toThrow();
    expect([...files.keys()].filter((p) => p.startsWith('/media/'))).toEqual([]);
    failWrites = true;
    const failure = call(IPC_CHANNELS.writeBackup, event(), { name: name(1), data: backupText });
    await expect(failure).rejects.toThrow(/USB stick/u);
    await expect(failure).rejects.not.toThrow(/media|УИК/u);
  });
});
