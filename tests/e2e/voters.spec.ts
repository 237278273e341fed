import { expect, test } from '@playwright/test';
import { encodeWindows1251 } from '../unit/shared/voters/cp1251';
import { startDemo } from './helpers';

/** A list in the shape of a CEC final list: pages of 20 rows, Kyrgyz and Russian names. */
function listCsv(count: number): string {
  const people = [
    ['Асанов', 'Нурлан', 'Асанович'],
    ['Усенова', 'Гулзат', 'Бакытовна'],
    ['Иванов', 'Иван', 'Иванович'],
    ['Тологонов', 'Омур', 'Нурланович'],
  ];
  let csv = 'Страница;Строка;Фамилия;Имя;Отчество;Дата рождения;Адрес;Паспорт\n';
  for (let i = 0; i < count; i += 1) {
    const [s, n, p] = people[i % 4]!;
    csv += `${1 + Math.floor(i / 20)};${1 + (i % 20)};${i === 5 && count > 50 ? '' : `${s}${i}`};${n};${p};0${1 + (i % 9)}.05.19${60 + (i % 30)};Москва;ID${1_000_000 + i}\n`;
  }
  return csv;
}

test.describe('the voter list desk', () => {
  test('import a Windows-1251 list, find a voter typed with у/о, issue, refuse a second issue, undo with a reason; page sums change', async ({ page }) => {
    await startDemo(page, 9001);
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('link', { name: 'Voter list', exact: true }).click();
    await page.getByTestId('go-import').click();

    // A broken (empty) file imports nothing.
    await page.getByTestId('voter-file').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await expect(page.getByTestId('import-error')).toContainText('the file is empty');

    await page.getByTestId('voter-file').setInputFiles({ name: 'list-cp1251.csv', mimeType: 'text/csv', buffer: Buffer.from(encodeWindows1251(listCsv(60))) });
    await expect(page.getByTestId('import-read')).toContainText('windows-1251');
    await page.getByTestId('import-check').click();
    await expect(page.getByTestId('import-problems')).toContainText('no surname');
    await expect(page.getByTestId('import-activate')).toBeDisabled();
    await page.getByTestId('import-exclude').check();
    await page.getByTestId('import-activate').click();

    await expect(page.getByTestId('issued-count')).toContainText('0 of 59');
    await page.getByTestId('voter-search').fill('усенова гулзат');
    await expect(page.getByTestId('voter-row').first()).toContainText('Гулзат');
    await page.getByTestId('voter-search').press('Enter');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('desk-message')).toContainText('Ballot issued: Усенова');
    await expect(page.getByTestId('issued-count')).toContainText('1 of 59');

    await page.getByTestId('voter-search').fill('усенова гулзат');
    await expect(page.getByTestId('voter-row').first()).toContainText('Ballot issued');
    await page.getByTestId('voter-search').press('Enter');
    await expect(page.getByTestId('already-issued')).toBeVisible();
    await page.getByTestId('issue-again').click();
    await expect(page.getByTestId('desk-message')).toContainText('Refused: a ballot was already issued to this voter');

    await page.getByTestId('undo-reason').fill('Handed to the wrong person by mistake');
    await page.getByTestId('undo-issue').click();
    await expect(page.getByTestId('desk-message')).toContainText('The issue was undone');
    await expect(page.getByTestId('issued-count')).toContainText('0 of 59');
    await page.getByTestId('issue-ballot').click();
    await expect(page.getByTestId('issued-count')).toContainText('1 of 59');

    // Someone not in the list: nothing found, the incident is recorded with its outcome.
    await page.getByTestId('voter-search').fill('Жокбаев Темир');
    await expect(page.getByTestId('not-found')).toContainText('No one found');
    await page.getByTestId('record-not-in-list').click();
    await expect(page.getByTestId('incident-person')).toHaveValue('Жокбаев Темир');
    await page.getByTestId('incident-document').fill('ID 9999999');
    await page.getByTestId('incident-outcome').selectOption('referred');
    await page.getByTestId('incident-save').click();
    await expect(page.getByTestId('desk-message')).toContainText('Recorded: Жокбаев Темир');
    await expect(page.getByTestId('incident-list')).toContainText('Жокбаев Темир (ID 9999999) · Not in the voter list → Referred to the TEC / CEC');
    // "Other" needs a note.
    await page.getByTestId('record-incident').click();
    await page.getByTestId('incident-kind').selectOption('other');
    await page.getByTestId('incident-person').fill('Белгисиз');
    await page.getByTestId('incident-save').click();
    await expect(page.getByTestId('incident-form')).toContainText('write what happened');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('incident-list')).toContainText('Turned away without a ballot: 1');

    await page.getByRole('link', { name: 'Page sums and turnout' }).click();
    await expect(page.getByTestId('page-totals')).toContainText('59');
    await expect(page.getByTestId('page-totals').locator('th').nth(2)).toHaveText('1');
  });
});
