/**
 * A fact confirmed on screen survives a killed browser: Chromium is started by hand (so that it can
 * be killed with SIGKILL, not closed), the demo set up, a list imported and a ballot issued; once the
 * screen says "issued" the whole process group is killed. Started again on the same profile, the
 * voter still has the ballot and the event log verifies.
 */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { pickVoterFile, startDemo, tr } from './helpers';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Running {
  child: ChildProcess;
  browser: Browser;
  page: Page;
}

async function launch(userDataDir: string): Promise<Running> {
  const child = spawn(CHROMIUM, [...CHROMIUM_ARGS, '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${userDataDir}`, 'about:blank'], {
    detached: true, // its own process group, killed as a whole
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const wsUrl = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no DevTools URL from Chromium:\n${err}`)), 20_000);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      err += chunk;
      const m = /DevTools listening on (ws:\/\/\S+)/u.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}):\n${err}`));
    });
  });
  child.stderr!.resume();
  const browser = await chromium.connectOverCDP(wsUrl);
  const context = browser.contexts()[0] ?? (await browser.newContext());
  const page = context.pages()[0] ?? (await context.newPage());
  return { child, browser, page };
}

async function kill(running: Running): Promise<void> {
  const exited = new Promise<void>((resolve) => running.child.once('exit', () => resolve()));
  // Wait until Playwright itself has seen the connection drop: otherwise its test teardown (tracing)
  // may still talk to the dead browser and fail the test after the fact.
  const disconnected = new Promise<void>((resolve) => {
    if (!running.browser.isConnected()) resolve();
    else running.browser.once('disconnected', () => resolve());
  });
  process.kill(-running.child.pid!, 'SIGKILL');
  await exited;
  await Promise.race([disconnected, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  await running.browser.close().catch(() => {});
}

test('a ballot confirmed on screen survives a killed browser', async ({ baseURL }) => {
  test.setTimeout(90_000);
  const userDataDir = mkdtempSync(join(tmpdir(), 'precinct-desk-durability-'));
  let running: Running | null = null;
  try {
    running = await launch(userDataDir);
    let page = running.page;
    await startDemo(page, 9001, baseURL!);
    await page.locator('a[href="#/voters"]').click();
    await page.getByTestId('go-import').click();
    await pickVoterFile(page, 'ky-utf8-bom.csv', new Uint8Array(readFileSync(new URL('../fixtures/voters/ky-utf8-bom.csv', import.meta.url))));
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-activate').click();
    await page.getByTestId('voter-search').fill('өмүрбекова');
    await page.getByTestId('voter-search').press('Enter');
    await page.keyboard.press('Enter');
    // The confirmation on screen — and not a moment longer — before the kill.
    await expect(page.getByTestId('desk-message')).toHaveText(tr('ky', 'voters:issued', { name: 'Өмүрбекова Айгүл Кеңешовна', page: 1, row: 2 }));
    await kill(running);
    running = null;

    running = await launch(userDataDir);
    page = running.page;
    await page.goto(`${baseURL!}#/voters`);
    await expect(page.getByTestId('issued-count')).toHaveText(tr('ky', 'voters:issuedOf', { issued: '1', total: '3' }));
    await page.getByTestId('voter-search').fill('өмүрбекова');
    await expect(page.getByTestId('voter-row')).toContainText(tr('ky', 'voters:status.issued'));
    await page.getByTestId('voter-search').press('Enter');
    await expect(page.getByTestId('already-issued')).toContainText('Асанов Нурлан (демо)');

    await page.locator('a[href="#/profile"]').click();
    await page.getByTestId('verify-log').click();
    const verified = page.getByTestId('verify-result');
    await expect(verified).toHaveClass(/alert-ok/u);
    const count = Number(/\d+/u.exec((await verified.textContent()) ?? '')?.[0]);
    await expect(verified).toHaveText(tr('ky', 'profile:logIntact', { count }));
    expect(count).toBeGreaterThanOrEqual(3); // setup, list, ballot
  } finally {
    if (running) await kill(running);
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
