import { expect, test } from '@playwright/test';
import { generateVoters } from '../../shared/voters/generate';
import { openPrinted, startDemo, startDemoWithList } from './helpers';

/**
 * Form 2 / Form 3 at the consulate in Tokyo (precinct 9019, UTC+9). Voting day 15 Oct 2017: the
 * deadline is 30 Sep 2017, 24:00 Tokyo time. The page's clock is set to 30 Sep, 23:30 Tokyo.
 */
test('register Form 2 and Form 3, refuse a late one, forward, record outcomes, print the register', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2017-09-30T14:30:00Z'));
  await startDemo(page, 9019);
  await page.getByRole('button', { name: 'EN' }).click();
  await page.getByRole('link', { name: 'Applications (F2, F3)' }).click();
  await expect(page.getByTestId('deadline-banner')).toContainText('accepted until September 30, 2017, 23:59 (Asia/Tokyo');

  // Form 2 without a document copy: the field says what is missing, nothing is registered.
  const form = page.getByTestId('application-form');
  await form.getByTestId('surname').fill('Үсөнова');
  await form.getByTestId('name').fill('Гүлзат');
  await form.getByTestId('birth').fill('1985-03-12');
  // The personal number typed in groups, as it is read off the passport.
  await form.getByTestId('pin').fill('2 1203 1985 00123');
  await form.getByTestId('address').fill('Tokyo, Minato-ku, Azabu 2-1');
  await form.getByTestId('document-kind').selectOption('');
  await form.getByTestId('register-application').click();
  await expect(form.getByTestId('problem-document')).toContainText('Form 2 needs a copy of the identity document');
  // The refused submit puts focus on the field at fault, marked invalid and described by its message.
  const docNumber = form.getByTestId('document-number');
  await expect(docNumber).toBeFocused();
  await expect(docNumber).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await docNumber.getAttribute('aria-describedby')) ?? '';
  await expect(page.locator(`[id="${describedBy}"]`)).toContainText('Form 2 needs a copy of the identity document');
  await expect(form.getByTestId('surname')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('application-counts')).toContainText('Form 2: 0');

  // With the copy noted, entered at 23:30 Tokyo on the deadline day: in time, No. 1.
  await form.getByTestId('document-kind').selectOption('id-card');
  await form.getByTestId('document-number').fill('ID 0123456');
  await expect(form.getByTestId('received-time')).toHaveValue('23:30');
  await form.getByTestId('register-application').click();
  await expect(page.getByTestId('applications-message')).toContainText('Registered: Form 2 No. 1');
  // The birth typed in the ISO form is shown the way the UI language writes dates.
  await expect(page.getByTestId('application-form2-1')).toContainText('Үсөнова Гүлзат, March 12, 1985');

  // The same person again is refused, naming the entry.
  await form.getByTestId('surname').fill('Үсөнова');
  await form.getByTestId('name').fill('Гүлзат');
  await form.getByTestId('address').fill('Tokyo, another address');
  await form.getByTestId('document-number').fill('id0123456');
  await form.getByTestId('register-application').click();
  await expect(form.getByTestId('problem-applicant')).toContainText('already registered: Form 2 No. 1');

  // Form 3: an error in the list.
  await form.getByTestId('form-form3').check();
  await form.getByTestId('subject').selectOption('error');
  await form.getByTestId('surname').fill('Асанов');
  await form.getByTestId('name').fill('Марат');
  await form.getByTestId('document-number').fill('');
  await form.getByTestId('details').fill('Birth year is 1979, not 1997');
  await form.getByTestId('register-application').click();
  await expect(page.getByTestId('applications-message')).toContainText('Registered: Form 3 No. 1');
  await expect(page.getByTestId('application-counts')).toContainText('Form 2: 1 · Form 3: 1 · refused: 0');

  // 00:05 on 1 Oct in Tokyo: past the deadline. The application is refused and the refusal kept.
  await page.clock.setFixedTime(new Date('2017-09-30T15:05:00Z'));
  await form.getByTestId('form-form2').check();
  await form.getByTestId('surname').fill('Бекова');
  await form.getByTestId('name').fill('Айгүл');
  await form.getByTestId('address').fill('Tokyo, Shibuya 3');
  await form.getByTestId('document-kind').selectOption('general-passport');
  await form.getByTestId('document-number').fill('AC 1234567');
  // Not typed: the receipt's date and time follow the clock past the registration at 23:30.
  await expect(form.getByTestId('received-date')).toHaveValue('01.10.2017');
  await expect(form.getByTestId('received-time')).toHaveValue('00:05');
  await form.getByTestId('register-application').click();
  await expect(page.getByTestId('applications-message')).toContainText('Refused: received October 1, 2017, 00:05, after the deadline September 30, 2017, 23:59 (Asia/Tokyo)');
  await expect(page.getByTestId('refusals')).toContainText('Бекова Айгүл');
  await expect(page.getByTestId('application-counts')).toContainText('refused: 1');
  await expect(page.getByTestId('deadline-banner')).toContainText('The deadline passed');

  // Forward Form 2 No. 1 to the CEC; it is included. Form 3 No. 1 is rejected only with a reason.
  const f2 = page.getByTestId('application-form2-1');
  await f2.getByTestId('forward-to').selectOption('cec');
  await f2.getByTestId('forward').click();
  await expect(f2.getByTestId('forwarded')).toContainText('Forwarded to CEC');
  await f2.getByTestId('outcome').selectOption('included');
  await f2.getByTestId('decide').click();
  await expect(f2.getByTestId('decision')).toContainText('Added to the list');

  const f3 = page.getByTestId('application-form3-1');
  await f3.getByTestId('outcome').selectOption('rejected');
  await f3.getByTestId('decide').click();
  // Said under the note, not above the screen; the note is marked and takes the focus.
  await expect(f3.getByTestId('outcome-note-error')).toContainText('Write the reason for the rejection');
  await expect(f3.getByTestId('outcome-note')).toBeFocused();
  await f3.getByTestId('outcome-note').fill('The registry confirms 1997');
  await f3.getByTestId('decide').click();
  await expect(f3.getByTestId('decision')).toContainText('Rejected');

  // It all survives a reload (the register is a projection of durable events).
  await page.reload();
  await expect(page.getByTestId('application-form2-1').getByTestId('decision')).toContainText('Added to the list');

  // The printed register.
  await page.getByTestId('applications-print').click();
  await openPrinted(page);
  const doc = page.getByTestId('print-applications');
  await expect(doc).toContainText('F2-1');
  await expect(doc).toContainText('Үсөнова Гүлзат, March 12, 1985');
  await expect(doc).toContainText('Citizen passport (ID card) ID 0123456');
  await expect(doc).toContainText('F3-1');
  await expect(doc).toContainText('Rejected: The registry confirms 1997');
  await expect(page.getByTestId('print-refusals')).toContainText('Too late: the deadline was September 30, 2017, 23:59 (Asia/Tokyo)');
});

test('a Form 2 typed by hand for a voter the list already holds is refused at the personal number, naming the voter and the place', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2017-09-20T06:00:00Z')); // 09:00 in Moscow, before the Form 2 deadline
  await startDemoWithList(page, 9001);
  // The demo's list at 9001 (as the app generates it): a voter with a personal number.
  const listed = generateVoters(6707, 9001, { votingDay: '2017-10-15' }).find((v) => v.pin.length === 14)!;
  await page.getByRole('link', { name: 'Applications (F2, F3)' }).click();
  const form = page.getByTestId('application-form');
  await expect(form.getByTestId('applicant-search')).toBeVisible(); // the list is loaded
  await form.getByTestId('surname').fill(listed.surname);
  await form.getByTestId('name').fill(listed.name);
  await form.getByTestId('address').fill('Moscow, Tverskaya 1');
  await form.getByTestId('document-number').fill('AN 7777777');
  // Not chosen from the list: typed off the passport, in groups.
  await form.getByTestId('pin').fill(`${listed.pin.slice(0, 1)} ${listed.pin.slice(1, 9)} ${listed.pin.slice(9)}`);
  await form.getByTestId('register-application').click();
  await expect(form.getByTestId('problem-personalNumber')).toContainText(`already in this precinct's list: Form 2 is not needed. ${listed.surname} ${listed.name}`);
  await expect(form.getByTestId('problem-personalNumber')).toContainText(`page ${listed.page}, row ${listed.row}`);
  if (process.env.SHOTS) await form.screenshot({ path: `${process.env.SHOTS}/form2-listed.png` });
  await expect(page.getByTestId('application-counts')).toContainText('Form 2: 0');
});


test('a rejection without its reason is said in Kyrgyz under the note, which is marked invalid and takes the focus', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2017-09-30T14:30:00Z')); // 23:30 in Tokyo, before the deadline
  await startDemo(page, 9019);
  await page.getByRole('link', { name: '2, 3-формалар' }).click();
  const form = page.getByTestId('application-form');
  await form.getByTestId('form-form3').check();
  await form.getByTestId('subject').selectOption('error');
  await form.getByTestId('surname').fill('Асанов');
  await form.getByTestId('name').fill('Марат');
  await form.getByTestId('address').fill('Токио, Минато-ку 2-1');
  await form.getByTestId('document-number').fill('');
  await form.getByTestId('details').fill('Туулган жылы 1979, 1997 эмес');
  await form.getByTestId('register-application').click();
  await expect(page.getByTestId('applications-message')).toContainText('Катталды');

  const entry = page.getByTestId('application-form3-1');
  const note = entry.getByTestId('outcome-note');
  await expect(note).not.toHaveAttribute('aria-invalid', 'true');
  await entry.getByTestId('outcome').selectOption('rejected');
  await note.fill('жок');
  await entry.getByTestId('decide').click();
  await expect(entry.getByTestId('outcome-note-error')).toHaveText('Четке кагуунун себебин жазыңыз (5 белгиден кем эмес).');
  await expect(note).toHaveAttribute('aria-invalid', 'true');
  await expect(note).toBeFocused();
  const describedBy = (await note.getAttribute('aria-describedby')) ?? '';
  await expect(page.locator(`[id="${describedBy}"]`)).toHaveText('Четке кагуунун себебин жазыңыз (5 белгиден кем эмес).');
  // Nothing else in the entry is at fault; the message above the screen does not carry the refusal.
  await expect(entry.getByTestId('outcome')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('applications-message')).toHaveCount(0);
  await expect(entry.getByTestId('decision')).toHaveCount(0);
  if (process.env.SHOTS) await entry.screenshot({ path: `${process.env.SHOTS}/application-note-refused.png` });

  // With the reason written, the outcome is recorded and the form (with its marking) is gone.
  await note.fill('Реестр 1997-жылды тастыктайт');
  await entry.getByTestId('decide').click();
  await expect(entry.getByTestId('decision')).toContainText('Реестр 1997-жылды тастыктайт');
});
