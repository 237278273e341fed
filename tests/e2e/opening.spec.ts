/**
 * Item 72 — the opening on voting day at precinct 9001 (demo, English, generated list): a paper lot
 * that leaves a duty unheld is refused in words; the lot drawn by the laptop among the three members
 * who draw (chair and secretary excluded) is recorded; the safe, the lists compared, the stationary
 * box sealed, then the act — printed to PDF and read back with pdftotext. At the desk the secretary
 * sees that the lot gave them no issuing duty and gets the warning beside the issue button, and again
 * with the issue when they issue anyway.
 */
import { expect, test } from '@playwright/test';
import { pdfText } from './pdf';
import { openPrinted, startDemoWithList, tr } from './helpers';

const DEPUTY = 'm9001-2';
const SECRETARY = 'm9001-3';
const MEMBERS = ['m9001-2', 'm9001-4', 'm9001-5'];

test('opening: lot of duties, safe, lists, sealed box, the act printed; the desk warns a member without the issuing duty', async ({ page }) => {
  await startDemoWithList(page, 9001);
  await page.goto('/#/opening');
  await expect(page.getByTestId('opening')).toBeVisible();
  await expect(page.getByTestId('opening-window')).toBeVisible();

  // Chair and secretary do not draw: no duty selector for them.
  await expect(page.getByTestId('lot-duty-m9001-1')).toHaveCount(0);
  await expect(page.getByTestId(`lot-duty-${SECRETARY}`)).toHaveCount(0);

  // Paper lots, one duty each for three members: the fourth duty is unheld → refused, nothing recorded.
  await page.getByTestId(`lot-duty-${DEPUTY}`).selectOption('identification');
  await page.getByTestId('lot-duty-m9001-4').selectOption('list-registrar');
  await page.getByTestId('lot-duty-m9001-5').selectOption('ballot-issuer');
  await page.getByTestId('lot-record').click();
  await expect(page.getByTestId('opening-message')).toHaveText(
    tr('en', 'opening:problem.duty-unheld', { duty: tr('en', 'opening:duty.booth-box-controller') }),
  );
  await expect(page.getByTestId(`lot-held-${DEPUTY}`)).toHaveCount(0);

  // Every member who draws marked absent: the laptop cannot draw, and says why.
  for (const id of MEMBERS) await page.getByTestId(`lot-absent-${id}`).check();
  await page.getByTestId('lot-draw-laptop').click();
  await expect(page.getByTestId('opening-message')).toHaveText(tr('en', 'opening:problem.too-few-members', { count: 0 }));
  for (const id of MEMBERS) await page.getByTestId(`lot-absent-${id}`).uncheck();

  // The laptop draws, and the lot is recorded as drawn: every duty held, the extra duty to one of
  // the three. What the members saw drawn survives a reload (a crash) — never drawn again unseen.
  await page.getByTestId('lot-draw-laptop').click();
  await expect(page.getByTestId('opening-message')).toContainText(tr('en', 'opening:lot.recorded', { at: '' }).replace(/ \.$/u, ''));
  const drawn: string[] = [];
  for (const id of MEMBERS) {
    await expect(page.getByTestId(`lot-held-${id}`)).not.toBeEmpty();
    drawn.push((await page.getByTestId(`lot-held-${id}`).textContent()) ?? '');
  }
  expect(drawn.join('; ')).toContain(tr('en', 'opening:duty.ballot-issuer'));
  await page.reload();
  for (const [i, id] of MEMBERS.entries()) await expect(page.getByTestId(`lot-held-${id}`)).toHaveText(drawn[i] ?? '');

  await page.getByTestId('safe-record').click();
  await expect(page.getByTestId('safe-recorded')).toBeVisible();
  await page.getByTestId('lists-paper').fill('6707');
  await expect(page.getByTestId('lists-electronic')).toHaveValue('6707');
  await page.getByTestId('lists-record').click();
  await expect(page.getByTestId('lists-recorded')).toBeVisible();

  // The act cannot be drawn up while the box is not sealed; an empty seal list is refused.
  await expect(page.getByTestId('act-missing')).toContainText(tr('en', 'opening:step.stationary-box'));
  await expect(page.getByTestId('act-record')).toBeDisabled();
  await page.getByTestId('box-seal-stationary').click();
  await expect(page.getByTestId('opening-message')).toContainText('Not recorded');
  await page.getByTestId('box-seals-stationary').fill('KG-001245, KG-001246');
  await page.getByTestId('box-seal-stationary').click();
  await expect(page.getByTestId('box-sealed-stationary')).toContainText('KG-001245, KG-001246');
  await page.getByTestId('act-number').fill('72/1');
  await page.getByTestId('act-record').click();
  await expect(page.getByTestId('act-recorded')).toContainText('72/1');

  // The calendar marks item 72 done from these records, without a tick.
  await page.goto('/#/calendar');
  await page.getByTestId('filter-all').check();
  await expect(page.getByTestId('calendar-by-events-72')).toHaveText(tr('en', 'calendar:doneByRecords'));
  await expect(page.getByTestId('calendar-done-72')).not.toBeChecked();
  await expect(page.getByTestId('calendar-by-events-84')).toHaveCount(0);
  await page.goto('/#/opening');

  // The act printed: every fact on paper.
  await page.getByTestId('opening-print').click();
  await openPrinted(page);
  await page.emulateMedia({ media: 'print' });
  const text = pdfText(await page.pdf({ format: 'A4' })).replace(/\s+/gu, ' ');
  await page.emulateMedia({ media: 'screen' });
  expect(text).toContain(tr('en', 'opening:act.title'));
  expect(text).toContain('72/1');
  for (const duty of ['identification', 'list-registrar', 'ballot-issuer', 'booth-box-controller']) expect(text).toContain(tr('en', `opening:duty.${duty}`));
  expect(text).toContain('Үсөнов Бакыт (демо)');
  expect(text).toContain(tr('en', 'opening:act.lotMethodLaptop'));
  expect(text).toContain('KG-001245, KG-001246');
  expect(text).toContain('6,707');
  expect(text).not.toContain(tr('en', 'opening:act.notYet'));

  // The desk: the secretary holds no duty by lot → warned beside the issue button.
  await page.goto('/#/voters');
  await page.getByTestId('operator').selectOption(SECRETARY);
  const search = page.getByTestId('voter-search');
  await search.fill('а');
  await page.getByTestId('voter-row').first().click();
  await expect(page.getByTestId('desk-duty')).toHaveText(tr('en', 'opening:desk.yourDuty', { duty: tr('en', 'opening:noDuty') }));
  await expect(page.getByTestId('desk-duty-warning')).toHaveText(tr('en', 'opening:desk.warnNoDuty'));
  // Issuing anyway: recorded, and the warning is said again with the issue.
  await page.getByTestId('issue-ballot').click();
  await expect(page.getByTestId('desk-message')).toContainText(tr('en', 'opening:desk.warnNoDuty'));
  await expect(page.getByTestId('desk-message')).toHaveClass(/alert-warn/u);
});
