/**
 * A list saved by Excel as "CSV (MS-DOS)" (code page 866 on a Russian or Kyrgyz Windows): read as
 * DOS Cyrillic without being told, its Russian header recognised, the names right on the desk; the
 * Kyrgyz letters 866 cannot hold are flagged. Before, it was read as Windows-1251: garbage names,
 * an unrecognised header, and only a misleading warning.
 */
import { expect, test } from '@playwright/test';
import { generateVoters, votersToCsv } from '../../shared/voters/generate';
import { encodeCp866 } from '../unit/shared/voters/cp1251';
import { pickVoterFile, startDemo, tr } from './helpers';

test('a "CSV (MS-DOS)" list is read as DOS Cyrillic: header recognised, names right on the desk', async ({ page }) => {
  const votingDay = new Date().toISOString().slice(0, 10) as `${number}-${number}-${number}`;
  const voters = generateVoters(400, 12, { votingDay });
  const bytes = encodeCp866(votersToCsv(voters, { delimiter: ';', header: 'ru' }));
  await startDemo(page, 9001);
  await page.locator('a[href="#/voters"]').click();
  await page.getByTestId('go-import').click();
  await pickVoterFile(page, 'dos.csv', bytes);
  await expect(page.getByTestId('import-read')).toContainText(tr('ky', 'import:readOk', { rows: 400, columns: 10, encoding: 'DOS (866)' }));
  await expect(page.getByTestId('import-warning-kyrgyz-letters-lost')).toBeVisible();
  await page.getByTestId('import-check').click();
  const activate = page.getByTestId('import-activate');
  const confirm = page.getByTestId('import-confirm-names');
  await activate.or(confirm).first().waitFor({ timeout: 60_000 });
  await expect(page.getByTestId('mapping-problems')).toHaveCount(0);
  await activate.click();
  await expect(page.getByTestId('issued-count')).toHaveText(/0 \/ 400$/u, { timeout: 60_000 });
  // A voter whose name 866 holds whole is found by it.
  const plain = voters.find((v) => !/[ңөүҢӨҮ]/u.test(`${v.surname} ${v.name}`))!;
  await page.getByTestId('voter-search').fill(`${plain.surname} ${plain.name}`);
  await expect(page.getByTestId('voter-results')).toContainText(`${plain.surname} ${plain.name}`);
});
