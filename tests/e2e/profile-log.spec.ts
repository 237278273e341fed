/**
 * The profile's log check and history, as a laptop abroad sees them: the laptop's own time zone is
 * Bishkek's, the precinct's New York's. The history's times are the precinct's, as every other time
 * in the app; a log altered behind the app's back is said in words — which laptop, which event — not
 * as the check's code.
 */
import { expect, test } from '@playwright/test';
import { formatDateTime } from '../../shared/i18n/format';
import { startDemo, tr } from './helpers';

test.use({ timezoneId: 'Asia/Bishkek' });

test("the log check names an altered event in words, and the history keeps the precinct's time", async ({ page }) => {
  await page.clock.setFixedTime(new Date('2017-10-15T14:00:00Z'));
  await startDemo(page, 9034);
  await page.locator('a[href="#/profile"]').click();
  // 10:00 in New York (the laptop's own zone would say 20:00).
  await expect(page.getByTestId('history')).toContainText(formatDateTime('2017-10-15T14:00:00Z', 'ky', 'America/New_York'));
  await expect(page.getByTestId('history')).not.toContainText('20:00');

  // Someone edits the first event in the database.
  const deviceId = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('precinct-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('events', 'readwrite');
          const store = tx.objectStore('events');
          const all = store.getAll();
          all.onsuccess = () => {
            const first = (all.result as { deviceId: string; seq: number; actor: string | null }[]).find((e) => e.seq === 1);
            if (!first) return reject(new Error('no first event'));
            store.put({ ...first, actor: 'someone-else' });
            tx.oncomplete = () => {
              db.close();
              resolve(first.deviceId);
            };
          };
        };
      }),
  );
  await page.getByTestId('verify-log').click();
  const result = page.getByTestId('verify-result');
  await expect(result).toHaveClass(/alert-error/u);
  const first = tr('ky', 'profile:chain.hash-mismatch', { device: deviceId.slice(0, 8), seq: 1 });
  await expect(result).toHaveText(tr('ky', 'profile:logBroken', { count: 1, first }));
  await expect(result).not.toContainText('hash-mismatch');
  await page.getByRole('button', { name: 'RU', exact: true }).click();
  await page.getByTestId('verify-log').click();
  await expect(result).toContainText(`событие № 1 ноутбука ${deviceId.slice(0, 8)} изменено после записи`);
});
