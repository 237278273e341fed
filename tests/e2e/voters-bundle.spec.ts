import { expect, test } from '@playwright/test';
import { sealBundle, type ElectionBundleInput } from '../../shared/election/bundle';
import { demoBundle } from '../../shared/election/demo';
import { startDemo } from './helpers';

const columns = ['page', 'row', 'surname', 'name', 'patronymic', 'birth', 'document'];
const rows = Array.from({ length: 45 }, (_, i) => [String(1 + Math.floor(i / 20)), String(1 + (i % 20)), i === 7 ? 'Үсөнова' : `Асанов${i}`, i === 7 ? 'Гүлзат' : 'Нурлан', '', `19${60 + (i % 30)}`, `ID${2_000_000 + i}`]);

test('the voter list arrives in the election bundle: exact columns, checked rows; a tampered bundle imports nothing', async ({ page }) => {
  const bundle = await sealBundle({ ...(demoBundle() as ElectionBundleInput), voterLists: [{ precinct: 9001, columns, rows }] } as ElectionBundleInput);
  await startDemo(page, 9001);
  await page.getByRole('button', { name: 'EN' }).click();
  await page.getByRole('link', { name: 'Voter list', exact: true }).click();
  await page.getByTestId('go-import').click();

  const tampered = structuredClone(bundle) as { voterLists: { rows: string[][] }[] };
  tampered.voterLists[0]!.rows[3]![2] = 'Башка';
  await page.getByTestId('voter-file').setInputFiles({ name: 'bundle.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) });
  await expect(page.getByTestId('import-error')).toContainText('the election bundle is not valid');
  await expect(page.getByTestId('import-error')).toContainText('integrity.digest');

  const other = await sealBundle({ ...(demoBundle() as ElectionBundleInput), voterLists: [{ precinct: 9002, columns, rows }] } as ElectionBundleInput);
  await page.getByTestId('voter-file').setInputFiles({ name: 'bundle-9002.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) });
  await expect(page.getByTestId('import-error')).toContainText('this bundle has no voter list for precinct 9001');

  await page.getByTestId('voter-file').setInputFiles({ name: 'bundle.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundle)) });
  await page.getByTestId('import-check').click();
  await page.getByTestId('import-activate').click();
  await expect(page.getByTestId('issued-count')).toContainText('0 of 45');
  await page.getByTestId('voter-search').fill('усонова гулзат');
  await expect(page.getByTestId('voter-row').first()).toContainText('Үсөнова Гүлзат');
});
