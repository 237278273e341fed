/**
 * A large list imported off the UI thread (issue 19): the progress reaches 100 % with the true
 * counts, and an import cancelled while the list is being prepared stores nothing.
 */
import { expect, test, type Page } from '@playwright/test';
import { csvPlain, people } from '../support/voter-files';
import { pickVoterFile, startDemo } from './helpers';

const COUNT = 20_000;
const LIST = csvPlain(people(COUNT, 20));

/** Rows of the stores an activation writes, read from IndexedDB itself. */
async function stored(page: Page): Promise<{ events: number; listBlobs: number; listCache: number }> {
  return page.evaluate(
    () =>
      new Promise<{ events: number; listBlobs: number; listCache: number }>((resolve, reject) => {
        const open = indexedDB.open('precinct-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['events', 'blobs', 'listCache'], 'readonly');
          const events = tx.objectStore('events').getAll();
          const blobs = tx.objectStore('blobs').getAll();
          const cache = tx.objectStore('listCache').count();
          tx.oncomplete = () => {
            resolve({
              events: (events.result as { type: string }[]).filter((e) => e.type === 'VoterListActivated').length,
              listBlobs: (blobs.result as { kind: string }[]).filter((b) => b.kind === 'voter-list').length,
              listCache: cache.result,
            });
            open.result.close();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

async function toImport(page: Page): Promise<void> {
  await startDemo(page, 9001);
  await page.getByRole('button', { name: 'EN' }).click();
  await page.locator('a[href="#/voters"]').click();
  await page.getByTestId('go-import').click();
}

test(`${COUNT.toLocaleString('en')} rows: the progress reaches 100 % and the count shown is the true count`, async ({ page }) => {
  test.setTimeout(240_000);
  await toImport(page);
  // Every percent the bar showed, seen as it changed.
  await page.evaluate(() => {
    const w = window as unknown as { __percents: number[] };
    w.__percents = [];
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="import-progress"]');
      const p = bar?.getAttribute('data-percent');
      if (p) w.__percents.push(Number(p));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-percent'] });
  });
  await pickVoterFile(page, 'large.csv', LIST);
  await expect(page.getByTestId('import-read')).toContainText(`Read ${COUNT.toLocaleString('en')} rows`, { timeout: 120_000 });
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-result')).toContainText(`All ${COUNT.toLocaleString('en')} voters are correct.`, { timeout: 120_000 });
  await expect(page.getByTestId('import-progress-counts')).toContainText(`Rows read: ${COUNT.toLocaleString('en')} · checked: ${COUNT.toLocaleString('en')} · saved: 0`);
  await page.getByTestId('import-activate').click();
  await expect(page.getByTestId('issued-count')).toContainText(`0 of ${COUNT.toLocaleString('en')}`, { timeout: 120_000 });
  const percents = await page.evaluate(() => (window as unknown as { __percents: number[] }).__percents);
  expect(Math.max(...percents)).toBe(100);
  expect(await stored(page)).toEqual({ events: 1, listBlobs: 1, listCache: 1 });
});

test('an import cancelled while the list is being prepared stores nothing', async ({ page }) => {
  test.setTimeout(240_000);
  await toImport(page);
  await pickVoterFile(page, 'large.csv', LIST);
  await page.getByTestId('import-check').click({ timeout: 120_000 });
  await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 120_000 });
  // Cancel is pressed the moment the screen says "preparing": from inside the page, in the same task
  // as that render, so the click cannot arrive after a fast machine has already finished preparing.
  await page.evaluate(() => {
    const w = window as unknown as { __cancelPressedIn?: string };
    const observer = new MutationObserver(() => {
      const progress = document.querySelector('[data-testid="import-progress"]');
      const cancel = document.querySelector<HTMLButtonElement>('[data-testid="import-cancel"]');
      if (progress?.getAttribute('data-phase') === 'prepare' && cancel && !cancel.disabled) {
        observer.disconnect();
        w.__cancelPressedIn = 'prepare';
        cancel.click();
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.getByTestId('import-activate').click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __cancelPressedIn?: string }).__cancelPressedIn)).toBe('prepare');
  await expect(page.getByTestId('import-cancelled')).toBeVisible();
  await expect(page.getByTestId('import-result')).toHaveCount(0);
  // Given time to have written, had it not been cancelled.
  await page.waitForTimeout(2000);
  expect(await stored(page)).toEqual({ events: 0, listBlobs: 0, listCache: 0 });
  await page.locator('a[href="#/voters"]').click();
  await expect(page.getByTestId('issued-count')).toHaveCount(0);
});
