/**
 * Leaving the import screen once "Activate" is pressed (issue 19): only the cancel button cancels.
 * A click on the menu while the list was being prepared took the worker with the screen: nothing was
 * stored and nothing said so — the desk showed the old list as if the new one had never been asked for.
 * Now the activation runs to its end and the desk finds the new list's voters.
 */
import { expect, test } from '@playwright/test';
import { csvPlain, people } from '../support/voter-files';
import { pickVoterFile, startDemo, importVoterList } from './helpers';

const OLD = people(50, 10).map((p) => ({ ...p, surname: 'Эскиев', birth: p.birth.replace(/1999$/u, '1989') }));
const NEW = people(20_000, 20).map((p) => ({ ...p, birth: p.birth.replace(/1999$/u, '1989') }));

test('the menu clicked while the new list is being prepared: the new list is activated, the desk finds its voters', async ({ page }) => {
  test.setTimeout(240_000);
  await startDemo(page, 9001);
  await page.getByRole('button', { name: 'EN' }).click();
  await importVoterList(page, 'old.csv', csvPlain(OLD), '0 of 50');

  await page.getByRole('button', { name: 'Import a newer list' }).click();
  await pickVoterFile(page, 'new.csv', csvPlain(NEW));
  await page.getByTestId('import-check').click({ timeout: 120_000 });
  await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 120_000 });
  // The menu is clicked the moment the screen says "preparing": from inside the page, in the same task
  // as that render, so the click cannot come after a fast machine has finished.
  await page.evaluate(() => {
    const w = window as unknown as { __leftIn?: string };
    const observer = new MutationObserver(() => {
      if (document.querySelector('[data-testid="import-progress"]')?.getAttribute('data-phase') === 'prepare') {
        observer.disconnect();
        w.__leftIn = 'prepare';
        document.querySelector<HTMLAnchorElement>('a[href="#/voters"]')!.click();
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.getByTestId('import-activate').click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __leftIn?: string }).__leftIn)).toBe('prepare');
  await expect(page.getByTestId('issued-count')).toContainText('0 of 20,000', { timeout: 120_000 });
  const search = page.getByTestId('voter-search');
  await search.fill('асанов');
  await expect(page.getByTestId('found-count')).toHaveText('Found: 2,000; the first 200 are listed — type more to narrow.');
  await search.fill('эскиев');
  await expect(page.getByTestId('not-found')).toBeVisible();
  // And after a reload.
  await page.reload();
  await page.locator('a[href="#/voters"]').click();
  await expect(page.getByTestId('issued-count')).toContainText('0 of 20,000');
});
