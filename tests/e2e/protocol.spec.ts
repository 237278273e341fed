import { openPrinted, startDemoWithList } from './helpers';
import { expect, test } from '@playwright/test';
import { decodeQrChunks } from '../../shared/protocol/qr-payload';
import { readQrCodesFromPdf } from './read-qr';

test('the protocol: pre-filled from the desk, a 2-ballot imbalance explained, fixed, signed, printed with a QR code that reads back', async ({ page }) => {
  test.setTimeout(90_000);
  await startDemoWithList(page, 9001);
  for (const place of ['1/1', '1/2']) {
    await page.locator('.nav a[href="#/voters"]').click();
    await page.getByTestId('voter-search').fill(place);
    await page.getByTestId('voter-search').press('Enter');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('desk-message')).toContainText('Ballot issued');
  }

  await page.locator('.nav a[href="#/protocol"]').click();
  await expect(page.getByTestId('line-1')).toHaveValue('6707');
  await expect(page.getByTestId('line-3')).toHaveValue('2');
  await expect(page.getByTestId('line-4')).toHaveValue('0');

  // Typed with the keyboard: Enter moves down the form; letters are not taken.
  await page.getByTestId('line-2').fill('67o7');
  await expect(page.getByTestId('line-2')).toHaveValue('677');
  const figures: Record<number, string> = { 2: '6707', 5: '2', 6: '6703', 7: '0', 8: '0', 9: '2', 10: '0', 11: '2' };
  for (const [line, value] of Object.entries(figures)) await page.getByTestId(`line-${line}`).fill(value);
  const rest = page.locator('[data-testid^="line-"]');
  const count = await rest.count();
  for (let i = 12; i <= count; i += 1) await page.getByTestId(`line-${i}`).fill(i === 12 ? '2' : '0');
  await page.getByTestId('line-5').press('Enter');
  await expect(page.getByTestId('line-6')).toBeFocused();

  // Line 6 is 2 short: the finding shows the arithmetic and leads to the line.
  const balance = page.getByTestId('finding').filter({ hasText: 'ballots do not balance' });
  await expect(balance).toContainText('Line 2 is 6,707, but lines 3 + 4 + 6 + 7 make 6,705: 2 ballots do not balance.');
  await page.getByTestId('protocol-sign').click();
  await expect(page.getByTestId('signing-refusals')).toContainText('Control relations are not met');
  // Every line of the failing relation is offered, not only the first.
  for (const line of [2, 3, 4, 6, 7]) await expect(balance.getByRole('button', { name: `Go to line ${line}`, exact: true })).toBeVisible();
  await balance.getByRole('button', { name: 'Go to line 6', exact: true }).click();
  await expect(page.getByTestId('line-6')).toBeFocused();
  await balance.getByRole('button', { name: 'Go to line 2', exact: true }).click();
  await expect(page.getByTestId('line-2')).toBeFocused();
  await page.getByTestId('line-6').fill('6705');
  await expect(balance).toHaveCount(0);
  await page.getByTestId('protocol-save').click();
  await expect(page.getByTestId('protocol-message')).toContainText('Draft saved');

  // Warnings are acknowledged one by one; then it signs.
  for (const box of await page.getByTestId('acknowledge').all()) await box.check();
  await page.getByTestId('protocol-sign').click();
  await expect(page.getByTestId('protocol-signed')).toContainText('Signed version 1 (Original)');
  await expect(page.getByTestId('line-6')).toBeDisabled();

  // Printed to PDF, the QR code gives back the same figures.
  await page.getByTestId('protocol-print').click();
  await openPrinted(page);
  await expect(page.getByTestId('print-protocol')).toContainText('6,705');
  await expect(page.getByTestId('protocol-qr').locator('svg')).not.toHaveCount(0);
  const pdf = await page.pdf({ format: 'A4' });
  if (process.env.KEEP_PDF) (await import('node:fs')).writeFileSync(process.env.KEEP_PDF, pdf);
  const codes = readQrCodesFromPdf(pdf);
  const decoded = decodeQrChunks(codes);
  expect(decoded.ok).toBe(true);
  if (!decoded.ok) return;
  const p = decoded.value.payload;
  expect(p.precinct).toBe(9001);
  expect(p.values.slice(0, 11)).toEqual([6707, 6707, 2, 0, 2, 6705, 0, 0, 2, 0, 2]);
  expect(p.values.slice(11).reduce((a, b) => a + b, 0)).toBe(2);
  expect(await page.getByText(`(SHA-256): ${p.hash}`).count()).toBe(1);
});

test('a figure typed with a zero too many (12,000,000) is named with its line; the draft is not saved and nothing throws', async ({ page }) => {
  const thrown: string[] = [];
  page.on('pageerror', (e) => thrown.push(e.message));
  await startDemoWithList(page, 9051);
  await page.locator('.nav a[href="#/protocol"]').click();
  await page.getByTestId('line-2').fill('12000000');
  await expect(page.getByTestId('finding').filter({ hasText: 'Line 2: “12000000” is not a whole number from 0 to 1,000,000.' })).toBeVisible();
  await page.getByTestId('protocol-save').click();
  await expect(page.getByTestId('protocol-message')).toHaveText('Line 2: “12000000” is not a whole number from 0 to 1,000,000.');
  await expect(page.getByTestId('line-2')).toBeFocused();
  await page.getByTestId('line-2').fill('1200');
  await page.getByTestId('protocol-save').click();
  await expect(page.getByTestId('protocol-message')).toContainText('Draft saved');
  await page.reload();
  await page.locator('.nav a[href="#/protocol"]').click();
  await expect(page.getByTestId('line-2')).toHaveValue('1200');
  expect(thrown).toEqual([]);
});

test('figures typed and not yet saved stay when the member leaves for the count or the desk, and after a reload; lines not typed follow the desk', async ({ page }) => {
  test.setTimeout(90_000);
  await startDemoWithList(page, 9051);
  await page.locator('.nav a[href="#/protocol"]').click();
  await expect(page.getByTestId('line-3')).toHaveValue('0');
  await page.getByTestId('line-2').fill('63');
  await page.getByTestId('line-9').fill('2');
  await page.getByTestId('line-1').fill('64');
  await page.getByTestId('reason-1').fill('Бир шайлоочу кошумча тизмеде');
  // The screen's own way to the count, then the desk: a ballot issued meanwhile.
  await page.getByRole('button', { name: /^The count/u }).click();
  await expect(page.getByTestId('count')).toBeVisible();
  await page.locator('.nav a[href="#/voters"]').click();
  await page.getByTestId('voter-search').fill('1/1');
  await page.getByTestId('voter-search').press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toContainText('Ballot issued');
  await page.locator('.nav a[href="#/protocol"]').click();
  // Before: every line back to the pre-fill, line 2 and 9 blank.
  await expect(page.getByTestId('line-2')).toHaveValue('63');
  await expect(page.getByTestId('line-9')).toHaveValue('2');
  await expect(page.getByTestId('line-1')).toHaveValue('64');
  await expect(page.getByTestId('reason-1')).toHaveValue('Бир шайлоочу кошумча тизмеде');
  await expect(page.getByTestId('line-3')).toHaveValue('1');
  await page.reload();
  await page.locator('.nav a[href="#/protocol"]').click();
  await expect(page.getByTestId('line-2')).toHaveValue('63');
  await expect(page.getByTestId('line-9')).toHaveValue('2');
  // Saved as a draft: the draft holds them from here.
  await page.getByTestId('protocol-save').click();
  await expect(page.getByTestId('protocol-message')).toContainText('Draft saved');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('precinct-desk.typing.')))).toEqual([]);
  await page.reload();
  await page.locator('.nav a[href="#/protocol"]').click();
  await expect(page.getByTestId('line-9')).toHaveValue('2');
});

test('the count: report and manual figures typed and not yet saved stay when the member leaves for the protocol, and after a reload', async ({ page }) => {
  test.setTimeout(90_000);
  await startDemoWithList(page, 9051);
  await page.goto('/#/count');
  await page.getByTestId('aeu-8').fill('1');
  await page.getByTestId('aeu-9').fill('2');
  await page.getByTestId('manual-9').fill('3');
  await page.getByTestId('count-to-protocol').click();
  await expect(page.getByTestId('protocol')).toBeVisible();
  await page.getByRole('button', { name: /^The count/u }).click();
  // Before: all three blank.
  await expect(page.getByTestId('aeu-8')).toHaveValue('1');
  await expect(page.getByTestId('aeu-9')).toHaveValue('2');
  await expect(page.getByTestId('manual-9')).toHaveValue('3');
  await page.reload();
  await expect(page.getByTestId('aeu-9')).toHaveValue('2');
  await expect(page.getByTestId('manual-9')).toHaveValue('3');
  await expect(page.getByTestId('diff-9')).toHaveText('+1');
});
