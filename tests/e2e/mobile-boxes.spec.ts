/**
 * The mobile boxes over their three days (issue 18, items 69–72, 77, 74) at precinct 9019 (Tokyo,
 * UTC+9), the 2017 demo election (voting day 15 October). Out-of-premises voting is held the day
 * before voting day, 08:00–20:00 [Art 33(1), item 71], so the clock RUNS from a chosen instant and is
 * moved on between the days (it is never frozen):
 *
 * - 12 Oct: an application registered; 13 Oct: two teams drawn by lot, box 1 (seal JP-M1) and box 2
 *   (JP-M2);
 * - 14 Oct: team 1 takes two ballots, leaves, a voter votes at home into box 1, one ballot comes back
 *   and the members read another seal number on box 1 (said at once); team 2 never leaves;
 * - 15 Oct 07:05: the opening — box 1 holds ballots and is not shown empty (the screen and the act say
 *   so, with its seal from the drawing); box 2 and the stationary box are shown empty and sealed;
 * - the evening: the mobile box opened first and counted against its team, its seals not taken as
 *   intact after that return (its act printed with the finding), the count, and the enlarged form with
 *   the figures as entered; line 8 agrees with the box.
 */
import { expect, test, type Page } from '@playwright/test';
import { pdfText } from './pdf';
import { openPrinted, startDemoWithList, tr } from './helpers';

const at = (iso: string) => new Date(iso);

async function printed(page: Page, pageSize: 'A4' | 'css' = 'A4'): Promise<string> {
  await openPrinted(page);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf(pageSize === 'css' ? { preferCSSPageSize: true } : { format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
  return pdfText(pdf).replace(/\s+/gu, ' ');
}

test('mobile boxes: drawn and sealed, out the day before, not shown empty at the opening, opened first at the count', async ({ page }) => {
  test.setTimeout(240_000);
  // 12 October, 12:00 in Tokyo; the clock runs on from here.
  await page.clock.install({ time: at('2017-10-12T03:00:00Z') });
  await startDemoWithList(page, 9019);
  await page.goto('/#/outpremises');
  await page.getByTestId('op-search').fill('1/2');
  await page.getByTestId('op-hit').first().click();
  await page.getByTestId('op-reason').selectOption('illness');
  await page.getByTestId('op-register').click();
  await expect(page.getByTestId('outpremises-message')).toContainText('Entered in the register: No. 1');

  // 13 October, 15:00: two teams drawn by lot, each with its box and seal.
  await page.clock.setSystemTime(at('2017-10-13T06:00:00Z'));
  await page.getByTestId('op-team-count').selectOption('2');
  await page.getByTestId('op-draw-team-1').getByRole('checkbox').nth(0).check();
  await page.getByTestId('op-draw-team-1').getByRole('checkbox').nth(3).check();
  await page.getByTestId('op-draw-team-2').getByRole('checkbox').nth(1).check();
  await page.getByTestId('op-draw-team-2').getByRole('checkbox').nth(4).check();
  await page.getByTestId('op-operator-1').fill('Operator Yamada');
  await page.getByTestId('op-operator-2').fill('Operator Sato');
  await page.getByTestId('op-seal-1').fill('JP-M1');
  await page.getByTestId('op-seal-2').fill('JP-M2');
  await page.getByTestId('op-draw').click();
  await expect(page.getByTestId('op-teams-message')).toHaveText(tr('en', 'outpremises:teams.drawn'));

  // The ledger screen is opened on the 13th and left open overnight.
  await page.goto('/#/ledger');
  await expect(page.getByTestId('receipt-date')).toHaveValue('13.10.2017');
  // 14 October, 08:30: ballots received; 09:00 team 1 takes two and leaves; 10:00 the voter votes.
  await page.clock.setSystemTime(at('2017-10-13T23:30:00Z'));
  await page.getByTestId('receipt-act').fill('12');
  await page.getByTestId('receipt-count').fill('69');
  // Not typed: the act's date follows the clock to the 14th (not the day the screen was opened).
  await expect(page.getByTestId('receipt-date')).toHaveValue('14.10.2017');
  await page.getByTestId('receipt-record').click();
  await expect(page.getByTestId('ledger-message')).toContainText('Recorded: 69 ballots under act No. 12.');
  await page.clock.setSystemTime(at('2017-10-14T00:00:00Z'));
  await page.goto('/#/outpremises');
  await page.getByTestId('op-hand-count-1').fill('2');
  await page.getByTestId('op-hand-1').click();
  await expect(page.getByTestId('op-teams-message')).toHaveText(tr('en', 'outpremises:teams.handed_other', { count: 2 }));
  await page.getByTestId('op-depart-1').click();
  await expect(page.getByTestId('op-teams-message')).toHaveText(tr('en', 'outpremises:teams.departed'));
  await page.clock.setSystemTime(at('2017-10-14T01:00:00Z'));
  await page.getByTestId('op-visit-entry-1').selectOption('1');
  await page.getByTestId('op-visit-outcome-1').selectOption('voted');
  await page.getByTestId('op-visit-date-1').fill('14.10.2017');
  await page.getByTestId('op-visit-time-1').fill('10:00');
  await page.getByTestId('op-visit-1').click();
  await expect(page.getByTestId('op-teams-message')).toHaveText(tr('en', 'outpremises:teams.visited', { number: 1 }));
  // 11:00: back, one unused ballot returned; the seal read on box 1 is not the one drawn: said, recorded.
  await page.clock.setSystemTime(at('2017-10-14T02:00:00Z'));
  await page.getByTestId('op-return-count-1').fill('1');
  await expect(page.getByTestId('op-return-seal-1-1')).toHaveValue('JP-M1');
  await page.getByTestId('op-return-seal-1-1').fill('JP-M9');
  await page.getByTestId('op-return-1').click();
  const mismatch = tr('en', 'outpremises:problem.seal-mismatch', { box: 1, expected: 'JP-M1', found: 'JP-M9' });
  await expect(page.getByTestId('op-teams-message')).toHaveText(`${tr('en', 'outpremises:teams.returnedDone')} ${mismatch}`);

  // 15 October, 07:05: the opening. Box 1 holds ballots: not shown empty, its seal from the drawing.
  await page.clock.setSystemTime(at('2017-10-14T22:05:00Z'));
  await page.goto('/#/opening');
  await expect(page.getByTestId('box-out-1')).toContainText(tr('en', 'opening:box.mobile', { number: 1 }));
  await expect(page.getByTestId('box-out-1')).toContainText('JP-M1');
  await expect(page.getByTestId('box-seals-1')).toHaveCount(0);
  await expect(page.getByTestId('box-out-2')).toHaveCount(0);
  await page.getByTestId('lot-draw-laptop').click();
  await expect(page.getByTestId('opening-message')).toHaveClass(/alert-ok/u);
  await page.getByTestId('safe-record').click();
  await page.getByTestId('lists-paper').fill('69');
  await page.getByTestId('lists-record').click();
  await page.getByTestId('box-seals-stationary').fill('JP-S1');
  await page.getByTestId('box-seal-stationary').click();
  await expect(page.getByTestId('act-missing')).toContainText(tr('en', 'opening:step.mobile-boxes'));
  await page.getByTestId('box-seals-2').fill('JP-M2');
  await page.getByTestId('box-seal-2').click();
  await expect(page.getByTestId('box-sealed-2')).toContainText('JP-M2');
  await page.getByTestId('act-number').fill('9019/1');
  await page.getByTestId('act-record').click();
  await expect(page.getByTestId('act-recorded')).toContainText('9019/1');
  await page.getByTestId('opening-print').click();
  await openPrinted(page);
  let text = await printed(page);
  expect(text).toContain('JP-S1');
  expect(text).toContain('JP-M2');
  expect(text).toContain('JP-M1');
  expect(text).toContain(tr('en', 'opening:act.boxOut', { team: 1, at: '' }).split(';')[1]!.trim());

  // 10:00: one ballot issued at the desk.
  await page.clock.setSystemTime(at('2017-10-15T01:00:00Z'));
  await page.goto('/#/voters');
  await page.getByTestId('voter-search').fill('1/1');
  await page.getByTestId('voter-search').press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toContainText('Ballot issued');

  // 20:05: the list's sums, the unused ballots cancelled (69 − 1 in the room − 1 outside).
  await page.clock.setSystemTime(at('2017-10-15T11:05:00Z'));
  await page.goto('/#/ledger');
  await page.getByTestId('pagesums-total').fill('1');
  await page.getByTestId('pagesums-pages').fill('4');
  await page.getByTestId('pagesums-record').click();
  await expect(page.getByTestId('ledger-message')).toContainText('Recorded: 1, the same as the desk.');
  await page.getByTestId('cancel-count').fill('67');
  await page.getByTestId('cancel-act').fill('A-1');
  await page.getByTestId('cancel-record').click();
  await expect(page.getByTestId('ledger-message')).toContainText('67 cancelled');

  // Item 77: the mobile boxes opened first, each against its team: box 1 one ballot, box 2 empty.
  await page.goto('/#/mobile-count');
  await expect(page.getByTestId('mobile-issued-1')).toHaveText('1');
  // Each box with its seal number from the drawing, checked before it is opened.
  await expect(page.getByTestId('mobile-seal-1')).toHaveText('JP-M1');
  await expect(page.getByTestId('mobile-seal-2')).toHaveText('JP-M2');
  await expect(page.getByTestId('mobile-issued-2')).toHaveText('0');
  // The seal found on return differs: the box's seals are not taken as intact.
  await expect(page.getByTestId('mobile-seal-mismatch-1')).toHaveText(mismatch);
  await expect(page.getByTestId('mobile-intact-1')).not.toBeChecked();
  await expect(page.getByTestId('mobile-intact-2')).toBeChecked();
  await page.getByTestId('mobile-count-1').fill('1');
  await page.getByTestId('mobile-record-1').click();
  await expect(page.getByTestId('mobile-recorded')).toContainText(tr('en', 'day:mobile.recorded', { box: 1 }));
  await page.getByTestId('mobile-count-2').fill('0');
  await page.getByTestId('mobile-record-2').click();
  await expect(page.getByTestId('mobile-recorded')).toContainText(tr('en', 'day:mobile.recorded', { box: 2 }));
  await expect(page.getByTestId('mobile-findings').locator('li')).toHaveText([tr('en', 'mobileCount:finding.seals-broken', { box: 1 })]);
  await expect(page.getByTestId('mobile-total')).toHaveText(tr('en', 'day:mobile.total', { total: 1 }));
  await page.getByTestId('mobile-print').click();
  await openPrinted(page);
  text = await printed(page);
  expect(text).toContain(tr('en', 'day:mobile.actTitle'));
  expect(text).toContain(tr('en', 'mobileCount:col.seal'));
  expect(text).toMatch(/\b1 JP-M1 no 1 1 1\b/u);
  expect(text).toContain(tr('en', 'mobileCount:finding.seals-broken', { box: 1 }));
  expect(text).toMatch(/\b2 JP-M2 yes 0 0 0\b/u);
  expect(text).toContain(tr('en', 'day:mobile.total', { total: 1 }));

  // The count: line 8 the mobile boxes (1), line 9 the stationary box (1).
  await page.goto('/#/count');
  const rows = page.locator('[data-testid^="count-row-"]');
  await expect(rows.first()).toBeVisible();
  const lines = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-testid')?.replace('count-row-', ''))));
  const manual: Record<number, number> = { 8: 1, 9: 1, 10: 0, 11: 2, 12: 2 };
  for (const line of lines) await page.getByTestId(`manual-${line}`).fill(String(manual[line] ?? 0));
  await page.getByTestId('manual-save').click();
  await expect(page.getByTestId('count-message')).toContainText('The manual count is recorded');

  // Item 74: the enlarged form with the figures as entered, before signing; then signed.
  await page.goto('/#/protocol');
  await expect(page.getByTestId('line-8')).toHaveValue('1');
  // Line 8 is checked against the boxes counted first (item 77's relation): 2 is said to differ.
  const boxesFinding = page.getByTestId('finding').filter({ hasText: tr('en', 'protocol:explanation.mobile-matches-boxes-counted') });
  await expect(boxesFinding).toHaveCount(0);
  await page.getByTestId('line-8').fill('2');
  await expect(boxesFinding).toHaveCount(1);
  await page.getByTestId('line-8').fill('1');
  await expect(boxesFinding).toHaveCount(0);
  await page.getByTestId('protocol-save').click();
  await expect(page.getByTestId('protocol-message')).toHaveText(tr('en', 'protocolScreen:draftSaved'));
  await openPrinted(page, '/#/print-enlarged');
  await expect(page.getByTestId('enlarged-state')).toHaveText(tr('en', 'prints:enlarged.draft'));
  text = await printed(page, 'css');
  expect(text).toContain(tr('en', 'prints:enlarged.draft'));
  await page.goto('/#/protocol');
  for (const box of await page.getByTestId('acknowledge').all()) await box.check();
  await page.getByTestId('protocol-sign').click();
  await expect(page.getByTestId('protocol-signed')).toContainText('Signed version 1');

  // The calendar marks items 71 and 77 done from these records.
  await page.goto('/#/calendar');
  await page.getByTestId('filter-all').check();
  for (const n of [69, 71, 72, 77]) await expect(page.getByTestId(`calendar-by-events-${n}`), `item ${n}`).toHaveText(tr('en', 'calendar:doneByRecords'));
});
