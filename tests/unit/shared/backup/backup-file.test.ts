import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { blobRecords } from '../../../support/list-blob';
import { describe, expect, it } from 'vitest';
import { backupFileName, buildBackup, generationsToDelete, readBackup, readBackupHeader, type BackupState } from '../../../../shared/backup/backup-file';
import { fromBase64Url, toBase64Url } from '../../../../shared/sync/base64url';
import { computeEventHash, GENESIS_HASH, verifyChains, type StoredEvent } from '../../../../shared/events/envelope';
import { generateVoters } from '../../../../shared/voters/generate';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import { CommandBus } from '../../../../renderer/core/command';
import { activateGeneratedList } from '../../../../renderer/core/activate-list';
import { issueBallot } from '../../../../renderer/core/ballot-actions';

const PASS = 'сейфтеги сырсөз 7';
const FAST = { createdAt: '2026-12-05T09:00:00.000Z', iterations: 100_000 };

async function sample() {
  const db = new PrecinctDatabase(`backup-${Math.random()}`);
  const store = new EventStore(db);
  const ctx = { electionId: 'e', bundleHash: null, precinct: 9001, actor: 'm3' };
  const list = await activateGeneratedList(new CommandBus(store, Date.now), 40, 9001, '2026-12-05', ctx);
  const voters = generateVoters(40, 9001);
  for (const v of voters.slice(0, 3)) await issueBallot(store, { voterId: v.id, page: v.page, row: v.row }, list.payload.listHash, ctx);
  const state: BackupState = {
    deviceId: await store.deviceId(),
    training: false,
    events: await store.allEvents(),
    blobs: (await db.blobs.toArray()).map((b) => ({ hash: b.hash, kind: b.kind, data: blobRecords(b.data) })),
    settings: { 'precinct-desk.language': 'ru', 'precinct-desk.operator': 'm3' },
  };
  return { db, store, state, voters, listHash: list.payload.listHash };
}

async function encrypt(state: BackupState): Promise<string> {
  const built = await buildBackup(state, PASS, FAST);
  if (!built.ok) throw new Error(built.error.code);
  return built.value;
}

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

describe('backup files', () => {
  it('round trip: the restored database has the same log, ballots and device, and its chain goes on', async () => {
    const { db, state, voters, listHash } = await sample();
    const text = await encrypt(state);
    expect(text).not.toContain(voters[0]!.surname);
    const read = await readBackup(text, PASS, false);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.summary).toMatchObject({ events: 4, ownEvents: 4, devices: 1, deviceId: state.deviceId });
    expect(read.value.state.settings).toEqual(state.settings);
    const other = new PrecinctDatabase(`backup-other-${Math.random()}`);
    const store = new EventStore(other);
    await other.meta.put({ key: 'device', deviceId: 'somebody-else' });
    await store.restoreAll(read.value.state.events, read.value.state.blobs, read.value.state.deviceId);
    expect(await store.deviceId()).toBe(state.deviceId);
    expect(await other.voterStatus.count()).toBe(3);
    // The list stored as the backed-up laptop stored it (packed, issue 19), though the file carries its records.
    expect(await other.blobs.toArray()).toEqual(await db.blobs.toArray());
    const v = voters[3]!;
    const next = await issueBallot(store, { voterId: v.id, page: v.page, row: v.row }, listHash, { electionId: 'e', bundleHash: null, precinct: 9001, actor: 'm3' });
    expect(next.seq).toBe(5);
    expect(next.prevHash).toBe(state.events.at(-1)!.hash);
  });

  it('as a new device: a fresh id, the old log kept under the old id', async () => {
    const { state, voters, listHash } = await sample();
    const other = new PrecinctDatabase(`backup-new-${Math.random()}`);
    const store = new EventStore(other);
    await store.restoreAll(state.events, state.blobs, 'new-device-id');
    const v = voters[5]!;
    const next = await issueBallot(store, { voterId: v.id, page: v.page, row: v.row }, listHash, { electionId: 'e', bundleHash: null, precinct: 9001, actor: 'm3' });
    expect(next).toMatchObject({ deviceId: 'new-device-id', seq: 1 });
    expect(await other.events.where('deviceId').equals(state.deviceId).count()).toBe(4);
  });

  it('a wrong passphrase, or any altered byte of the ciphertext or the header, is refused', async () => {
    const { state } = await sample();
    const text = await encrypt(state);
    expect(code(await readBackup(text, 'not the passphrase', false))).toBe('cannot-decrypt');
    const file = JSON.parse(text) as { ciphertext: string; createdAt: string; deviceId: string };
    const bytes = fromBase64Url(file.ciphertext)!;
    bytes[Math.floor(bytes.length / 2)]! ^= 1;
    expect(code(await readBackup(JSON.stringify({ ...file, ciphertext: toBase64Url(bytes) }), PASS, false))).toBe('cannot-decrypt');
    expect(code(await readBackup(JSON.stringify({ ...file, createdAt: '2026-12-05T10:00:00.000Z' }), PASS, false))).toBe('cannot-decrypt');
    expect(code(await readBackup(JSON.stringify({ ...file, deviceId: 'x' }), PASS, false))).toBe('cannot-decrypt');
  });

  it('a properly encrypted state with an altered event, list or missing list is refused', async () => {
    const { state } = await sample();
    const altered = structuredClone(state);
    (altered.events[2]!.payload as { row: number }).row += 1;
    expect(code(await readBackup(await encrypt(altered), PASS, false))).toBe('broken-chain');
    const removed = structuredClone(state);
    removed.events.splice(1, 1);
    expect(code(await readBackup(await encrypt(removed), PASS, false))).toBe('broken-chain');
    const list = structuredClone(state);
    (list.blobs[0]!.data[0] as { surname: string }).surname = 'Башка';
    expect(code(await readBackup(await encrypt(list), PASS, false))).toBe('list-mismatch');
    expect(code(await readBackup(await encrypt({ ...state, blobs: [] }), PASS, false))).toBe('list-missing');
    const bad = structuredClone(state) as unknown as { events: unknown[] };
    bad.events[1] = { nonsense: true };
    expect(code(await readBackup(await encrypt(bad as unknown as BackupState), PASS, false))).toBe('invalid-event');
    const twice = structuredClone(state);
    twice.events.push(twice.events[0]!);
    expect(code(await readBackup(await encrypt(twice), PASS, false))).toBe('invalid-event');
    expect(code(await readBackup(await encrypt({ ...state, settings: { 'other.key': 'x' } }), PASS, false))).toBe('invalid-state');
  });

  it('refuses other files, a newer format, the other mode and a short passphrase', async () => {
    const { state } = await sample();
    const text = await encrypt(state);
    expect(code(readBackupHeader('{'))).toBe('not-json');
    expect(code(readBackupHeader('{"format":"precinct-desk/training-state"}'))).toBe('not-a-backup');
    expect(code(readBackupHeader(text.replace('"formatVersion":1', '"formatVersion":2')))).toBe('newer-format');
    expect(code(readBackupHeader(text.replace('"iterations":100000', '"iterations":10')))).toBe('invalid-file');
    expect(code(await readBackup(text, PASS, true))).toBe('wrong-mode');
    expect(code(await buildBackup(state, 'short', FAST))).toBe('weak-passphrase');
  });

  it('names files by time and keeps the newest generations', () => {
    expect(backupFileName(new Date('2026-12-05T09:05:07.123Z'))).toBe('precinct-desk-backup-20261205T090507Z.pdbackup');
    const names = ['precinct-desk-backup-20261205T090000Z.pdbackup', 'notes.txt', 'precinct-desk-backup-20261205T091000Z.pdbackup', 'precinct-desk-backup-20261205T080000Z.pdbackup'];
    expect(generationsToDelete(names, 2)).toEqual(['precinct-desk-backup-20261205T080000Z.pdbackup']);
    expect(generationsToDelete(names, 5)).toEqual([]);
  });
});

describe('a backup made by a newer version', () => {
  /** The events hashed and chained again after a change, as the newer version that wrote them would have. */
  async function rechain(events: StoredEvent[]): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    for (const e of events) {
      const prev = out.filter((x) => x.deviceId === e.deviceId).at(-1);
      const unhashed = { ...e, prevHash: prev?.hash ?? GENESIS_HASH } as Partial<StoredEvent>;
      delete unhashed.hash;
      out.push({ ...unhashed, hash: await computeEventHash(unhashed as StoredEvent) } as StoredEvent);
    }
    return out;
  }

  it('is restored whole when its events carry fields this version does not know: kept, chain verified, ballots marked', async () => {
    const { state } = await sample();
    const newer = structuredClone(state);
    const issued = newer.events.findIndex((e) => e.type === 'BallotIssued');
    (newer.events[issued]!.payload as Record<string, unknown>).ballotSerial = 'A-0017';
    newer.events = await rechain(newer.events);
    const read = await readBackup(await encrypt(newer), PASS, false);
    if (!read.ok) throw new Error(read.error.code);
    const other = new PrecinctDatabase(`backup-newer-${Math.random()}`);
    const store = new EventStore(other);
    await store.restoreAll(read.value.state.events, read.value.state.blobs, read.value.state.deviceId);
    expect(await other.voterStatus.count()).toBe(3);
    const kept = await other.events.get([newer.events[issued]!.deviceId, newer.events[issued]!.seq]);
    expect(kept?.payload).toMatchObject({ ballotSerial: 'A-0017' });
    expect((await verifyChains(await other.events.toArray())).ok).toBe(true);
  });

  it('is refused naming the kind of event this version does not know, in ky/ru/en — not as damaged', async () => {
    const { state } = await sample();
    const newer = structuredClone(state);
    newer.events[2] = { ...newer.events[2]!, type: 'BallotSerialRecorded' as never, payload: { serial: 'A-1' } as never };
    newer.events = await rechain(newer.events);
    const read = await readBackup(await encrypt(newer), PASS, false);
    expect(read.ok ? null : read.error).toEqual({ code: 'newer-event', index: 2, kind: 'BallotSerialRecorded' });
    for (const lng of ['ky', 'ru', 'en']) {
      const words = JSON.parse(readFileSync(`locales/${lng}/backup.json`, 'utf8')) as { problem: Record<string, string> };
      expect(words.problem['newer-event'], lng).toContain('{{kind}}');
    }
  });
});
