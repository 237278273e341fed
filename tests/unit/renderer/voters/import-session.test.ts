/**
 * The import worker's protocol (issue 19), driven without a Worker: ImportSession answers requests
 * as the worker does; every message it sends is parsed as the screen parses it.
 */
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
} from '../../../../shared/util/canonical-json';
import {
  guessMapping,
  openStaged,
  parseImportReply,
  parseImportRequest,
  progressPercent,
  restartsFrom,
  unpackVoters,
  type VoterRecord,
} from '../../../../shared/voters';
import { sha256Hex } from '../../../../shared/util/sha256';
import { finish } from '../../../../shared/util/steps';
import { err } from '../../../../shared/util/result';
import { sessionHarness } from './session-harness';
import { pageSheetsXlsx, streetSheets, streetsXlsx } from '../../../support/multi-sheet';

const HEADER = 'Барак;Катар;Фамилиясы;Аты;Атасынын аты;Туулган күнү;Паспорт';

function csv(rows: number, extra: string[] = []): Blob {
  const lines = [HEADER];
  for (let i = 0; i < rows; i += 1) lines.push(`${Math.floor(i / 20) + 1};${(i % 20) + 1};Асанов${i % 7};Бакыт;Асан уулу;01.02.${1950 + (i % 40)};ID${String(1_000_000 + i)}`);
  return new Blob([`${[...lines, ...extra].join('\n')}\n`]);
}

const harness = sessionHarness;

type Harness = ReturnType<typeof harness>;

/** `file` read, checked and prepared in one session (the mapping guessed): the reference list, and the session that made it. */
async function preparedWhole(file: Blob, exclude = true) {
  const one = harness();
  await one.session.handle(read(file));
  const s = one.replies().at(-1)!;
  if (s.type !== 'read' || !s.result.ok) throw new Error('not read');
  const mapping = guessMapping(s.result.value.header);
  await one.session.handle({ type: 'check', id: 2, mapping, votingDay: '2026-12-06', active: null });
  await one.session.handle({ type: 'prepare', id: 3, keep: [], exclude });
  const whole = one.replies().at(-1)!;
  if (whole.type !== 'prepared') throw new Error('not prepared');
  return { mapping, whole, made: one };
}

/** The list the last prepare made, as the screen gets it: staged by the worker, then opened (checked, unpacked, indexed). */
async function stageAndOpen(h: Harness, id: number, voters: number) {
  await h.session.handle({ type: 'stage', id, database: 'precinct-desk' });
  const reply = h.replies().at(-1)!;
  if (reply.type !== 'staged') throw new Error(`not staged: ${JSON.stringify(reply).slice(0, 300)}`);
  const opened = finish(openStaged(reply, voters));
  if (!opened.ok) throw new Error(`the staged list does not hold together: ${JSON.stringify(opened.error)}`);
  return { reply, opened: opened.value };
}

const read = (file: Blob, id = 1) => ({ type: 'read', id, file, fileName: 'list.csv', encoding: 'auto', precinct: 9001, remembered: null });

describe('import worker protocol', () => {
  it('reads a file: progress with counts, then the summary with a preview (not the rows)', async () => {
    const h = harness();
    await h.session.handle(read(csv(5000)));
    const replies = h.replies();
    const last = replies.at(-1)!;
    expect(last.type).toBe('read');
    if (last.type !== 'read' || !last.result.ok) throw new Error('not read');
    expect(last.result.value.rows).toBe(5000);
    expect(last.result.value.header).toHaveLength(7);
    expect(last.result.value.preview.length).toBeLessThanOrEqual(11);
    expect(last.result.value.preview[0]!.cells[2]).toBe('Асанов0');
    const progress = replies.filter((r) => r.type === 'progress');
    expect(progress.some((p) => p.type === 'progress' && p.read === 4000)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ read: 5000, total: 5000 });
  });

  it('checks every row (progress up to all of them) and prepares the list: hash, then stored and handed over packed with its index, transferred', async () => {
    const h = harness();
    await h.session.handle(read(csv(4100)));
    const summary = h.replies().at(-1)!;
    if (summary.type !== 'read' || !summary.result.ok) throw new Error('not read');
    const mapping = guessMapping(summary.result.value.header);
    await h.session.handle({ type: 'check', id: 2, mapping, votingDay: '2026-12-06', active: null });
    const review = h.replies().at(-1)!;
    expect(review.type).toBe('review');
    if (review.type !== 'review') throw new Error('no review');
    expect(review.review).toMatchObject({ rowsChecked: 4100, voters: 4100, problemCount: 0, diff: null });
    expect(h.replies().filter((r) => r.type === 'progress' && r.phase === 'check').at(-1)).toMatchObject({ checked: 4100, total: 4100 });

    await h.session.handle({ type: 'prepare', id: 3, keep: [], exclude: false });
    const prepared = h.replies().at(-1)!;
    if (prepared.type !== 'prepared') throw new Error(`not prepared: ${JSON.stringify(prepared).slice(0, 300)}`);
    expect(prepared.details.counts).toEqual({ voters: 4100, rowsInFile: 4100, excluded: 0 });
    // The prepared list stays in the worker until it is stored: its hash and details only.
    expect(Object.keys(prepared).sort()).toEqual(['details', 'id', 'listHash', 'type']);
    const { opened } = await stageAndOpen(h, 4, 4100);
    expect(opened.voters).toHaveLength(4100);
    expect(prepared.listHash).toBe(await sha256Hex(canonicalJson(opened.voters)));
    expect(opened.index.searchCounted('бакыт').total).toBe(4100);
    // The typed arrays travel, they are not copied.
    expect(h.transfers.at(-1)!.length).toBeGreaterThanOrEqual(8);
    const last = h.replies().filter((r) => r.type === 'progress').at(-1)!;
    if (last.type !== 'progress') throw new Error('no progress');
    expect(progressPercent({ ...last, stored: 4100 })).toBe(100);
    expect(progressPercent({ ...last, stored: 0 })).toBeLessThan(100);
  });

  it('stages the prepared list: the worker stores exactly the voters it hashed and their packed form, under that hash; nothing before a prepare, once', async () => {
    const stored: { database: string; listHash: string; voters: readonly VoterRecord[]; packedCount: number }[] = [];
    const h = harness({
      stage: async (database, list) => {
        stored.push({ database, listHash: list.listHash, voters: unpackVoters(list.packed), packedCount: list.packed.count });
        return stored.length === 1;
      },
    });
    await h.session.handle(read(csv(300)));
    const summary = h.replies().at(-1)!;
    if (summary.type !== 'read' || !summary.result.ok) throw new Error('not read');
    await h.session.handle({ type: 'check', id: 2, mapping: guessMapping(summary.result.value.header), votingDay: '2026-12-06', active: null });
    await h.session.handle({ type: 'stage', id: 3, database: 'precinct-desk' });
    expect(h.replies().at(-1)).toMatchObject({ type: 'error', id: 3, message: 'no list has been prepared' });
    expect(stored).toHaveLength(0);
    await h.session.handle({ type: 'prepare', id: 4, keep: [], exclude: false });
    const prepared = h.replies().at(-1)!;
    if (prepared.type !== 'prepared') throw new Error('not prepared');
    const { reply, opened } = await stageAndOpen(h, 5, 300);
    expect(reply).toMatchObject({ type: 'staged', id: 5, listHash: prepared.listHash, created: true });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.database).toBe('precinct-desk');
    expect(stored[0]!.packedCount).toBe(300);
    expect(stored[0]!.voters).toEqual(opened.voters);
    expect(await sha256Hex(canonicalJson(stored[0]!.voters))).toBe(prepared.listHash);
    // Handed over: a second stage has nothing to store.
    await h.session.handle({ type: 'stage', id: 6, database: 'precinct-desk' });
    expect(h.replies().at(-1)).toMatchObject({ type: 'error', id: 6, message: 'no list has been prepared' });
    // A prepare spends the session (issue 19, memory: the file's rows and the check are let go
    // before the list is built): nothing more is made of that file; the screen reads it again.
    await h.session.handle({ type: 'prepare', id: 7, keep: [], exclude: false });
    expect(h.replies().at(-1)).toMatchObject({ type: 'error', id: 7, message: 'no file has been read' });
    await h.session.handle({ type: 'header', id: 8, row: 1 });
    expect(h.replies().at(-1)).toMatchObject({ type: 'error', id: 8, message: 'no file has been read' });
    await h.session.handle({ type: 'stage', id: 9, database: 'precinct-desk' });
    expect(h.replies().at(-1)).toMatchObject({ type: 'error', id: 9 });
    expect(stored).toHaveLength(1);
    // Read again, the same file makes the same list.
    await h.session.handle({ ...read(csv(300)), id: 10 });
    await h.session.handle({ type: 'check', id: 11, mapping: guessMapping(summary.result.value.header), votingDay: '2026-12-06', active: null });
    await h.session.handle({ type: 'prepare', id: 12, keep: [], exclude: false });
    expect(h.replies().at(-1)).toMatchObject({ type: 'prepared', id: 12, listHash: prepared.listHash });
  });

  it('plan, then build in a fresh session (a fresh worker): the same list, hash and details as a prepare in one; a planned list that does not hold together is refused', async () => {
    const file = csv(700, ['1000;1;;Бакыт;;01.02.1960;']);
    const { mapping, whole } = await preparedWhole(file);

    const reader = harness();
    await reader.session.handle(read(file));
    await reader.session.handle({ type: 'check', id: 2, mapping, votingDay: '2026-12-06', active: null });
    await reader.session.handle({ type: 'plan', id: 3, keep: [], exclude: true });
    const planned = reader.replies().at(-1)!;
    if (planned.type !== 'planned') throw new Error(`not planned: ${JSON.stringify(planned).slice(0, 300)}`);
    expect(planned.rows).toBe(701);
    expect(planned.details).toEqual(whole.details);
    // The packed form travels (transferred), the records do not.
    expect(reader.transfers.at(-1)!.length).toBeGreaterThanOrEqual(8);
    // Planning spends the reader as a prepare does.
    await reader.session.handle({ type: 'plan', id: 4, keep: [], exclude: true });
    expect(reader.replies().at(-1)).toMatchObject({ type: 'error', id: 4, message: 'no file has been read' });

    const builder = harness();
    await builder.session.handle({ type: 'build', id: 1, packed: planned.packed, details: planned.details, rows: planned.rows });
    const built = builder.replies().at(-1)!;
    expect(built).toMatchObject({ type: 'prepared', id: 1, listHash: whole.listHash, details: whole.details });
    expect(builder.replies().find((r) => r.type === 'progress')).toMatchObject({ read: 701, checked: 701, total: 701, voters: 700 });
    const { opened } = await stageAndOpen(builder, 2, 700);
    expect(await sha256Hex(canonicalJson(opened.voters))).toBe(whole.listHash);

    const broken = { ...(planned.packed as Record<string, unknown>), count: 5 };
    await builder.session.handle({ type: 'build', id: 3, packed: broken, details: planned.details, rows: planned.rows });
    expect(builder.replies().at(-1)).toMatchObject({ type: 'error', id: 3 });
    await builder.session.handle({ type: 'build', id: 4, packed: planned.packed, details: { ...planned.details, counts: { ...planned.details.counts, voters: 699 } }, rows: planned.rows });
    expect(builder.replies().at(-1)).toMatchObject({ type: 'error', id: 4, message: 'the planned list is not as long as its details say' });
  });

  it('plan handed over a channel to a fresh builder (build-from): the screen hears only that it went, the builder makes the same list, hash and details; anything else on the channel is refused', async () => {
    const file = csv(700, ['1000;1;;Бакыт;;01.02.1960;']);
    const { mapping, whole } = await preparedWhole(file);

    const channel = new MessageChannel();
    const builder = harness();
    const building = builder.session.handle(parseImportRequest({ type: 'build-from', id: 1, from: channel.port2 }));
    const reader = harness();
    await reader.session.handle(read(file));
    await reader.session.handle({ type: 'check', id: 2, mapping, votingDay: '2026-12-06', active: null });
    const plan = parseImportRequest({ type: 'plan', id: 3, keep: [], exclude: true, to: channel.port1 });
    expect(plan).not.toBeNull();
    await reader.session.handle(plan);
    // The screen's answer carries no list (nothing to deserialise on the UI thread).
    expect(reader.sent.at(-1)).toEqual({ type: 'handed', id: 3 });
    expect(reader.transfers.at(-1)).toEqual([]);
    await building;
    channel.port1.close();
    expect(builder.replies().at(-1)).toMatchObject({ type: 'prepared', id: 1, listHash: whole.listHash, details: whole.details });
    expect(builder.replies().find((r) => r.type === 'progress')).toMatchObject({ read: 701, checked: 701, total: 701, voters: 700 });
    const { opened } = await stageAndOpen(builder, 2, 700);
    expect(await sha256Hex(canonicalJson(opened.voters))).toBe(whole.listHash);

    const other = new MessageChannel();
    const refused = builder.session.handle({ type: 'build-from', id: 3, from: other.port2 });
    other.port1.postMessage({ type: 'handed', id: 9 });
    await refused;
    other.port1.close();
    expect(builder.replies().at(-1)).toMatchObject({ type: 'error', id: 3, message: 'what came to be built is not a planned list' });
  });

  it('a prepare refused (rows with problems not left out) keeps the file and the check: the secretary can still choose', async () => {
    const h = harness();
    await h.session.handle(read(csv(50, ['1000;1;;Бакыт;;01.02.1960;'])));
    const s = h.replies().at(-1)!;
    if (s.type !== 'read' || !s.result.ok) throw new Error('not read');
    await h.session.handle({ type: 'check', id: 2, mapping: guessMapping(s.result.value.header), votingDay: '2026-12-06', active: null });
    await h.session.handle({ type: 'prepare', id: 3, keep: [], exclude: false });
    expect(h.replies().at(-1)).toMatchObject({ type: 'error', id: 3, message: 'rows with problems are neither fixed nor left out' });
    await h.session.handle({ type: 'row-runs', id: 4, mapping: guessMapping(s.result.value.header) });
    expect(h.replies().at(-1)).toMatchObject({ type: 'row-runs', id: 4 });
    await h.session.handle({ type: 'prepare', id: 5, keep: [], exclude: true });
    expect(h.replies().at(-1)).toMatchObject({ type: 'prepared', id: 5, details: { counts: { voters: 50, rowsInFile: 51, excluded: 1 } } });
  });

  it('rows with problems: only counts and the first problems are sent; prepare refuses unless they are left out', async () => {
    const h = harness();
    const bad = Array.from({ length: 400 }, (_, i) => `${1000 + i};1;;Бакыт;;01.02.1960;`);
    await h.session.handle(read(csv(100, bad)));
    const s = h.replies().at(-1)!;
    if (s.type !== 'read' || !s.result.ok) throw new Error('not read');
    await h.session.handle({ type: 'check', id: 2, mapping: guessMapping(s.result.value.header), votingDay: '2026-12-06', active: null });
    const r = h.replies().at(-1)!;
    if (r.type !== 'review') throw new Error('no review');
    expect(r.review.badRows).toBe(400);
    expect(r.review.problemCount).toBeGreaterThanOrEqual(400);
    expect(r.review.problems).toHaveLength(300);
    await h.session.handle({ type: 'prepare', id: 3, keep: [], exclude: false });
    expect(h.replies().at(-1)).toMatchObject({ type: 'error', id: 3 });
    await h.session.handle({ type: 'prepare', id: 4, keep: [], exclude: true });
    const p = h.replies().at(-1)!;
    if (p.type !== 'prepared') throw new Error('not prepared');
    expect(p.details.counts).toEqual({ voters: 100, rowsInFile: 500, excluded: 400 });
  });

  it('namesakes (same name and birth): the secretary keeps both or one, and the event records it', async () => {
    const h = harness();
    // Rows 12 and 13: same name and birth, no document, different houses; row 14 a copy of row 2 without its document.
    await h.session.handle(read(csv(10, ['9;1;Токтогулова;Айгүл;Асан кызы;05.05.1977;', '9;2;Токтогулова;Айгүл;Асан кызы;05.05.1977;', '9;3;Асанов0;Бакыт;Асан уулу;01.02.1950;'])));
    const s = h.replies().at(-1)!;
    if (s.type !== 'read' || !s.result.ok) throw new Error('not read');
    await h.session.handle({ type: 'check', id: 2, mapping: guessMapping(s.result.value.header), votingDay: '2026-12-06', active: null });
    const r = h.replies().at(-1)!;
    if (r.type !== 'review') throw new Error('no review');
    expect(r.review.duplicates.map((g) => [g.rows, g.keepAll])).toEqual([
      [[2, 14], 'allowed'],
      [[12, 13], 'no'], // no document and no address column: nothing tells them apart
    ]);
    expect(r.review.voters).toBe(11);
    await h.session.handle({ type: 'keep', id: 3, keep: [[0, 0]] });
    const k = h.replies().at(-1)!;
    if (k.type !== 'review') throw new Error('no review');
    expect(k.review.voters).toBe(12);
    await h.session.handle({ type: 'prepare', id: 4, keep: [[0, 0]], exclude: false });
    const p = h.replies().at(-1)!;
    if (p.type !== 'prepared') throw new Error('not prepared');
    expect(p.details.duplicatesKeptAll).toEqual([[2, 14]]);
    expect(p.details.duplicatesKept).toEqual([{ kept: 12, dropped: [13] }]);
    expect(p.details.counts.voters).toBe(12);
    const ids = (await stageAndOpen(h, 5, 12)).opened.voters.map((v) => v.id);
    expect(new Set(ids).size).toBe(12);
  });

  it('compares with the active list read through the sources; issued voters come first', async () => {
    const { mapping, whole: p0, made: h0 } = await preparedWhole(csv(50), false);
    const old: VoterRecord[] = (await stageAndOpen(h0, 4, 50)).opened.voters;
    const gone = old[45]!.id;
    const asked: string[][] = [];
    const h = harness({ activeList: async () => old, issued: async (_db, ids) => (asked.push([...ids]), new Set(ids.filter((id) => id === gone))) });
    await h.session.handle(read(csv(40)));
    await h.session.handle({ type: 'check', id: 2, mapping, votingDay: '2026-12-06', active: { listHash: p0.listHash, voters: 50, database: 'precinct-desk' } });
    const r = h.replies().at(-1)!;
    if (r.type !== 'review') throw new Error('no review');
    expect(r.review.diff?.counts).toMatchObject({ added: 0, removed: 10, changed: 0 });
    expect(r.review.diff?.removed[0]!.id).toBe(gone);
    expect(r.review.diff?.issuedRemoved).toBe(1);
    expect(asked[0]).toContain(gone);
  });

  it('the rows go as they are checked (issue 19, memory): a changed mapping, another header row and another check read the file again', async () => {
    const reads: number[] = [];
    // A file that counts how often its bytes are read.
    class Counted extends Blob {
      override arrayBuffer(): Promise<ArrayBuffer> {
        reads.push(1);
        return super.arrayBuffer();
      }
    }
    const text = `Тизме 9001\n${HEADER}\n${Array.from({ length: 30 }, (_, i) => `1;${i + 1};Асанов${i};Бакыт;Асан уулу;01.02.1960;ID${1_000_000 + i}`).join('\n')}\n`;
    const h = harness();
    await h.session.handle(read(new Counted([text])));
    const s = h.replies().at(-1)!;
    if (s.type !== 'read' || !s.result.ok) throw new Error('not read');
    expect(s.result.value.headerRow).toBe(2);
    const mapping = guessMapping(s.result.value.header);
    // Before a check the rows are there: no second read.
    await h.session.handle({ type: 'row-runs', id: 2, mapping });
    expect(reads).toHaveLength(1);
    await h.session.handle({ type: 'check', id: 3, mapping, votingDay: '2026-12-06', active: null });
    expect(h.replies().at(-1)).toMatchObject({ type: 'review', review: { voters: 30, problemCount: 0 } });
    // The mapping changed after the check (the document column left out): asked and checked again from the file.
    const changed = { ...mapping, document: null };
    await h.session.handle({ type: 'row-runs', id: 4, mapping: changed });
    expect(h.replies().at(-1)).toMatchObject({ type: 'row-runs', id: 4, value: false });
    expect(reads).toHaveLength(2);
    await h.session.handle({ type: 'check', id: 5, mapping: changed, votingDay: '2026-12-06', active: null });
    expect(h.replies().at(-1)).toMatchObject({ type: 'review', id: 5, review: { rowsChecked: 30, voters: 30, problemCount: 0 } });
    expect(reads).toHaveLength(2);
    await h.session.handle({ type: 'prepare', id: 6, keep: [], exclude: false });
    const p = h.replies().at(-1)!;
    if (p.type !== 'prepared') throw new Error(`not prepared: ${JSON.stringify(p).slice(0, 300)}`);
    expect(p.details.counts).toEqual({ voters: 30, rowsInFile: 30, excluded: 0 });
    expect(p.details.headerRow).toBe(2);
    const { opened } = await stageAndOpen(h, 7, 30);
    expect(opened.voters.map((v) => v.document)).toEqual(Array.from({ length: 30 }, () => ''));
    expect(opened.voters[29]!.surname).toBe('Асанов29');
  });

  it('asks for the heap to be collected wherever much was let go (issue 19, memory): after the read, every 20,000 rows checked and after the check, once the list is decided, hashed and indexed, and once stored', async () => {
    // Each collection noted with what the screen had been sent by then (the last reply, or the last progress's counts).
    const moments: string[] = [];
    let sent: unknown[] = [];
    const noted = () => {
      const last = sent.at(-1) as { type: string; checked?: number; phase?: string } | undefined;
      moments.push(last?.type === 'progress' ? `progress ${last.phase} ${last.checked}` : (last?.type ?? 'nothing'));
    };
    const reader = harness({}, noted);
    sent = reader.sent;
    await reader.session.handle(read(csv(45_000)));
    expect(moments).toEqual(['read']);
    const s = reader.last();
    if (s.type !== 'read' || !s.result.ok) throw new Error('not read');
    await reader.session.handle({ type: 'check', id: 2, mapping: guessMapping(s.result.value.header), votingDay: '2026-12-06', active: null });
    // Before the progress of 20,000 and 40,000 rows is sent: the rows before them already let go.
    expect(moments).toEqual(['read', 'progress check 18000', 'progress check 38000', 'progress check 45000']);
    expect(reader.last().type).toBe('review');
    moments.length = 0;
    await reader.session.handle({ type: 'plan', id: 3, keep: [], exclude: true });
    expect(moments).toEqual(['review']);
    const planned = reader.last();
    if (planned.type !== 'planned') throw new Error('not planned');
    const builder = harness({}, noted);
    sent = builder.sent;
    moments.length = 0;
    await builder.session.handle({ type: 'build', id: 1, packed: planned.packed, details: planned.details, rows: planned.rows });
    // Hashed, then indexed; the answer after both.
    expect(moments).toEqual(['progress prepare 45000', 'progress prepare 45000']);
    expect(builder.last().type).toBe('prepared');
    moments.length = 0;
    await builder.session.handle({ type: 'stage', id: 2, database: 'precinct-desk' });
    expect(moments).toEqual(['prepared']);
    expect(builder.last().type).toBe('staged');
  });

  it('another header row after a check: the file read again at that row; a file changed since it was read is refused', async () => {
    let bytes = new TextEncoder().encode(`Тизме 9001\n${HEADER}\n1;1;Асанов;Бакыт;Асан уулу;01.02.1960;ID1000000\n`);
    class Changing extends Blob {
      override arrayBuffer(): Promise<ArrayBuffer> {
        return Promise.resolve(bytes.slice().buffer);
      }
    }
    const h = harness();
    await h.session.handle(read(new Changing([bytes])));
    const s = h.replies().at(-1)!;
    if (s.type !== 'read' || !s.result.ok) throw new Error('not read');
    const mapping = guessMapping(s.result.value.header);
    await h.session.handle({ type: 'check', id: 2, mapping, votingDay: '2026-12-06', active: null });
    // The title row as the header: refused as it is from the rows read again (one column, rows of seven).
    await h.session.handle({ type: 'header', id: 3, row: 1 });
    expect(h.replies().at(-1)).toMatchObject({ type: 'read', id: 3, result: { ok: false, error: [{ code: 'ragged-row', params: { row: 2 } }, { code: 'ragged-row', params: { row: 3 } }] } });
    await h.session.handle({ type: 'header', id: 4, row: 2 });
    expect(h.replies().at(-1)).toMatchObject({ type: 'read', id: 4, result: { ok: true, value: { headerRow: 2, rows: 1 } } });
    await h.session.handle({ type: 'check', id: 5, mapping, votingDay: '2026-12-06', active: null });
    expect(h.replies().at(-1)).toMatchObject({ type: 'review', id: 5, review: { voters: 1 } });
    // The file on disk changed after the check: the rows are not taken from another file.
    bytes = new TextEncoder().encode(`Тизме 9001\n${HEADER}\n1;1;Бекова;Айгүл;;01.02.1970;ID2000000\n`);
    await h.session.handle({ type: 'check', id: 6, mapping, votingDay: '2026-12-06', active: null });
    expect(h.replies().at(-1)).toMatchObject({ type: 'error', id: 6, message: 'the file changed since it was read: choose it again' });
  });

  it('refuses what is not a request of the protocol, and the screen refuses what is not a reply', async () => {
    const h = harness();
    for (const hostile of [null, 42, { type: 'read', id: 1 }, { type: 'check', id: 1, mapping: {}, votingDay: 'x', active: null }, { type: 'prepare', id: -1, keep: [], exclude: true }]) {
      await h.session.handle(hostile);
    }
    expect(h.replies().every((r) => r.type === 'error')).toBe(true);
    expect(parseImportRequest({ type: 'keep', id: 1, keep: [[0, -1]] })).toBeNull();
    expect(parseImportRequest({ type: 'keep', id: 1, keep: [[0, 0]] })).not.toBeNull(); // 0: keep every row
    expect(parseImportReply({ type: 'progress', id: 1, phase: 'read', read: -1, checked: 0, prepared: 0, total: 0, voters: 0 })).toBeNull();
    expect(parseImportReply({ type: 'review', id: 1, review: { rowsChecked: 1 } })).toBeNull();
    // A request before any file was read is answered with an error, not a crash.
    await h.session.handle({ type: 'row-runs', id: 9, mapping: guessMapping(HEADER.split(';')) });
    expect(h.replies().at(-1)).toMatchObject({ type: 'error', id: 9 });
  });

  it('a staged list whose packed form does not agree with its counts, or whose index does not fit, is refused', async () => {
    const h = harness();
    await h.session.handle(read(csv(30)));
    const s = h.replies().at(-1)!;
    if (s.type !== 'read' || !s.result.ok) throw new Error('not read');
    await h.session.handle({ type: 'check', id: 2, mapping: guessMapping(s.result.value.header), votingDay: '2026-12-06', active: null });
    await h.session.handle({ type: 'prepare', id: 3, keep: [], exclude: false });
    const p = h.replies().at(-1)!;
    if (p.type !== 'prepared') throw new Error('not prepared');
    const { reply } = await stageAndOpen(h, 4, 30);
    expect(finish(openStaged(reply, 31))).toEqual(err({ code: 'count-mismatch', packed: 30, voters: 31 }));
    expect(finish(openStaged({ ...reply, index: { ...(reply.index as object), size: 29 } }, 30))).toEqual(err({ code: 'unsound-index' }));
    expect(finish(openStaged({ ...reply, packed: { ...(reply.packed as object), count: 29 } }, 30))).toEqual(err({ code: 'unsound-packed-list', part: 'columns' }));
  });
});

describe('a list over several sheets: the event names each row left out by its sheet and the sheet’s row', () => {
  it('rows numbered across the sheets are recorded with the sheet and the row the secretary sees, and the sheets with their numbering', async () => {
    const streets = streetSheets([20, 40]);
    // The 5th voter of the second sheet (under its title row and header: the sheet's row 7) has no surname.
    streets[1]!.people[4] = { ...streets[1]!.people[4]!, surname: '' };
    const bytes = await streetsXlsx(streets);
    const h = harness();
    await h.session.handle({ ...read(new Blob([new Uint8Array(bytes)])), fileName: 'streets.xlsx' });
    const s = h.replies().at(-1)!;
    if (s.type !== 'read' || !s.result.ok) throw new Error('not read');
    await h.session.handle({ type: 'check', id: 2, mapping: guessMapping(s.result.value.header), votingDay: '2026-12-06', active: null });
    await h.session.handle({ type: 'prepare', id: 3, keep: [], exclude: true });
    const p = h.replies().at(-1)!;
    if (p.type !== 'prepared') throw new Error(`not prepared: ${JSON.stringify(p).slice(0, 300)}`);
    // Combined, the row is 20 (first sheet) + 5 + 1 (header) = 26; on paper it is sheet «Манас көч.», row 7.
    expect(p.details.excluded).toEqual([{ row: 26, codes: ['missing-surname'], sheet: 'Манас көч.', sheetRow: 7 }]);
    expect(p.details.sheets).toEqual([
      { name: 'Ленин көч.', headerRow: 1, first: 0, count: 20 },
      { name: 'Манас көч.', headerRow: 2, first: 20, count: 40 },
    ]);
    expect(p.details.counts).toEqual({ voters: 59, rowsInFile: 60, excluded: 1 });
  }, 60_000);
});

describe('a list kept a page a sheet, without a page column', () => {
  it('is prepared with each sheet’s page from its name: every voter kept, the sheets recorded', async () => {
    const h = harness();
    await h.session.handle({ ...read(new Blob([await pageSheetsXlsx(['1-барак', '2-барак'])])), fileName: 'pages.xlsx' });
    const s = h.replies().at(-1)!;
    if (s.type !== 'read' || !s.result.ok) throw new Error(`not read: ${JSON.stringify(s).slice(0, 300)}`);
    expect(s.result.value.warnings.map((w) => w.code)).toEqual(['pages-from-sheet-names']);
    await h.session.handle({ type: 'check', id: 2, mapping: guessMapping(s.result.value.header, restartsFrom(s.result.value.restarting)), votingDay: '2026-12-06', active: null });
    await h.session.handle({ type: 'prepare', id: 3, keep: [], exclude: true });
    const p = h.replies().at(-1)!;
    if (p.type !== 'prepared') throw new Error(`not prepared: ${JSON.stringify(p).slice(0, 300)}`);
    expect(p.details.counts).toEqual({ voters: 40, rowsInFile: 40, excluded: 0 });
    expect(p.details.sheets).toEqual([
      { name: '1-барак', headerRow: 1, first: 0, count: 20 },
      { name: '2-барак', headerRow: 1, first: 20, count: 20 },
    ]);
  }, 60_000);
});

describe('a later list that corrects a ПИН two people shared', () => {
  const PIN_HEADER = `${HEADER};ПИН`;
  /** 10 voters with their own ПИН, but rows 3 and 7 (two different people) given `shared` and `seventh`. */
  const list = (third: string, seventh: string) =>
    new Blob([
      `${[PIN_HEADER, ...Array.from({ length: 10 }, (_, i) => `1;${i + 1};Асанов${i};Бакыт;Асан уулу;01.02.${1950 + i};ID${1_000_000 + i};${i === 2 ? third : i === 6 ? seventh : `2010219${String(50 + i).padStart(2, '0')}00${String(i).padStart(3, '0')}`}`)].join('\n')}\n`,
    ]);
  const SHARED = '21002196500123';

  async function activate(file: Blob, active: readonly VoterRecord[] | null) {
    const h = harness({ activeList: async () => active ?? [] });
    await h.session.handle(read(file));
    const s = h.replies().at(-1)!;
    if (s.type !== 'read' || !s.result.ok) throw new Error('not read');
    await h.session.handle({ type: 'check', id: 2, mapping: guessMapping(s.result.value.header), votingDay: '2026-12-06', active: active ? { listHash: 'a'.repeat(64), voters: active.length, database: 'precinct-desk' } : null });
    const review = h.replies().at(-1)!;
    if (review.type !== 'review') throw new Error(`no review: ${JSON.stringify(review).slice(0, 300)}`);
    await h.session.handle({ type: 'prepare', id: 3, keep: [], exclude: false });
    const p = h.replies().at(-1)!;
    if (p.type !== 'prepared') throw new Error(`not prepared: ${JSON.stringify(p).slice(0, 300)}`);
    return { review: review.review, details: p.details, voters: (await stageAndOpen(h, 4, 10)).opened.voters };
  }

  it('keeps each of the two people’s ids, so their marks (ballot issued, out-of-premises: recorded by id) stay with them, list after list', async () => {
    const first = await activate(list(SHARED, SHARED), null);
    const byName = (vs: readonly VoterRecord[], surname: string) => vs.find((v) => v.surname === surname)!;
    const a1 = byName(first.voters, 'Асанов2');
    const b1 = byName(first.voters, 'Асанов6');
    // Both kept, neither under the shared ПИН (each by its own document).
    expect([a1.id, b1.id]).toEqual(['doc:ID1000002', 'doc:ID1000006']);

    // The registry corrects the seventh row's ПИН: both ПИНs are now each one's own.
    const second = await activate(list(SHARED, '11002196500456'), first.voters);
    expect(byName(second.voters, 'Асанов2')).toMatchObject({ id: a1.id, pin: SHARED });
    expect(byName(second.voters, 'Асанов6')).toMatchObject({ id: b1.id, pin: '11002196500456' });
    // The first's row is as it was; the seventh's ПИН changed.
    expect(second.review.diff?.counts).toMatchObject({ added: 0, removed: 0, changed: 1 });
    expect(second.details.diff).toEqual({ added: 0, removed: 0, changed: 1 });
    // Everyone else keeps the id their ПИН gives.
    expect(byName(second.voters, 'Асанов0').id).toBe(byName(first.voters, 'Асанов0').id);
    expect(new Set(second.voters.map((v) => v.id)).size).toBe(10);

    // And the list after: the same ids again, nothing removed or added.
    const third = await activate(list(SHARED, '11002196500456'), second.voters);
    expect(third.voters.map((v) => v.id)).toEqual(second.voters.map((v) => v.id));
    expect(third.review.diff?.counts).toMatchObject({ added: 0, removed: 0, changed: 0 });
  });

  it('carries no id its own fields gave: a ПИН column added to a list without one still moves ids (removed and added, the review warns)', async () => {
    const noPin = new Blob([`${[HEADER, ...Array.from({ length: 10 }, (_, i) => `1;${i + 1};Асанов${i};Бакыт;Асан уулу;01.02.${1950 + i};ID${1_000_000 + i}`)].join('\n')}\n`]);
    const first = await activate(noPin, null);
    const second = await activate(list('21002196500123', '11002196500456'), first.voters);
    expect(second.review.diff?.counts).toMatchObject({ added: 10, removed: 10, reidentified: 10 });
  });
});
