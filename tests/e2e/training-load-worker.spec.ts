import { expect, test, type Page, type Route } from '@playwright/test';
import { startDemo, tr } from './helpers';

/**
 * A scenario's start is built and written by the scenario worker (issue 19): its progress is shown;
 * cancelled, left, or failed in the worker, the training database stays as it was (the scenario
 * played before, its list and its clock), as an import's cancel leaves the active list.
 */

const WORKER = /\/scenario\.worker-[^/]*\.js(\?.*)?$/u;

/** Training entered and a first scenario started at 9001 with its precinct's list (6,707 voters); the name of a voter of it. */
async function firstScenario(page: Page): Promise<void> {
  await startDemo(page, 9001);
  await page.locator('.nav a[href="#/training"]').click();
  await page.getByTestId('training-enter').click();
  await page.getByTestId('scenario-precinct').selectOption('9001');
  await Promise.all([page.waitForEvent('load'), page.getByTestId('scenario-start-late-application').click()]);
  await expect(page.getByTestId('scenario-strip')).toBeVisible();
}

/** What the trainee sees of the scenario in play: its description, and the desk's count of the list. */
async function played(page: Page): Promise<{ description: string; count: string; clock: string }> {
  const description = (await page.getByTestId('scenario-description').textContent()) ?? '';
  const clock = (await page.getByTestId('training-clock').textContent()) ?? '';
  await page.locator('.nav a[href="#/voters"]').click();
  const count = (await page.getByTestId('issued-count').textContent()) ?? '';
  await page.locator('.nav a[href="#/training"]').click();
  return { description, count, clock };
}

/** Holds the scenario worker's script until `release` is called (the load waits in its first step). */
async function holdWorker(page: Page): Promise<{ release(how: 'continue' | 'abort'): void }> {
  let held: Route | null = null;
  let wanted: 'continue' | 'abort' | null = null;
  await page.route(WORKER, (route) => {
    if (wanted) void (wanted === 'abort' ? route.abort() : route.continue());
    else held = route;
  });
  return {
    release(how) {
      wanted = how;
      const route = held as Route | null;
      if (route) void (how === 'abort' ? route.abort() : route.continue());
    },
  };
}

test('a scenario at 9001 is built in the worker with its progress shown: the desk finds the list of 6,707 voters and the voter the scenario names', async ({ page }) => {
  test.setTimeout(120_000);
  await startDemo(page, 9001);
  await page.locator('.nav a[href="#/training"]').click();
  await page.getByTestId('training-enter').click();
  await page.getByTestId('scenario-precinct').selectOption('9001');
  const hold = await holdWorker(page);
  await page.getByTestId('scenario-start-late-application').click();
  await expect(page.getByTestId('scenario-progress')).toHaveAttribute('data-phase', 'list');
  await expect(page.getByTestId('scenario-progress')).toContainText(tr('ky', 'scenarios:panel.progress.list', { voters: '6 707' }));
  await Promise.all([page.waitForEvent('load'), hold.release('continue')]);
  const description = (await page.getByTestId('scenario-description').textContent()) ?? '';
  const [, voterName, pageNo, rowNo] = /тууганы (.+) \(барак (\d+), сап (\d+)\)/u.exec(description) ?? [];
  expect(voterName).toBeDefined();
  await page.locator('.nav a[href="#/voters"]').click();
  await expect(page.getByTestId('issued-count')).toContainText('6 707');
  await page.getByTestId('voter-search').fill(`${pageNo!}/${rowNo!}`);
  await expect(page.getByTestId('voter-row').first()).toContainText(voterName!.split(' ')[0]!);
});

test('cancelled, or left, while the worker builds it: the scenario played before stays whole', async ({ page }) => {
  test.setTimeout(120_000);
  await firstScenario(page);
  const before = await played(page);

  // Cancelled: the worker stopped, the cancellation said, nothing changed.
  const hold = await holdWorker(page);
  await page.getByTestId('scenario-precinct').selectOption('');
  await page.getByTestId('scenario-start-aeu-differs').click();
  await expect(page.getByTestId('scenario-progress')).toBeVisible();
  await page.getByTestId('scenario-cancel').click();
  await expect(page.getByTestId('scenario-cancelled')).toHaveText(tr('ky', 'scenarios:panel.cancelled'));
  await expect(page.getByTestId('scenario-progress')).toHaveCount(0);
  hold.release('continue');
  await page.waitForTimeout(1500);
  expect(await played(page)).toEqual(before);

  // Left (another screen chosen) while it builds: stopped as well, no reload onto another state.
  await page.unroute(WORKER);
  const again = await holdWorker(page);
  await page.getByTestId('scenario-start-aeu-differs').click();
  await expect(page.getByTestId('scenario-progress')).toBeVisible();
  await page.locator('.nav a[href="#/voters"]').click();
  again.release('continue');
  await page.waitForTimeout(1500);
  await page.locator('.nav a[href="#/training"]').click();
  expect(await played(page)).toEqual(before);
});

test('a worker that fails leaves the scenario played before whole and says so in the window\'s language', async ({ page }) => {
  test.setTimeout(120_000);
  await firstScenario(page);
  const before = await played(page);
  const hold = await holdWorker(page);
  await page.getByTestId('scenario-start-double-issue').click();
  await expect(page.getByTestId('scenario-progress')).toBeVisible();
  hold.release('abort');
  const failed = tr('ky', 'scenarios:panel.failed', { message: '' });
  await expect(page.getByTestId('scenario-error')).toContainText(failed.trim());
  await expect(page.getByTestId('scenario-progress')).toHaveCount(0);
  expect(await played(page)).toEqual(before);
});

test('a training state file is loaded by the worker; a worker that fails leaves the scenario played before whole and says so', async ({ page }) => {
  test.setTimeout(120_000);
  await firstScenario(page);
  const before = await played(page);
  // The trainer's state: this training database exported (the scenario at 9001 with its 6,707 voters).
  const downloading = page.waitForEvent('download');
  await page.getByTestId('training-export').click();
  const statePath = await (await downloading).path();

  const hold = await holdWorker(page);
  await page.getByTestId('training-import').setInputFiles(statePath);
  await expect(page.getByTestId('training-importing')).toHaveText(tr('ky', 'training:importing'));
  hold.release('abort');
  await expect(page.getByTestId('training-import-failed')).toContainText(tr('ky', 'training:importFailed', { message: '' }).trim());
  expect(await played(page)).toEqual(before);

  await page.unroute(WORKER);
  await Promise.all([page.waitForEvent('load'), page.getByTestId('training-import').setInputFiles(statePath)]);
  expect(await played(page)).toEqual(before);
});
