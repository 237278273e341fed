import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { dumpDatabase, openPrinted } from './helpers';

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'precinct-desk-pdf-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    // -raw: in content order, so the rotated watermark comes out as words.
    return execFileSync('pdftotext', ['-raw', join(dir, 'doc.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('training: own database, watermark on screen and in print, a movable clock; the real election is untouched byte for byte', async ({ page }) => {
  test.setTimeout(90_000);
  // The real election at 9001 with a generated list and one ballot issued.
  await page.goto('/');
  await page.getByTestId('language-continue').click();
  await page.getByTestId('choose-demo').click();
  await page.getByRole('radio', { name: /^9001 /u }).check();
  await page.getByTestId('demo-with-list').check();
  await page.getByTestId('demo-start').click();
  await page.locator('a[href="#/voters"]').click();
  await page.getByTestId('voter-search').fill('асанов');
  await page.getByTestId('voter-search').press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toBeVisible();
  await expect(page.getByTestId('training-watermark')).toHaveCount(0);
  const realBefore = await dumpDatabase(page, 'precinct-desk');

  // Into training: a first run of its own, with the watermark.
  // (Training is an entry of the navigation; the language chosen at the first run is not asked again.)
  await expect(page.getByTestId('mode-marker')).toHaveAttribute('data-mode', 'demo');
  await page.locator('.nav a[href="#/training"]').click();
  await page.getByTestId('training-enter').click();
  await expect(page.getByTestId('choose-step')).toBeVisible();
  await expect(page.getByTestId('language-step')).toHaveCount(0);
  await expect(page.getByTestId('training-watermark').first()).toContainText('ОКУУ');
  await page.getByTestId('choose-demo').click();
  await page.getByRole('radio', { name: /^9019 /u }).check();
  // Training walks the 2017 calendar with its own clock: the historical example.
  await page.getByTestId('demo-day-historical').check();
  await page.getByTestId('demo-start').click();
  await expect(page.getByTestId('training-bar')).toContainText('ОКУУ РЕЖИМИ');

  // Jump to just before the Form 2/3 deadline (30 Sep 2017, 23:30 in Tokyo): an application is in time.
  await page.getByTestId('training-jump').selectOption('form-deadline');
  await expect(page.getByTestId('training-clock')).toContainText('30-сен., 23:30');
  await page.locator('a[href="#/applications"]').click();
  const form = page.getByTestId('application-form');
  await expect(form.getByTestId('received-time')).toHaveValue('23:30');
  await form.getByTestId('surname').fill('Үсөнова');
  await form.getByTestId('name').fill('Гүлзат');
  await form.getByTestId('address').fill('Токио');
  await form.getByTestId('document-number').fill('ID 0123456');
  await form.getByTestId('register-application').click();
  await expect(page.getByTestId('application-form2-1')).toBeVisible();

  // A time that is not one: the time field is marked and takes the focus (the shared Form).
  await page.getByTestId('training-date').fill('01.10.2017');
  await page.getByTestId('training-time').fill('25:05');
  await page.getByTestId('training-set').click();
  await expect(page.getByTestId('training-time-problem')).toBeVisible();
  await expect(page.getByTestId('training-time')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('training-time')).toBeFocused();
  await expect(page.getByTestId('training-date')).not.toHaveAttribute('aria-invalid', 'true');

  // Typed: 1 Oct 2017 00:05 — past the deadline, the banner says so.
  await page.getByTestId('training-time').fill('00:05');
  await page.getByTestId('training-set').click();
  await expect(page.getByTestId('training-time-problem')).toHaveCount(0);
  await expect(page.getByTestId('deadline-banner')).toHaveClass(/alert-warn/u);

  // The printed register carries the watermark in the PDF.
  await page.getByTestId('applications-print').click();
  await openPrinted(page);
  await expect(page.getByTestId('print-applications')).toBeVisible();
  const pdfBytes = await page.pdf({ format: 'A4' });
  const text = pdfText(pdfBytes);
  expect(text).toContain('ОКУУ');
  expect(text).toContain('Үсөнова');

  // The trainer saves this state; a trainee (here: the same laptop, after more work) loads it back.
  await page.goto('/#/training');
  const download = page.waitForEvent('download');
  await page.getByTestId('training-export').click();
  const saved = await (await download).path();
  const stateText = readFileSync(saved, 'utf8');
  expect(JSON.parse(stateText)).toMatchObject({ format: 'precinct-desk/training-state', clock: expect.stringMatching(/^2017-09-30T15:05/u) });
  const tampered = stateText.replace('Үсөнова', 'Башка');
  await page.getByTestId('training-import').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(tampered) });
  await expect(page.getByTestId('training-import-error')).toContainText('чынжыры бузулган');
  await page.getByTestId('training-jump').selectOption('voting-opens');
  await expect(page.getByTestId('training-clock')).toContainText('15-окт., 07:00');
  await page.getByTestId('training-import').setInputFiles({ name: 'state.json', mimeType: 'application/json', buffer: Buffer.from(stateText) });
  await expect(page.getByTestId('training-clock')).toContainText('1-окт., 00:0');
  await page.locator('a[href="#/applications"]').click();
  await expect(page.getByTestId('application-form2-1')).toContainText('Үсөнова');

  // Back to the real election: not a byte changed, the clock is the computer's.
  await page.goto('/#/training');
  await page.getByTestId('training-leave').click();
  await expect(page.getByTestId('active-precinct')).toContainText('9001');
  await expect(page.getByTestId('training-watermark')).toHaveCount(0);
  await expect(page.getByTestId('training-bar')).toHaveCount(0);
  expect(await dumpDatabase(page, 'precinct-desk')).toBe(realBefore);
});
