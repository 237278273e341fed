/**
 * Files that must import nothing, each with a translated message that says what is wrong and where
 * (line, cell or field): 0 bytes, blank, a required column missing, a Windows-1251 file read as UTF-8
 * by the manual override, an unterminated quote, an XLSX whose header has merged cells. Throughout,
 * the list activated first (3 voters, one ballot issued) stays exactly as it was. Each refusal is read
 * in ky, ru and en by switching the language on the screen that shows it (one run, not one a language).
 */
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { pickVoterFile, startDemo, tr } from './helpers';

type Lng = 'ky' | 'ru' | 'en';
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/voters/${name}`, import.meta.url)));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A CEC-style sheet: "Аты-жөнү" merged over the surname, name and patronymic columns (C1:E1). */
async function mergedHeaderXlsx(subHeader: boolean): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Тизме');
  ws.addRow(['Барак', 'Катар', 'Аты-жөнү', '', '', 'Туулган күнү', 'Дареги']);
  ws.mergeCells('C1:E1');
  if (subHeader) ws.addRow(['', '', 'Фамилиясы', 'Аты', 'Атасынын аты', '', '']);
  ws.addRow([1, 1, 'Асанов', 'Нурлан', 'Бакытович', new Date(Date.UTC(1980, 0, 2)), 'Бишкек']);
  ws.addRow([1, 2, 'Үсөнова', 'Гүлзат', 'Кеңешовна', new Date(Date.UTC(1975, 4, 5)), 'Бишкек']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function eventTypes(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('precinct-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('events').objectStore('events').getAll();
          req.onsuccess = () => {
            resolve((req.result as { type: string }[]).map((e) => e.type));
            open.result.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

const LANGUAGES = ['ky', 'ru', 'en'] as const;

/** Runs `check` in ky, ru and en, switching the language on the screen as it is; ends in `end`. */
async function inEachLanguage(page: Page, check: (lng: Lng) => Promise<void>, end: Lng = 'ky') {
  for (const lng of [...LANGUAGES.filter((l) => l !== end), end]) {
    await page.getByRole('button', { name: lng.toUpperCase(), exact: true }).click();
    await check(lng);
  }
}

/** The refusal is shown, translated (no key, no {{placeholder}}) in ky, ru and en, and nothing can be activated. */
async function expectRefused(page: Page, file: string, messages: (lng: Lng) => string[]) {
  const error = page.getByTestId('import-error');
  await expect(error).toBeVisible();
  await inEachLanguage(page, async (lng) => {
    await expect(error).toContainText(tr(lng, 'import:refused', { file }));
    for (const m of messages(lng)) await expect(error).toContainText(m);
    await expect(error).not.toContainText(/problem\.|\{\{|import:/u);
  });
  await expect(page.getByTestId('mapping')).toHaveCount(0);
  await expect(page.getByTestId('import-activate')).toHaveCount(0);
}

test('bad voter files import nothing and say why, in ky, ru and en', async ({ page }) => {
  // A long walk by design: some twenty files read, each refusal read in three languages (27 s alone
  // on an idle machine; over the default 60 s with three workers on a slow 2-core one).
  test.setTimeout(180_000);
  const lng: Lng = 'ky';
  await startDemo(page, 9001);
  await page.locator('a[href="#/voters"]').click();
  await page.getByTestId('go-import').click();

  // A good list first, with one ballot issued.
  await pickVoterFile(page, 'ky-utf8-bom.csv', fixture('ky-utf8-bom.csv'));
  await page.getByTestId('import-check').click();
  await page.getByTestId('import-activate').click();
  await expect(page.getByTestId('issued-count')).toHaveText(tr(lng, 'voters:issuedOf', { issued: '0', total: '3' }));
  await page.getByTestId('voter-search').fill('усонов чынгыз');
  await page.getByTestId('voter-search').press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('issued-count')).toHaveText(tr(lng, 'voters:issuedOf', { issued: '1', total: '3' }));
  const events = await eventTypes(page);
  await page.getByTestId('desk').getByRole('button', { name: tr(lng, 'voters:importNewer') }).click();

  // Each bad file is chosen after a good one, so a refusal must also clear what the good one showed.
  const good = async () => {
    await pickVoterFile(page, 'ky-utf8-bom.csv', fixture('ky-utf8-bom.csv'));
    await expect(page.getByTestId('mapping')).toBeVisible();
  };

  await good();
  await pickVoterFile(page, 'empty.csv', new Uint8Array(0));
  await expectRefused(page, 'empty.csv', (l) => [tr(l, 'import:problem.empty-file')]);

  await good();
  await pickVoterFile(page, 'blank.csv', fixture('blank.csv'));
  await expectRefused(page, 'blank.csv', (l) => [tr(l, 'import:problem.blank-file')]);

  await good();
  await pickVoterFile(page, 'unterminated-quote.csv', fixture('unterminated-quote.csv'));
  await expectRefused(page, 'unterminated-quote.csv', (l) => [tr(l, 'import:problem.unterminated-quote', { line: 3 })]);

  // A Windows-1251 file with the override forced to UTF-8: refused at the first broken line; back
  // on automatic it reads as Windows-1251.
  await good();
  await page.getByTestId('voter-encoding').selectOption('utf-8');
  await pickVoterFile(page, 'ru-cp1251.csv', fixture('ru-cp1251.csv'));
  await expectRefused(page, 'ru-cp1251.csv', (l) => [tr(l, 'import:problem.invalid-utf-8', { line: 1 })]);
  await page.getByTestId('voter-encoding').selectOption('auto');
  await expect(page.getByTestId('import-read')).toContainText('windows-1251');
  await expect(page.getByTestId('map-surname')).toHaveValue('2');

  // A required column missing: the mapping names the field, and checking is not possible.
  await pickVoterFile(page, 'missing-column.csv', fixture('missing-column.csv'));
  await expect(page.getByTestId('map-birth')).toHaveValue('');
  await inEachLanguage(page, async (l) => {
    await expect(page.getByTestId('mapping-problems')).toHaveText(tr(l, 'import:problem.missing-required-column', { field: tr(l, 'import:field.birth') }));
  });
  await expect(page.getByTestId('import-check')).toBeDisabled();
  await expect(page.getByTestId('import-activate')).toHaveCount(0);
  await expect(page.getByTestId('no-page-row')).toHaveCount(0);

  // A registry export numbered through the whole file ("№ п/п") with no page column: the page is
  // missing, and the screen says what a page and row are and where to get a list that has them.
  await good();
  const running = ['№ п/п;Фамилиясы;Аты;Туулган күнү', ...Array.from({ length: 40 }, (_, i) => `${i + 1};Асанов${i};Нурлан;01.02.1970`)].join('\r\n');
  await pickVoterFile(page, 'running-only.csv', new TextEncoder().encode(running));
  await expect(page.getByTestId('map-page')).toHaveValue('');
  await inEachLanguage(page, async (l) => {
    await expect(page.getByTestId('no-page-row')).toHaveText(tr(l, 'import:review.noPageRow'));
  });
  await expect(page.getByTestId('import-check')).toBeDisabled();

  // XLSX with "Аты-жөнү" merged over three columns: refused, naming the merged cells.
  for (const subHeader of [false, true]) {
    await good();
    const name = subHeader ? 'merged-two-rows.xlsx' : 'merged.xlsx';
    await pickVoterFile(page, name, await mergedHeaderXlsx(subHeader), XLSX);
    await expectRefused(page, name, (l) => [
      tr(l, 'import:problem.merged-header-cells', { cells: 'C1:E1', count: 1 }),
      // exceljs gives the merged cells the master's text: three columns named alike.
      tr(l, 'import:problem.duplicate-header', { name: 'Аты-жөнү', columns: 'C, D, E' }),
    ]);
  }

  // Nothing of all that reached the list.
  await page.locator('a[href="#/voters"]').click();
  await expect(page.getByTestId('issued-count')).toHaveText(tr(lng, 'voters:issuedOf', { issued: '1', total: '3' }));
  expect(await eventTypes(page)).toEqual(events);
});
