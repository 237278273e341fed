/** Namesakes at the desk (issue 19): a surname with the birth year or date shows only that voter, and Enter opens the right one. */
import { expect, test } from '@playwright/test';
import { csvPlain, people, type ListPerson } from '../support/voter-files';
import { pickVoterFile, startDemo, tr } from './helpers';

test('"Күлүкеев 1970" among 32 Күлүкеевs shows one voter and Enter opens him; a full date tells two born the same year apart', async ({ page }) => {
  await startDemo(page, 9001);
  await page.getByRole('button', { name: 'EN' }).click();
  await page.locator('a[href="#/voters"]').click();
  await page.getByTestId('go-import').click();
  // 20 other voters on pages 1–2, then the namesakes on pages 3–6: one a year 1950–1979, two in 1985.
  const list: ListPerson[] = people(20);
  const names = ['Төлөгөн', 'Үсөн', 'Мөңкө', 'Эңкөр'];
  for (let i = 0; i < 32; i += 1) {
    const year = i < 30 ? 1950 + i : 1985;
    const birth = i === 31 ? '15.03.1985' : `02.06.${year}`;
    list.push({ page: 3 + Math.floor(i / 10), row: 1 + (i % 10), surname: 'Күлүкеев', name: names[i % 4]!, patronymic: 'Асан уулу', birth, document: `ID${String(2_000_000 + i)}` });
  }
  await pickVoterFile(page, 'list.csv', csvPlain(list));
  await page.getByTestId('import-check').click();
  await page.getByTestId('import-activate').click();

  const search = page.getByTestId('voter-search');
  const count = page.getByTestId('found-count');
  const rows = page.getByTestId('voter-row');
  await expect(count).toHaveText(tr('en', 'voters:searchHint'));

  await search.fill('Күлүкеев');
  await expect(count).toHaveText(tr('en', 'voters:found', { total: '32' }));

  // Typed key by key, as a member types: the list narrows to the one born in 1970 (page 5, row 1).
  await search.fill('');
  await search.pressSequentially('Күлүкеев 1970');
  await expect(count).toHaveAttribute('data-query', 'Күлүкеев 1970');
  await expect(count).toHaveText(tr('en', 'voters:found', { total: '1' }));
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('5/1');
  await expect(rows.first()).toContainText('1970');
  await search.press('Enter');
  const detail = page.getByTestId('voter-detail');
  await expect(detail).toContainText('Күлүкеев Төлөгөн Асан уулу');
  await expect(detail).toContainText('5 / 1');

  // Year first, Latin letters: the same voter.
  await search.fill('1970 kulukeev');
  await expect(count).toHaveText(tr('en', 'voters:found', { total: '1' }));
  await expect(rows.first()).toContainText('5/1');

  // Two born in 1985: the year shows both, the date typed the way people type it shows one.
  await search.fill('Күлүкеев 1985');
  await expect(count).toHaveText(tr('en', 'voters:found', { total: '2' }));
  await search.fill('Күлүкеев 15.3.1985');
  await expect(count).toHaveText(tr('en', 'voters:found', { total: '1' }));
  await search.press('Enter');
  await expect(detail).toContainText('6 / 2');
  await expect(detail).toContainText('Күлүкеев Эңкөр Асан уулу');

  // Page/row and a document number are read as before.
  await search.fill('3/5');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('3/5');
  await search.fill('ID2000029');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('5/10');
});
