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

test('a newer list corrects the ПИН two people shared: the difference shows one person changed, and her ballot stays with her', async ({ page }) => {
  await startDemo(page, 9001);
  await page.getByRole('button', { name: 'EN' }).click();
  await page.locator('a[href="#/voters"]').click();
  await page.getByTestId('go-import').click();
  const header = 'Барак;Катар;Фамилиясы;Аты;Атасынын аты;Туулган күнү;Паспорт;ПИН';
  const asanov = '1;1;Асанов;Нурлан;Бакытович;01.02.1970;ID1000001;21002197000011';
  const tokto = '1;3;Токтосунов;Улан;Мамыт уулу;05.06.1990;ID1000003;20506199000033';
  const csv = (bekova: string) => new TextEncoder().encode(`${[header, asanov, bekova, tokto].join('\n')}\n`);
  await pickVoterFile(page, 'list.csv', csv('1;2;Бекова;Айгүл;Асан кызы;03.04.1980;ID1000002;21002197000011'));
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('keep-all-0')).toBeChecked();
  await page.getByTestId('import-activate').click();

  // Бекова gets her ballot.
  const search = page.getByTestId('voter-search');
  await search.fill('Бекова');
  await search.press('Enter');
  await expect(page.getByTestId('voter-detail')).toContainText('Бекова Айгүл Асан кызы');
  await page.getByTestId('issue-ballot').click();
  await expect(page.getByTestId('issued-count')).toHaveText(tr('en', 'voters:issuedOf', { issued: '1', total: '3' }));

  // The registry corrects her ПИН: she is the same person, changed — not removed and added.
  await page.getByTestId('desk').getByRole('button', { name: tr('en', 'voters:importNewer') }).click();
  await pickVoterFile(page, 'list-corrected.csv', csv('1;2;Бекова;Айгүл;Асан кызы;03.04.1980;ID1000002;20304198000022'));
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-diff')).toContainText(tr('en', 'import:diffCounts', { added: 0, removed: 0, changed: 1 }));
  const changed = page.getByTestId('diff-changed');
  await expect(changed).toContainText(`Бекова Айгүл Асан кызы (1/2) ${tr('en', 'import:review.issuedMark')}: ${tr('en', 'import:field.pin')}: 21002197000011 → 20304198000022`);
  await expect(page.getByTestId('diff-removed')).toHaveCount(0);
  await expect(page.getByTestId('diff-added')).toHaveCount(0);
  await changed.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('shared-pin-corrected-en.png') });
  await page.getByRole('button', { name: 'KY', exact: true }).click();
  await expect(page.getByTestId('import-diff')).toContainText(tr('ky', 'import:diffCounts', { added: 0, removed: 0, changed: 1 }));
  await changed.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('shared-pin-corrected-ky.png') });
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.getByTestId('import-activate').click();

  // At the desk: her ballot is still hers, and no second is offered.
  await expect(page.getByTestId('issued-count')).toHaveText(tr('en', 'voters:issuedOf', { issued: '1', total: '3' }));
  await search.fill('20304198000022');
  await expect(page.getByTestId('voter-row')).toHaveCount(1);
  await expect(page.getByTestId('voter-row').first()).toContainText('Ballot issued');
  await search.press('Enter');
  await expect(page.getByTestId('voter-detail')).toContainText('Бекова Айгүл Асан кызы');
  await expect(page.getByTestId('issue-ballot')).toHaveCount(0);
});
