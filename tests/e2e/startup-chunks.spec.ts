/**
 * A reload of the desk fetches the app's start in one wave (issue 19, desk.open): the window's first
 * script, then the start (boot.tsx and what it imports statically, one chunk: vite.web.config.ts's
 * startChunk), the list's opening and the language's words beside it. A browser opens 6
 * connections to a host: left to the bundler the start came as ~18 scripts, fetched in three waves.
 */
import { expect, test } from '@playwright/test';
import { csvPlain, people } from '../support/voter-files';
import { startDemo, importVoterList } from './helpers';

test('a reload of the desk fetches its scripts in one wave: the first script and at most five beside it', async ({ page }) => {
  await startDemo(page, 9001);
  await page.getByRole('button', { name: 'EN' }).click();
  await importVoterList(page, 'list.csv', csvPlain(people(30)), '0 of 30');

  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname.split('/').pop()!);
  });
  await page.reload();
  await expect(page.getByTestId('voter-search')).toBeVisible();
  await page.getByTestId('voter-search').fill('2/3');
  await expect(page.getByTestId('found-count')).toHaveText('Found: 1');
  const fetched = [...scripts];
  expect(fetched[0], fetched.join(' ')).toMatch(/^index-/u);
  expect(fetched.length, fetched.join(' ')).toBeLessThanOrEqual(6);
});
