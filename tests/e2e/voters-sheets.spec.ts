/**
 * A voter list kept over several sheets of one workbook (one sheet a street: 100, 2,500 and 10,000
 * rows, one under a title row, a summary sheet first), imported through the import screen in Kyrgyz:
 * the street sheets are offered as one list (ticked, each named with its rows), the desk then finds
 * the voters of every sheet and counts the sum; a problem names its sheet and row; unticked, the
 * first sheet alone is read as before; cancelling stores nothing. The mapping preview names its rows
 * by sheet and row as the problems do.
 */
import { expect, test, type Page } from '@playwright/test';
import { streetSheets, streetsXlsx } from '../support/multi-sheet';
import { pickVoterFile, startDemo, tr } from './helpers';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function toImport(page: Page) {
  await page.locator('a[href="#/voters"]').click();
  await page.getByTestId('go-import').click();
}

async function activations(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('precinct-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('events', 'readonly').objectStore('events').getAll();
          all.onsuccess = () => resolve((all.result as { type: string }[]).filter((e) => e.type === 'VoterListActivated').length);
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

test('a list over three street sheets and a summary sheet imports whole: the desk finds the voters of every sheet and counts the sum', async ({ page }) => {
  test.setTimeout(300_000);
  await startDemo(page, 9001);
  await toImport(page);
  const streets = streetSheets([100, 2500, 10_000]);
  await pickVoterFile(page, 'streets.xlsx', await streetsXlsx(streets), XLSX);
  const sheets = page.getByTestId('import-sheets');
  await expect(sheets).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('import-sheets-combine')).toBeChecked();
  for (const s of streets) await expect(sheets).toContainText(s.name);
  await expect(sheets.locator('li')).toHaveCount(3);
  await expect(page.getByTestId('import-warning-sheets-left-out')).toContainText('Жыйынтык');
  // The warning stands below the "rows read" line, from its start, not over its text.
  const line = (await page.getByTestId('import-read').boundingBox())!;
  const warning = (await page.getByTestId('import-warning-sheets-left-out').boundingBox())!;
  expect(Math.abs(warning.x - line.x)).toBeLessThanOrEqual(1);
  expect(warning.y).toBeGreaterThan(line.y + 10);
  await expect(page.getByTestId('mapping-problems')).toHaveCount(0);

  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-activate')).toBeEnabled({ timeout: 120_000 });
  await expect(page.getByTestId('import-problems-summary')).toHaveCount(0);
  await page.getByTestId('import-activate').click();
  await expect(page.getByTestId('issued-count')).toHaveText(/0 \/ 12\s?600$/u, { timeout: 120_000 });

  for (const s of streets) {
    for (const p of [s.people[0]!, s.people[s.people.length - 1]!]) {
      await page.getByTestId('voter-search').fill(`${p.page}/${p.row}`);
      await page.getByTestId('voter-search').press('Enter');
      await expect(page.getByTestId('voter-detail')).toContainText(`${p.surname} ${p.name}`);
      await expect(page.getByTestId('voter-detail')).toContainText(p.document);
    }
  }
});

test('a problem names its sheet and the sheet’s row; unticked, the first sheet alone; cancel stores nothing', async ({ page }) => {
  test.setTimeout(180_000);
  await startDemo(page, 9001);
  await toImport(page);
  const streets = streetSheets([100, 200, 300]);
  // «Манас көч.» has a title row above its header: its 5th voter is its row 7.
  streets[1]!.people[4] = { ...streets[1]!.people[4]!, birth: '31.02.1980' };
  const before = await activations(page);
  await pickVoterFile(page, 'streets.xlsx', await streetsXlsx(streets), XLSX);
  await expect(page.getByTestId('import-sheets-combine')).toBeChecked();
  // The preview names each row as the problems do: its sheet and the sheet's row, not its number
  // through the combined list (the last, «Чүй пр.»'s row 301, was "601").
  const previewRows = page.getByTestId('mapping-preview').locator('tbody tr');
  await expect(previewRows.first().locator('td').first()).toHaveText(tr('ky', 'import:sheets.row', { sheet: 'Ленин көч.', row: 2 }));
  await expect(previewRows.last().locator('td').first()).toHaveText(tr('ky', 'import:sheets.row', { sheet: 'Чүй пр.', row: 301 }));
  await page.getByTestId('import-check').click();
  const problems = page.getByTestId('import-problems');
  await expect(problems.locator('tbody tr')).toHaveCount(1);
  await expect(problems.locator('tbody tr td').first()).toHaveText(tr('ky', 'import:sheets.row', { sheet: 'Манас көч.', row: 7 }));

  await page.getByTestId('import-sheets-combine').uncheck();
  await expect(page.getByTestId('import-sheets-combine')).not.toBeChecked();
  await expect(page.getByTestId('import-warning-other-sheets')).toContainText('Манас көч.');
  await expect(page.getByTestId('import-read')).toContainText(tr('ky', 'import:readOk', { rows: 100, columns: 8, encoding: 'XLSX' }));
  // One sheet read alone: its rows by number, as for any file.
  await expect(previewRows.last().locator('td').first()).toHaveText('101');

  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-result')).toContainText(tr('ky', 'import:allGood_other', { count: 100 }));
  await page.getByTestId('import-result').getByRole('button', { name: tr('ky', 'common:cancel') }).click();
  await expect(page.getByTestId('go-import')).toBeVisible();
  expect(await activations(page)).toBe(before);
});

test('a workbook whose street sheets each number their pages from 1: refused whole, the sheet named with what to do', async ({ page }) => {
  await startDemo(page, 9001);
  await toImport(page);
  const streets = streetSheets([40, 40]);
  // The second street's pages start again at 1 (the first street holds pages 1–2).
  const firstPage = streets[1]!.people[0]!.page;
  streets[1]!.people = streets[1]!.people.map((p) => ({ ...p, page: p.page - firstPage + 1 }));
  const before = await activations(page);
  await pickVoterFile(page, 'streets.xlsx', await streetsXlsx(streets), XLSX);
  await page.getByTestId('import-check').click();
  const note = page.getByTestId('import-pages-restart');
  await expect(note).toHaveText(tr('ky', 'import:sheets.pagesRestart_one', { sheets: '«Манас көч.»' }));
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('pages-restart-ky.png') });
  await expect(page.getByTestId('import-problems-summary')).toBeVisible();
  expect(await activations(page)).toBe(before);
});
