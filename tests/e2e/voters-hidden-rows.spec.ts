/**
 * A list saved in Excel with a filter on (issue 19's trial): rows filtered out are hidden in Excel and
 * are read all the same. The import screen, in Kyrgyz, says which rows are hidden and how many, below
 * the "rows read" line, before anything is checked; the list is imported with them, as the file holds it.
 */
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { generateVoters, votersToRows } from '../../shared/voters/generate';
import { pickVoterFile, startDemo, tr } from './helpers';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('an XLSX saved with a filter on: its hidden rows are named and counted in Kyrgyz, and imported with the others', async ({ page }, info) => {
  const votingDay = new Date().toISOString().slice(0, 10) as `${number}-${number}-${number}`;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Тизме');
  for (const row of votersToRows(generateVoters(300, 4, { votingDay }))) ws.addRow(row);
  const hidden = [5, 17, 18, 120];
  for (const r of hidden) ws.getRow(r).hidden = true;
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());

  await startDemo(page, 9001);
  await page.locator('a[href="#/voters"]').click();
  await page.getByTestId('go-import').click();
  await pickVoterFile(page, 'filtered.xlsx', bytes, XLSX);
  const warning = page.getByTestId('import-warning-hidden-rows');
  await expect(warning).toHaveText(tr('ky', 'import:warning.hidden-rows_other', { count: 4, rows: '5, 17, 18, 120' }));
  // Below the "rows read" line, not over it.
  const line = (await page.getByTestId('import-read').boundingBox())!;
  const box = (await warning.boundingBox())!;
  expect(box.y).toBeGreaterThan(line.y + 10);
  await page.screenshot({ path: info.outputPath('hidden-rows-ky.png'), fullPage: true });

  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-activate')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('import-activate').click();
  await expect(page.getByTestId('issued-count')).toHaveText(/0 \/ 300$/u, { timeout: 60_000 });
});
