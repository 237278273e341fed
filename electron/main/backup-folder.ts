/**
 * Automatic backups to a folder the commission chose (a USB stick): the main process keeps the
 * folder in `<userData>/backup-folder.json`, writes each backup next to it under a temporary name
 * and renames it into place (a pulled stick leaves no half file under a backup's name), and keeps
 * the newest `BACKUP_GENERATIONS` backup files, deleting only files named as backups.
 *
 * The renderer never names a path: it asks to choose a folder (a dialog in main) and hands over a
 * backup's text under a backup file name; both are checked with zod, and the text must read as a
 * backup header (`readBackupHeader`), so this channel cannot write arbitrary files.
 */
import { BrowserWindow, dialog, type IpcMainInvokeEvent, type OpenDialogOptions } from 'electron';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { generationsToDelete, readBackupHeader } from '../../shared/backup/backup-file';
import {
  backupStatusSchema,
  chooseBackupFolderResultSchema,
  writeBackupRequestSchema,
  writeBackupResultSchema,
  type BackupStatus,
  type ChooseBackupFolderResult,
  type WriteBackupResult,
} from '../../shared/platform/api';

export const BACKUP_GENERATIONS = 5;
export const BACKUP_FOLDER_FILE = 'backup-folder.json';

export interface BackupFolderDependencies {
  userDataDir(): string;
  showOpenDialog(parent: BrowserWindow | null, options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  readFile(path: string): Promise<string>;
  writeFile(path: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  unlink(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
}

export function electronBackupDependencies(userDataDir: () => string): BackupFolderDependencies {
  return {
    userDataDir,
    showOpenDialog: (parent, options) => (parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options)),
    readFile: (path) => readFile(path, 'utf8'),
    writeFile: (path, data) => writeFile(path, data, 'utf8'),
    rename,
    readdir: (path) => readdir(path),
    unlink,
    mkdir: async (path) => {
      await mkdir(path, { recursive: true });
    },
  };
}

const configSchema = z.object({ folder: z.string().min(1).max(4096) }).strict();

export class BackupRequestError extends Error {
  override name = 'BackupRequestError';
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender'>;

export async function readBackupFolder(deps: BackupFolderDependencies): Promise<string | null> {
  try {
    const parsed = configSchema.safeParse(JSON.parse(await deps.readFile(join(deps.userDataDir(), BACKUP_FOLDER_FILE))));
    return parsed.success && isAbsolute(parsed.data.folder) ? parsed.data.folder : null;
  } catch {
    return null;
  }
}

export async function backupStatus(deps: BackupFolderDependencies, args: readonly unknown[]): Promise<BackupStatus> {
  if (args.length !== 0) throw new BackupRequestError('Refused backupStatus: it takes no arguments.');
  return backupStatusSchema.parse({ available: true, folder: await readBackupFolder(deps) });
}

export async function chooseBackupFolder(deps: BackupFolderDependencies, event: SenderEvent, args: readonly unknown[]): Promise<ChooseBackupFolderResult> {
  if (args.length !== 0) throw new BackupRequestError('Refused chooseBackupFolder: it takes no arguments.');
  const parent = BrowserWindow.fromWebContents(event.sender as Electron.WebContents) ?? null;
  const choice = await deps.showOpenDialog(parent, { properties: ['openDirectory', 'createDirectory'] });
  const folder = choice.filePaths[0];
  if (choice.canceled || !folder) return { status: 'cancelled' };
  if (!isAbsolute(folder)) throw new BackupRequestError('The folder dialog returned an unusable path.');
  await deps.mkdir(deps.userDataDir());
  await deps.writeFile(join(deps.userDataDir(), BACKUP_FOLDER_FILE), JSON.stringify({ folder }));
  return chooseBackupFolderResultSchema.parse({ status: 'chosen', folder });
}

export async function writeBackup(deps: BackupFolderDependencies, args: readonly unknown[]): Promise<WriteBackupResult> {
  if (args.length !== 1) throw new BackupRequestError(`Refused writeBackup: expected exactly one request object, got ${args.length} arguments.`);
  const parsed = writeBackupRequestSchema.safeParse(args[0]);
  if (!parsed.success) throw new BackupRequestError(`Refused writeBackup: ${parsed.error.issues.map((i) => i.path.join('.') || 'request').join(', ')}.`);
  const header = readBackupHeader(parsed.data.data);
  if (!header.ok) throw new BackupRequestError(`Refused writeBackup: the data is not a backup (${header.error.code}).`);
  const folder = await readBackupFolder(deps);
  if (!folder) return { status: 'no-folder' };
  const target = join(folder, parsed.data.name);
  const partial = `${target}.partial`;
  try {
    await deps.writeFile(partial, parsed.data.data);
    await deps.rename(partial, target);
  } catch {
    // No path in the message: it can contain the user's name.
    throw new BackupRequestError('Could not write the backup (is the USB stick in, is there free space?).');
  }
  let removed = 0;
  try {
    for (const old of generationsToDelete(await deps.readdir(folder), BACKUP_GENERATIONS)) {
      await deps.unlink(join(folder, old));
      removed += 1;
    }
  } catch {
    // The new backup is written; an old generation left behind is harmless.
  }
  return writeBackupResultSchema.parse({ status: 'written', name: parsed.data.name, removed });
}
