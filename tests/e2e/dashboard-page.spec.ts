/**
 * The center's dashboard page as Vite builds it (center/web): on a center of its own, two laptops push
 * ballots at known hours; the page shows the figures, the turnout chart (the total line's points are
 * the ballots pushed up to each report time), the precinct grid coloured by status, switches
 * language (tables, chart and grid), and loads only its own origin's files — no inline script, no CSP
 * violation. Screenshots at 1366 px in Kyrgyz and Russian.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { demoBundle } from '../../shared/election/demo';
import { sealBundle, type ElectionBundleInput } from '../../shared/election/bundle';
import { computeEventHash, GENESIS_HASH, type StoredEvent, type UnhashedEvent } from '../../shared/events/envelope';
import { encodeHlc } from '../../shared/events/hlc';
import { exportPublicJwk, generateSigningKeyPair, signBatch, signEnrolment } from '../../shared/sync/index';
import ky from '../../locales/ky/center.json' with { type: 'json' };
import ru from '../../locales/ru/center.json' with { type: 'json' };

const TOKEN = 'dashboard-page-e2e-token';
const ELECTION = demoBundle().election.id;
let center: ChildProcess | null = null;
let CENTER = '';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const admin = (): Record<string, string> => ({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' });

/** A laptop of a precinct: enrols with a one-time code and pushes its signed chain of ballots issued at the given instants. */
async function laptopPushes(precinct: number, instantsUtc: string[]): Promise<void> {
  const keys = await generateSigningKeyPair();
  const deviceId = `e2e-${precinct}-${randomUUID().slice(0, 8)}`;
  const code = (await (await fetch(`${CENTER}/api/admin/enrolment-codes`, { method: 'POST', headers: admin(), body: JSON.stringify({ precinct }) })).json()) as { code: string };
  const enrol = await fetch(`${CENTER}/api/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(await signEnrolment({ code: code.code, deviceId, publicKey: await exportPublicJwk(keys.publicKey), label: `laptop ${precinct}` }, keys.privateKey)),
  });
  expect(enrol.status, await enrol.clone().text()).toBe(200);
  const events: StoredEvent[] = [];
  for (const [i, at] of instantsUtc.entries()) {
    const ms = Date.parse(at);
    const unhashed = {
      id: randomUUID(), deviceId, seq: i + 1, hlc: encodeHlc({ wallMs: ms, counter: 0, deviceId }), recordedAt: new Date(ms).toISOString(),
      electionId: ELECTION, bundleHash: null, precinct, actor: 'm1', type: 'BallotIssued',
      payload: { voterId: `v${precinct}-${i + 1}`, page: 1, row: i + 1, listHash: 'a'.repeat(64) },
      prevHash: events[i - 1]?.hash ?? GENESIS_HASH,
    } as UnhashedEvent;
    events.push({ ...unhashed, hash: await computeEventHash(unhashed) } as StoredEvent);
  }
  const batch = await signBatch({ deviceId, precinct, electionId: ELECTION, fromSeq: 1, events }, keys.privateKey);
  const push = await fetch(`${CENTER}/api/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
  expect(push.status, await push.clone().text()).toBe(200);
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  CENTER = `http://127.0.0.1:${port}`;
  center = spawn(process.execPath, ['--import', 'tsx', 'center/src/cli.ts', 'serve', '--port', String(port), '--data-dir', ':memory:'], {
    stdio: 'ignore',
    env: { ...process.env, CENTER_ADMIN_TOKEN: TOKEN, CENTER_LOG_LEVEL: 'warn', CENTER_SUPERVISE: '0' },
  });
  await expect.poll(async () => (await fetch(`${CENTER}/api/health`).catch(() => null))?.status ?? 0, { timeout: 90_000 }).toBe(200);
  const loaded = await fetch(`${CENTER}/api/admin/bundles`, { method: 'POST', headers: admin(), body: JSON.stringify(await sealBundle(demoBundle() as ElectionBundleInput)) });
  expect(loaded.status, await loaded.clone().text()).toBe(200);
  // 9001 and 9002 vote in Moscow (UTC+3 in 2017): report times 10:00, 13:00, 16:00, 17:00, 20:00 local.
  // 9001: 3 ballots by 10:00, 2 more by 13:00, 1 more by 20:00. 9002: 1 by 13:00, 4 more by 17:00.
  await laptopPushes(9001, ['2017-10-15T05:10:00Z', '2017-10-15T05:20:00Z', '2017-10-15T06:30:00Z', '2017-10-15T08:00:00Z', '2017-10-15T09:00:00Z', '2017-10-15T15:00:00Z']);
  await laptopPushes(9002, ['2017-10-15T09:30:00Z', '2017-10-15T13:10:00Z', '2017-10-15T13:20:00Z', '2017-10-15T13:30:00Z', '2017-10-15T13:40:00Z']);
});
test.afterAll(() => {
  center?.kill();
});

/** Every CSP violation the page reports, collected in the page from its first script on. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

test('the dashboard page shows the figures, the turnout chart and the precinct grid, in Kyrgyz and Russian, from its own files only, with no CSP violation', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  const violations = await watchCsp(page);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  const loaded: string[] = [];
  page.on('request', (r) => loaded.push(r.url()));

  await page.goto(`${CENTER}/dashboard`);
  // The markup reads in Kyrgyz before any data: the sign-in form.
  await expect(page.locator('html')).toHaveAttribute('lang', 'ky');
  await page.getByLabel(ky.tokenLabel).fill(TOKEN);
  await page.getByRole('button', { name: ky.signIn }).click();

  // The figures: 11 ballots issued, 2 precincts synced, 2 laptops.
  const totals = page.locator('#totals');
  await expect(totals.locator('div', { hasText: ky.ballotsIssued }).first().locator('dd')).toHaveText('11');
  await expect(totals.locator('div', { hasText: ky.precinctsSynced }).locator('dd')).toHaveText('2');
  await expect(page.locator('#rows tr', { hasText: 'laptop 9001' })).toContainText('6');

  // The turnout chart: the total line's points are the ballots pushed up to each report time.
  const points = page.locator('#turnoutchart circle.total-point');
  await expect(points).toHaveCount(5);
  expect(await points.evaluateAll((cs) => cs.map((c) => `${c.getAttribute('data-time')}=${c.getAttribute('data-ballots')}`))).toEqual(['10:00=3', '13:00=6', '16:00=6', '17:00=10', '20:00=11']);
  await expect(page.locator('#turnoutchart polyline.total-line')).toHaveCount(1);
  await expect(page.locator('#turnoutchart g[data-precinct="9001"] polyline.precinct-line')).toHaveCount(1);
  await expect(page.locator('#turnoutchart svg')).toHaveAttribute('aria-label', ky.chartTurnout);

  // The grid: a cell a precinct of the bundle, the two that pushed fresh, the others never synced.
  await expect(page.locator('#grid .cell')).toHaveCount(demoBundle().precincts.length);
  await expect(page.locator('#grid .cell[data-status="fresh"]')).toHaveCount(2);
  await expect(page.locator('#grid .cell[data-precinct="9002"]')).toHaveAttribute('data-status', 'fresh');
  await expect(page.locator('#grid .cell[data-precinct="9003"]')).toHaveAttribute('data-status', 'never');
  await expect(page.locator('#grid .cell[data-precinct="9003"]')).toHaveAttribute('title', new RegExp(`${ky.statusNever}$`, 'u'));
  await page.screenshot({ path: 'test-results/dashboard-page-ky-1366.png', fullPage: true });
  await page.locator('.charts').screenshot({ path: 'test-results/dashboard-page-ky-charts.png' });

  // Russian: the words of the markup, the tables, the chart and the grid follow; the figures stay.
  await page.getByRole('button', { name: 'Русский' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page).toHaveTitle(ru.title);
  await expect(page.locator('#head')).toContainText(`${ru.colTurnout} 13:00`);
  await expect(page.locator('#turnoutchart svg')).toHaveAttribute('aria-label', ru.chartTurnout);
  await expect(page.locator('#gridfig h3')).toHaveText(ru.chartGrid);
  await expect(page.locator('#grid .cell[data-precinct="9003"]')).toHaveAttribute('title', new RegExp(`${ru.statusNever}$`, 'u'));
  await expect(totals.locator('div', { hasText: ru.ballotsIssued }).first().locator('dd')).toHaveText('11');
  expect(await points.evaluateAll((cs) => cs.map((c) => c.getAttribute('data-ballots')))).toEqual(['3', '6', '6', '10', '11']);
  await page.screenshot({ path: 'test-results/dashboard-page-ru-1366.png', fullPage: true });
  await page.locator('.charts').screenshot({ path: 'test-results/dashboard-page-ru-charts.png' });
  // The language is kept in this browser: a reload comes back in Russian.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.locator('#console-title')).toHaveText(ru.consoleTitle);

  // A refresh with nothing changed: asked with the shown answer's ETag, answered 304 with no body,
  // the figures kept and the time shown moved on. After a push it is a new answer with the new figures.
  await expect(totals.locator('div', { hasText: ru.ballotsIssued }).first().locator('dd')).toHaveText('11');
  const metaBefore = await page.locator('#meta').textContent();
  const isDashboard = (r: { url(): string }): boolean => new URL(r.url()).pathname === '/api/admin/dashboard';
  // The center's clock five minutes on (its Date header, which the page takes as the time of a 304),
  // rather than waiting for the next minute: the time shown must move with it.
  const later = new Date(Date.now() + 5 * 60_000);
  await page.route((url) => url.pathname === '/api/admin/dashboard', async (route) => {
    const real = await route.fetch();
    await route.fulfill({ response: real, headers: { ...real.headers(), date: later.toUTCString() } });
  });
  let answer = page.waitForResponse(isDashboard);
  await page.locator('#refresh').click();
  const unchanged = await answer;
  await page.unrouteAll();
  expect(unchanged.status()).toBe(304);
  expect(unchanged.request().headers()['if-none-match']).toMatch(/^W\/"/u);
  await expect(page.locator('#meta')).not.toHaveText(metaBefore ?? '');
  await expect(totals.locator('div', { hasText: ru.ballotsIssued }).first().locator('dd')).toHaveText('11');
  await expect(page.locator('#grid .cell[data-status="fresh"]')).toHaveCount(2);
  await laptopPushes(9003, ['2017-10-15T06:00:00Z']);
  answer = page.waitForResponse(isDashboard);
  await page.locator('#refresh').click();
  expect((await answer).status()).toBe(200);
  await expect(totals.locator('div', { hasText: ru.ballotsIssued }).first().locator('dd')).toHaveText('12');
  await expect(page.locator('#grid .cell[data-precinct="9003"]')).not.toHaveAttribute('data-status', 'never');

  // Its own files only: one module script and one style sheet under /dashboard/assets/, nothing inline.
  expect(await page.evaluate(() => [...document.scripts].map((s) => (s.src ? new URL(s.src).pathname.replace(/-[\w-]+\.js$/u, '.js') : 'inline')))).toEqual(['/dashboard/assets/index.js']);
  expect(await page.locator('style, [style]').count()).toBe(0);
  expect(loaded.filter((u) => !u.startsWith(CENTER))).toEqual([]);
  expect(await violations()).toEqual([]);
  expect(problems).toEqual([]);
});
