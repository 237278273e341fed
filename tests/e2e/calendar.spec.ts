import { expect, test } from '@playwright/test';
import { openPrinted, startDemo } from './helpers';

test.describe('the calendar plan', () => {
  test('the demo at 9001 lists item 69 (out-of-premises applications) due 12 Oct 2017 among the commission items, in three languages', async ({ page }) => {
    await startDemo(page, 9001, '/', { votingDay: 'historical' });
    const item69 = page.getByTestId('calendar-item-69');
    await expect(item69).toBeVisible();
    await expect(page.getByTestId('calendar-when-69')).toContainText('2017-ж., 12-октябрь');
    await expect(item69).toContainText('Участкалык комиссия жооптуу');
    // Only the commission's items by default: item 1 (the CEC's appeal) is not listed.
    await expect(page.getByTestId('calendar-item-1')).toHaveCount(0);
    await expect(page.getByTestId('calendar-today')).toContainText('Europe/Moscow');

    await page.getByRole('button', { name: 'RU' }).click();
    await expect(page.getByTestId('calendar-when-69')).toContainText('12 октября 2017 г.');
    await expect(item69).toContainText('вне помещения');
    await page.getByRole('button', { name: 'EN' }).click();
    await expect(page.getByTestId('calendar-when-69')).toContainText('October 12, 2017');
    await expect(item69).toContainText('out-of-premises');

    // Voting day 2017 lies in the past: item 71 is overdue until the commission marks it done.
    await expect(page.getByTestId('calendar-item-71')).toContainText('Overdue');
    await page.getByTestId('calendar-done-71').click();
    await expect(page.getByTestId('calendar-done-71')).toBeChecked();
    await expect(page.getByTestId('calendar-item-71')).toContainText('Done');
    await page.reload();
    await expect(page.getByTestId('calendar-done-71')).toBeChecked();

    await page.getByTestId('filter-all').click();
    await expect(page.getByTestId('calendar-item-1')).toBeVisible();
    await expect(page.locator('[data-testid^="calendar-item-"]')).toHaveCount(104);
  });

  test('the demo held today on the running clock shows nothing overdue that it cannot have done: items past before it started say so', async ({ page }) => {
    await startDemo(page, 9001);
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('link', { name: 'Calendar plan' }).click();
    await expect(page.getByTestId('calendar-today')).toBeVisible();
    // Form 2 (item 43) closed 15 days before voting day, long before the demo started.
    await expect(page.getByTestId('calendar-item-43')).toContainText('Before the demo');
    await expect(page.getByTestId('calendar-before-demo')).toContainText('items whose date had passed before then are marked “Before the demo”, not overdue');
    await expect(page.getByTestId('calendar-overdue')).toContainText('0');
    await expect(page.locator('tr.status-overdue')).toHaveCount(0);
    await page.getByTestId('filter-all').click();
    await expect(page.locator('[data-testid^="calendar-item-"]')).toHaveCount(104);
    await expect(page.locator('tr.status-overdue')).toHaveCount(0);
    await expect(page.getByTestId('calendar-overdue')).toContainText('0');
    // Marked done by the trainee, it is done.
    await page.getByTestId('calendar-done-43').click();
    await expect(page.getByTestId('calendar-item-43')).toContainText('Done');
  });

  test('the calendar prints as an A4 document with the commission items', async ({ page }) => {
    await startDemo(page, 9019, '/', { votingDay: 'historical' });
    await page.getByTestId('calendar-print').click();
    const doc = await openPrinted(page);
    await expect(doc).toContainText('№ 9019');
    // Printed in the precinct's local time, said in words, not as a time-zone id.
    await expect(doc).toContainText('(жергиликтүү убакыт)');
    await expect(doc).not.toContainText('Asia/Tokyo');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/gu) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(2);
  });
});
