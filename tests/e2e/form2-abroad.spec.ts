/**
 * Form 2 at a precinct abroad (issue 18): the bundle sets, per election and per precinct, where Form 2
 * is handed in and its own local deadline (`precinct.form2`, bundle format 2). The demo's 9004
 * (Vladivostok, UTC+10) takes Form 2 at the consulate until 20 days before voting day, 18:00 local;
 * 9001 (Moscow) has no such entry and keeps the plan's rule for item 43 (15 days before, 24:00).
 *
 * The RUNNING clock: the demo's voting day is picked 19 days ahead in the precinct's zone, so 9004's
 * Form 2 deadline passed yesterday at 18:00 there, while Form 3 (and Form 2 at 9001) is still open.
 */
import { expect, test, type Page } from '@playwright/test';
import { addDays } from '../../shared/time/date';
import { toTypedDate } from '../../shared/time/typed-date';
import { localDateTimeIn } from '../../shared/time/zone';
import { formatDate, formatLocalDateTime } from '../../renderer/app/format';
import { demoZone, openPrinted, tr } from './helpers';
import { pdfText } from './pdf';

const CONSULATE = 'Кыргыз Республикасынын Владивостоктогу консулдугу (демо)';

/** First run → demo → the precinct, voting day typed in (the clock is not touched). */
async function startWithVotingDay(page: Page, precinct: number, daysAhead: number): Promise<{ today: string; votingDay: string; zone: string }> {
  const zone = demoZone(precinct);
  await page.goto('/');
  await page.getByTestId('language-continue').click();
  await page.getByTestId('choose-demo').click();
  await page.getByRole('radio', { name: new RegExp(`^${precinct} `, 'u') }).check();
  const today = localDateTimeIn(new Date(await page.evaluate(() => Date.now())), zone).date;
  const votingDay = addDays(today, daysAhead);
  await page.getByTestId('demo-day-input').fill(toTypedDate(votingDay));
  await expect(page.getByTestId('demo-day-picked')).toBeChecked();
  await page.getByTestId('demo-start').click();
  await expect(page.getByTestId('active-precinct')).toContainText(String(precinct));
  await page.getByRole('button', { name: 'EN' }).click();
  await page.goto('/#/applications');
  return { today, votingDay, zone };
}

async function fillForm2(page: Page, who: { surname: string; name: string; document: string }, received?: { date: string; time: string }): Promise<void> {
  const form = page.getByTestId('application-form');
  await form.getByTestId('form-form2').check();
  await form.getByTestId('surname').fill(who.surname);
  await form.getByTestId('name').fill(who.name);
  await form.getByTestId('birth').fill('1988-04-02');
  await form.getByTestId('address').fill('Vladivostok, Svetlanskaya 10');
  await form.getByTestId('document-kind').selectOption('general-passport');
  await form.getByTestId('document-number').fill(who.document);
  if (received) {
    await form.getByTestId('received-date').fill(toTypedDate(received.date));
    await form.getByTestId('received-time').fill(received.time);
  }
  await form.getByTestId('register-application').click();
}

async function printedRegister(page: Page): Promise<string> {
  await page.getByTestId('applications-print').click();
  await openPrinted(page);
  await page.emulateMedia({ media: 'print' });
  const text = pdfText(await page.pdf({ format: 'A4' })).replace(/\s+/gu, ' ');
  await page.emulateMedia({ media: 'screen' });
  return text;
}

test('9004: Form 2 at the consulate with its own deadline — shown, enforced (17:59 in time, 18:00 refused), printed; Form 3 keeps the plan', async ({ page }) => {
  const { votingDay, zone } = await startWithVotingDay(page, 9004, 19);
  expect(zone).toBe('Asia/Vladivostok');
  const own = { date: addDays(votingDay, -20), time: '18:00' };
  const form3 = addDays(votingDay, -15);

  // The register's banners: Form 2 at the consulate, its own deadline passed; Form 3 still open.
  const banner = page.getByTestId('form2-deadline-banner');
  await expect(banner).toHaveText(tr('en', 'applications:form2OwnPassed', { place: CONSULATE, date: formatDate(own.date, 'en'), time: '18:00', zone }));
  await expect(banner).toHaveAttribute('data-passed', 'true');
  await expect(page.getByTestId('deadline-banner')).toHaveText(tr('en', 'applications:form3DeadlineOpen', { date: formatDate(form3, 'en'), time: '23:59', zone }));

  // Received at 17:59 on the deadline day (paper comes first): in time, registered.
  await fillForm2(page, { surname: 'Осмонова', name: 'Жылдыз', document: 'AC 7654321' }, { date: own.date, time: '17:59' });
  await expect(page.getByTestId('applications-message')).toContainText('Registered: Form 2 No. 1');

  // Received at 18:00 on that day at the consulate: after the deadline — refused, the refusal recorded.
  await fillForm2(page, { surname: 'Бекова', name: 'Айгүл', document: 'AC 1234567' }, own);
  await expect(page.getByTestId('applications-message')).toHaveText(
    tr('en', 'applications:refusedLate', { received: formatLocalDateTime(own.date, '18:00', 'en'), deadline: formatLocalDateTime(own.date, '18:00', 'en'), zone }),
  );
  await expect(page.getByTestId('refusals')).toContainText('Бекова Айгүл');
  await expect(page.getByTestId('application-counts')).toContainText('Form 2: 1 · Form 3: 0 · refused: 1');

  // Form 3 now: the plan's rule (15 days before), still open.
  const form = page.getByTestId('application-form');
  await form.getByTestId('form-form3').check();
  await form.getByTestId('subject').selectOption('error');
  await form.getByTestId('surname').fill('Асанов');
  await form.getByTestId('name').fill('Марат');
  await form.getByTestId('document-number').fill('');
  await form.getByTestId('details').fill('Birth year is 1979, not 1997');
  await form.getByTestId('register-application').click();
  await expect(page.getByTestId('applications-message')).toContainText('Registered: Form 3 No. 1');

  // In Russian the same: the banner and the refusal's reason in the register.
  await page.getByRole('button', { name: 'RU' }).click();
  await expect(banner).toHaveText(tr('ru', 'applications:form2OwnPassed', { place: CONSULATE, date: formatDate(own.date, 'ru'), time: '18:00', zone }));
  await page.getByRole('button', { name: 'EN' }).click();

  // The printed register carries the place and the same deadline; the refusal names it.
  const text = await printedRegister(page);
  expect(text).toContain(tr('en', 'applications:form2OwnPrint', { place: CONSULATE, deadline: formatLocalDateTime(own.date, '18:00', 'en'), zone }));
  expect(text).toContain(tr('en', 'applications:lateReason', { deadline: formatLocalDateTime(own.date, '18:00', 'en'), zone }));
  expect(text).toContain('Осмонова Жылдыз');
});

test('9001 (no Form 2 entry in the bundle): the plan\'s rule for both forms — Form 2 the same day is taken, the print names no consulate', async ({ page }) => {
  const { votingDay, zone } = await startWithVotingDay(page, 9001, 19);
  const rule = addDays(votingDay, -15);
  await expect(page.getByTestId('form2-deadline-banner')).toHaveCount(0);
  await expect(page.getByTestId('deadline-banner')).toHaveText(tr('en', 'applications:deadlineOpen', { date: formatDate(rule, 'en'), time: '23:59', zone }));

  // The hour that is too late at 9004's consulate is in time here.
  await fillForm2(page, { surname: 'Бекова', name: 'Айгүл', document: 'AC 1234567' }, { date: addDays(votingDay, -20), time: '18:30' });
  await expect(page.getByTestId('applications-message')).toContainText('Registered: Form 2 No. 1');
  await fillForm2(page, { surname: 'Осмонова', name: 'Жылдыз', document: 'AC 7654321' });
  await expect(page.getByTestId('applications-message')).toContainText('Registered: Form 2 No. 2');
  await expect(page.getByTestId('application-counts')).toContainText('refused: 0');

  const text = await printedRegister(page);
  expect(text).toContain('Бекова Айгүл');
  const form2Terms = tr('en', 'applications:form2OwnPrint', { place: 'PLACE', deadline: 'D', zone: 'Z' }).split('PLACE')[0]!;
  expect(form2Terms.length).toBeGreaterThan(5);
  expect(text).not.toContain(form2Terms);
  expect(text).not.toContain('консулдугу');
});
