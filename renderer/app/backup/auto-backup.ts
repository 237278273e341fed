/**
 * Automatic backups (Electron, a chosen folder): once the commission has typed its passphrase in
 * this window, the state is backed up to the folder every `AUTO_BACKUP_MINUTES` minutes. The
 * passphrase stays in this window's memory only: after a restart it must be typed again (the panel
 * says so), so it is never on the laptop's disk next to the data it protects.
 */
import { MIN_PASSPHRASE_LENGTH, type BackupProblem } from '../../../shared/backup/backup-file';
import { platform } from '../../platform';

export const AUTO_BACKUP_MINUTES = 5;

export type AutoBackupState =
  | { kind: 'off' }
  | { kind: 'on'; last: { at: string; name: string } | null; error: BackupProblem | 'write-failed' | 'no-folder' | null };

let passphrase: string | null = null;
let timer: ReturnType<typeof setInterval> | null = null;
let state: AutoBackupState = { kind: 'off' };
const listeners = new Set<(s: AutoBackupState) => void>();

function set(next: AutoBackupState): void {
  state = next;
  for (const l of listeners) l(state);
}

export function autoBackupState(): AutoBackupState {
  return state;
}

export function onAutoBackup(listener: (s: AutoBackupState) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** One backup to the chosen folder now; the result is also the panel's state. */
export async function backupToFolder(): Promise<AutoBackupState> {
  if (passphrase === null) return state;
  const last = state.kind === 'on' ? state.last : null;
  // Loaded when a backup is made, not with the window: it brings the import worker's client and its
  // message schemas, which the desk's start does not need (issue 19: reload → desk).
  // (Loaded again at the next backup if its load failed: the window's server gone, in a browser.)
  let made: Awaited<ReturnType<typeof import('./backup-actions').makeBackup>>;
  try {
    made = await (await import('./backup-actions')).makeBackup(passphrase);
  } catch {
    set({ kind: 'on', last, error: 'write-failed' });
    return state;
  }
  if (!made.ok) {
    set({ kind: 'on', last, error: made.error });
    return state;
  }
  try {
    // Main takes the backup as text (its channel's schema): read from the worker's file here.
    const written = await platform.writeBackup({ name: made.value.name, data: await made.value.file.text() });
    set(written.status === 'written' ? { kind: 'on', last: { at: new Date().toISOString(), name: written.name }, error: null } : { kind: 'on', last, error: 'no-folder' });
  } catch {
    set({ kind: 'on', last, error: 'write-failed' });
  }
  return state;
}

/** Keeps the passphrase for this window and backs up now and every few minutes. */
export async function startAutoBackup(secret: string): Promise<AutoBackupState | BackupProblem> {
  if (secret.length < MIN_PASSPHRASE_LENGTH) return { code: 'weak-passphrase', min: MIN_PASSPHRASE_LENGTH };
  passphrase = secret;
  if (timer === null) timer = setInterval(() => void backupToFolder(), AUTO_BACKUP_MINUTES * 60_000);
  return backupToFolder();
}
