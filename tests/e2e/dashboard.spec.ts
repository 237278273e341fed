import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { sealBundle, type ElectionBundleInput } from '../../shared/election/bundle';
import { demoBundle } from '../../shared/election/demo';
import { CENTER_ADMIN_TOKEN, CENTER_PORT } from '../../playwright.config';

const CENTER = `http://127.0.0.1:${CENTER_PORT}`;
const admin = { authorization: `Bearer ${CENTER_ADMIN_TOKEN}` };

test('the center dashboard asks for the token, shows the precincts in three languages and downloads the summary CSV, with no CSP violation', async ({ page, request }) => {
  // The center may already hold a newer version (another test, a retry): then version 1 is refused.
  const loaded = await request.post(`${CENTER}/api/admin/bundles`, { headers: admin, data: await sealBundle(demoBundle() as ElectionBundleInput) });
  expect([200, 422], await loaded.text()).toContain(loaded.status());
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('401')) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));

  await page.goto(`${CENTER}/dashboard`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ky');
  await page.getByLabel('Администратордун токени').fill('wrong');
  await page.getByRole('button', { name: 'Кирүү' }).click();
  await expect(page.locator('#message')).toHaveText('Токен туура эмес же жок. Кайра киргизиңиз.');

  await page.getByLabel('Администратордун токени').fill(CENTER_ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Кирүү' }).click();
  await expect(page.locator('#rows tr').first()).toBeVisible();
  await expect(page.locator('#rows')).toContainText('9001');
  await expect(page.locator('#head')).toContainText('Катышуу 10:00');

  await page.getByRole('button', { name: 'Русский' }).click();
  await expect(page.locator('#head')).toContainText('Явка 13:00');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('#head')).toContainText('Turnout 20:00');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('summary-demo-kg-president-2017.csv');
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.toString('utf8').slice(1).split('\r\n')[0]).toMatch(/^Precinct no\.,Name,TEC,Devices,Last sync,Events,Ballots: in the premises,Ballots: outside the premises,"Ballots issued, total",Turnout 10:00,/u);

  // The token lives for the tab: a reload stays signed in, in the chosen language.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('#rows tr').first()).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Admin token')).toBeVisible();
  expect(problems).toEqual([]);
});
