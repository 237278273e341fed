/**
 * A large list at the desk (issue 19): the count shown is the real count of matches, not the cap of
 * the listed rows; only the rows in view are rendered; after a reload the desk finds the same voters.
 */
import { expect, test, type Page } from '@playwright/test';
import { csvPlain, people } from '../support/voter-files';
import { startDemo, importVoterList } from './helpers';

// Born in 1999 is under 18 on the demo's voting day (2017): those become 1989.
const LIST = people(2500, 20).map((p) => ({ ...p, birth: p.birth.replace(/1999$/u, '1989') }));

async function shown(page: Page, query: string): Promise<string[]> {
  await page.getByTestId('voter-search').fill(query);
  await expect(page.getByTestId('found-count')).toHaveAttribute('data-query', query);
  return page.getByTestId('voter-row').allInnerTexts();
}

test('2,500 voters: "асанов" finds 250 (listed: the first 200, rendered: only those in view); a reload finds the same', async ({ page }) => {
  await startDemo(page, 9001);
  await page.getByRole('button', { name: 'EN' }).click();
  await importVoterList(page, 'large.csv', csvPlain(LIST), '0 of 2,500');

  // The true counts, from the list itself.
  const asanov = LIST.filter((p) => p.surname === 'Асанов').length;
  const asanovBakyt = LIST.filter((p) => p.surname === 'Асанов' && p.name === 'Бакыт').length;
  const toktosunov = LIST.filter((p) => p.surname === 'Токтосунов').length;
  expect([asanov, asanovBakyt, toktosunov]).toEqual([250, 250, 250]);

  const before = await shown(page, 'асанов');
  await expect(page.getByTestId('found-count')).toHaveText(`Found: ${asanov}; the first 200 are listed — type more to narrow.`);
  // Rows are rendered only in view (8 rows tall, a few more above and below), never all 200.
  expect(before.length).toBeGreaterThan(0);
  expect(before.length).toBeLessThan(20);
  expect(before[0]).toContain('Асанов');

  await shown(page, 'асанов бакыт');
  await expect(page.getByTestId('found-count')).toHaveText(`Found: ${asanovBakyt}; the first 200 are listed — type more to narrow.`);
  await shown(page, `${LIST[37]!.page}/${LIST[37]!.row}`);
  await expect(page.getByTestId('found-count')).toHaveText('Found: 1');
  const doc = await shown(page, LIST[1234]!.document!);
  await expect(page.getByTestId('found-count')).toHaveText('Found: 1');
  expect(doc[0]).toContain(LIST[1234]!.surname);

  // The 200th Асанов gets a ballot (found by page/row, opened and issued with Enter).
  const last = LIST.filter((p) => p.surname === 'Асанов')[199]!;
  await shown(page, `${last.page}/${last.row}`);
  await page.getByTestId('voter-search').press('Enter');
  await expect(page.getByTestId('issue-ballot')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toContainText(`row ${last.row}`);

  // The rows scrolled to the end of the listed 200 are rendered too, with their status (statuses are
  // read for the rows in view: the 200th's is read when it scrolls in).
  await shown(page, 'асанов');
  await expect(page.getByTestId('voter-row').first()).toContainText('Not yet');
  await page.getByTestId('voter-results').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.getByTestId('voter-row').last()).toContainText(`${last.page}/${last.row}`);
  await expect(page.getByTestId('voter-row').last()).toContainText('Ballot issued');

  // The list was stored with its packed form and search index (what the reload opens from).
  const cached = await page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('precinct-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['listCache', 'projections'], 'readonly');
          const rows = tx.objectStore('listCache').getAllKeys();
          const meta = tx.objectStore('projections').get('voterList');
          tx.oncomplete = () => resolve([...(rows.result as string[]), (meta.result as { value: { listHash: string } }).value.listHash]);
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  expect(cached).toHaveLength(2);
  expect(cached[0]).toBe(cached[1]);

  // A reload opens the desk from the list read at the window's first line: the same voters, the
  // same counts, the issued ballot shown.
  await page.reload();
  await page.locator('a[href="#/voters"]').click();
  const after = await shown(page, 'асанов');
  await expect(page.getByTestId('found-count')).toHaveText(`Found: ${asanov}; the first 200 are listed — type more to narrow.`);
  expect(after).toEqual(before);
  await expect(page.getByTestId('issued-count')).toContainText('1 of 2,500');
  const issuedRow = await shown(page, `${last.page}/${last.row}`);
  expect(issuedRow).toHaveLength(1);
  await expect(page.getByTestId('voter-row')).toContainText('Ballot issued');
  const tokto = await shown(page, 'токтосунов');
  await expect(page.getByTestId('found-count')).toContainText(`Found: ${toktosunov};`);
  expect(tokto[0]).toContain('Токтосунов');
});
