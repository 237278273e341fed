import { expect, test } from '@playwright/test';

test('the demo can start with a generated list of the precinct size (6,707 at 9001), searchable at once', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('language-continue').click();
  await page.getByTestId('choose-demo').click();
  await page.getByRole('radio', { name: /^9001 /u }).check();
  await page.getByTestId('demo-with-list').check();
  await page.getByTestId('demo-start').click();
  await page.getByRole('button', { name: 'EN' }).click();
  await page.getByRole('link', { name: 'Voter list', exact: true }).click();
  await expect(page.getByTestId('issued-count')).toContainText('0 of 6,707');
  await page.getByTestId('voter-search').fill('асанов');
  await expect(page.getByTestId('voter-row').first()).toContainText('Асанов');
});
