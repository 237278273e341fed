/**
 * "Save a support file" from the precinct profile, not only from the File menu (issue 21). The
 * renderer is driven through the platform bridge the desktop app's preload exposes: here a stand-in
 * `window.precinctDesk` that counts the calls (the main process's side — dialog, log tail, no voter
 * data — is unit-tested in tests/unit/electron).
 */
import { expect, test } from '@playwright/test';
import { startDemo, tr } from './helpers';

test('the profile shows the version and the bundle, and its button saves a support file through the desktop bridge', async ({ page }) => {
  await page.addInitScript(() => {
    const calls = { support: 0 };
    (window as unknown as { supportCalls: typeof calls }).supportCalls = calls;
    (window as unknown as { precinctDesk: unknown }).precinctDesk = {
      getAppInfo: async () => ({ name: 'Precinct Desk', version: '9.8.7', platform: 'electron', os: 'linux' }),
      saveFile: async () => ({ status: 'cancelled' }),
      printToPdf: async () => ({ status: 'cancelled' }),
      backupStatus: async () => ({ available: false, folder: null }),
      chooseBackupFolder: async () => ({ status: 'unavailable' }),
      writeBackup: async () => ({ status: 'no-folder' }),
      setLanguage: async () => undefined,
      reportActiveBundle: async () => undefined,
      logError: async () => undefined,
      saveSupportFile: async () => {
        calls.support += 1;
        return { status: 'saved', fileName: 'precinct-desk-support-20261206.txt' };
      },
      onMenuCommand: () => () => undefined,
    };
  });
  await startDemo(page, 9003);
  await page.getByRole('button', { name: 'EN' }).click();
  await page.locator('.nav a[href="#/profile"]').click();
  const about = page.getByTestId('about');
  await expect(about.getByTestId('about-version')).toHaveText(tr('en', 'desktop:about.version', { version: '9.8.7' }));
  await expect(about.getByTestId('about-bundle')).toBeVisible();
  await expect(about.getByTestId('support-browser')).toHaveCount(0);
  await about.getByTestId('save-support-file').click();
  await expect(about.getByTestId('support-saved')).toHaveText(tr('en', 'desktop:support.saved', { name: 'precinct-desk-support-20261206.txt' }));
  expect(await page.evaluate(() => (window as unknown as { supportCalls: { support: number } }).supportCalls.support)).toBe(1);
  await about.screenshot({ path: 'test-results/about-support.png' });
});
