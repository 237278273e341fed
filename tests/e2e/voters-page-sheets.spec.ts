/**
 * A voter list kept one sheet a page, with no page column (8efbd1a), imported through the import
 * screen: each sheet's page is taken from its name, the screen says so, and the desk finds a voter
 * by page/row of the printed list. Sheets named by street are refused naming them.
 */
import { expect, test } from '@playwright/test';
import { pageSheetsXlsx } from '../support/multi-sheet';
import { registryPeople } from '../support/registry-files';
import { pickVoterFile, startDemo, tr } from './helpers';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHEETS = ['1-барак', '2-барак', 'Барак 3'];

test('one sheet a page, no page column: the page comes from each sheet’s name, the screen says so, the desk finds page/row', async ({ page }) => {
  test.setTimeout(120_000);
  await startDemo(page, 9001);
  await page.locator('a[href="#/voters"]').click();
  await page.getByTestId('go-import').click();
  await pickVoterFile(page, 'pages.xlsx', await pageSheetsXlsx(SHEETS), XLSX);

  const pages = '«1-барак» → 1, «2-барак» → 2, «Барак 3» → 3';
  const warning = page.getByTestId('import-warning-pages-from-sheet-names');
  await expect(warning).toHaveText(tr('ky', 'import:warning.pages-from-sheet-names_other', { pages }));
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  await expect(page.getByTestId('mapping-problems')).toHaveCount(0);
  await warning.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('page-sheets-ky.png') });
  await page.getByRole('button', { name: 'RU' }).click();
  await expect(warning).toHaveText(tr('ru', 'import:warning.pages-from-sheet-names_other', { pages }));
  await page.screenshot({ path: test.info().outputPath('page-sheets-ru.png') });
  await page.getByRole('button', { name: 'KY' }).click();

  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-activate')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('import-activate').click();
  await expect(page.getByTestId('issued-count')).toHaveText(/0 \/ 60$/u, { timeout: 60_000 });

  // The 5th voter of the sheet «2-барак» is page 2, row 5 of the printed list; the last of «Барак 3» is 3/20.
  const people = registryPeople(60, { kyrgyz: true });
  for (const [query, p] of [['2/5', people[24]!], ['3/20', people[59]!]] as const) {
    await page.getByTestId('voter-search').fill(query);
    await page.getByTestId('voter-search').press('Enter');
    await expect(page.getByTestId('voter-detail')).toContainText(`${p.surname} ${p.name} ${p.patronymic}`);
    await expect(page.getByTestId('voter-detail')).toContainText(p.address);
  }
});

test('one sheet a street, no page column: refused, naming the sheets whose names say no page', async ({ page }) => {
  await startDemo(page, 9001);
  await page.locator('a[href="#/voters"]').click();
  await page.getByTestId('go-import').click();
  await pickVoterFile(page, 'streets.xlsx', await pageSheetsXlsx(['1-барак', 'Манас көч.', 'Ленин көч.']), XLSX);
  const error = page.getByTestId('import-error');
  await expect(error).toContainText(tr('ky', 'import:problem.sheet-names-no-page_other', { sheets: '«Манас көч.», «Ленин көч.»' }));
  await error.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('page-sheets-refused-ky.png') });
  await page.getByRole('button', { name: 'RU' }).click();
  await expect(error).toContainText(tr('ru', 'import:problem.sheet-names-no-page_other', { sheets: '«Манас көч.», «Ленин көч.»' }));
  await page.screenshot({ path: test.info().outputPath('page-sheets-refused-ru.png') });
  await expect(page.getByTestId('import-check')).toHaveCount(0);
});
