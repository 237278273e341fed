/**
 * Voter-list benchmarks, in the browser the app runs in.
 *
 * voters.import.N — the app's own path from the file's bytes to a durable, searchable list: decode
 *   (Windows-1251 for 7,000, UTF-8 for 100,000) → parse → map → check every row → record the event
 *   and the content-addressed list in one strict transaction → build the search index.
 *   Baseline: raw IndexedDB writing the same voter records as rows, one strict transaction, into a
 *   store with the indexes a search would need (surname, [page,row], document).
 * voters.search.p95 — 200 different queries over 100,000 voters (surname fragments, name + surname
 *   in any order, Kyrgyz letters typed as н/о/у, documents, page/row), as the desk asks them.
 *   Baseline: a raw-IndexedDB prefix lookup of the first word on the surname index (50 rows).
 */
import { encodeWindows1251 } from '../../tests/unit/shared/voters/cp1251';
import { decodeVoterFile, guessMapping, parseCsv, tableFromRows, validateVoterRows, VoterSearchIndex, type VoterRecord } from '../../shared/voters';
import { generateVoters, votersToCsv } from '../../shared/voters/generate';
import { CommandBus } from '../../renderer/core/command';
import { activateVoterList } from '../../renderer/core/activate-list';
import { percentile, result, type BenchResult } from './measure';
import type { EventStore, EventContext } from '../../renderer/db/event-store';

type DemoStore = (name: string) => Promise<{ db: { delete(): Promise<void> }; store: EventStore; ctx: EventContext }>;

function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** The import exactly as the import screen does it, for a file's bytes. */
async function importBytes(store: EventStore, ctx: EventContext, bytes: Uint8Array): Promise<VoterSearchIndex> {
  const decoded = decodeVoterFile(bytes);
  if (!decoded.ok) throw new Error(`decode: ${decoded.error.code}`);
  const parsed = parseCsv(decoded.value.text);
  if (!parsed.ok) throw new Error('parse');
  const table = tableFromRows(parsed.value.rows);
  const mapping = guessMapping(table.header);
  const checked = validateVoterRows(table, mapping, { votingDay: '2017-10-15' });
  if (checked.problems.length > 0) throw new Error(`validate: ${checked.problems[0]?.code}`);
  await activateVoterList(
    new CommandBus(store, Date.now),
    checked.voters,
    {
      source: { kind: 'csv', fileName: 'bench.csv', fileHash: null, encoding: decoded.value.encoding },
      counts: { voters: checked.voters.length, rowsInFile: table.rows.length, excluded: 0 },
      excluded: [],
      diff: null,
    },
    ctx,
  );
  return new VoterSearchIndex(checked.voters);
}

function openVoterStore(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      const s = req.result.createObjectStore('voters', { keyPath: 'id' });
      s.createIndex('surname', 'surname');
      s.createIndex('pageRow', ['page', 'row']);
      s.createIndex('document', 'document');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function rawPutAll(db: IDBDatabase, voters: readonly VoterRecord[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('voters', 'readwrite', { durability: 'strict' });
    const s = tx.objectStore('voters');
    for (const v of voters) s.put(v);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

function deleteDb(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => resolve();
    req.onblocked = () => resolve();
  });
}

export async function votersImport(count: number, runs: number, demoStore: DemoStore): Promise<BenchResult> {
  const voters = generateVoters(count, 9001 + count);
  const csv = votersToCsv(voters, { delimiter: ';' });
  // A registry export saved by Excel on a Russian Windows is Windows-1251, Kyrgyz letters typed as look-alikes.
  const bytes = count <= 10_000 ? encodeWindows1251(csv, 'lookalike') : new TextEncoder().encode(csv);
  const samples: number[] = [];
  const base: number[] = [];
  for (let r = 0; r < runs; r += 1) {
    const { db, store, ctx } = await demoStore(`bench-import-${count}-${r}`);
    const start = performance.now();
    const index = await importBytes(store, ctx, bytes);
    samples.push(performance.now() - start);
    if (index.search('а', 1).length === 0) throw new Error('the imported list is not searchable');
    await db.delete();

    const rawName = `bench-import-raw-${count}-${r}-${Date.now()}`;
    const raw = await openVoterStore(rawName);
    const t0 = performance.now();
    await rawPutAll(raw, voters);
    base.push(performance.now() - t0);
    raw.close();
    await deleteDb(rawName);
  }
  return result(`voters.import.${count}`, median(samples), median(base));
}

/** 200 different queries as members type them. */
function queries(voters: readonly VoterRecord[]): string[] {
  const fold = (s: string) => s.replace(/ң/gu, 'н').replace(/ө/gu, 'о').replace(/ү/gu, 'у').replace(/Ң/gu, 'Н').replace(/Ө/gu, 'О').replace(/Ү/gu, 'У');
  const out: string[] = [];
  for (let i = 0; out.length < 200; i += 1) {
    const v = voters[(i * 7919) % voters.length]!;
    switch (i % 6) {
      case 0:
        out.push(v.surname.slice(0, 4).toLowerCase());
        break;
      case 1:
        out.push(`${v.name.toLowerCase()} ${v.surname.toLowerCase()}`);
        break;
      case 2:
        out.push(fold(`${v.surname} ${v.name}`).toLowerCase());
        break;
      case 3:
        out.push(v.document || v.surname);
        break;
      case 4:
        out.push(`${v.page}/${v.row}`);
        break;
      default:
        out.push(`${fold(v.surname).slice(0, 5).toLowerCase()} ${v.name.slice(0, 3).toLowerCase()}`);
    }
  }
  return out;
}

function rawPrefix(db: IDBDatabase, prefix: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('voters', 'readonly');
    const req = tx.objectStore('voters').index('surname').getAll(IDBKeyRange.bound(prefix, `${prefix}\uffff`), 50);
    req.onsuccess = () => resolve(req.result.length);
    req.onerror = () => reject(req.error);
  });
}

export async function votersSearch(): Promise<BenchResult> {
  const voters = generateVoters(100_000, 4242);
  const index = new VoterSearchIndex(voters);
  const qs = queries(voters);
  for (const q of qs.slice(0, 20)) index.search(q, 200); // warm-up
  const samples = qs.map((q) => {
    const start = performance.now();
    index.search(q, 200);
    return performance.now() - start;
  });
  const rawName = `bench-search-raw-${Date.now()}`;
  const raw = await openVoterStore(rawName);
  await rawPutAll(raw, voters);
  const base: number[] = [];
  for (const q of qs) {
    const first = q.split(' ')[0] ?? q;
    const prefix = first.charAt(0).toUpperCase() + first.slice(1);
    const start = performance.now();
    await rawPrefix(raw, prefix);
    base.push(performance.now() - start);
  }
  raw.close();
  await deleteDb(rawName);
  return result('voters.search.p95', percentile(samples, 95), percentile(base, 95));
}
