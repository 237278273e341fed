/**
 * Backup and restore of the laptop's whole local state (see `shared/backup/backup-file.ts`).
 * Making a backup reads the database (in the import worker); restoring replaces it only after the
 * file was decrypted and every check passed (there too), in one transaction.
 */
import { backupFileName, MIN_PASSPHRASE_LENGTH, type BackupProblem, type BackupSummary, type RestorableState } from '../../../shared/backup/backup-file';
import { ImportWorker } from '../../features/voters/import/import-client';
import { err, ok, type Result } from '../../../shared/util/result';
import { saveBlob } from '../../platform';
import { TRAINING } from '../mode';
import { databaseName, restoreEventLog, thisDeviceId } from '../../core';

/** Local-storage entries that belong to the laptop, not to this window's session or mode. */
const NOT_BACKED_UP = new Set(['precinct-desk.mode']);

function readSettings(): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i);
    if (!key || !/^precinct-desk\.[A-Za-z0-9._-]{1,80}$/u.test(key) || NOT_BACKED_UP.has(key)) continue;
    const value = localStorage.getItem(key);
    if (value !== null && value.length <= 100_000) out[key] = value;
  }
  return out;
}

/**
 * The encrypted backup of the current state, with the file name it is saved under. Made in the
 * import worker (issue 19: the log and lists read, the state's JSON, its encryption and the file's
 * text took seconds of the UI thread at 100,000 voters): this window gives what only it knows —
 * its database, device id, mode and settings.
 */
export async function makeBackup(passphrase: string, now = new Date()): Promise<Result<{ name: string; file: Blob; events: number }, BackupProblem>> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) return err({ code: 'weak-passphrase', min: MIN_PASSPHRASE_LENGTH });
  const worker = new ImportWorker(() => undefined);
  try {
    const made = await worker.makeBackup({ type: 'make-backup', database: databaseName(), deviceId: await thisDeviceId(), training: TRAINING, settings: readSettings(), passphrase, createdAt: now.toISOString() });
    if (!made.ok) return made;
    return ok({ name: backupFileName(now), file: made.value.file, events: made.value.events });
  } finally {
    worker.terminate();
  }
}

/** Browser fallback (and "save a copy elsewhere" in Electron): the backup as a file the user saves. */
export async function downloadBackup(passphrase: string): Promise<Result<{ name: string; events: number } | null, BackupProblem>> {
  const made = await makeBackup(passphrase);
  if (!made.ok) return made;
  const saved = await saveBlob({ suggestedName: made.value.name, mimeType: 'application/json' }, made.value.file);
  return ok(saved.status === 'saved' ? { name: saved.fileName, events: made.value.events } : null);
}

export interface CheckedBackup {
  state: RestorableState;
  summary: BackupSummary;
}

/**
 * Decrypts and verifies, in the import worker (issue 19: reading, checking, hashing and packing a
 * 100,000-voter list here froze the window for seconds); nothing is touched. Its voter lists come
 * back packed as the laptop stores them, under the same hashes.
 */
export async function checkBackup(file: Blob, passphrase: string): Promise<Result<CheckedBackup, BackupProblem>> {
  const worker = new ImportWorker(() => undefined);
  try {
    return await worker.readBackup(file, passphrase, TRAINING);
  } finally {
    worker.terminate();
  }
}

/**
 * Replaces the whole local state by a checked backup. `asNewDevice`: the laptop takes a fresh
 * device id and keeps the old log as another device's (the old laptop may still be alive and
 * push its own chain); otherwise it continues the backup's chain under the same id.
 */
export async function restoreBackup(checked: CheckedBackup, asNewDevice: boolean): Promise<void> {
  const deviceId = asNewDevice ? crypto.randomUUID() : checked.state.deviceId;
  await restoreEventLog(checked.state.events, checked.state.blobs, deviceId);
  for (const [key, value] of Object.entries(checked.state.settings)) {
    if (!NOT_BACKED_UP.has(key)) localStorage.setItem(key, value);
  }
}
