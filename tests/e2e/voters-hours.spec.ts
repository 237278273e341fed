/**
 * Voting hours at the desk (issue 16).
 * 1. The demo held today: ballots are issued on the real, running clock (no clock set by the test);
 *    turnout has no "not voting day" note.
 * 2. A deadline test, the clock set on purpose (the 2017 example at 9001, Moscow): 20:01 is refused,
 *    a member cannot record the exception, the chair records it with a reason, the event keeps it and
 *    the protocol's attachments list it; 07:30 and the day after are refused; turnout off voting day
 *    says what is true. A voter on the hospital list carries the mark on the card.
 */
import { expect, test, type Page } from '@playwright/test';
import { formatDate } from '../../renderer/app/format';
import { todayIn } from '../../shared/time/zone';
import { generateVoters } from '../../shared/voters/generate';
import { demoZone, openPrinted, startDemoWithList, tr } from './helpers';

const CHAIR = { id: 'm9001-1', name: 'Асанова Айгүл (демо)' };
const MEMBER = { id: 'm9001-4', name: 'Үсөнова Гүлзат (демо)' };

async function open(page: Page, place: string) {
  await page.locator('.nav a[href="#/voters"]').click();
  await page.getByTestId('voter-search').fill(place);
  await page.getByTestId('voter-search').press('Enter');
  await expect(page.getByTestId('voter-detail')).toBeVisible();
}

/** The `BallotIssued` events in IndexedDB. */
function issuedEvents(page: Page): Promise<{ recordedAt: string; payload: Record<string, unknown> }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('precinct-desk');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction('events').objectStore('events').getAll();
          all.onsuccess = () => {
            resolve((all.result as { type: string; recordedAt: string; payload: Record<string, unknown> }[]).filter((e) => e.type === 'BallotIssued'));
            req.result.close();
          };
        };
      }),
  );
}

test('the demo held today: a ballot is issued on the real, running clock', async ({ page }) => {
  test.setTimeout(60_000);
  const today = todayIn(demoZone(9001));
  await startDemoWithList(page, 9001);
  await expect(page.getByTestId('active-election')).toContainText(formatDate(today, 'en'));
  await open(page, '1/1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toContainText('Ballot issued');
  const [event] = await issuedEvents(page);
  // Stamped by the real clock: within a minute of this process's own.
  expect(Math.abs(Date.parse(event!.recordedAt) - Date.now())).toBeLessThan(60_000);
  expect(event!.payload).not.toHaveProperty('hoursException');
  await page.locator('.nav a[href="#/voters-pages"]').click();
  await expect(page.getByTestId('turnout')).toBeVisible();
  await expect(page.getByTestId('turnout-off-day')).toHaveCount(0);
});

test('outside voting hours (clock set on purpose): 20:01 refused, the chair\'s exception recorded and listed in the attachments; 07:30 and the day after refused; turnout says which day counts', async ({ page }) => {
  test.setTimeout(90_000);
  await page.clock.setFixedTime(new Date('2017-10-15T20:01:00+03:00'));
  await startDemoWithList(page, 9001);
  await expect(page.getByTestId('active-election')).toContainText('October 15, 2017');
  await page.getByTestId('operator').selectOption(MEMBER.id);

  await open(page, '1/1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toHaveText(tr('en', 'voters:hours.after-closing', { to: '20:00', time: '20:01', zone: 'Europe/Moscow' }));
  expect(await issuedEvents(page)).toHaveLength(0);
  // A member is told only the chair may record the exception.
  await expect(page.getByTestId('hours-exception')).toContainText(tr('en', 'voters:hours.exceptionHintClosing', { to: '20:00' }));
  await expect(page.getByTestId('hours-only-chair')).toHaveText(tr('en', 'voters:hours.exceptionOnlyChair'));
  await expect(page.getByTestId('hours-reason')).toHaveCount(0);

  // The chair: the minimum is said before typing; the reason is kept with the issue.
  await page.getByTestId('operator').selectOption(CHAIR.id);
  await expect(page.getByTestId('hours-reason-min')).toHaveText(tr('en', 'voters:hours.exceptionReasonMin_other', { count: 10, typed: 0 }));
  await expect(page.getByTestId('hours-exception-record')).toBeDisabled();
  const reason = 'In the premises at 20:00, in the queue';
  await page.getByTestId('hours-reason').fill(reason);
  await page.getByTestId('hours-exception-record').click();
  await expect(page.getByTestId('desk-message')).toContainText('Ballot issued by the chair’s exception');
  await expect(page.getByTestId('issued-count')).toHaveText(tr('en', 'voters:issuedOf', { issued: '1', total: '6,707' }));
  const events = await issuedEvents(page);
  expect(events).toHaveLength(1);
  expect(events[0]!.payload.hoursException).toEqual({ outside: 'after-closing', reason, by: CHAIR.id });
  expect(events[0]!.recordedAt).toBe('2017-10-15T17:01:00.000Z');

  // The protocol's attachments list it.
  await page.locator('.nav a[href="#/protocol"]').click();
  await page.getByTestId('meeting-print').click();
  await openPrinted(page);
  const listed = page.getByTestId('print-hours-exceptions');
  await expect(listed).toContainText(reason);
  await expect(listed).toContainText('after closing');
  await expect(listed).toContainText('1/1');
  await expect(listed).toContainText(CHAIR.name);
  await page.getByRole('button', { name: /Back/u }).click();

  // A voter on the hospital list: the card says where they are expected to vote (never blocking).
  const inHospital = generateVoters(6707, 9001, { votingDay: '2017-10-15' }).find((v) => v.marks.includes('hospital'))!;
  await open(page, `${inHospital.page}/${inHospital.row}`);
  await expect(page.getByTestId('voter-marks')).toHaveText(tr('en', 'voters:marks.notice', { marks: tr('en', 'voters:marks.hospital') }));
  await open(page, '1/1');
  await expect(page.getByTestId('voter-marks')).toHaveCount(0);

  // Before opening and the day after: refused, saying when ballots are issued.
  await page.clock.setFixedTime(new Date('2017-10-15T07:30:00+03:00'));
  await open(page, '1/2');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toHaveText(
    tr('en', 'voters:hours.before-opening', { today: 'October 15, 2017', time: '07:30', zone: 'Europe/Moscow', day: 'October 15, 2017', from: '08:00', to: '20:00' }),
  );
  await expect(page.getByTestId('desk-message')).toContainText("If voting has opened, this computer's clock is wrong: set its time");
  await page.clock.setFixedTime(new Date('2017-10-16T12:00:00+03:00'));
  await open(page, '1/3');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toHaveText(
    tr('en', 'voters:hours.other-day', { today: 'October 16, 2017', zone: 'Europe/Moscow', day: 'October 15, 2017', from: '08:00', to: '20:00' }),
  );
  await expect(page.getByTestId('hours-exception')).toContainText(tr('en', 'voters:hours.exceptionHintOther'));
  // A laptop whose date is wrong is told to set it, not to work around it: an exception does not
  // correct the time each ballot is recorded with.
  await expect(page.getByTestId('desk-message')).toContainText("If voting day is today, this computer's date is wrong: set its date and time");
  await expect(page.getByTestId('hours-exception')).toContainText("If this computer's date or time is wrong, set them instead");
  await expect(page.getByTestId('hours-exception')).not.toContainText('for example, the laptop’s clock is wrong');
  expect(await issuedEvents(page)).toHaveLength(1);

  // Turnout the day after: the figures of voting day, saying so; the day before: when it is counted.
  await page.locator('.nav a[href="#/voters-pages"]').click();
  await expect(page.getByTestId('turnout-off-day')).toHaveText(tr('en', 'voters:turnout.day-after', { day: 'October 15, 2017', today: 'October 16, 2017', zone: 'Europe/Moscow' }));
  // The exception's ballot came at 20:01: after the 20:00 reporting time.
  await expect(page.getByTestId('turnout-20:00').locator('td.num').first()).toHaveText('0');
  await page.clock.setFixedTime(new Date('2017-10-14T12:00:00+03:00'));
  await page.reload();
  await expect(page.getByTestId('turnout-off-day')).toHaveText(tr('en', 'voters:turnout.day-before', { day: 'October 15, 2017', today: 'October 14, 2017', zone: 'Europe/Moscow' }));
});
