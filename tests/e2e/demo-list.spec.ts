import { startDemoWithList } from './helpers';
import { expect, test } from '@playwright/test';

test('the demo can start with a generated list of the precinct size (6,707 at 9001), searchable at once', async ({ page }) => {
  await startDemoWithList(page, 9001);
  await page.getByRole('link', { name: 'Voter list', exact: true }).click();
  await expect(page.getByTestId('issued-count')).toContainText('0 of 6,707');
  await page.getByTestId('voter-search').fill('асанов');
  await expect(page.getByTestId('voter-row').first()).toContainText('Асанов');
});
