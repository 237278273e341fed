import { expect, test } from '@playwright/test';
import { startDemo } from './helpers';

test('a scenario starts at a consulate in another time zone (New York, 9034) with a list of its size, and resets there', async ({ page }) => {
  test.setTimeout(90_000);
  await startDemo(page, 9001);
  await page.locator('.nav a[href="#/training"]').click();
  await page.getByTestId('training-enter').click();
  await page.getByTestId('scenario-precinct').selectOption('9034');
  await page.getByTestId('scenario-start-late-application').click();
  await expect(page.getByTestId('active-precinct')).toContainText('9034');
  // 13 October, 10:00 in New York: the deadline of 12 October 24:00 there has passed.
  await expect(page.getByTestId('training-clock')).toContainText('13-окт., 10:0');
  await expect(page.getByTestId('training-clock')).toContainText('America/New_York');
  await expect(page.getByTestId('scenario-step-refuse')).toHaveAttribute('data-state', 'pending');
  // Reset reloads the page; wait for that load so nothing below runs in the page being left.
  await Promise.all([page.waitForEvent('load'), page.getByTestId('scenario-reset').click()]);
  await expect(page.getByTestId('active-precinct')).toContainText('9034');
  await expect(page.getByTestId('training-clock')).toContainText('America/New_York');
  // The generated list has the precinct's 92 voters.
  const stats = await page.evaluate(async () => {
    const open = indexedDB.open('precinct-desk-training');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const blobs = await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction('blobs').objectStore('blobs').getAll();
      req.onsuccess = () => resolve(req.result as unknown[]);
      req.onerror = () => reject(req.error);
    });
    db.close();
    // The list's voters, whether its blob holds the records or the list packed (issue 19).
    return blobs.map((b) => {
      const data = (b as { data: unknown }).data;
      return Array.isArray(data) ? data.length : (data as { count: number }).count;
    });
  });
  expect(stats).toEqual([92]);
});
