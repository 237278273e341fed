/**
 * A voting day on the RUNNING clock (issue 14): the demo is held today in the precinct's zone and
 * the test never sets the clock. The desk issues, an out-of-premises team gets ballots against
 * signature, departs and returns (each stamped by the command's one clock reading, so none is
 * refused as "in the future"), a receipt goes into the ledger, the protocol is pre-filled from the
 * same fold as the desk and the ledger, and the trip sheet prints.
 */
import { expect, test, type Page } from '@playwright/test';
import { formatDate } from '../../renderer/app/format';
import { todayIn } from '../../shared/time/zone';
import { demoZone, drawTeam, handOverAndDepart, openPrinted, recordReceipt, startDemoWithList } from './helpers';

/** The events of the given types in IndexedDB, in the order stored. */
function eventsOf(page: Page, types: readonly string[]): Promise<{ type: string; recordedAt: string; payload: Record<string, unknown> }[]> {
  return page.evaluate(
    (wanted) =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('precinct-desk');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction('events').objectStore('events').getAll();
          all.onsuccess = () => {
            resolve((all.result as { type: string; recordedAt: string; payload: Record<string, unknown> }[]).filter((e) => wanted.includes(e.type)));
            req.result.close();
          };
        };
      }),
    [...types],
  );
}

test('a voting day on the running clock: desk, out-of-premises hand-over, departure and return, ledger, protocol, print', async ({ page }) => {
  test.setTimeout(120_000);
  const started = Date.now();
  await startDemoWithList(page, 9001);
  await expect(page.getByTestId('active-election')).toContainText(formatDate(todayIn(demoZone(9001)), 'en'));

  // The desk: two voters get their ballots.
  for (const place of ['1/1', '1/2']) {
    await page.locator('.nav a[href="#/voters"]').click();
    await page.getByTestId('voter-search').fill(place);
    await page.getByTestId('voter-search').press('Enter');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('desk-message')).toContainText('Ballot issued');
  }

  // Out of the premises: one team of two with box 1; 3 ballots handed, out, back with all 3.
  await page.locator('.nav a[href="#/outpremises"]').click();
  // On voting day the applications' deadline has passed, and the banner says so (not a green "until").
  await expect(page.getByTestId('outpremises-deadline')).toHaveAttribute('data-passed', 'true');
  await expect(page.getByTestId('outpremises-deadline')).toContainText('The deadline for applications passed on');
  await drawTeam(page, { operator: 'Оператор ГРС', seal: 'S-0001' });
  await handOverAndDepart(page, 3);

  // The ledger: a receipt from the territorial commission; the desk's ballots are in its figures, and
  // the 3 ballots out with the team are not "in the safe" while it is away.
  await page.locator('.nav a[href="#/ledger"]').click();
  await recordReceipt(page, '12', 100);
  await expect(page.getByTestId('ledger-issuedRoom')).toContainText('2');
  await expect(page.getByTestId('ledger-withTeams')).toContainText('3');
  await expect(page.getByTestId('ledger-remaining')).toContainText('95');

  await page.locator('.nav a[href="#/outpremises"]').click();
  await page.getByTestId('op-return-count-1').fill('3');
  await page.getByTestId('op-return-1').click();
  await expect(page.getByTestId('op-reconcile-1')).toContainText('Taken 3, issued 0, spoiled 0, returned 3');
  // Each stamped by the running clock: between the test's start and now, never after its recording.
  const trips = await eventsOf(page, ['MobileBallotsHanded', 'MobileTeamDeparted', 'MobileTeamReturned']);
  expect(trips.map((e) => e.type)).toEqual(['MobileBallotsHanded', 'MobileTeamDeparted', 'MobileTeamReturned']);
  const stamps = trips.map((e) => String(e.payload.handedAt ?? e.payload.departedAt ?? e.payload.returnedAt));
  for (const [i, e] of trips.entries()) {
    expect(stamps[i]).toBe(e.recordedAt);
    expect(Date.parse(e.recordedAt)).toBeGreaterThanOrEqual(started - 1000);
    expect(Date.parse(e.recordedAt)).toBeLessThanOrEqual(Date.now());
  }

  // Back with all 3: they are in the safe again.
  await page.locator('.nav a[href="#/ledger"]').click();
  await expect(page.getByTestId('ledger-issuedOutside')).toContainText('0');
  await expect(page.getByTestId('ledger-withTeams')).toHaveCount(0);
  await expect(page.getByTestId('ledger-remaining')).toContainText('98');

  // The protocol: pre-filled with the same figures.
  await page.locator('.nav a[href="#/protocol"]').click();
  await expect(page.getByTestId('line-1')).toHaveValue('6707');
  await expect(page.getByTestId('line-3')).toHaveValue('2');
  await expect(page.getByTestId('line-4')).toHaveValue('0');

  // The trip sheet prints from the recorded trip.
  await page.locator('.nav a[href="#/outpremises"]').click();
  await page.getByTestId('op-print-trips').click();
  await openPrinted(page);
  await expect(page.getByTestId('trip-sheet-1')).toContainText('Оператор ГРС');
  await expect(page.getByTestId('trip-ledger-1')).toContainText('Taken 3, issued 0, spoiled 0, returned 3');
  const pdf = await page.pdf({ preferCSSPageSize: true });
  expect(pdf.byteLength).toBeGreaterThan(1000);
});
