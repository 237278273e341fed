/**
 * An XLSX list read in the import worker by the streaming reader (issue 19): while the workbook is
 * read, the screen's "rows read" moves (the exceljs reader said 0 until the whole file was loaded),
 * and the list then reads as a CSV would.
 */
import { expect, test } from '@playwright/test';
import { people, xlsxWithRunningNumber } from '../support/voter-files';
import { pickVoterFile, startDemo } from './helpers';

const COUNT = 30_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test(`${COUNT.toLocaleString('en')} rows of XLSX: "rows read" moves while the workbook is read`, async ({ page }) => {
  test.setTimeout(240_000);
  const bytes = new Uint8Array(await xlsxWithRunningNumber(people(COUNT, 20), ['Шайлоочулардын тизмеси']));
  await startDemo(page, 9001);
  await page.getByRole('button', { name: 'EN' }).click();
  await page.locator('a[href="#/voters"]').click();
  await page.getByTestId('go-import').click();
  // Every "rows read" count shown while reading, seen as the counts line changed.
  await page.evaluate(() => {
    const w = window as unknown as { __read: number[] };
    w.__read = [];
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="import-progress"]');
      const line = document.querySelector('[data-testid="import-progress-counts"]')?.textContent ?? '';
      const read = /Rows read: ([\d,]+)/u.exec(line)?.[1];
      if (bar?.getAttribute('data-phase') === 'read' && read !== undefined) w.__read.push(Number(read.replace(/,/gu, '')));
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await pickVoterFile(page, 'list.xlsx', bytes, XLSX);
  await expect(page.getByTestId('import-read')).toContainText(`Read ${COUNT.toLocaleString('en')} rows`, { timeout: 120_000 });
  const read = await page.evaluate(() => (window as unknown as { __read: number[] }).__read);
  expect(read.some((n) => n > 0 && n < COUNT), `counts shown: ${read.join(' ')}`).toBe(true);
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-result')).toContainText(`All ${COUNT.toLocaleString('en')} voters are correct.`, { timeout: 120_000 });
});
