/**
 * A voting day on the RUNNING clock at consulates far from the laptop's own zone: the laptop keeps
 * Bishkek time while the consulate is in New York (their dates differ for 11 hours a day), or Los
 * Angeles time while the consulate is in Tokyo. The voting day is "today" in the PRECINCT's zone,
 * whatever the laptop's zone and the UTC date say: the desk issues, a mobile team gets ballots,
 * departs and comes back (each stamped by the running clock, none refused), the ledger and the
 * protocol show the same figures, and every stamp reads as today in the precinct's zone.
 */
import { expect, test, type Page } from '@playwright/test';
import { formatDate } from '../../renderer/app/format';
import { localDateIn, todayIn } from '../../shared/time/zone';
import { demoZone, drawTeam, handOverAndDepart, recordReceipt, startDemoWithList } from './helpers';

function stamps(page: Page): Promise<{ type: string; recordedAt: string }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('precinct-desk');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction('events').objectStore('events').getAll();
          all.onsuccess = () => {
            resolve((all.result as { type: string; recordedAt: string }[]).filter((e) => ['BallotIssued', 'MobileBallotsHanded', 'MobileTeamDeparted', 'MobileTeamReturned'].includes(e.type)));
            req.result.close();
          };
        };
      }),
  );
}

const CASES = [
  { precinct: 9034, laptopZone: 'Asia/Bishkek' },
  { precinct: 9019, laptopZone: 'America/Los_Angeles' },
] as const;

for (const { precinct, laptopZone } of CASES) {
  test.describe(`precinct ${precinct} (${demoZone(precinct)}) on a laptop in ${laptopZone}`, () => {
    test.use({ timezoneId: laptopZone });

    test('the voting day is today in the precinct\'s zone; desk, team hand-over and return, ledger and protocol agree', async ({ page }) => {
      test.setTimeout(120_000);
      const zone = demoZone(precinct);
      const started = Date.now();
      await startDemoWithList(page, precinct);
      const today = todayIn(zone);
      await expect(page.getByTestId('active-election')).toContainText(formatDate(today, 'en'));

      await page.locator('.nav a[href="#/voters"]').click();
      await page.getByTestId('voter-search').fill('1/1');
      await page.getByTestId('voter-search').press('Enter');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('desk-message')).toContainText('Ballot issued');

      await page.locator('.nav a[href="#/outpremises"]').click();
      await expect(page.getByTestId('outpremises-deadline')).toHaveAttribute('data-passed', 'true');
      await drawTeam(page, { operator: 'Оператор', seal: 'S-0001' });
      await handOverAndDepart(page, 2);
      await page.getByTestId('op-return-count-1').fill('2');
      await page.getByTestId('op-return-1').click();
      await expect(page.getByTestId('op-reconcile-1')).toContainText('Taken 2, issued 0, spoiled 0, returned 2');

      await page.locator('.nav a[href="#/ledger"]').click();
      await recordReceipt(page, '7', 50);
      await expect(page.getByTestId('ledger-issuedRoom')).toContainText('1');
      await expect(page.getByTestId('ledger-withTeams')).toHaveCount(0);
      await expect(page.getByTestId('ledger-remaining')).toContainText('49');

      await page.locator('.nav a[href="#/protocol"]').click();
      await expect(page.getByTestId('line-3')).toHaveValue('1');
      await expect(page.getByTestId('line-4')).toHaveValue('0');

      // Every stamp is the running clock's, and reads as the voting day in the precinct's zone.
      const events = await stamps(page);
      expect(events.map((e) => e.type)).toEqual(['BallotIssued', 'MobileBallotsHanded', 'MobileTeamDeparted', 'MobileTeamReturned']);
      for (const e of events) {
        expect(Date.parse(e.recordedAt)).toBeGreaterThanOrEqual(started - 1000);
        expect(Date.parse(e.recordedAt)).toBeLessThanOrEqual(Date.now());
        // A run across the precinct's midnight is the one case the day may have moved on.
        if (todayIn(zone) === today) expect(localDateIn(new Date(e.recordedAt), zone)).toBe(today);
      }
    });
  });
}
