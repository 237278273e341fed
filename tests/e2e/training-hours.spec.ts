import { expect, test } from '@playwright/test';
import { startDemo, tr } from './helpers';

/**
 * Voting hours hold in training too, judged by the training clock (issue 16): the 2017 election at
 * Tokyo (9019) with its list; at 07:00 on voting day (the meeting before the polls open) a ballot
 * is refused as before opening, saying the training time; with the training clock set to 10:00 the
 * same voter is given one.
 */
test('training: a ballot before the polls open by the training clock is refused; at 10:00 by that clock it is issued', async ({ page }) => {
  test.setTimeout(90_000);
  await startDemo(page, 9001);
  await page.locator('.nav a[href="#/training"]').click();
  await page.getByTestId('training-enter').click();
  await page.getByTestId('choose-demo').click();
  await page.getByRole('radio', { name: /^9019 /u }).check();
  await page.getByTestId('demo-day-historical').check();
  await page.getByTestId('demo-with-list').check();
  await page.getByTestId('demo-start').click();
  await expect(page.getByTestId('training-bar')).toBeVisible();

  await page.getByTestId('training-jump').selectOption('voting-opens');
  await expect(page.getByTestId('training-clock')).toContainText('15-окт., 07:00');
  const issue = async () => {
    await page.locator('.nav a[href="#/voters"]').click();
    await page.getByTestId('voter-search').fill('1/1');
    await page.getByTestId('voter-search').press('Enter');
    await expect(page.getByTestId('voter-detail')).toBeVisible();
    await page.keyboard.press('Enter');
  };
  await issue();
  const refused = tr('ky', 'voters:hours.before-opening').split('.')[0]!;
  await expect(page.getByTestId('desk-message')).toContainText(refused);
  await expect(page.getByTestId('desk-message')).toContainText('07:00 (Asia/Tokyo)');
  const issued = (n: string) => tr('ky', 'voters:issuedOf', { issued: n, total: '' }).trim();
  await expect(page.getByTestId('issued-count')).toContainText(issued('0'));

  await page.getByTestId('training-date').fill('15.10.2017');
  await page.getByTestId('training-time').fill('10:00');
  await page.getByTestId('training-set').click();
  await expect(page.getByTestId('training-clock')).toContainText('15-окт., 10:00');
  await issue();
  await expect(page.getByTestId('desk-message')).not.toContainText(refused);
  await expect(page.getByTestId('issued-count')).toContainText(issued('1'));
});
