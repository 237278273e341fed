/** Two different people given one ПИН by the registry (htrial4's field trial): both stay in the list and are found at the desk. */
import { expect, test } from '@playwright/test';
import { pickVoterFile, startDemo, tr } from './helpers';

test('two people with one ПИН in the imported list: the review keeps both by default, names why, and the desk finds each', async ({ page }) => {
  await startDemo(page, 9001);
  await page.getByRole('button', { name: 'EN' }).click();
  await page.locator('a[href="#/voters"]').click();
  await page.getByTestId('go-import').click();
  const lines = [
    'Барак;Катар;Фамилиясы;Аты;Атасынын аты;Туулган күнү;Паспорт;ПИН',
    '1;1;Асанов;Нурлан;Бакытович;01.02.1970;ID1000001;21002197000011',
    '1;2;Бекова;Айгүл;Асан кызы;03.04.1980;ID1000002;21002197000011',
    '1;3;Токтосунов;Улан;Мамыт уулу;05.06.1990;ID1000003;20506199000033',
  ];
  await pickVoterFile(page, 'list.csv', new TextEncoder().encode(`${lines.join('\n')}\n`));
  await page.getByTestId('import-check').click();
  const group = page.getByTestId('duplicate-group');
  await expect(group).toHaveCount(1);
  await expect(group).toContainText(`${tr('en', 'import:review.dupBy.duplicate-pin')} — `);
  await expect(group).toContainText(tr('en', 'import:review.differBy.person'));
  await expect(page.getByTestId('keep-all-0')).toBeChecked();
  await expect(group).toContainText(tr('en', 'import:review.keepAllSharedNumber'));
  await expect(page.getByTestId('import-duplicates')).toContainText('a registry error: two people given one number');
  await page.getByTestId('import-duplicates').scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('shared-pin-review.png') });
  await page.getByTestId('import-activate').click();

  const search = page.getByTestId('voter-search');
  await search.fill('21002197000011');
  await expect(page.getByTestId('voter-row')).toHaveCount(2);
  for (const [query, name] of [['Бекова', 'Бекова Айгүл Асан кызы'], ['Асанов Нурлан', 'Асанов Нурлан Бакытович']] as const) {
    await search.fill(query);
    await search.press('Enter');
    await expect(page.getByTestId('voter-detail')).toContainText(name);
  }
});
