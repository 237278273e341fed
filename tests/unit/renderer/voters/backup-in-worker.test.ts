/**
 * A backup read in the import worker (issue 19): decrypted, checked whole and its voter lists packed
 * there (`read-backup`), driven without a Worker through ImportSession, every message parsed as the
 * window parses it; then restored by the event store as the window does, in one transaction.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionHarness } from './session-harness';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import { buildBackup, readBackup } from '../../../../shared/backup/backup-file';
import { readLogIn } from '../../../../renderer/core/import-store';
import { activateVoterList } from '../../../../renderer/core/activate-list';
import { CommandBus } from '../../../../renderer/core/command';
import { generateVoters } from '../../../../shared/voters/generate';
import { listBlobVoters, VoterSearchIndex, type VoterRecord } from '../../../../shared/voters';
import { canonicalArraySha256 } from '../../../../shared/util/sha256-sync';
import type { StoredEvent } from '../../../../shared/events/envelope';

const PASS = 'Сейфтеги сырсөз 2026';
const dbs: PrecinctDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const harness = () => sessionHarness();

async function backupOf(voters: readonly VoterRecord[], hash = canonicalArraySha256(voters)): Promise<string> {
  const built = await buildBackup(
    { deviceId: 'laptop-1', training: false, events: [], blobs: [{ hash, kind: 'voter-list', data: [...voters] }], settings: { 'precinct-desk.language': 'ky' } },
    PASS,
    { createdAt: '2026-12-06T10:00:00.000Z', iterations: 100_000 },
  );
  if (!built.ok) throw new Error(built.error.code);
  return built.value;
}

/** Who each query finds (ids, in order) and how many in all. */
function answers(index: VoterSearchIndex, queries: readonly string[]): { ids: string[]; total: number }[] {
  return queries.map((q) => {
    const r = index.searchCounted(q, 50);
    return { ids: r.hits.map((h) => h.voter.id), total: r.total };
  });
}

describe('a backup read in the import worker', () => {
  it('100,000 voters: checked, the list packed under the same hash (its arrays transferred), restored whole: the stored list has that hash and finds the same voters', async () => {
    const voters = generateVoters(100_000, 19_190);
    const hash = canonicalArraySha256(voters);
    const h = harness();
    await h.session.handle({ type: 'read-backup', id: 1, file: new Blob([await backupOf(voters, hash)]), passphrase: PASS, training: false });
    const reply = h.last();
    if (reply.type !== 'backup' || !reply.result.ok) throw new Error(`not read: ${JSON.stringify(reply).slice(0, 300)}`);
    const { state, summary } = reply.result.value;
    expect(summary).toMatchObject({ deviceId: 'laptop-1', training: false, events: 0 });
    expect(state.settings).toEqual({ 'precinct-desk.language': 'ky' });
    expect(state.blobs.map((b) => b.hash)).toEqual([hash]);
    // Packed, not 100,000 records to clone on the UI thread.
    expect(Array.isArray(state.blobs[0]!.data)).toBe(false);
    expect(h.transfers.at(-1)!.length).toBeGreaterThanOrEqual(8);

    const db = new PrecinctDatabase(`restore-${Math.random()}`);
    dbs.push(db);
    await new EventStore(db).restoreAll(state.events as StoredEvent[], state.blobs, 'laptop-1');
    const stored = await db.blobs.get(hash);
    const back = listBlobVoters(stored?.data);
    if (!back.ok) throw new Error(back.error.code);
    expect(back.value).toHaveLength(100_000);
    expect(canonicalArraySha256(back.value)).toBe(hash);
    const queries = [voters[4242]!.surname.toLowerCase(), voters[777]!.name.slice(0, 3).toLowerCase(), `${voters[99_999]!.page}/${voters[99_999]!.row}`, voters[12_345]!.document.slice(0, 6), 'асан', 'ж'];
    expect(answers(new VoterSearchIndex(back.value), queries)).toEqual(answers(new VoterSearchIndex(voters), queries));
  }, 180_000);

  it('refused in the worker — a list not the one its hash names, a wrong passphrase, another mode — with the reason, and nothing handed over', async () => {
    const voters = generateVoters(300, 5);
    const altered = voters.map((v, i) => (i === 7 ? { ...v, name: `${v.name}а` } : v));
    const h = harness();
    await h.session.handle({ type: 'read-backup', id: 1, file: new Blob([await backupOf(altered, canonicalArraySha256(voters))]), passphrase: PASS, training: false });
    expect(h.last()).toEqual({ type: 'backup', id: 1, result: { ok: false, error: { code: 'list-mismatch', hash: canonicalArraySha256(voters) } } });
    const right = new Blob([await backupOf(voters)]);
    await h.session.handle({ type: 'read-backup', id: 2, file: right, passphrase: 'not the passphrase', training: false });
    expect(h.last()).toEqual({ type: 'backup', id: 2, result: { ok: false, error: { code: 'cannot-decrypt' } } });
    await h.session.handle({ type: 'read-backup', id: 3, file: right, passphrase: PASS, training: true });
    expect(h.last()).toEqual({ type: 'backup', id: 3, result: { ok: false, error: { code: 'wrong-mode', training: false } } });
    await h.session.handle({ type: 'read-backup', id: 4, file: new Blob(['{"not":"a backup"}']), passphrase: PASS, training: false });
    expect(h.last()).toEqual({ type: 'backup', id: 4, result: { ok: false, error: { code: 'not-a-backup' } } });
    expect(h.transfers.every((t) => t.length === 0)).toBe(true);
  });
});

describe('a backup made in the import worker', () => {
  it('holds the log in causal order and the stored list as its records under its hash, as the window read them, with the window\'s device id, mode and settings; restored through read-backup, the same list', async () => {
    const db = new PrecinctDatabase(`make-backup-${Math.random()}`);
    dbs.push(db);
    const store = new EventStore(db);
    const voters = generateVoters(2_000, 19_191);
    const activated = await activateVoterList(new CommandBus(store, () => Date.now()), voters, { source: { kind: 'generated', fileName: null, fileHash: null, encoding: null }, counts: { voters: voters.length, rowsInFile: voters.length, excluded: 0 }, excluded: [], diff: null }, { electionId: 'e', bundleHash: null, precinct: 9001, actor: 'm1' });
    const h = sessionHarness({ log: readLogIn });
    const settings = { 'precinct-desk.language': 'ru' };
    await h.session.handle({ type: 'make-backup', id: 7, database: db.name, deviceId: await store.deviceId(), training: false, settings, passphrase: PASS, createdAt: '2026-12-07T12:00:00.000Z' });
    const reply = h.last();
    if (reply.type !== 'backup-made' || !reply.result.ok) throw new Error(`not made: ${JSON.stringify(reply).slice(0, 300)}`);
    expect(reply.result.value.events).toBe(1);
    const text = await reply.result.value.file.text();
    const read = await readBackup(text, PASS, false);
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.state.deviceId).toBe(await store.deviceId());
    expect(read.value.state.settings).toEqual(settings);
    expect(read.value.state.events).toEqual(await store.allEvents());
    expect(read.value.state.blobs).toEqual([{ hash: activated.payload.listHash, kind: 'voter-list', data: voters }]);

    await h.session.handle({ type: 'read-backup', id: 8, file: reply.result.value.file, passphrase: PASS, training: false });
    const restored = h.last();
    if (restored.type !== 'backup' || !restored.result.ok) throw new Error('not read back');
    expect(restored.result.value.state.blobs.map((b) => b.hash)).toEqual([activated.payload.listHash]);
  }, 60_000);

  it('refuses a weak passphrase with the reason, and a session without the log with an error', async () => {
    const db = new PrecinctDatabase(`make-backup-${Math.random()}`);
    dbs.push(db);
    await new EventStore(db).deviceId();
    const h = sessionHarness({ log: readLogIn });
    await h.session.handle({ type: 'make-backup', id: 1, database: db.name, deviceId: 'laptop-1', training: true, settings: {}, passphrase: 'short', createdAt: '2026-12-07T12:00:00.000Z' });
    expect(h.last()).toEqual({ type: 'backup-made', id: 1, result: { ok: false, error: { code: 'weak-passphrase', min: 8 } } });
    const bare = sessionHarness();
    await bare.session.handle({ type: 'make-backup', id: 2, database: db.name, deviceId: 'laptop-1', training: true, settings: {}, passphrase: PASS, createdAt: '2026-12-07T12:00:00.000Z' });
    expect(bare.last()).toMatchObject({ type: 'error', id: 2 });
  });
});
