import { generateVoters } from '../../shared/voters/generate';
import { drawTeam, openPrinted, startDemo, startDemoWithList, tr } from './helpers';
import { expect, test } from '@playwright/test';

/** Precinct 9001 (Moscow, UTC+3); voting day 15 Oct 2017: applications until 12 Oct, 24:00 Moscow time. */
test('the out-of-premises register: numbered in time, a late one refused and recorded, the desk shows the entry, the register prints', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2017-10-12T20:30:00Z')); // 23:30 in Moscow
  await startDemoWithList(page, 9001);
  await page.locator('.nav a[href="#/outpremises"]').click();
  await expect(page.getByTestId('outpremises-deadline')).toContainText('October 12, 2017, 23:59 (Europe/Moscow');

  // Nobody chosen from the list: nothing is registered.
  await page.getByTestId('op-register').click();
  await expect(page.getByTestId('op-problems')).toContainText('a person not in the list cannot be registered');
  // The field at fault is marked and takes the focus (the shared Form).
  await expect(page.getByTestId('op-search')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('op-search')).toBeFocused();
  // A date that is not one: the date field is marked and focused.
  const typedDate = await page.getByTestId('op-date').inputValue();
  await page.getByTestId('op-date').fill('31.02.2017');
  await page.getByTestId('op-register').click();
  await expect(page.getByTestId('op-date')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('op-date')).toBeFocused();
  await expect(page.getByTestId('op-search')).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('op-date').fill(typedDate);

  await page.getByTestId('op-search').fill('1/1');
  await page.getByTestId('op-hit').first().click();
  const name = ((await page.getByTestId('op-chosen').textContent()) ?? '').split(' · ')[0]!;
  await page.getByTestId('op-reason').selectOption('illness');
  await page.getByTestId('op-note').fill('Call before coming: +7 900 000 00 00');
  await expect(page.getByTestId('op-time')).toHaveValue('23:30');
  await page.getByTestId('op-register').click();
  await expect(page.getByTestId('outpremises-message')).toContainText(`Entered in the register: No. 1, ${name}`);

  // Two more, in time.
  for (const place of ['1/3', '1/4']) {
    await page.getByTestId('op-search').fill(place);
    await page.getByTestId('op-hit').first().click();
    await page.getByTestId('op-register').click();
    await expect(page.getByTestId('outpremises-message')).toContainText('Entered in the register');
  }

  // The same voter again: refused, naming the entry.
  await page.getByTestId('op-search').fill('1/1');
  await page.getByTestId('op-hit').first().click();
  await page.getByTestId('op-register').click();
  await expect(page.getByTestId('op-problems')).toContainText('already in the register: No. 1');
  // The voter is chosen (no field to mark): the focus goes to the list of problems.
  await expect(page.getByTestId('op-problems')).toBeFocused();
  await page.getByRole('button', { name: 'Someone else' }).click();

  // 00:05 on 13 Oct in Moscow: late — refused, and the refusal is kept.
  await page.clock.setFixedTime(new Date('2017-10-12T21:05:00Z'));
  await page.getByTestId('op-search').fill('1/2');
  await page.getByTestId('op-hit').first().click();
  // The receipt's date and time follow the clock (the form was opened at 23:30 the day before).
  await expect(page.getByTestId('op-date')).toHaveValue('13.10.2017');
  await expect(page.getByTestId('op-time')).toHaveValue('00:05');
  await page.getByTestId('op-register').click();
  // The app does not refuse by itself: it says why, and a member records the commission's refusal.
  await expect(page.getByTestId('op-refuse-pending')).toContainText('The deadline was October 12, 2017 23:59');
  await expect(page.getByTestId('op-refusals')).toHaveCount(0);
  await page.getByTestId('op-refuse').click();
  await expect(page.getByTestId('outpremises-message')).toContainText('The application is refused; the refusal is recorded. The deadline was October 12, 2017 23:59 (Europe/Moscow)');
  await expect(page.getByTestId('op-refusals')).toContainText('Too late');

  // At the desk the voter shows as in the register.
  await page.locator('.nav a[href="#/voters"]').click();
  await page.getByTestId('voter-search').fill('1/1');
  await expect(page.getByTestId('voter-row').first()).toContainText('In the out-of-premises register (No. 1)');

  // 13 Oct, 15:00 in Moscow: the lots are drawn; one team of two with box 1.
  await page.clock.setFixedTime(new Date('2017-10-13T12:00:00Z'));
  await page.locator('.nav a[href="#/outpremises"]').click();
  const draw = page.getByTestId('op-draw-team-1');
  await draw.getByRole('checkbox').nth(0).check();
  await page.getByTestId('op-draw').click();
  await expect(page.getByTestId('op-draw-problems')).toContainText('Team 1 has 1 member; at least 2 are needed');
  await expect(draw.getByRole('checkbox').first()).toBeFocused();
  await draw.getByRole('checkbox').nth(3).check();
  await page.getByTestId('op-operator-1').fill('Оператор ГРС');
  await page.getByTestId('op-seal-1').fill('S-0001');
  await page.getByTestId('op-draw').click();
  await expect(page.getByTestId('op-teams-message')).toContainText('The drawing of lots is recorded');

  // 14 Oct, the day before: 5 ballots against signature, out at 07:30; a visit at 07:59 is refused.
  // Each form of the team card says a refusal at the field at fault (marked aria-invalid, described
  // by the message beside it) and moves the focus there, as the shared Form does; the panel's
  // message above the teams is cleared, not used for it.
  await page.clock.setFixedTime(new Date('2017-10-14T04:30:00Z'));
  const marked = async (testId: string) => {
    await expect(page.getByTestId(testId)).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId(testId)).toBeFocused();
  };
  await page.getByTestId('op-hand-1').click();
  await marked('op-hand-count-1');
  await expect(page.getByTestId('op-hand-count-error-1')).toHaveText('A field is not filled in correctly: Number of ballots.');
  await expect(page.getByTestId('op-hand-count-1')).toHaveAccessibleDescription('A field is not filled in correctly: Number of ballots.');
  await expect(page.getByTestId('op-teams-message')).toHaveCount(0);
  // The giver is the receiver: the giver is at fault, the count no longer.
  await page.getByTestId('op-hand-count-1').fill('5');
  const giver = await page.getByTestId('op-hand-giver-1').inputValue();
  await page.getByTestId('op-hand-giver-1').selectOption(await page.getByTestId('op-hand-receiver-1').inputValue());
  await page.getByTestId('op-hand-1').click();
  await marked('op-hand-giver-1');
  await expect(page.getByTestId('op-hand-form-1')).toContainText('The giver and the receiver must be different people.');
  await expect(page.getByTestId('op-hand-count-1')).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('op-hand-giver-1').selectOption(giver);
  await page.getByTestId('op-hand-1').click();
  await expect(page.getByTestId('op-teams-message')).toContainText('5 ballots handed to the team');
  await expect(page.getByTestId('op-hand-form-1').locator('[aria-invalid="true"]')).toHaveCount(0);
  await page.getByTestId('op-depart-1').click();
  await expect(page.getByTestId('op-teams-message')).toContainText('Departure recorded');
  // Departed twice: no field is at fault — the form's own list says it and takes the focus.
  await page.getByTestId('op-depart-1').click();
  await expect(page.getByTestId('op-depart-problems-1')).toContainText('Team 1 is already out');
  await expect(page.getByTestId('op-depart-problems-1')).toBeFocused();
  // A visit with no register entry chosen: the entry is marked.
  await page.getByTestId('op-visit-1').click();
  await marked('op-visit-entry-1');
  await expect(page.getByTestId('op-visit-form-1')).toContainText('No such register entry.');
  // The departure's refusal stays at its own form (each form keeps its own).
  await expect(page.getByTestId('op-depart-problems-1')).toContainText('Team 1 is already out');
  await page.getByTestId('op-visit-entry-1').selectOption('1');
  // The team card appeared at the drawing on 13 Oct: its visit date follows the clock to the 14th.
  await expect(page.getByTestId('op-visit-date-1')).toHaveValue('14.10.2017');
  // Times as members type them: 7:29 is 07:29 (judged, not refused as unreadable).
  await page.getByTestId('op-visit-time-1').fill('7:29');
  await page.getByTestId('op-visit-1').click();
  await marked('op-visit-time-1');
  await expect(page.getByTestId('op-visit-time-error-1')).toContainText('Visits only on 2017-10-14, 08:00–20:00 (Europe/Moscow)');
  // The team did leave (at 07:30): the visit is said to be earlier than that, not the team 'not left yet'.
  await expect(page.getByTestId('op-visit-time-error-1')).toContainText('Team 1 left on October 14, 2017 at 07:30: a visit cannot be earlier.');
  await expect(page.getByTestId('op-visit-entry-1')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Visit date')).toHaveValue('14.10.2017');

  await page.clock.setFixedTime(new Date('2017-10-14T07:30:00Z')); // 10:30 in Moscow
  // A time that is none is refused as the visit's, not as an application's receipt, at the time.
  await page.getByTestId('op-visit-time-1').fill('10-00');
  await page.getByTestId('op-visit-1').click();
  await expect(page.getByTestId('op-visit-time-error-1')).toHaveText("Enter the visit's date (DD.MM.YYYY) and time (HH:MM).");
  await marked('op-visit-time-1');
  await page.getByTestId('op-visit-time-1').fill('10.00');
  await page.getByTestId('op-visit-spoiled-1').fill('1');
  await page.getByTestId('op-visit-1').click();
  await expect(page.getByTestId('op-teams-message')).toContainText('Visit for entry No. 1 recorded');
  for (const [entry, outcome] of [['2', 'not-at-home'], ['3', 'refused']] as const) {
    await page.getByTestId('op-visit-entry-1').selectOption(entry);
    await page.getByTestId('op-visit-outcome-1').selectOption(outcome);
    await page.getByTestId('op-visit-1').click();
    await expect(page.getByTestId('op-teams-message')).toContainText(`Visit for entry No. ${entry} recorded`);
  }

  // Back with 2 unused: 5 taken = 1 issued + 1 spoiled (replaced) + 2 returned is 1 short — flagged until explained.
  await page.getByTestId('op-return-count-1').fill('2');
  await page.getByTestId('op-return-1').click();
  await expect(page.getByTestId('op-reconcile-1')).toContainText('Taken 5, issued 1, spoiled 1, returned 2. Difference: 1');
  await expect(page.getByTestId('op-reconcile-1')).toHaveClass(/alert-error/u);
  // Too short an explanation: said under it, marked, focused.
  await page.getByTestId('op-explain-text-1').fill('Torn');
  await page.getByTestId('op-explain-1').click();
  await marked('op-explain-text-1');
  await expect(page.getByTestId('op-explain-error-1')).toHaveText('The explanation needs at least 10 characters.');
  await page.getByTestId('op-explain-text-1').fill('One ballot was torn by the wind; the pieces are attached to the act.');
  await page.getByTestId('op-explain-1').click();
  await expect(page.getByTestId('op-reconcile-1')).toContainText('Difference 1 explained');

  await page.getByTestId('op-print-trips').click();
  await openPrinted(page);
  await expect(page.getByTestId('trip-sheet-1')).toContainText('Оператор ГРС');
  // The ballots handed with both signatures, departure and return with the seals as found on return.
  await expect(page.getByTestId('trip-handings-1')).toContainText('Ballots handed: 5');
  await expect(page.getByTestId('trip-handings-1')).toContainText('Ballots received by');
  await expect(page.getByTestId('trip-times-1').first()).toContainText('Departed:');
  await expect(page.getByTestId('trip-times-1').first()).toContainText('seals on return');
  await expect(page.getByTestId('trip-sheet-1')).toContainText('Not at home');
  await expect(page.getByTestId('trip-sheet-1')).toContainText('Refused');
  await expect(page.getByTestId('trip-ledger-1')).toContainText('Taken 5, issued 1, spoiled 1, returned 2. Difference 1 explained. — One ballot was torn');
  await page.getByRole('button', { name: /Back/u }).click();

  // At the desk, the voter who voted outside is refused, saying why.
  await page.locator('.nav a[href="#/voters"]').click();
  await page.getByTestId('voter-search').fill('1/1');
  await expect(page.getByTestId('voter-row').first()).toContainText('Voted outside');
  await page.getByTestId('voter-search').press('Enter');
  await page.getByTestId('issue-ballot').click();
  await expect(page.getByTestId('desk-message')).toContainText('Refused: the voter voted outside the premises (register No. 1, team 1');

  await page.locator('.nav a[href="#/outpremises"]').click();
  await page.getByTestId('outpremises-print').click();
  await openPrinted(page);
  // The posted copy leaves personal data out: the reason and who received it, not the voter's name or place.
  await expect(page.getByTestId('print-outpremises')).toContainText('Illness');
  await expect(page.getByTestId('print-outpremises')).not.toContainText(name);
  await expect(page.getByTestId('print-outpremises')).not.toContainText('(1/1)');
  await expect(page.getByTestId('print-outpremises-privacy')).toContainText('leaves out personal data');
});

test('applications are taken from the day the commission was formed, once the profile knows it (item 69)', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2017-10-02T09:00:00Z')); // 12:00 in Moscow
  await startDemoWithList(page, 9001);
  await page.locator('.nav a[href="#/profile"]').click();
  await expect(page.getByTestId('profile-formed-on')).toHaveText('not set');
  await page.getByTestId('profile-edit').click();
  // A day on or after voting day is refused, naming the field.
  await page.locator('[data-field="precinct.formedOn"]').fill('15.10.2017');
  await page.getByTestId('setup-save').click();
  await expect(page.getByTestId('setup-form')).toContainText('the commission must be formed before voting day');
  // Focus moves to the field named, marked invalid (the same shared form fields as every form).
  await expect(page.locator('[data-field="precinct.formedOn"]')).toBeFocused();
  await expect(page.locator('[data-field="precinct.formedOn"]')).toHaveAttribute('aria-invalid', 'true');
  await page.locator('[data-field="precinct.formedOn"]').fill('01.10.2017');
  await page.getByTestId('setup-save').click();
  await expect(page.getByTestId('profile-formed-on')).toHaveText('October 1, 2017');

  await page.locator('.nav a[href="#/outpremises"]').click();
  await expect(page.getByTestId('outpremises-deadline')).toContainText('from October 1, 2017 until October 12, 2017, 23:59');
  // Received the day before the commission existed: refused, and the refusal is kept.
  await page.getByTestId('op-search').fill('2/1');
  await page.getByTestId('op-hit').first().click();
  await page.getByTestId('op-date').fill('30.09.2017');
  await page.getByTestId('op-time').fill('18:00');
  await page.getByTestId('op-register').click();
  await page.getByTestId('op-refuse').click();
  await expect(page.getByTestId('outpremises-message')).toContainText('before the commission was formed on October 1, 2017');
  await expect(page.getByTestId('op-refusals')).toContainText('Before the commission was formed');
  // From its first day: taken (the voter is still chosen).
  await page.getByTestId('op-date').fill('01.10.2017');
  await page.getByTestId('op-time').fill('09:15');
  await page.getByTestId('op-register').click();
  await expect(page.getByTestId('outpremises-message')).toContainText('Entered in the register: No. 1');

  // The hospital and custody lists (a marked part of the voter list): listed here with what the
  // register holds; a marked voter's application takes the institution as its reason and shows the mark.
  const inHospital = generateVoters(6707, 9001, { votingDay: '2017-10-15' }).find((v) => v.marks.includes('hospital'))!;
  const marked = page.getByTestId('op-marked-row').filter({ hasText: `${inHospital.page}/${inHospital.row}` });
  await page.getByTestId('op-marked').locator('summary').click();
  await expect(marked).toContainText(tr('en', 'outpremises:marked.noApplication'));
  await page.getByTestId('op-search').fill(`${inHospital.page}/${inHospital.row}`);
  await page.getByTestId('op-hit').first().click();
  await expect(page.getByTestId('op-reason')).toHaveValue('hospital');
  await page.getByTestId('op-register').click();
  await expect(page.getByTestId('op-entry-marks')).toHaveText(tr('en', 'voters:marks.hospital'));
  await expect(marked).toContainText(tr('en', 'outpremises:marked.applied', { number: 2 }));
});

test('each form of a team card keeps its own refusal, said in Kyrgyz where it belongs: a later form, refused or recorded, takes none away', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2017-10-13T12:00:00Z')); // 15:00 in Moscow, the day before voting
  await startDemo(page, 9001);
  await page.locator('.nav a[href="#/outpremises"]').click();
  await drawTeam(page, { operator: 'Оператор ГРС', seal: 'S-0001', lng: 'ky' });

  await page.clock.setFixedTime(new Date('2017-10-14T04:30:00Z')); // 07:30 in Moscow
  const count = page.getByTestId('op-hand-count-1');
  const countMessage = tr('ky', 'outpremises:problem.invalid-field', { field: tr('ky', 'outpremises:teams.ballots') });
  const handRefused = async () => {
    await expect(count).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('op-hand-count-error-1')).toHaveText(countMessage);
    await expect(count).toHaveAccessibleDescription(countMessage);
  };
  // Ballots handed with no count: refused at the count, which takes the focus.
  await page.getByTestId('op-hand-1').click();
  await handRefused();
  await expect(count).toBeFocused();
  // The team leaves all the same (recorded, with a warning): the hand-over's refusal stays where it was.
  await page.getByTestId('op-depart-1').click();
  await expect(page.getByTestId('op-teams-message')).toBeVisible();
  await handRefused();
  // Departed twice: the departure's own list says it and takes the focus; the hand-over's stays.
  await page.getByTestId('op-depart-1').click();
  const departProblems = page.getByTestId('op-depart-problems-1');
  await expect(departProblems).toContainText('1-топ жолдо');
  await expect(departProblems).toBeFocused();
  await handRefused();
  // A visit with no entry chosen: the entry is marked and focused; both earlier refusals stay.
  await page.getByTestId('op-visit-1').click();
  const entry = page.getByTestId('op-visit-entry-1');
  await expect(entry).toHaveAttribute('aria-invalid', 'true');
  await expect(entry).toBeFocused();
  await expect(departProblems).toContainText('1-топ жолдо');
  await handRefused();
  await expect(page.getByTestId('op-team-1').locator('[aria-invalid="true"]')).toHaveCount(2);
  if (process.env.SHOTS) await page.getByTestId('op-team-1').screenshot({ path: `${process.env.SHOTS}/team-card-refusals.png` });
  // The hand-over sent again with its count: only its own refusal goes.
  await count.fill('5');
  await page.getByTestId('op-hand-1').click();
  await expect(count).not.toHaveAttribute('aria-invalid', 'true');
  await expect(departProblems).toContainText('1-топ жолдо');
  await expect(entry).toHaveAttribute('aria-invalid', 'true');
});

/**
 * Typed as at the desk: "page/row" and Enter takes the voter found (the desk opens the first result
 * on Enter). Before, Enter in the lookup submitted the register's form with nobody chosen and was
 * refused "a person not in the list cannot be registered"; the Form 2/3 lookup ignored it.
 */
test('Enter in a voter lookup takes the first voter found, as at the desk: the out-of-premises register and Form 2/3', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2017-10-02T09:00:00Z')); // 12:00 in Moscow
  await startDemoWithList(page, 9001);
  await page.locator('.nav a[href="#/outpremises"]').click();
  await page.getByTestId('op-search').fill('2/1');
  await expect(page.getByTestId('op-hit')).toHaveCount(1);
  await page.getByTestId('op-search').press('Enter');
  await expect(page.getByTestId('op-chosen')).toContainText('2/1');
  await expect(page.getByTestId('op-problems')).toHaveCount(0);
  // The focus goes on to the next field to fill, not to the page.
  await expect(page.getByTestId('op-reason')).toBeFocused();

  await page.locator('.nav a[href="#/applications"]').click();
  const search = page.getByTestId('applicant-search');
  await search.fill('2/2');
  await expect(page.getByTestId('applicant-hit')).toHaveCount(1);
  await search.press('Enter');
  await expect(page.getByTestId('chosen-voter')).toContainText('2');
});

test('an entry is withdrawn with its reason, keeps its number, and the voter can be entered again (a wrong address corrected)', async ({ page }) => {
  // 10 Oct 2017, 10:00 in Moscow, the clock running: before the deadline of 12 Oct.
  await page.clock.setSystemTime(new Date('2017-10-10T07:00:00Z'));
  await startDemoWithList(page, 9001);
  await page.locator('.nav a[href="#/outpremises"]').click();
  for (const place of ['1/1', '1/2']) {
    await page.getByTestId('op-search').fill(place);
    await page.getByTestId('op-hit').first().click();
    await page.getByTestId('op-address').fill(place === '1/1' ? 'Ленина, 15' : 'Мира, 2');
    await page.getByTestId('op-register').click();
    await expect(page.getByTestId('outpremises-message')).toContainText('Entered in the register');
  }
  const table = page.getByTestId('op-register-table');
  const first = table.locator('tr').first();
  await first.getByText('Withdraw…').click();
  const form = first.locator('details.withdraw-entry');
  await form.locator('select').selectOption('other');
  await form.getByRole('button', { name: 'Withdraw application No. 1' }).click();
  await expect(form.getByRole('alert')).toHaveText('Write the "other" reason.');
  await form.locator('input').fill('address written wrongly: Ленина, 5');
  await form.getByRole('button', { name: 'Withdraw application No. 1' }).click();
  await expect(page.getByTestId('outpremises-message')).toContainText('Application No. 1 is withdrawn: it keeps its number in the register');
  await expect(first).toContainText('Withdrawn');
  await expect(first.getByTestId('op-withdrawn-reason')).toContainText('address written wrongly: Ленина, 5');
  await expect(first.locator('details.withdraw-entry')).toHaveCount(0);
  // The second entry is untouched.
  await expect(table.locator('tr').nth(1)).toContainText('To be visited');
  // The voter entered again, with the right address: the next number.
  await page.getByTestId('op-search').fill('1/1');
  await page.getByTestId('op-hit').first().click();
  await page.getByTestId('op-address').fill('Ленина, 5');
  await page.getByTestId('op-register').click();
  await expect(page.getByTestId('outpremises-message')).toContainText('Entered in the register: No. 3');
  await expect(table.locator('tr')).toHaveCount(3);
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('withdrawn.png'), fullPage: true });
  // The printed register for posting leaves the withdrawn entry out.
  await page.getByTestId('outpremises-print').click();
  await expect(page.getByTestId('print-outpremises').locator('tbody tr')).toHaveCount(2);
});

test('a voter with an out-of-premises application given a ballot in the room: the desk says to withdraw the application', async ({ page }) => {
  // 10 Oct 2017, 10:00 in Moscow, the clock running: the application in time.
  await page.clock.setSystemTime(new Date('2017-10-10T07:00:00Z'));
  await startDemoWithList(page, 9001);
  await page.locator('.nav a[href="#/outpremises"]').click();
  await page.getByTestId('op-search').fill('1/1');
  await page.getByTestId('op-hit').first().click();
  await page.getByTestId('op-register').click();
  await expect(page.getByTestId('outpremises-message')).toContainText('Entered in the register: No. 1');
  // Voting day, 10:00 in Moscow: the voter came to the polling room.
  await page.clock.setSystemTime(new Date('2017-10-15T07:00:00Z'));
  await page.locator('.nav a[href="#/voters"]').click();
  await page.getByTestId('voter-search').fill('1/1');
  await page.getByTestId('voter-search').press('Enter');
  await page.keyboard.press('Enter');
  const message = page.getByTestId('desk-message');
  await expect(message).toContainText('Ballot issued');
  await expect(message).toContainText(tr('en', 'voters:appliedOutside', { number: 1 }));
  await page.screenshot({ path: test.info().outputPath('desk-applied-outside.png') });
  // Another voter, without an application: no such note.
  await page.getByTestId('voter-search').fill('1/2');
  await page.getByTestId('voter-search').press('Enter');
  await page.keyboard.press('Enter');
  await expect(message).toContainText('Ballot issued');
  await expect(message).not.toContainText('out-of-premises application');
});
