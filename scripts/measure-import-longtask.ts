/**
 * The longest task on the UI thread while a large voter list is imported (issue 19), with the Long
 * Tasks API, in the built browser app: file chosen → "Check every row" → "Activate" → the voters
 * screen counting the list. A measurement, not a test (no speed is asserted anywhere):
 *
 *   npm run build && npx tsx scripts/measure-import-longtask.ts [--count 100000] [--port 4413] [--runs 1]
 *
 * Prints one JSON object a run: the longest task (ms), how many tasks passed 50 ms, their sum, and
 * the wall time of each step.
 */
import { chromium, type Page } from '@playwright/test';
import type { Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../playwright.config';
import { csvPlain, people } from '../tests/support/voter-files';
// @ts-expect-error -- a plain ES module of the project's own scripts, without types
import { startServer } from './serve.mjs';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const count = arg('count', 100_000);
const port = arg('port', 4413);
const runs = arg('runs', 1);

async function startDemo(page: Page): Promise<void> {
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByTestId('language-continue').click();
  await page.getByTestId('choose-demo').click();
  await page.getByRole('radio', { name: /^9001 /u }).check();
  await page.getByTestId('demo-hours-all-day').check();
  await page.getByTestId('demo-start').click();
  await page.getByTestId('active-precinct').waitFor();
  await page.getByRole('button', { name: 'EN' }).click();
}

const server = (await startServer({ port })) as Server;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
// From a file on disk: a buffer handed to setInputFiles would be decoded by script in the page, a
// long task of the harness's own.
const dir = mkdtempSync(join(tmpdir(), 'import-longtask-'));
const path = join(dir, 'large.csv');
writeFileSync(path, csvPlain(people(count, 20)));
try {
  for (let r = 0; r < runs; r += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await startDemo(page);
    await page.locator('a[href="#/voters"]').click();
    await page.getByTestId('go-import').click();
    const t0 = await page.evaluate(() => performance.now());
    const wall0 = Date.now();
    await page.getByTestId('voter-file').setInputFiles(path);
    await page.getByTestId('import-check').click({ timeout: 300_000 });
    const wallRead = Date.now();
    const t1 = await page.evaluate(() => performance.now());
    await page.getByTestId('import-activate').click({ timeout: 300_000 });
    const wallChecked = Date.now();
    const t2 = await page.evaluate(() => performance.now());
    await page.getByTestId('issued-count').filter({ hasText: new Intl.NumberFormat('en').format(count) }).waitFor({ timeout: 300_000 });
    const wallDone = Date.now();
    // Let the last task end and be reported.
    await page.waitForTimeout(500);
    const tasks = await page.evaluate((from) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((t) => t.start >= from), t0);
    const durations = tasks.map((t) => t.duration).sort((a, b) => b - a);
    const longest = (from: number, to: number) => Math.round(Math.max(0, ...tasks.filter((t) => t.start >= from && t.start < to).map((t) => t.duration)));
    process.stdout.write(`${
      JSON.stringify({
        name: `voters.import.longtask.${count}`,
        longestMs: Math.round(durations[0] ?? 0),
        over50: durations.length,
        sumMs: Math.round(durations.reduce((a, b) => a + b, 0)),
        top5: durations.slice(0, 5).map(Math.round),
        longestByStep: { read: longest(t0, t1), check: longest(t1, t2), activate: longest(t2, Infinity) },
        readMs: wallRead - wall0,
        checkMs: wallChecked - wallRead,
        activateMs: wallDone - wallChecked,
      })}\n`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
