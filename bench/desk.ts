/**
 * The desk measured in the built app (issue 19), driven by Playwright in Debian Chromium: one JSON
 * line each `{"name","value","unit","baseline","ratio"}`, every baseline measured in the same run and
 * the same browser. Run by `npm run bench` (which builds the renderer with vite.web.config.ts and
 * serves it with the app's headers, its own pages — bench/bare-pages.mjs — beside it); alone: `BENCH_DESK_URL=http://127.0.0.1:PORT/
 * npx tsx bench/desk.ts` against a server of the same (scripts/bench.mjs shows how). No Playwright routing: it
 * turns the browser's HTTP cache off, and with it the compiled code a reload reuses (issue 19, desk.open).
 *
 * Set-up: the demo election at 9001 (voting day today, hours "all day" so no issue meets the hours'
 * refusal), then a generated 100,000-voter CSV imported through the import screen.
 *
 * How "painted" is measured (every timed line): the key's own event time (`KeyboardEvent.timeStamp` /
 * `InputEvent.timeStamp` of the first event of the keystroke, captured on `document`) to the first
 * `requestAnimationFrame` callback that sees the expected DOM (the results for the typed text, the
 * confirmation), plus the task that follows that frame (a MessageChannel message posted from the rAF
 * callback runs after the frame's style, layout and paint): "the next painted frame showing it".
 *
 * - desk.keystroke.p95 — 200 queries typed key by key into the desk's search (≈ 1,000 keystrokes),
 *   each keystroke until the results for the text in the box are painted (`found-count`'s
 *   data-query equals the box). Baseline: the same keystrokes into a bare <input> on an empty page of
 *   the same origin: the browser's own floor for a key to reach the screen.
 * - desk.open.100000 — a load of `#/voters` (the list stored) → a search typed as soon as the box
 *   exists → its results painted, from the navigation's start (median of runs). Baseline: the floor
 *   of a reload that reads the list: a load of a bare page of the same origin whose first (inline)
 *   script reads the stored list (its `listCache` row: packed list + search index, what the desk
 *   opens from; an imported list's row holds the index and its blob the packed list, both read, as
 *   the desk reads them) raw from IndexedDB — opened, read, the row deserialised (its `result` read) — from
 *   that navigation's start (median of runs). Until 2026-12-07 the baseline was that raw read alone
 *   in an already-loaded bare page (no page load in it): still measured in each run and printed on
 *   stderr beside the line ("raw read in a loaded page"), the ratio to it too.
 * - desk.issue.p95 — Enter on an opened voter → "Ballot issued" painted (the voter found by page/row,
 *   opened with Enter, then the timed Enter), ≥ 100 voters. Baseline: a raw strict IndexedDB put of a
 *   status row (as `ballot.issue.p95`'s baseline), p95 in the same browser.
 * - desk.memory_mb.100000 — the renderer process's own memory (Private_Clean + Private_Dirty of
 *   /proc/<pid>/smaps_rollup: what the process costs, not its share of the browser's libraries, which
 *   moves with how many processes share them) of the renderer CDP's SystemInfo.getProcessInfo names
 *   (the largest renderer; one page open)
 *   after a forced GC (HeapProfiler.collectGarbage), the desk reloaded with the list and a search shown.
 *   Baseline: the same for the empty app (the demo set up, no list). The JS heap (Performance.getMetrics
 *   JSHeapUsedSize) is printed on stderr.
 * - voters.import.longtask.100000 — the longest main-thread task (Long Tasks API: only tasks ≥ 50 ms
 *   are reported; 0 when none) from picking the file to the desk shown with the new list. Baseline: the
 *   longest task while the empty app loads, sets up the demo and idles 2 s, same run.
 * - voters.import.peak_mb.100000 — the browser's peak memory during that import (PSS summed over all
 *   its processes, sampled every 100 ms). Baseline: the same sum with the empty app before the import.
 * - voters.import.xlsx.peak_mb.100000 — the same for the same voters as an XLSX workbook (written by
 *   exceljs: shared strings, page and row as numbers, birth dates as dates), imported in a context of
 *   its own before the rest (closed after it). Baseline: that context's empty app. Beside it on stderr:
 *   the import's time and the "rows read" counts the screen showed while the file was read.
 *
 * - backup.make.longtask.100000 — the longest main-thread task (Long Tasks API) making a backup of the
 *   laptop holding the list on the Center screen ("Save a backup now", the browser's download), from
 *   the click to its "saved" message (the backup made in the import worker). Baseline: the empty
 *   app's longest task.
 * - backup.restore.longtask.100000 — the longest main-thread task (Long Tasks API) restoring a backup
 *   of the laptop holding the list (made on the Center screen after the import: the demo's events,
 *   the list's activation and its blob) on the first-run screen of a fresh laptop (a new context),
 *   from picking the file to the window's reload after "Restored" (the check — decrypt, verify,
 *   hash, pack — in the import worker, and the restore's one transaction); the tasks are logged in
 *   sessionStorage so the reload does not lose them. Baseline: the empty app's longest task, as
 *   for the import.
 * - backup.restore.reopen.longtask.100000 — the longest main-thread task (Long Tasks API) of the
 *   first start after that restore (the document its reload opened, from its start), until the desk
 *   answers a search ('1/1') of the restored list: the start finds the list's blob and no cache row
 *   and builds the row. Baseline: the empty app's longest task.
 *
 * - training.load.longtask.6707, training.load.longtask.100000 — the longest main-thread task (Long
 *   Tasks API) loading a training scenario on a fresh laptop in training, to the scenario's check
 *   shown after the reload that follows, and 2 s after (tasks logged in sessionStorage across it):
 *   6707, a scenario with a ballot ledger started at 9001 with its own list (the largest a trainer
 *   can pick: no path starts a scenario with 100,000); 100000, a training state file holding a list
 *   of 100,000 voters loaded on the training screen (how a trainer hands trainees a longer list: the
 *   export of a training database with it; the bench writes it as that export is written). Both built
 *   and written in the scenario worker. Baseline: the empty app's longest task. Measured before the
 *   import; alone (BENCH_ONLY=training.load) no import is made.

 * BENCH_ONLY (comma-separated name prefixes) prints only the named lines (the import always runs).
 * BENCH_TRACE=1 prints every memory sample of the import (each process's PSS by type and pid, on
 * stderr) and the moments the import's steps are reached: where the peak is, and in which process.
 */
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';
import { buildScenarioState, scenarioById } from '../shared/training/scenarios';
import { buildTrainingState } from '../shared/training/state-file';
import { generateVoters, votersToCsv, votersToRows } from '../shared/voters/generate';
import type { VoterRecord } from '../shared/voters/validate';
import { percentile, result, type BenchResult } from './browser/measure';

const BASE = process.env.BENCH_DESK_URL ?? 'http://127.0.0.1:4173/';
const COUNT = Number(process.env.BENCH_DESK_VOTERS ?? 100_000);
const QUERIES = Number(process.env.BENCH_DESK_QUERIES ?? 200);
const ISSUES = Number(process.env.BENCH_DESK_ISSUES ?? 120);
const OPENS = Number(process.env.BENCH_DESK_OPENS ?? 5);
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const wanted = (name: string) => ONLY.length === 0 || ONLY.some((o) => name.startsWith(o));
const log = (...a: unknown[]) => console.error('[desk]', ...a);

const BACKUP_PASS = 'bench backup passphrase';
/** The largest list a trainer can start a scenario with: 9001's in the demo bundle (the scenario picker). */
const TRAINING_PICKED = 6707;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/**
 * Installed in every document before its scripts: the keystroke's first event time, long tasks, the
 * "painted" wait, and (when asked through sessionStorage) the search typed as soon as the desk shows.
 */
export function initScript(): void {
  interface BenchWindow {
    t0: number;
    longtasks: number[];
    painted(kind: string, arg?: string): Promise<number>;
    open?: { at: number; total: string } | { error: string };
  }
  const w = window as unknown as { __bench: BenchWindow };
  const bench: BenchWindow = {
    t0: Number.POSITIVE_INFINITY,
    longtasks: [],
    painted: () => Promise.resolve(0),
  };
  w.__bench = bench;
  const first = (e: Event) => {
    if (e.timeStamp < bench.t0) bench.t0 = e.timeStamp;
  };
  document.addEventListener('keydown', first, true);
  document.addEventListener('beforeinput', first, true);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        bench.longtasks.push(e.duration);
        // Logged across a reload while asked (the restore reloads the window when it is done).
        if (sessionStorage.getItem('bench-longtask-log-on') === '1') sessionStorage.setItem('bench-longtask-log', JSON.stringify([...(JSON.parse(sessionStorage.getItem('bench-longtask-log') ?? '[]') as number[]), e.duration]));
      }
    }).observe({ type: 'longtask', buffered: true });
    // Kept across one reload only when asked (the training load's: the start reloads onto the new state).
    addEventListener('pagehide', () => {
      if (sessionStorage.getItem('bench-longtask-log-keep') === '1') sessionStorage.removeItem('bench-longtask-log-keep');
      else sessionStorage.removeItem('bench-longtask-log-on');
    });
  } catch {
    // no Long Tasks API: the line says 0
  }
  const search = () => document.querySelector<HTMLInputElement>('[data-testid="voter-search"]');
  const shown = (): boolean => {
    const box = search();
    const count = document.querySelector<HTMLElement>('[data-testid="found-count"]');
    return !!box && !!count && count.dataset.query === box.value;
  };
  const check: Record<string, (arg?: string) => boolean> = {
    now: () => true,
    results: shown,
    // Results with rows (or the "not found" box) for a non-empty query.
    answered: () => shown() && !!document.querySelector('[data-testid="voter-row"], [data-testid="not-found"]'),
    issued: (arg) => {
      const m = document.querySelector('[data-testid="desk-message"].alert-ok');
      return !!m && (!arg || (m.textContent ?? '').includes(arg));
    },
  };
  bench.painted = (kind, arg) =>
    new Promise((resolve) => {
      const test = check[kind] ?? (() => true);
      const frame = () => {
        if (!test(arg)) {
          requestAnimationFrame(frame);
          return;
        }
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          const ms = performance.now() - bench.t0;
          bench.t0 = Number.POSITIVE_INFINITY;
          resolve(ms);
        };
        ch.port2.postMessage(0);
      };
      requestAnimationFrame(frame);
    });
  const query = sessionStorage.getItem('bench-open-query');
  if (query) {
    sessionStorage.removeItem('bench-open-query');
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const wait = () => {
      const box = search();
      if (!box) {
        setTimeout(wait, 4);
        return;
      }
      setter.call(box, query);
      box.dispatchEvent(new Event('input', { bubbles: true }));
      const answered = () => {
        if (!check.answered!()) {
          requestAnimationFrame(answered);
          return;
        }
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          bench.open = { at: performance.now(), total: document.querySelector('[data-testid="found-count"]')?.textContent ?? '' };
        };
        ch.port2.postMessage(0);
      };
      requestAnimationFrame(answered);
    };
    wait();
  }
}

/** A page of the app's origin with nothing but a text box (the bench's floor): bench/bare-pages.mjs, served beside the app. */
export const BARE = `${BASE}bench-bare.html`;

/** desk.open's baseline page (bench/bare-pages.mjs): its first script reads the stored list raw. */
const BARE_READ = `${BASE}bench-bare-read.html`;

/**
 * A process's memory from /proc/<pid>/smaps_rollup, in MB: `Pss`, `Private_Clean` + `Private_Dirty`
 * (its own pages), or `Private_Dirty` alone (the memory it wrote: what its work allocates, whatever
 * else runs on the machine).
 */
async function smaps(pid: number, kind: 'pss' | 'private' | 'dirty'): Promise<number> {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'mu').exec(text)?.[1] ?? 0);
    return (kind === 'pss' ? kb('Pss') : kind === 'dirty' ? kb('Private_Dirty') : kb('Private_Clean') + kb('Private_Dirty')) / 1024;
  } catch {
    return 0;
  }
}
const pss = (pid: number) => smaps(pid, 'pss');

interface ProcessInfo {
  type: string;
  id: number;
}

async function processes(cdp: CDPSession): Promise<ProcessInfo[]> {
  const info = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: ProcessInfo[] };
  return info.processInfo;
}

/** The largest renderer's private memory (MB) after a forced GC, and the page's JS heap (MB). */
async function rendererMemory(browserCdp: CDPSession, page: Page): Promise<{ pss: number; heap: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  for (let i = 0; i < 2; i += 1) await cdp.send('HeapProfiler.collectGarbage');
  await page.waitForTimeout(500);
  await cdp.send('Performance.enable');
  const metrics = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const heap = (metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1048576;
  await cdp.detach();
  let max = 0;
  for (const p of await processes(browserCdp)) if (p.type === 'renderer') max = Math.max(max, await smaps(p.id, 'private'));
  return { pss: max, heap };
}

/**
 * The browser's PSS summed over its processes (MB). Also kept, in `own`: the sum of the same
 * processes' written pages (Private_Dirty), which does not move when other browsers on the machine
 * start or stop (PSS splits the shared libraries' pages among every process mapping them, this
 * browser's or not; clean pages count as private when no other process maps them): printed beside
 * the line, to compare runs on a shared machine.
 */
const own = { now: 0, peak: 0 };
async function browserPss(browserCdp: CDPSession, trace?: (parts: string) => void): Promise<number> {
  let sum = 0;
  let mine = 0;
  const parts: string[] = [];
  for (const p of await processes(browserCdp)) {
    const mb = await pss(p.id);
    sum += mb;
    mine += await smaps(p.id, 'dirty');
    parts.push(`${p.type}:${p.id}=${mb.toFixed(0)}`);
  }
  own.now = mine;
  own.peak = Math.max(own.peak, mine);
  trace?.(`${parts.join(' ')} own=${mine.toFixed(0)}`);
  return sum;
}
const TRACE = process.env.BENCH_TRACE === '1';
const traceStart = Date.now();
const trace = (what: string) => {
  if (TRACE) log(`trace +${((Date.now() - traceStart) / 1000).toFixed(1)}s ${what}`);
};

export async function painted(page: Page, kind: string, arg?: string): Promise<number> {
  return page.evaluate(([k, a]) => (window as unknown as { __bench: { painted(k: string, a?: string): Promise<number> } }).__bench.painted(k, a), [kind, arg] as const);
}

/** Typed queries as members type them (Cyrillic surnames, name + surname, page/row, document digits). */
export function queries(voters: readonly VoterRecord[]): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < QUERIES; i += 1) {
    const v = voters[(i * 7919) % voters.length]!;
    switch (i % 5) {
      case 0:
        out.push(v.surname.slice(0, 5).toLowerCase());
        break;
      case 1:
        out.push(`${v.name.slice(0, 3)} ${v.surname.slice(0, 3)}`.toLowerCase());
        break;
      case 2:
        out.push(`${v.page}/${v.row}`);
        break;
      case 3:
        out.push((v.document || v.surname).slice(0, 6));
        break;
      default:
        out.push(v.surname.slice(0, 3).toLowerCase());
    }
  }
  return out;
}

/** Every keystroke of every query into `selector`, timed key → painted (`kind`); the box emptied between queries. */
export async function typeAll(page: Page, selector: string, qs: readonly string[], kind: string): Promise<number[]> {
  const box = page.locator(selector);
  const samples: number[] = [];
  for (const q of qs) {
    await box.fill('');
    await painted(page, kind);
    for (const ch of q) {
      await page.keyboard.type(ch);
      samples.push(await painted(page, kind));
    }
  }
  return samples;
}

async function startApp(page: Page): Promise<void> {
  await page.goto(BASE);
  await page.getByTestId('language-continue').click();
  await page.getByTestId('choose-demo').click();
  await page.getByRole('radio', { name: /^9001 /u }).check();
  const allDay = page.getByTestId('demo-hours-all-day');
  if (await allDay.isVisible()) await allDay.check();
  await page.getByTestId('demo-start').click();
  await page.getByTestId('active-precinct').waitFor();
}

/**
 * The import through the screen. The CSV is given as a file on disk: `setInputFiles({ buffer })` makes
 * Playwright decode a base64 copy of it inside the page, one task of seconds that is the harness's,
 * not the app's (it was the whole of `voters.import.longtask` before); a path is read by the browser
 * as a picked file is.
 */
async function importList(page: Page, csvPath: string): Promise<void> {
  await page.locator('a[href="#/voters"]').click();
  await page.getByTestId('go-import').click();
  trace('file');
  await page.getByTestId('voter-file').setInputFiles(csvPath, { timeout: 10 * 60_000 });
  await page.getByTestId('import-check').click({ timeout: 10 * 60_000 });
  trace('check clicked');
  const activate = page.getByTestId('import-activate');
  const confirm = page.getByTestId('import-confirm-names');
  await activate.or(confirm).first().waitFor({ timeout: 10 * 60_000 });
  if (await confirm.isVisible()) await confirm.check();
  trace('review shown');
  await activate.click({ timeout: 10 * 60_000 });
  trace('activate clicked');
  await page.getByTestId('voter-search').waitFor({ timeout: 10 * 60_000 });
  trace('desk shown');
}

async function rawListRead(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const start = performance.now();
        const open = indexedDB.open('precinct-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['listCache', 'blobs'], 'readonly');
          const all = tx.objectStore('listCache').getAll();
          all.onsuccess = () => {
            // The row as a value in the page, as the desk gets it: Chromium deserialises a value
            // read from IndexedDB when `result` is first read, so the clock stops after that. A row
            // whose list is its blob's (packedIn 'blob': an imported list) is read with that blob.
            const rows = all.result as { listHash: string; packedIn?: string }[];
            const done = () => {
              const ms = performance.now() - start;
              open.result.close();
              if (rows.length !== 1) reject(new Error('no stored list'));
              else resolve(ms);
            };
            if (rows.length !== 1 || rows[0]!.packedIn !== 'blob') {
              done();
              return;
            }
            const blob = tx.objectStore('blobs').get(rows[0]!.listHash);
            blob.onsuccess = () => (blob.result === undefined ? reject(new Error('no stored blob')) : done());
            blob.onerror = () => reject(blob.error);
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** p95 of raw strict puts of a status row (as ballot.issue.p95's baseline), in a scratch database. */
async function rawPuts(page: Page, rounds: number): Promise<number[]> {
  return page.evaluate(async (n) => {
    const name = `bench-desk-raw-${Date.now()}`;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore('status', { keyPath: 'voterId' }).createIndex('page', 'page');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const put = (value: unknown) =>
      new Promise<void>((resolve, reject) => {
        const tx = db.transaction('status', 'readwrite', { durability: 'strict' });
        tx.objectStore('status').put(value);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    for (let i = 0; i < 20; i += 1) await put({ voterId: `warm-${i}`, page: 1, issued: null });
    const out: number[] = [];
    for (let i = 0; i < n; i += 1) {
      const t = performance.now();
      await put({ voterId: `v-${i}`, page: 1, issued: { at: new Date().toISOString(), by: 'm', eventId: String(i) } });
      out.push(performance.now() - t);
    }
    db.close();
    indexedDB.deleteDatabase(name);
    return out;
  }, rounds);
}

/** A load of BARE_READ: navigation start → the stored row read and deserialised by its first script (ms). */
async function rawListReload(page: Page): Promise<number> {
  await page.goto(BARE_READ, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __rawOpen?: unknown }).__rawOpen !== undefined, undefined, { timeout: 120_000, polling: 50 });
  const r = await page.evaluate(() => (window as unknown as { __rawOpen: { at: number } | { error: string } }).__rawOpen);
  if ('error' in r) throw new Error(`bare read: ${r.error}`);
  return r.at;
}

async function openDesk(page: Page, q: string): Promise<{ ms: number; total: string }> {
  await page.goto(BARE);
  await page.evaluate((query) => sessionStorage.setItem('bench-open-query', query), q);
  await page.goto(`${BASE}#/voters`, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __bench?: { open?: unknown } }).__bench?.open !== undefined, undefined, { timeout: 120_000, polling: 50 });
  const open = await page.evaluate(() => (window as unknown as { __bench: { open: { at: number; total: string } } }).__bench.open);
  return { ms: open.at, total: open.total };
}

/** The voters as an XLSX workbook on disk (exceljs's streaming writer: shared strings, numbers, dates). */
async function writeXlsx(voters: readonly VoterRecord[], path: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const ws = wb.addWorksheet('Тизме');
  votersToRows(voters).forEach((cells, i) => {
    if (i === 0) {
      ws.addRow(cells).commit();
      return;
    }
    const birth = /^(\d{2})\.(\d{2})\.(\d{4})$/u.exec(cells[5] ?? '');
    const row = ws.addRow([Number(cells[0]), Number(cells[1]), ...cells.slice(2, 5), birth ? new Date(Date.UTC(Number(birth[3]), Number(birth[2]) - 1, Number(birth[1]))) : cells[5], ...cells.slice(6)]);
    if (birth) row.getCell(6).numFmt = 'dd.mm.yyyy';
    row.commit();
  });
  ws.commit();
  await wb.commit();
}

/**
 * voters.import.xlsx.peak_mb: the list imported from an XLSX file in a context of its own, the
 * browser's PSS sampled as for the CSV; the "rows read" shown while the file is read, collected.
 */
async function xlsxImport(browser: Browser, browserCdp: CDPSession, voters: readonly VoterRecord[], setup: (c: BrowserContext) => Promise<void>): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-desk-xlsx-'));
  const path = join(dir, `bench-${voters.length}.xlsx`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await writeXlsx(voters, path);
    await setup(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => log('page error:', e.message));
    await startApp(page);
    await page.locator('a[href="#/voters"]').click();
    await page.getByTestId('no-list').waitFor();
    await page.waitForTimeout(2000);
    const empty = await browserPss(browserCdp);
    let peak = empty;
    let sampling = true;
    const counts: string[] = [];
    let last: string | undefined;
    const start = Date.now();
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await browserPss(browserCdp, trace).catch(() => 0));
        const shown = await page.getByTestId('import-progress-counts').textContent({ timeout: 50 }).catch(() => null);
        const read = shown ? /\d[\d\s\u00a0\u202f,.]*/u.exec(shown)?.[0].trim() : undefined;
        if (read !== undefined && read !== last) counts.push(`${read}@${((Date.now() - start) / 1000).toFixed(1)}s`);
        last = read ?? last;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    try {
      await importList(page, path);
    } finally {
      sampling = false;
      await sampler;
    }
    log(`xlsx import: ${Date.now() - start} ms (${(statSync(path).size / 1048576).toFixed(1)} MB file), browser peak PSS ${peak.toFixed(0)} MB, empty app ${empty.toFixed(0)} MB; rows read shown: ${counts.slice(0, 40).join(' ')}`);
    return result(`voters.import.xlsx.peak_mb.${voters.length}`, peak, empty, 'MB');
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * training.load (see the header): a fresh laptop (a context of its own) set up with the demo at 9001
 * enters training and loads a scenario: `picked` starts one with a ballot ledger ("unbalanced
 * protocol": every voter issued a ballot is an event of the start — 4,024 at 6,707 voters) at 9001
 * with its own list, as a trainer picks it; a path: a training state file loaded on the training
 * screen. Long tasks are logged in sessionStorage across the reload that follows, from the click (or
 * the file picked) to the scenario's check shown after it, and 2 s more.
 */
async function trainingLoad(browser: Browser, how: 'picked' | { statePath: string }): Promise<{ tasks: number[]; ms: number }> {
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await fresh.addInitScript({ content: `globalThis.__name = (f) => f;\n(${initScript.toString()})();` });
    const page = await fresh.newPage();
    page.on('pageerror', (e) => log('page error:', e.message));
    await startApp(page);
    await page.locator('.nav a[href="#/training"]').click();
    const entered = page.waitForEvent('load', { timeout: 2 * 60_000 });
    await page.getByTestId('training-enter').click();
    await entered;
    await page.getByTestId('scenario-precinct').selectOption('9001');
    await page.waitForTimeout(1000);
    await page.evaluate(() => {
      sessionStorage.setItem('bench-longtask-log', '[]');
      sessionStorage.setItem('bench-longtask-log-on', '1');
      sessionStorage.setItem('bench-longtask-log-keep', '1');
    });
    const start = Date.now();
    const reloaded = page.waitForEvent('load', { timeout: 2 * 60_000 });
    if (how === 'picked') await page.getByTestId('scenario-start-unbalanced-protocol').click();
    else await page.getByTestId('training-import').setInputFiles(how.statePath, { timeout: 2 * 60_000 });
    await reloaded;
    await page.getByTestId('scenario-description').waitFor({ timeout: 2 * 60_000 });
    const ms = Date.now() - start;
    await page.waitForTimeout(2000);
    const tasks = JSON.parse((await page.evaluate(() => sessionStorage.getItem('bench-longtask-log'))) ?? '[]') as number[];
    return { tasks, ms };
  } finally {
    await fresh.close();
  }
}

/**
 * A trainer's state file holding a list of `count` voters (as a training database with such a list
 * exports it: `buildTrainingState`), on disk: a "late application" scenario at 9001 started on it.
 */
async function writeTrainingState(count: number, dir: string): Promise<string> {
  const where = { precinct: 9001, timeZone: 'Europe/Moscow', listSize: count };
  const state = await buildScenarioState(scenarioById('late-application')!, 4242, { deviceId: randomUUID(), newId: randomUUID }, where);
  const path = join(dir, `training-state-${count}.json`);
  const exportedAt = new Date().toISOString();
  const scenario = { id: 'late-application', seed: 4242, startEvents: state.events.length, precinct: 9001, listSize: count };
  writeFileSync(path, buildTrainingState({ exportedAt, clock: state.clock, title: 'bench', events: state.events, blobs: state.blobs, scenario }), 'utf8');
  return path;
}

async function main(): Promise<void> {
  const results: BenchResult[] = [];
  const emit = (r: BenchResult) => {
    if (!wanted(r.name)) return;
    results.push(r);
    console.log(JSON.stringify(r));
  };
  const browser: Browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // tsx keeps function names with a `__name` helper the page does not have: given here.
    await context.addInitScript({ content: `globalThis.__name = (f) => f;\n(${initScript.toString()})();` });
    const browserCdp = await browser.newBrowserCDPSession();
    const page = await context.newPage();
    page.on('pageerror', (e) => log('page error:', e.message));

    const voters = generateVoters(COUNT, 19_100_000, { votingDay: new Date().toISOString().slice(0, 10) as `${number}-${number}-${number}` });
    const qs = queries(voters);

    // The XLSX import first, in a context of its own (closed after it); alone when only it is asked for.
    if (wanted('voters.import.xlsx')) {
      emit(await xlsxImport(browser, browserCdp, voters, async (c) => {
        await c.addInitScript({ content: `globalThis.__name = (f) => f;\n(${initScript.toString()})();` });
      }));
      if (ONLY.length > 0 && ONLY.every((o) => o.startsWith('voters.import.xlsx'))) return;
    }

    // The empty app: its load, the demo's set-up, 2 s idle — the longest task and the memory.
    await startApp(page);
    await page.locator('a[href="#/voters"]').click();
    await page.getByTestId('no-list').waitFor();
    await page.waitForTimeout(2000);
    const idleLongest = Math.max(0, ...(await page.evaluate(() => (window as unknown as { __bench: { longtasks: number[] } }).__bench.longtasks)));
    const empty = await rendererMemory(browserCdp, page);
    const emptyBrowser = await browserPss(browserCdp, trace);
    const emptyOwn = own.now;
    own.peak = emptyOwn;
    log(`empty app: renderer private ${empty.pss.toFixed(1)} MB, JS heap ${empty.heap.toFixed(1)} MB, browser PSS ${emptyBrowser.toFixed(1)} MB, longest task ${idleLongest.toFixed(0)} ms`);

    // A training scenario's start at the largest list a trainer can pick (9001's, 6,707 voters), and
    // a training state file with COUNT voters loaded (how a trainer gives trainees a longer list),
    // each in a context of its own.
    if (wanted(`training.load.longtask.${TRAINING_PICKED}`)) {
      const load = await trainingLoad(browser, 'picked');
      log(`training load (a scenario picked at 9001, ${TRAINING_PICKED} voters): ${load.ms} ms to the check shown, ${load.tasks.length} long tasks${load.tasks.length > 0 ? ` (${load.tasks.map((x) => x.toFixed(0)).join(' ')} ms)` : ''}`);
      emit(result(`training.load.longtask.${TRAINING_PICKED}`, Math.max(0, ...load.tasks), idleLongest));
    }
    if (wanted(`training.load.longtask.${COUNT}`)) {
      const dir = mkdtempSync(join(tmpdir(), 'bench-desk-training-'));
      try {
        const load = await trainingLoad(browser, { statePath: await writeTrainingState(COUNT, dir) });
        log(`training load (a state file, ${COUNT} voters): ${load.ms} ms to the check shown, ${load.tasks.length} long tasks${load.tasks.length > 0 ? ` (${load.tasks.map((x) => x.toFixed(0)).join(' ')} ms)` : ''}`);
        emit(result(`training.load.longtask.${COUNT}`, Math.max(0, ...load.tasks), idleLongest));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    // Only training lines asked: the list's import (and everything measured on it) is not needed.
    if (ONLY.length > 0 && ONLY.every((o) => o.startsWith('training.'))) return;

    // The import through the screen, memory sampled and long tasks collected; the file on disk (see importList).
    const csvDir = mkdtempSync(join(tmpdir(), 'bench-desk-'));
    const csvPath = join(csvDir, `bench-${COUNT}.csv`);
    writeFileSync(csvPath, votersToCsv(voters, { delimiter: ';' }), 'utf8');
    await page.evaluate(() => {
      (window as unknown as { __bench: { longtasks: number[] } }).__bench.longtasks = [];
    });
    let peak = emptyBrowser;
    let sampling = true;
    // Sampling stops with the import, whatever its outcome (an import that fails reports its own error).
    // Traced: the window's own JS heap beside each sample (the rest of the renderer is the worker, the DOM, …).
    const pageCdp = TRACE ? await context.newCDPSession(page) : null;
    if (pageCdp) await pageCdp.send('Performance.enable');
    const pageHeap = async (): Promise<string> => {
      if (!pageCdp) return '';
      const m = (await pageCdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const mb = (name: string) => ((m.metrics.find((x) => x.name === name)?.value ?? 0) / 1048576).toFixed(0);
      return ` window-heap=${mb('JSHeapUsedSize')}/${mb('JSHeapTotalSize')}`;
    };
    const sampler = (async () => {
      while (sampling) {
        const heap = await pageHeap().catch(() => '');
        peak = Math.max(peak, await browserPss(browserCdp, (parts) => trace(parts + heap)).catch(() => 0));
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const importStart = Date.now();
    try {
      await importList(page, csvPath);
    } finally {
      sampling = false;
      await sampler;
      await pageCdp?.detach();
      rmSync(csvDir, { recursive: true, force: true });
    }
    const importMs = Date.now() - importStart;
    const importTasks = await page.evaluate(() => (window as unknown as { __bench: { longtasks: number[] } }).__bench.longtasks);
    const importLongest = Math.max(0, ...importTasks);
    log(`import: ${importMs} ms, ${importTasks.length} long tasks, longest ${importLongest.toFixed(0)} ms, browser peak PSS ${peak.toFixed(0)} MB; written pages (Private_Dirty) peak ${own.peak.toFixed(0)} MB, empty app ${emptyOwn.toFixed(0)} MB`);
    emit(result(`voters.import.longtask.${COUNT}`, importLongest, idleLongest));
    emit(result(`voters.import.peak_mb.${COUNT}`, peak, emptyBrowser, 'MB'));

    // Reload → first search answered, against a reload of a bare page reading the stored list raw
    // (and, printed beside it, that raw read in an already-loaded page: the baseline before).
    const opens: number[] = [];
    const raws: number[] = [];
    const rawReloads: number[] = [];
    let shownTotal = '';
    const openQuery = voters[4242]!.surname.toLowerCase();
    for (let r = 0; r < OPENS; r += 1) {
      await page.goto(BARE);
      raws.push(await rawListRead(page));
      await page.goto(BARE);
      rawReloads.push(await rawListReload(page));
      const o = await openDesk(page, openQuery);
      opens.push(o.ms);
      if (shownTotal && o.total !== shownTotal) throw new Error(`the reloaded desk found "${o.total}", before "${shownTotal}"`);
      shownTotal = o.total;
      await page.waitForTimeout(500);
    }
    const [open50, reload50, raw50] = [percentile(opens, 50), percentile(rawReloads, 50), percentile(raws, 50)];
    log(`open: ${opens.map((x) => x.toFixed(0)).join(' ')} ms; "${shownTotal}"`);
    log(`  baseline, a bare page's reload reading the row raw: ${rawReloads.map((x) => x.toFixed(0)).join(' ')} ms (median ${reload50.toFixed(0)}, ratio ${(open50 / reload50).toFixed(2)})`);
    log(`  before 2026-12-07's baseline, the raw read in a loaded page: ${raws.map((x) => x.toFixed(0)).join(' ')} ms (median ${raw50.toFixed(0)}, ratio ${(open50 / raw50).toFixed(2)})`);
    emit(result(`desk.open.${COUNT}`, open50, reload50));

    // Memory with the list loaded: the desk as reloaded, a search shown.
    const loaded = await rendererMemory(browserCdp, page);
    log(`list loaded: renderer private ${loaded.pss.toFixed(1)} MB, JS heap ${loaded.heap.toFixed(1)} MB`);
    emit(result(`desk.memory_mb.${COUNT}`, loaded.pss, empty.pss, 'MB'));

    if (wanted('desk.keystroke.p95')) {
      // The floor first: the same keystrokes into a bare box.
      await page.goto(BARE);
      await page.locator('#bare').focus();
      const floor = await typeAll(page, '#bare', qs, 'now');
      await page.goto(`${BASE}#/voters`);
      await page.getByTestId('voter-search').waitFor();
      await page.getByTestId('voter-search').focus();
      const desk = await typeAll(page, '[data-testid="voter-search"]', qs, 'results');
      log(`keystrokes: ${desk.length}; desk p50 ${percentile(desk, 50).toFixed(1)} p95 ${percentile(desk, 95).toFixed(1)} max ${Math.max(...desk).toFixed(1)}; floor p50 ${percentile(floor, 50).toFixed(1)} p95 ${percentile(floor, 95).toFixed(1)}`);
      emit(result('desk.keystroke.p95', percentile(desk, 95), percentile(floor, 95)));
    }

    if (wanted('desk.issue.p95')) {
      await page.goto(`${BASE}#/voters`);
      const box = page.getByTestId('voter-search');
      await box.waitFor();
      const samples: number[] = [];
      for (let i = 0; i < ISSUES + 5; i += 1) {
        const v = voters[(i * 6007 + 11) % voters.length]!;
        const q = `${v.page}/${v.row}`;
        await box.fill(q);
        await page.waitForFunction((text) => document.querySelector<HTMLElement>('[data-testid="found-count"]')?.dataset.query === text, q, { polling: 'raf' });
        await box.press('Enter');
        await page.getByTestId('issue-ballot').waitFor();
        await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'issue-ballot', undefined, { polling: 'raf' });
        await painted(page, 'now');
        await page.keyboard.press('Enter');
        const ms = await painted(page, 'issued');
        if (i >= 5) samples.push(ms);
      }
      await page.goto(BARE);
      const base = await rawPuts(page, 300);
      log(`issue: p50 ${percentile(samples, 50).toFixed(1)} p95 ${percentile(samples, 95).toFixed(1)}; raw put p50 ${percentile(base, 50).toFixed(1)} p95 ${percentile(base, 95).toFixed(1)}`);
      emit(result('desk.issue.p95', percentile(samples, 95), percentile(base, 95)));
    }
    let backupPath: string | null = null;
    const restoreWanted = wanted('backup.restore.longtask') || wanted(`backup.restore.reopen.longtask.${COUNT}`);
    if (wanted('backup.make.longtask') || restoreWanted) {
      // A backup of this laptop (the demo set up, the list activated), made on the Center screen
      // (the browser fallback: a download), long tasks collected from the click to the download
      // and its "saved" message; then restored from the first-run screen of a fresh
      // laptop (a new context: its own IndexedDB); long tasks logged from picking the file to the
      // window's reload after "Restored".
      await page.goto(`${BASE}#/sync`);
      await page.getByTestId('backup-passphrase').fill(BACKUP_PASS);
      await page.waitForTimeout(1000);
      await page.evaluate(() => {
        (window as unknown as { __bench: { longtasks: number[] } }).__bench.longtasks = [];
      });
      const makeStart = Date.now();
      const downloading = page.waitForEvent('download', { timeout: 10 * 60_000 });
      await page.getByTestId('backup-now').click();
      backupPath = await (await downloading).path();
      await page.locator('[data-testid="backup-message"].alert-ok').waitFor({ timeout: 10 * 60_000 });
      const makeTasks = await page.evaluate(() => (window as unknown as { __bench: { longtasks: number[] } }).__bench.longtasks);
      log(`backup made: ${Date.now() - makeStart} ms, ${makeTasks.length} long tasks${makeTasks.length > 0 ? ` (${makeTasks.map((x) => x.toFixed(0)).join(' ')} ms)` : ''}`);
      emit(result(`backup.make.longtask.${COUNT}`, Math.max(0, ...makeTasks), idleLongest));
    }
    if (restoreWanted && backupPath !== null) {
      const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await fresh.addInitScript({ content: `globalThis.__name = (f) => f;\n(${initScript.toString()})();` });
      const laptop = await fresh.newPage();
      laptop.on('pageerror', (e) => log('page error:', e.message));
      await laptop.goto(BASE);
      await laptop.getByTestId('language-continue').click();
      await laptop.getByTestId('choose-restore').click();
      await laptop.evaluate(() => {
        sessionStorage.setItem('bench-longtask-log', '[]');
        sessionStorage.setItem('bench-longtask-log-on', '1');
      });
      const restoreStart = Date.now();
      await laptop.getByTestId('restore-file').setInputFiles(backupPath, { timeout: 10 * 60_000 });
      await laptop.getByTestId('restore-passphrase').fill(BACKUP_PASS);
      await laptop.getByTestId('restore-check').click();
      const problem = laptop.getByTestId('restore-problem');
      await laptop.getByTestId('restore-confirm').or(problem).first().waitFor({ timeout: 10 * 60_000 });
      if (await problem.isVisible()) throw new Error(`the backup was refused: ${await problem.textContent()}`);
      const reloaded = laptop.waitForEvent('load', { timeout: 10 * 60_000 });
      await laptop.getByTestId('restore-confirm').click();
      await reloaded;
      const restoreTasks = JSON.parse((await laptop.evaluate(() => sessionStorage.getItem('bench-longtask-log'))) ?? '[]') as number[];
      log(`restore: ${Date.now() - restoreStart} ms, ${restoreTasks.length} long tasks${restoreTasks.length > 0 ? ` (${restoreTasks.map((x) => x.toFixed(0)).join(' ')} ms)` : ''}`);
      emit(result(`backup.restore.longtask.${COUNT}`, Math.max(0, ...restoreTasks), idleLongest));
      // The first start after the restore (the reload above: its document's own long tasks, from its
      // start) until the desk answers a search of the restored list.
      const reopenStart = Date.now();
      await laptop.locator('.nav a[href="#/voters"]').click({ timeout: 10 * 60_000 });
      await laptop.getByTestId('voter-search').fill('1/1', { timeout: 10 * 60_000 });
      await laptop.getByTestId('voter-row').first().waitFor({ timeout: 10 * 60_000 });
      const reopenTasks = await laptop.evaluate(() => (window as unknown as { __bench: { longtasks: number[] } }).__bench.longtasks);
      log(`reopen after restore: desk answered ${Date.now() - reopenStart} ms after the reload's load, ${reopenTasks.length} long tasks${reopenTasks.length > 0 ? ` (${reopenTasks.map((x) => x.toFixed(0)).join(' ')} ms)` : ''}`);
      emit(result(`backup.restore.reopen.longtask.${COUNT}`, Math.max(0, ...reopenTasks), idleLongest));
      await fresh.close();
    }
    await browserCdp.detach();
  } finally {
    await browser.close();
  }
  if (results.length === 0 && ONLY.length === 0) throw new Error('no desk line measured');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
