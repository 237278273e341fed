import { startDemoWithList } from './helpers';
import { expect, test } from '@playwright/test';

/** Precinct 9001 (Moscow, UTC+3); voting day 15 Oct 2017: applications until 12 Oct, 24:00 Moscow time. */
test('the out-of-premises register: numbered in time, a late one refused and recorded, the desk shows the entry, the register prints', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2017-10-12T20:30:00Z')); // 23:30 in Moscow
  await startDemoWithList(page, 9001);
  await page.locator('.nav a[href="#/outpremises"]').click();
  await expect(page.getByTestId('outpremises-deadline')).toContainText('12.10.2017, 24:00 (Europe/Moscow');

  // Nobody chosen from the list: nothing is registered.
  await page.getByTestId('op-register').click();
  await expect(page.getByTestId('op-problems')).toContainText('a person not in the list cannot be registered');

  await page.getByTestId('op-search').fill('1/1');
  await page.getByTestId('op-hit').first().click();
  const name = ((await page.getByTestId('op-chosen').textContent()) ?? '').split(' · ')[0]!;
  await page.getByTestId('op-reason').selectOption('illness');
  await expect(page.getByTestId('op-time')).toHaveValue('23:30');
  await page.getByTestId('op-register').click();
  await expect(page.getByTestId('outpremises-message')).toContainText(`Entered in the register: No. 1, ${name}`);

  // The same voter again: refused, naming the entry.
  await page.getByTestId('op-search').fill('1/1');
  await page.getByTestId('op-hit').first().click();
  await page.getByTestId('op-register').click();
  await expect(page.getByTestId('op-problems')).toContainText('already in the register: No. 1');
  await page.getByRole('button', { name: 'Someone else' }).click();

  // 00:05 on 13 Oct in Moscow: late — refused, and the refusal is kept.
  await page.clock.setFixedTime(new Date('2017-10-12T21:05:00Z'));
  await page.getByTestId('op-search').fill('1/2');
  await page.getByTestId('op-hit').first().click();
  await page.getByTestId('op-date').fill('13.10.2017');
  await page.getByTestId('op-time').fill('00:05');
  await page.getByTestId('op-register').click();
  await expect(page.getByTestId('outpremises-message')).toContainText('The application is refused; the refusal is recorded. The deadline was 2017-10-12 24:00 (Europe/Moscow)');
  await expect(page.getByTestId('op-refusals')).toContainText('Too late');

  // At the desk the voter shows as in the register.
  await page.locator('.nav a[href="#/voters"]').click();
  await page.getByTestId('voter-search').fill('1/1');
  await expect(page.getByTestId('voter-row').first()).toContainText('In the out-of-premises register (No. 1)');

  await page.locator('.nav a[href="#/outpremises"]').click();
  await page.getByTestId('outpremises-print').click();
  await expect(page.getByTestId('print-outpremises')).toContainText(name);
  await expect(page.getByTestId('print-outpremises')).toContainText('Illness');
});
