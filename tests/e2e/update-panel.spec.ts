// The Sync screen's update panel in the browser build (docs/UPDATES.md): what it can show without
// Electron — the voting-day hold on the running clock (the precinct's zone), "back up first", and the
// browser's note in place of the install button — in Kyrgyz, the default language.
import { expect, test, type Page } from '@playwright/test';
import { addDays } from '../../shared/time/date';
import { toTypedDate } from '../../shared/time/typed-date';
import { todayIn } from '../../shared/time/zone';
import { demoZone, startDemo, tr } from './helpers';

const PRECINCT = 9001;

async function openPanel(page: Page) {
  await page.getByRole('link', { name: tr('ky', 'common:nav.sync'), exact: true }).click();
  const panel = page.getByTestId('update-panel');
  await expect(panel.getByRole('heading', { name: tr('ky', 'sync:update.title') })).toBeVisible();
  return panel;
}

test('on voting day the update panel warns to wait, in Kyrgyz, and the browser build says where updates are installed', async ({ page }) => {
  await startDemo(page, PRECINCT, '/', { votingDay: 'today' });
  const panel = await openPanel(page);
  await expect(panel.getByTestId('update-hold')).toHaveText(tr('ky', 'sync:update.hold.voting-day'));
  await expect(panel).toContainText(tr('ky', 'sync:update.hint'));
  await expect(panel.getByTestId('update-backup')).toHaveText(tr('ky', 'sync:update.backupManual'));
  await expect(panel.getByTestId('update-browser')).toHaveText(tr('ky', 'sync:update.browser'));
  // No install button in a browser: it cannot install anything.
  await expect(panel.getByTestId('update-install')).toHaveCount(0);
  await expect(panel.getByRole('button')).toHaveCount(0);

  // The same warning in Russian after switching the language.
  await page.getByRole('button', { name: 'RU' }).click();
  await expect(panel.getByTestId('update-hold')).toHaveText(tr('ru', 'sync:update.hold.voting-day'));
});

test('the day after voting day, with no signed protocol, the panel says the count is not signed yet', async ({ page }) => {
  const yesterday = addDays(todayIn(demoZone(PRECINCT)), -1);
  await page.goto('/');
  await page.getByTestId('language-continue').click();
  await page.getByTestId('choose-demo').click();
  await page.getByRole('radio', { name: new RegExp(`^${PRECINCT} `, 'u') }).check();
  await page.getByTestId('demo-day-input').fill(toTypedDate(yesterday));
  await page.getByTestId('demo-start').click();
  await expect(page.getByTestId('active-precinct')).toContainText(String(PRECINCT));
  const panel = await openPanel(page);
  await expect(panel.getByTestId('update-hold')).toHaveText(tr('ky', 'sync:update.hold.count-not-signed'));
});

test('on another day (the 2017 example) the panel does not ask to wait', async ({ page }) => {
  await startDemo(page, PRECINCT, '/', { votingDay: 'historical' });
  const panel = await openPanel(page);
  await expect(panel.getByTestId('update-browser')).toBeVisible();
  await expect(panel.getByTestId('update-hold')).toHaveCount(0);
});
