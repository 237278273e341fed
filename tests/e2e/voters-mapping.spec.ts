/** The import screen remembers the column mapping last confirmed for a header and offers it again. */
import { expect, test } from '@playwright/test';
import { utf8 } from '../unit/shared/voters/cp1251';
import { pickVoterFile, startDemo, tr } from './helpers';

// "Т.к." (туулган күнү, abbreviated) is not recognised: the user has to choose it by hand.
const v1 = 'Бет;Катар;Фамилиясы;Аты;Т.к.\n1;1;Асанов;Нурлан;02.01.1980\n1;2;Үсөнова;Гүлзат;05.05.1975\n';
const v2 = 'БЕТ;Катар;Фамилиясы;Аты;Т. к.\n1;1;Асанов;Нурлан;02.01.1980\n1;2;Үсөнова;Гүлзат;05.05.1975\n1;3;Маматов;Улан;1990\n';

test('the mapping confirmed for a header is pre-filled when a file with the same header comes again', async ({ page }) => {
  await startDemo(page, 9001);
  await page.locator('a[href="#/voters"]').click();
  await page.getByTestId('go-import').click();

  await pickVoterFile(page, 'v1.csv', utf8(v1));
  await expect(page.getByTestId('map-birth')).toHaveValue('');
  await expect(page.getByTestId('mapping-recalled')).toHaveCount(0);
  await expect(page.getByTestId('mapping-problems')).toContainText(tr('ky', 'import:field.birth'));
  await page.getByTestId('map-birth').selectOption('4');
  await page.getByTestId('import-check').click();
  await page.getByTestId('import-activate').click();
  await expect(page.getByTestId('issued-count')).toHaveText(tr('ky', 'voters:issuedOf', { issued: '0', total: '2' }));

  // After a reload (the memory is not only in the screen's state), the next version of the list.
  await page.reload();
  await page.getByTestId('desk').getByRole('button', { name: tr('ky', 'voters:importNewer') }).click();
  await pickVoterFile(page, 'v2.csv', utf8(v2));
  await expect(page.getByTestId('map-birth')).toHaveValue('4');
  await expect(page.getByTestId('mapping-recalled')).toHaveText(tr('ky', 'import:mappingRecalled'));
  await expect(page.getByTestId('mapping-problems')).toHaveCount(0);
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-diff')).toContainText(tr('ky', 'import:diffCounts', { added: 1, removed: 0, changed: 0 }));

  // A file with other column names gets the guess, not the remembered mapping.
  await pickVoterFile(page, 'v3.csv', utf8(v1.replace('Т.к.', 'Туулган күнү')));
  await expect(page.getByTestId('mapping-recalled')).toHaveCount(0);
  await expect(page.getByTestId('map-birth')).toHaveValue('4');
});

// A header that names nothing the import knows, under a title row: found only by the user's pick.
const titled1 = 'Шайлоочулардын тизмеси, № 9001 участок;;;;\nБ.;К.;Ф.;А.;Т.к.\n1;1;Асанов;Нурлан;02.01.1980\n1;2;Үсөнова;Гүлзат;05.05.1975\n';
const titled2 = 'Шайлоочулардын тизмеси;;;;\n№ 9001 участок, 2-версия;;;;\nБ.;К.;Ф.;А.;Т.к.\n1;1;Асанов;Нурлан;02.01.1980\n1;2;Үсөнова;Гүлзат;05.05.1975\n1;3;Маматов;Улан;1990\n';

test('the header row picked by hand is remembered with the mapping: the next file with that header, under more title rows, needs no picking', async ({ page }) => {
  await startDemo(page, 9001);
  await page.locator('a[href="#/voters"]').click();
  await page.getByTestId('go-import').click();

  await pickVoterFile(page, 'titled-1.csv', utf8(titled1));
  await expect(page.getByTestId('header-row')).toHaveValue('1');
  await page.getByTestId('header-row').selectOption('2');
  await expect(page.getByTestId('header-row')).toHaveValue('2');
  for (const [field, column] of [['page', '0'], ['row', '1'], ['surname', '2'], ['name', '3'], ['birth', '4']] as const) {
    await page.getByTestId(`map-${field}`).selectOption(column);
  }
  await expect(page.getByTestId('mapping-problems')).toHaveCount(0);
  await page.getByTestId('import-check').click();
  await page.getByTestId('import-activate').click();
  await expect(page.getByTestId('issued-count')).toHaveText(tr('ky', 'voters:issuedOf', { issued: '0', total: '2' }));

  await page.reload();
  await page.getByTestId('desk').getByRole('button', { name: tr('ky', 'voters:importNewer') }).click();
  await pickVoterFile(page, 'titled-2.csv', utf8(titled2));
  await expect(page.getByTestId('header-row')).toHaveValue('3');
  await expect(page.getByTestId('mapping-recalled')).toHaveText(tr('ky', 'import:mappingRecalled'));
  await expect(page.getByTestId('map-surname')).toHaveValue('2');
  await expect(page.getByTestId('map-birth')).toHaveValue('4');
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-diff')).toContainText(tr('ky', 'import:diffCounts', { added: 1, removed: 0, changed: 0 }));
});
