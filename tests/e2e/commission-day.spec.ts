/**
 * The commission's day at precinct 9019 (demo, 69 voters, English UI) on the RUNNING clock — voting
 * day is today in the precinct's zone, nothing is faked: the control and the preliminary lists printed
 * for posting page by page (no identifying data) and their postings recorded, voters informed, an
 * application to vote outside the premises and the mobile team drawn with box 1, the opening with the
 * lot, the stationary and the mobile box sealed with their seal numbers, ballots issued (a member
 * without the issuing duty warned), the act on ballots issued whose copies are refused before the page
 * sums and then numbered and logged by recipient, the enlarged form blank before the count and with
 * the figures as entered during it (the draft saved), signing, the list of voters who took part printed
 * and posted, and the calendar marking each item done from these records. Every paper is read back
 * through pdftotext. The voting outside the premises is the day before (item 71) and its boxes are
 * counted first (77): tests/e2e/mobile-boxes.spec.ts runs those days.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { addDays } from '../../shared/time/date';
import { toTypedDate } from '../../shared/time/typed-date';
import { localDateTimeIn } from '../../shared/time/zone';
import { pdfText } from './pdf';
import { openPrinted, startDemoWithList, tr } from './helpers';

const ZONE = 'Asia/Tokyo';
const MEMBERS_WHO_DRAW = ['m9019-2', 'm9019-4', 'm9019-5'];

async function printed(page: Page, options: { pageSize: 'A4' | 'css' } = { pageSize: 'A4' }): Promise<string> {
  await openPrinted(page);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf(options.pageSize === 'css' ? { preferCSSPageSize: true } : { format: 'A4' });
  const text = pdfText(pdf).replace(/\s+/gu, ' ');
  await page.emulateMedia({ media: 'screen' });
  return text;
}

async function issueAtDesk(page: Page, place: string): Promise<string> {
  await page.goto('/#/voters');
  await page.getByTestId('voter-search').fill(place);
  await page.getByTestId('voter-search').press('Enter');
  const name = (await page.getByTestId('voter-row').first().locator('.nm').textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toContainText('Ballot issued');
  return name.trim();
}

test('the commission\'s day on the running clock: posting, out-of-premises register and team, opening with the boxes sealed, desk, act copies, enlarged form during the count, signing, participants posted', async ({ page }) => {
  test.setTimeout(360_000);
  await startDemoWithList(page, 9019);
  const today = localDateTimeIn(new Date(await page.evaluate(() => Date.now())), ZONE).date;

  // Item 46: the control list for posting — page by page, signature and seal place, name and year only.
  await page.goto('/#/posting');
  await page.getByTestId('print-posted-list').click();
  await expect(page.getByTestId('posted-kind')).toHaveValue('control-list');
  const firstName = ((await page.getByTestId('posted-page').first().locator('tbody tr').first().locator('td').nth(1).textContent()) ?? '').trim();
  expect(firstName.length).toBeGreaterThan(3);
  const pages = await page.getByTestId('posted-page').count();
  let text = await printed(page);
  expect(text).toContain(tr('en', 'day:posted.title.control-list'));
  expect(text).toContain(tr('en', 'day:posted.pageOf', { n: 1, of: pages, listPage: 1, precinct: 9019 }));
  expect(text).toContain(tr('en', 'day:posted.seal'));
  expect(text).toContain(firstName);
  expect(text).toContain(tr('en', 'day:posted.total', { total: 69, pages }));
  expect(text).not.toMatch(/\b\d{14}\b/u); // no ПИН
  await page.goto('/#/posting');
  await page.getByTestId('posting-document').selectOption('control-list');
  await page.getByTestId('posting-place').fill('Notice board in the consulate hall');
  await page.getByTestId('posting-record').click();
  await expect(page.getByTestId('posting-message')).toHaveText(tr('en', 'posting:recorded'));
  // Posted on voting day, 20 days late by the plan: recorded, and said to be late.
  await expect(page.getByTestId('posting-warning')).toHaveText(tr('en', 'posting:warning.late', { document: tr('en', 'posting:document.control-list') }));
  // Item 40: the preliminary list for inspection, printed the same way (name and year only), its posting recorded.
  await page.getByTestId('print-posted-list').click();
  await page.getByTestId('posted-kind').selectOption('preliminary-list');
  text = await printed(page);
  expect(text).toContain(tr('en', 'day:posted.title.preliminary-list'));
  expect(text).toContain(tr('en', 'day:posted.seal'));
  expect(text).toContain(firstName);
  expect(text).not.toMatch(/\b\d{14}\b/u);
  await page.goto('/#/posting');
  await page.getByTestId('posting-document').selectOption('preliminary-list');
  await page.getByTestId('posting-place').fill('Notice board in the consulate hall');
  await page.getByTestId('posting-record').click();
  await expect(page.getByTestId('posting-message')).toHaveText(tr('en', 'posting:recorded'));
  await expect(page.getByTestId('posting-warning')).toHaveText(tr('en', 'posting:warning.late', { document: tr('en', 'posting:document.preliminary-list') }));
  // Item 68: voters informed, the notice in Kyrgyz and Russian.
  await page.getByTestId('inform-where').fill('Consulate website and the notice board');
  await page.getByTestId('inform-record').click();
  await page.getByTestId('print-notice').click();
  text = await printed(page);
  expect(text).toContain(tr('ky', 'posting:notice.title'));
  expect(text).toContain(tr('ru', 'posting:notice.title'));

  // Item 69: an application to vote outside the premises, handed in on paper four days ago, entered now.
  await page.goto('/#/outpremises');
  await page.getByTestId('op-search').fill('1/5');
  await page.getByTestId('op-hit').first().click();
  const outsideVoter = ((await page.getByTestId('op-chosen').textContent()) ?? '').split(' · ')[0]!.trim();
  await page.getByTestId('op-reason').selectOption('illness');
  await page.getByTestId('op-date').fill(toTypedDate(addDays(today, -4)));
  await page.getByTestId('op-time').fill('12:00');
  await page.getByTestId('op-register').click();
  await expect(page.getByTestId('outpremises-message')).toContainText(`Entered in the register: No. 1, ${outsideVoter}`);
  // The mobile team drawn by lot, with box 1 and its seal (drawn late: said, and recorded).
  const draw = page.getByTestId('op-draw-team-1');
  // Nobody ticked: refused in the form, the team's boxes marked and the first focused (the shared Form).
  await page.getByTestId('op-draw').click();
  await expect(page.getByTestId('op-draw-problems')).toBeVisible();
  await expect(draw.getByRole('checkbox').first()).toHaveAttribute('aria-invalid', 'true');
  await expect(draw.getByRole('checkbox').first()).toBeFocused();
  await draw.getByRole('checkbox').nth(0).check();
  await draw.getByRole('checkbox').nth(3).check();
  // Two members, no operator or seal yet: those two fields are marked, the first focused.
  await page.getByTestId('op-draw').click();
  await expect(page.getByTestId('op-operator-1')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('op-seal-1')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('op-operator-1')).toBeFocused();
  await expect(draw.getByRole('checkbox').first()).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('op-operator-1').fill('Operator Yamada');
  await page.getByTestId('op-seal-1').fill('JP-0019-M1');
  await page.getByTestId('op-draw').click();
  await expect(page.getByTestId('op-teams-message')).toContainText(tr('en', 'outpremises:teams.drawn'));

  // Item 72: the opening — the lot drawn by the laptop, the safe, the lists, the stationary box, the act.
  await page.goto('/#/opening');
  await page.getByTestId('lot-draw-laptop').click();
  for (const id of MEMBERS_WHO_DRAW) await expect(page.getByTestId(`lot-held-${id}`)).not.toBeEmpty();
  const issuer = (
    await Promise.all(MEMBERS_WHO_DRAW.map(async (id) => ({ id, duty: (await page.getByTestId(`lot-held-${id}`).textContent()) ?? '' })))
  ).find((m) => m.duty.includes(tr('en', 'opening:duty.ballot-issuer')));
  if (!issuer) throw new Error('nobody holds the issuing duty');
  const other = MEMBERS_WHO_DRAW.find((id) => id !== issuer.id) ?? '';
  await page.getByTestId('safe-record').click();
  await page.getByTestId('lists-paper').fill('69');
  await page.getByTestId('lists-record').click();
  await page.getByTestId('box-seals-stationary').fill('JP-0019-1');
  await page.getByTestId('box-seal-stationary').click();
  // The act waits for the mobile box the team takes: shown empty and sealed too.
  await expect(page.getByTestId('act-record')).toBeDisabled();
  await page.getByTestId('box-seals-1').fill('JP-0019-M1');
  await page.getByTestId('box-seal-1').click();
  await expect(page.getByTestId('box-sealed-1')).toContainText('JP-0019-M1');
  await page.getByTestId('act-number').fill('9019/1');
  await page.getByTestId('act-record').click();
  await expect(page.getByTestId('act-recorded')).toContainText('9019/1');
  await page.getByTestId('opening-print').click();
  await openPrinted(page);
  text = await printed(page);
  expect(text).toContain(tr('en', 'opening:act.title'));
  expect(text).toContain('JP-0019-1');
  expect(text).toContain(tr('en', 'opening:box.mobile', { number: 1 }));
  expect(text).toContain('JP-0019-M1');
  expect(text).toContain(tr('en', 'opening:duty.ballot-issuer'));

  // Item 74: the enlarged form prints before the count with blank cells, to be written in by hand.
  await openPrinted(page, '/#/print-enlarged');
  await expect(page.getByTestId('enlarged-state')).toHaveText(tr('en', 'prints:enlarged.blank'));
  text = await printed(page, { pageSize: 'css' });
  expect(text).toContain(tr('en', 'prints:enlarged.blank'));

  // Ballots received; two issued at the desk — a member without the issuing duty is warned, the issuer is not.
  await page.goto('/#/ledger');
  const [y, m, d] = today.split('-');
  await page.getByTestId('receipt-act').fill('12');
  await page.getByTestId('receipt-date').fill(`${d}.${m}.${y}`);
  await page.getByTestId('receipt-count').fill('69');
  await page.getByTestId('receipt-record').click();
  await expect(page.getByTestId('ledger-message')).toContainText('Recorded: 69 ballots under act No. 12.');
  await page.goto('/#/voters');
  await page.getByTestId('operator').selectOption(other);
  await page.getByTestId('voter-search').fill('1/1');
  await page.getByTestId('voter-row').first().click();
  await expect(page.getByTestId('desk-duty-warning')).toBeVisible();
  await page.getByTestId('operator').selectOption(issuer.id);
  await page.getByTestId('voter-search').fill('1/1');
  await page.getByTestId('voter-row').first().click();
  await expect(page.getByTestId('desk-duty-warning')).toHaveCount(0);
  const voters = [await issueAtDesk(page, '1/1'), await issueAtDesk(page, '1/2')];
  await page.getByTestId('operator').selectOption('m9019-3');

  // Item 76: no copy of the act on ballots issued before the work with the list (page sums).
  await openPrinted(page, '/#/print-act-issued');
  // No recipient: the name is marked and takes the focus (the shared Form).
  await page.getByTestId('act-copy-give').click();
  await expect(page.getByTestId('act-copy-name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('act-copy-name')).toBeFocused();
  await page.getByTestId('act-copy-name').fill('Tanaka Observer');
  await page.getByTestId('act-copy-give').click();
  await expect(page.getByTestId('act-copy-problems')).toHaveText(tr('en', 'day:actCopies.refused.list-not-summed'));
  await expect(page.getByTestId('act-copy-problems')).toBeFocused();
  await expect(page.getByTestId('act-copies-none')).toBeVisible();

  await page.goto('/#/ledger');
  await page.getByTestId('pagesums-total').fill('2');
  await page.getByTestId('pagesums-pages').fill('4');
  await page.getByTestId('pagesums-record').click();
  await expect(page.getByTestId('ledger-message')).toContainText('Recorded: 2, the same as the desk.');
  await page.getByTestId('cancel-count').fill('67');
  await page.getByTestId('cancel-act').fill('A-1');
  await page.getByTestId('cancel-record').click();
  await expect(page.getByTestId('ledger-message')).toContainText('67 cancelled');

  await openPrinted(page, '/#/print-act-issued');
  await page.getByTestId('act-copy-name').fill('Tanaka Observer');
  await page.getByTestId('act-copy-give').click();
  await expect(page.getByTestId('act-copy-given')).toHaveText(tr('en', 'day:actCopies.given', { number: 1 }));
  await page.getByTestId('act-copy-name').fill('Sato Proxy');
  await page.getByTestId('act-copy-role').selectOption('candidate-proxy');
  await page.getByTestId('act-copy-represents').fill('Candidate 1');
  await page.getByTestId('act-copy-give').click();
  await expect(page.getByTestId('act-copy-2')).toContainText('Sato Proxy');
  // The same person again: refused, the log keeps two copies.
  await page.getByTestId('act-copy-name').fill('tanaka observer');
  await page.getByTestId('act-copy-role').selectOption('observer');
  await page.getByTestId('act-copy-give').click();
  await expect(page.getByTestId('act-copy-problems')).toHaveText(tr('en', 'day:actCopies.refused.already-given'));
  await expect(page.getByTestId('act-copies-log').locator('tbody tr')).toHaveCount(2);
  text = await printed(page);
  expect(text).toContain(tr('en', 'prints:act.issued.title'));
  expect(text).toContain(tr('en', 'day:actCopies.title'));
  expect(text).toContain('Tanaka Observer');
  expect(text).toContain('Sato Proxy');
  expect(text).toContain('Candidate 1');
  expect(text).not.toContain(tr('en', 'day:actCopies.refused.already-given'));

  // The manual count entered (the mobile box went nowhere: no out-of-premises voting took place).
  await page.goto('/#/count');
  const rows = page.locator('[data-testid^="count-row-"]');
  await expect(rows.first()).toBeVisible();
  const lines = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-testid')?.replace('count-row-', ''))));
  const manual: Record<number, number> = { 8: 0, 9: 2, 10: 0, 11: 2, 12: 2 };
  for (const line of lines) await page.getByTestId(`manual-${line}`).fill(String(manual[line] ?? 0));
  await page.getByTestId('manual-save').click();
  await expect(page.getByTestId('count-message')).toContainText('The manual count is recorded');

  // Item 74: the enlarged form during the count, with the figures as entered (the draft saved).
  await page.goto('/#/protocol');
  await expect(page.getByTestId('line-9')).toHaveValue('2');
  await expect(page.getByTestId('line-8')).toHaveValue('0');
  await page.getByTestId('protocol-save').click();
  await expect(page.getByTestId('protocol-message')).toHaveText(tr('en', 'protocolScreen:draftSaved'));
  await openPrinted(page, '/#/print-enlarged');
  await expect(page.getByTestId('enlarged-state')).toHaveText(tr('en', 'prints:enlarged.draft'));
  const enlargedRows = await page.getByTestId('enlarged-table').locator('tr[data-line]').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '').join(' ').replace(/\s+/gu, ' ').trim()),
  );
  expect(enlargedRows.find((r) => r.startsWith('8 '))).toMatch(/ 0$/u);
  expect(enlargedRows.find((r) => r.startsWith('9 '))).toMatch(/ 2$/u);
  text = await printed(page, { pageSize: 'css' });
  expect(text).toContain(tr('en', 'prints:enlarged.draft'));
  for (const row of enlargedRows.filter((r) => /^(8|9|11|12) /u.test(r))) expect(text).toContain(row);

  // Signing (item 82).
  await page.goto('/#/protocol');
  await expect(page.getByTestId('line-9')).toHaveValue('2');
  for (const box of await page.getByTestId('acknowledge').all()) await box.check();
  await page.getByTestId('protocol-sign').click();
  await expect(page.getByTestId('protocol-signed')).toContainText('Signed version 1');

  // Item 85: the list of voters who took part — the two voters, nobody else, by name only.
  await page.goto('/#/posting');
  await page.getByTestId('print-participants').click();
  await expect(page.getByTestId('posted-total')).toHaveText(tr('en', 'day:posted.total', { total: 2, pages: 1 }));
  text = await printed(page);
  expect(text).toContain(tr('en', 'day:posted.title.participants-list'));
  for (const name of voters) expect(text).toContain(name);
  expect(text).not.toContain(tr('en', 'day:posted.birthYear'));
  expect(text).toContain(tr('en', 'day:posted.seal'));
  // The same list as a file (names only, the list's page and row).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('participants-export').click()]);
  expect(download.suggestedFilename()).toBe('participants-9019.csv');
  const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/u, '').trim().split('\r\n');
  expect(csv[0]).toBe([tr('en', 'day:posted.listPage'), tr('en', 'day:posted.row'), `"${tr('en', 'day:posted.fullName')}"`].join(','));
  expect(csv.slice(1).map((line) => line.split(',').slice(2).join(','))).toEqual(voters);
  expect(csv.slice(1).map((line) => line.split(',').slice(0, 2).join('/'))).toEqual(['1/1', '1/2']);
  await expect(page.getByTestId('participants-exported')).toHaveText(tr('en', 'day:posted.exported', { name: 'participants-9019.csv' }));
  // Items 84/85: posting recorded.
  await page.goto('/#/posting');
  await page.getByTestId('posting-document').selectOption('protocol-copy');
  await page.getByTestId('posting-place').fill('Stand at the consulate entrance');
  await page.getByTestId('posting-copy').fill('3');
  await page.getByTestId('posting-record').click();
  await expect(page.getByTestId('posting-message')).toHaveText(tr('en', 'posting:recorded'));
  await page.getByTestId('posting-document').selectOption('participants-list');
  await page.getByTestId('posting-place').fill('Stand at the consulate entrance');
  await page.getByTestId('posting-record').click();
  await page.getByTestId('print-postings').click();
  text = await printed(page);
  expect(text).toContain(tr('en', 'posting:document.control-list'));
  expect(text).toContain(tr('en', 'posting:document.participants-list'));
  expect(text).toContain(tr('en', 'posting:copyNo', { number: '3' }));
  expect(text).toContain('Stand at the consulate entrance');

  // The calendar marks the commission's items done from these records, without a tick.
  await page.goto('/#/calendar');
  await page.getByTestId('filter-all').check();
  for (const n of [40, 46, 68, 69, 72, 73, 74, 75, 76, 80, 82, 84, 85]) {
    await expect(page.getByTestId(`calendar-by-events-${n}`), `item ${n}`).toHaveText(tr('en', 'calendar:doneByRecords'));
    await expect(page.getByTestId(`calendar-done-${n}`)).not.toBeChecked();
  }
  // Out-of-premises voting is the day before (item 71) and the mobile boxes' count (77) follows it:
  // neither took place on this day.
  await expect(page.getByTestId('calendar-by-events-71')).toHaveCount(0);
  await expect(page.getByTestId('calendar-by-events-77')).toHaveCount(0);
});
