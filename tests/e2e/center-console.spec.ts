/**
 * A newcomer operator on a fresh embedded center (as `npm start` runs it: PGlite, the demo bundle
 * offered): loads the demo bundle from the console, issues a one-time code, enrols a laptop with it,
 * sees the laptop push, revokes it, rotates the signing key; the dashboard draws its pictures from the
 * same figures as its tables; no Content-Security-Policy violation on the way. Screenshots in ky and ru.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { startDemoWithList } from './helpers';

const TOKEN = 'console-e2e-token';
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

test.beforeAll(async () => {
  const port = await freePort();
  CENTER = `http://127.0.0.1:${port}`;
  center = spawn(process.execPath, ['--import', 'tsx', 'center/src/cli.ts', 'serve', '--port', String(port), '--data-dir', ':memory:'], {
    stdio: 'ignore',
    env: { ...process.env, CENTER_ADMIN_TOKEN: TOKEN, CENTER_OFFER_DEMO: '1', CENTER_LOG_LEVEL: 'warn', CENTER_SUPERVISE: '0' },
  });
  await expect.poll(async () => (await fetch(`${CENTER}/api/health`).catch(() => null))?.status ?? 0, { timeout: 60_000 }).toBe(200);
});
test.afterAll(() => {
  center?.kill();
});

/** Every CSP violation the page reports (the event fires in the page; it is collected there). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

test('a newcomer loads the demo bundle, issues a code, enrols a laptop, sees it push and revokes it; the pictures match the tables; no CSP violation', async ({ page, context }) => {
  test.setTimeout(180_000);
  const violations = await watchCsp(page);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/401|404/u.test(m.text())) problems.push(m.text());
  });

  // 1. Sign in: a fresh center has no election; the console offers the demo bundle.
  await page.goto(`${CENTER}/dashboard`);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByLabel('Admin token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('#bundleactive')).toHaveText('No active bundle: load one first.');
  // Click 1: the demo bundle, checked against the active one (none).
  await page.getByRole('button', { name: 'Demo bundle (the 2017 example)' }).click();
  await expect(page.locator('#bundleoffered')).toContainText('The first bundle of this election.');
  // Click 2: activate.
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.locator('#bundleresult')).toContainText('Bundle activated: demo-kg-president-2017, version 1.');
  await expect(page.locator('#rows')).toContainText('9003');
  await expect(page.locator('#bundleactive')).toHaveText('Active: demo-kg-president-2017, version 1');
  // The same bundle again: the console says nothing would change and does not offer to activate.
  await page.getByRole('button', { name: 'Demo bundle (the 2017 example)' }).click();
  await expect(page.locator('#bundleoffered')).toContainText('Same as the active bundle: nothing changes.');
  await expect(page.getByRole('button', { name: 'Activate' })).toBeDisabled();

  // Click 3: a one-time code for precinct 9003, on a printable slip.
  await page.getByLabel('Precinct', { exact: true }).selectOption('9003');
  await page.getByRole('button', { name: 'Issue a code' }).click();
  const slip = page.locator('.slip').first();
  await expect(slip).toContainText('Precinct 9003');
  await expect(slip).toContainText(CENTER);
  const code = (await slip.locator('.code').textContent()) ?? '';
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/u);
  await expect(page.getByRole('button', { name: 'Print the slips' })).toBeVisible();
  await expect(page.locator('#auditrows')).toContainText('Code issued');
  await expect(page.locator('#auditrows')).toContainText('Bundle loaded');
  await expect(page.locator('#auditrows')).not.toContainText(code);

  // The pictures: the total turnout line has a point a report time, each equal to the totals row.
  const totals = await page.locator('#foot td').allTextContents();
  const points = page.locator('#turnoutchart circle.total-point');
  await expect(points).toHaveCount(5);
  const times = await points.evaluateAll((cs) => cs.map((c) => [c.getAttribute('data-time'), c.getAttribute('data-ballots')]));
  const fromTable = totals.slice(10, 15).map((text) => text.replace(/\D.*$/u, '').replace(/\s/gu, ''));
  expect(times.map(([, b]) => b)).toEqual(fromTable);
  await expect(page.locator('#grid .cell')).toHaveCount(await page.locator('#rows tr').count());
  await expect(page.locator('#grid .cell[data-precinct="9003"]')).toHaveAttribute('data-status', 'never');

  // 2. The laptop (the app, in another tab) enrols with the slip's code and pushes.
  const laptop = await context.newPage();
  await startDemoWithList(laptop, 9003, { votingDay: 'historical' });
  await laptop.getByRole('link', { name: 'Center' }).click();
  await laptop.getByTestId('sync-url').fill(CENTER);
  await laptop.getByTestId('sync-code').fill(code);
  await laptop.getByTestId('sync-connect').click();
  await expect(laptop.getByTestId('sync-ok')).toContainText('Everything is sent', { timeout: 30_000 });

  // The operator sees it: the laptop under 9003, its precinct synced (green on the grid).
  await page.getByRole('button', { name: 'Refresh' }).click();
  const row = page.locator('#rows tr', { hasText: '9003' }).first();
  const revoke = row.getByRole('button', { name: 'Revoke' });
  await expect(revoke).toBeVisible();
  await expect(page.locator('#grid .cell[data-precinct="9003"]')).toHaveAttribute('data-status', 'fresh');
  expect(Number((await row.locator('td').nth(6).textContent())?.replace(/\D/gu, ''))).toBeGreaterThan(0);

  // Screenshots of the console and the dashboard, in Kyrgyz and Russian.
  await page.getByRole('button', { name: 'Кыргызча' }).click();
  await expect(page.locator('#console-title')).toHaveText('Оператордун пульту');
  await page.screenshot({ path: 'test-results/center-console-ky.png', fullPage: true });
  await page.locator('#console').screenshot({ path: 'test-results/center-console-ky-console.png' });
  await page.locator('.charts').screenshot({ path: 'test-results/center-console-ky-charts.png' });
  await page.getByRole('button', { name: 'Русский' }).click();
  await expect(page.locator('#console-title')).toHaveText('Пульт оператора');
  await page.screenshot({ path: 'test-results/center-console-ru.png', fullPage: true });
  await page.locator('#console').screenshot({ path: 'test-results/center-console-ru-console.png' });
  await page.locator('.charts').screenshot({ path: 'test-results/center-console-ru-charts.png' });
  await page.getByRole('button', { name: 'English' }).click();

  // 3. Revoke it (confirmed): the console says so, the log has it, the laptop is refused from then on.
  page.once('dialog', (d) => void d.accept());
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.locator('#message')).toContainText('revoked');
  await expect(page.locator('#rows tr', { hasText: '9003' }).first()).toContainText('(revoked)');
  await expect(page.locator('#auditrows')).toContainText('Laptop revoked');
  await laptop.getByTestId('sync-now').click();
  await expect(laptop.getByTestId('sync-error')).toBeVisible({ timeout: 20_000 });

  // 4. Rotate the signing key (confirmed): the console names the new key and the rotations laptops
  // follow; the log has it.
  const keyBefore = (await page.locator('#keyactive').textContent()) ?? '';
  expect(keyBefore).toMatch(/^Key in use: [0-9a-f]{16}… · rotations laptops follow: 0$/u);
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Rotate the key' }).click();
  await expect(page.locator('#keyresult')).toContainText('New key in use:');
  await expect(page.locator('#keyactive')).toContainText('rotations laptops follow: 1');
  await expect(page.locator('#keyactive')).not.toHaveText(keyBefore);
  await expect(page.locator('#auditrows')).toContainText('Signing key rotated');
  await page.getByRole('button', { name: 'Кыргызча' }).click();
  await expect(page.locator('#signingkey h3')).toHaveText('Кол коюу ачкычы');
  await page.locator('#signingkey').screenshot({ path: 'test-results/center-console-ky-key.png' });

  expect(await violations()).toEqual([]);
  expect(problems).toEqual([]);
});
