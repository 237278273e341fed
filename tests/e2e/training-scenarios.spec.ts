import { expect, test, type Page } from '@playwright/test';
import { dumpDatabase, openPrinted, startDemo } from './helpers';

const step = (page: Page, id: string) => page.getByTestId(`scenario-step-${id}`);

test('training scenarios: a late out-of-premises application refused, reset to the start, an unbalanced protocol fixed and signed; the real election untouched', async ({ page }) => {
  test.setTimeout(120_000);
  // The real election at 9001: its database must come out of the training byte for byte.
  await startDemo(page, 9001);
  const realBefore = await dumpDatabase(page, 'precinct-desk');

  await page.locator('.nav a[href="#/training"]').click();
  await page.getByTestId('training-enter').click();
  await expect(page.getByTestId('scenarios')).toBeVisible();

  // (1) The late application: the scenario tells who and where in the list.
  await page.getByTestId('scenario-start-late-application').click();
  await expect(page.getByTestId('scenario-strip')).toBeVisible();
  await expect(step(page, 'refuse')).toHaveAttribute('data-state', 'pending');
  await expect(step(page, 'not-registered')).toHaveAttribute('data-state', 'pending');
  const description = (await page.getByTestId('scenario-description').textContent()) ?? '';
  const [, voterName, pageNo, rowNo] = /тууганы (.+) \(барак (\d+), сап (\d+)\)/u.exec(description) ?? [];
  expect(voterName).toBeDefined();

  // Past the deadline (12 October, 24:00 in Moscow): the register's posting day.
  await page.getByTestId('training-jump').selectOption('oop-posting');
  await expect(page.getByTestId('training-clock')).toContainText('13-окт., 09:00');
  await page.locator('.nav a[href="#/outpremises"]').click();
  await page.getByTestId('op-search').fill(`${pageNo!}/${rowNo!}`);
  await page.getByTestId('op-hit').first().click();
  await page.getByTestId('op-address').fill('Москва, Ленин көч., 1');
  await page.getByTestId('op-register').click();
  // Pressing "register" on a late application refuses nothing by itself: the step stays to be done.
  await expect(page.getByTestId('op-refuse-pending')).toBeVisible();
  await expect(step(page, 'refuse')).toHaveAttribute('data-state', 'pending');
  await expect(page.getByTestId('scenario-passed')).toHaveCount(0);
  await page.getByTestId('op-refuse').click();
  await expect(page.getByTestId('outpremises-message')).toBeVisible();
  await expect(step(page, 'refuse')).toHaveAttribute('data-state', 'correct');
  await expect(step(page, 'not-registered')).toHaveAttribute('data-state', 'correct');
  await expect(page.getByTestId('scenario-passed')).toBeVisible();
  await expect(page.getByTestId('op-refusals')).toContainText(voterName!);
  await expect(page.getByTestId('op-chosen')).toContainText(voterName!);

  // Reset: back to the start, the refusal gone.
  await page.getByTestId('scenario-reset').click();
  await expect(step(page, 'refuse')).toHaveAttribute('data-state', 'pending');
  await expect(page.getByTestId('scenario-passed')).toHaveCount(0);
  await expect(page.getByTestId('training-clock')).toContainText('13-окт., 10:00');
  await page.locator('.nav a[href="#/outpremises"]').click();
  await expect(page.getByTestId('op-refusals')).toHaveCount(0);

  // The typical mistake: the received time typed back before the deadline. Registered (paper can come
  // first) but flagged, on the screen and on the printed register; the check says the step is wrong.
  await page.getByTestId('op-search').fill(`${pageNo!}/${rowNo!}`);
  await page.getByTestId('op-hit').first().click();
  await page.getByTestId('op-address').fill('Москва, Ленин көч., 1');
  await page.getByTestId('op-date').fill('12.10.2017');
  await page.getByTestId('op-time').fill('18:00');
  await page.getByTestId('op-register').click();
  await expect(page.getByTestId('outpremises-message')).toContainText('мөөнөт өткөндөн кийин');
  await expect(page.getByTestId('op-entered-late')).toContainText('12-октябрь 18:00');
  await expect(step(page, 'not-registered')).toHaveAttribute('data-state', 'wrong');
  await page.getByTestId('outpremises-print').click();
  await openPrinted(page);
  await expect(page.getByTestId('print-entered-late')).toContainText('13-октябрь 10:00');
  await page.screenshot({ path: 'test-results/h22-register-print-entered-late.png', fullPage: true });
  await page.goBack();
  await page.getByTestId('scenario-reset').click();
  await expect(step(page, 'not-registered')).toHaveAttribute('data-state', 'pending');

  // (4) The unbalanced protocol: line 6 is two too many; fixed, signed without an override.
  await page.locator('.nav a[href="#/training"]').click();
  await page.getByTestId('scenario-start-unbalanced-protocol').click();
  await expect(step(page, 'balanced')).toHaveAttribute('data-state', 'pending');
  await page.locator('.nav a[href="#/protocol"]').click();
  await expect(page.getByTestId('line-6')).toHaveValue('77');
  await page.getByTestId('protocol-sign').click();
  await expect(page.getByTestId('signing-refusals')).toBeVisible();
  await expect(step(page, 'balanced')).toHaveAttribute('data-state', 'pending');
  // The typical mistake: signed over the error with the chair's override. The check and the screen
  // then say the same thing, in words: the signed figures break the ballot balance.
  for (const box of await page.getByTestId('acknowledge').all()) await box.check();
  await page.getByTestId('reason-6').fill('Акт боюнча эмес, өзүбүз санадык');
  await page.getByTestId('override-reason').fill('Түнкү саат, кайра эсептөөгө убакыт жок');
  await page.getByTestId('protocol-sign').click();
  await expect(page.getByTestId('protocol-signed')).toBeVisible();
  await expect(step(page, 'balanced')).toHaveAttribute('data-state', 'wrong');
  await expect(step(page, 'no-override')).toHaveAttribute('data-state', 'wrong');
  await expect(page.getByTestId('line-6')).toHaveValue('77');
  await expect(page.getByTestId('protocol-findings').locator('h2')).toContainText('1');
  const finding = (await page.getByTestId('finding').first().locator('strong').textContent()) ?? '';
  expect(finding.length).toBeGreaterThan(10);
  await expect(page.getByTestId('scenario-notes-balanced')).toContainText(finding);
  await expect(page.getByTestId('scenario-strip')).not.toContainText('ballot-balance');
  await page.getByTestId('scenario-reset').click();
  await expect(step(page, 'balanced')).toHaveAttribute('data-state', 'pending');
  await page.locator('.nav a[href="#/protocol"]').click();
  await expect(page.getByTestId('line-6')).toHaveValue('77');
  await page.getByTestId('line-6').fill('75');
  await page.getByTestId('protocol-save').click();
  for (const box of await page.getByTestId('acknowledge').all()) await box.check();
  await page.getByTestId('protocol-sign').click();
  await expect(page.getByTestId('protocol-signed')).toBeVisible();
  await expect(step(page, 'balanced')).toHaveAttribute('data-state', 'correct');
  await expect(step(page, 'no-override')).toHaveAttribute('data-state', 'correct');
  await expect(page.getByTestId('scenario-passed')).toBeVisible();

  // Back to the real election: untouched.
  await page.locator('.nav a[href="#/training"]').click();
  await page.getByTestId('training-leave').click();
  await expect(page.getByTestId('training-watermark')).toHaveCount(0);
  await expect(page.getByTestId('active-precinct')).toContainText('9001');
  expect(await dumpDatabase(page, 'precinct-desk')).toBe(realBefore);
});
