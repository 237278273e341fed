/**
 * The automatic backup (issue 21): once the passphrase is typed, the whole state goes to the chosen
 * folder at once and every AUTO_BACKUP_MINUTES minutes. The window's real database (fake-indexeddb)
 * and the real backup file are used, made by the import worker's session (run in this process); only
 * the Electron bridge (`platform`, main's folder writer) is replaced by a recorder, and only
 * setInterval runs on a fake clock.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readBackup } from '../../../../shared/backup/backup-file';
import { ImportSession } from '../../../../renderer/features/voters/import/import-session';
import { readLogIn } from '../../../../renderer/core/import-store';

const bridge = vi.hoisted(() => ({
  writes: [] as { name: string; data: string }[],
  answer: 'written' as 'written' | 'no-folder' | 'fails',
}));

vi.mock('../../../../renderer/platform', () => ({
  platform: {
    async writeBackup(request: { name: string; data: string }) {
      if (bridge.answer === 'fails') throw new Error('the stick was pulled out');
      bridge.writes.push(request);
      return bridge.answer === 'written' ? { status: 'written', name: request.name } : { status: 'no-folder' };
    },
  },
}));

/** A browser's local storage (node has none): the settings a backup carries are read from it. */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  key(i: number): string | null {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}

/** The import worker, run in this process (node has no Worker): the backup is made by its session, as in the app. */
class InProcessWorker {
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: unknown = null;
  onmessageerror: unknown = null;
  private readonly session = new ImportSession((m) => queueMicrotask(() => this.onmessage?.({ data: structuredClone(m) })), {
    activeList: async () => [],
    issued: async () => new Set(),
    stage: async () => true,
    log: readLogIn,
  });
  postMessage(m: unknown): void {
    void this.session.handle(structuredClone(m));
  }
  terminate(): void {}
}

const PASS = 'сейфтеги сырсөз 7';
const MINUTE = 60_000;

describe('automatic backups to the chosen folder', () => {
  beforeAll(() => {
    vi.stubGlobal('localStorage', new MemoryStorage());
    vi.stubGlobal('Worker', InProcessWorker);
    localStorage.setItem('precinct-desk.language', 'ru');
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  });
  afterAll(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('a short passphrase starts nothing; a good one backs up at once, then every 5 minutes, a full backup each time; a failed write is told and the next one recovers', { timeout: 60_000 }, async () => {
    const { AUTO_BACKUP_MINUTES, autoBackupState, startAutoBackup } = await import('../../../../renderer/app/backup/auto-backup');
    expect(AUTO_BACKUP_MINUTES).toBe(5);

    expect(await startAutoBackup('short')).toEqual({ code: 'weak-passphrase', min: 8 });
    await vi.advanceTimersByTimeAsync(15 * MINUTE);
    expect(bridge.writes).toHaveLength(0);
    expect(autoBackupState()).toEqual({ kind: 'off' });

    const first = await startAutoBackup(PASS);
    expect(bridge.writes).toHaveLength(1);
    expect(first).toMatchObject({ kind: 'on', error: null, last: { name: bridge.writes[0]!.name } });
    expect(bridge.writes[0]!.name).toMatch(/^precinct-desk-backup-\d{8}T\d{6}Z\.pdbackup$/u);
    // What is written is a whole backup of this window's state, readable with the passphrase.
    const read = await readBackup(bridge.writes[0]!.data, PASS, false);
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.value.state.settings).toEqual({ 'precinct-desk.language': 'ru' });

    // Not before the five minutes are up; then once.
    await vi.advanceTimersByTimeAsync(AUTO_BACKUP_MINUTES * MINUTE - 1);
    expect(bridge.writes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(bridge.writes).toHaveLength(2), { timeout: 20_000 });

    // The stick is pulled out: told in the state, the last good backup kept; the next tick writes again.
    bridge.answer = 'fails';
    await vi.advanceTimersByTimeAsync(AUTO_BACKUP_MINUTES * MINUTE);
    await vi.waitFor(() => expect(autoBackupState()).toMatchObject({ kind: 'on', error: 'write-failed', last: { name: bridge.writes[1]!.name } }), { timeout: 20_000 });
    bridge.answer = 'written';
    await vi.advanceTimersByTimeAsync(AUTO_BACKUP_MINUTES * MINUTE);
    await vi.waitFor(() => expect(bridge.writes).toHaveLength(3), { timeout: 20_000 });
    await vi.waitFor(() => expect(autoBackupState()).toMatchObject({ kind: 'on', error: null }), { timeout: 20_000 });

    // Typing the passphrase again starts no second timer: still one backup per 5 minutes.
    await startAutoBackup(PASS);
    expect(bridge.writes).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(AUTO_BACKUP_MINUTES * MINUTE);
    await vi.waitFor(() => expect(bridge.writes).toHaveLength(5), { timeout: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(bridge.writes).toHaveLength(5);
  });
});
