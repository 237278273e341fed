/** The desk by keyboard (issue 16): Enter on the search opens the first hit, Enter on the card issues or says why not — also after an undo. */
import { expect, test, type Page } from '@playwright/test';
import { holdRequest, releaseHeld } from '../support/hold-request';
import { csvPlain, people } from '../support/voter-files';
import { pickVoterFile, startDemo, tr } from './helpers';

/** The demo at 9001 in English with a list of 10 voters imported on the desk's import screen. */
async function deskWithTen(page: Page): Promise<ReturnType<typeof people>> {
  await startDemo(page, 9001);
  await page.getByRole('button', { name: 'EN' }).click();
  await page.locator('a[href="#/voters"]').click();
  await page.getByTestId('go-import').click();
  const list = people(10);
  await pickVoterFile(page, 'list.csv', csvPlain(list));
  await page.getByTestId('import-check').click();
  await page.getByTestId('import-activate').click();
  return list;
}

test('open 1/7, issue, undo with a reason, type 1/7, Enter, Enter: issued again, always with a visible message', async ({ page }) => {
  const list = await deskWithTen(page);
  const v = list[6]!;
  const search = page.getByTestId('voter-search');

  // Enter with no hit says so.
  await search.fill('Жокбаев');
  await search.press('Enter');
  await expect(page.getByTestId('desk-message')).toHaveText(tr('en', 'voters:enterNoHit', { query: 'Жокбаев' }));

  await search.fill('1/7');
  await search.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toContainText(`${v.surname} ${v.name}`);
  await expect(page.getByTestId('issued-count')).toHaveText(tr('en', 'voters:issuedOf', { issued: '1', total: '10' }));

  // A second Enter on the same voter's card says why not.
  await search.fill('1/7');
  await search.press('Enter');
  await expect(page.getByTestId('already-issued')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toContainText('Refused: a ballot was already issued');

  // The minimum length of the reason is said before anything is typed.
  await expect(page.getByTestId('undo-reason-min')).toHaveText(tr('en', 'voters:undoReasonMin_other', { count: 5, typed: 0 }));
  await page.getByTestId('undo-reason').fill('Wrong person');
  await page.getByTestId('undo-issue').click();
  await expect(page.getByTestId('desk-message')).toHaveText(tr('en', 'voters:undone'));
  await expect(page.getByTestId('issued-count')).toHaveText(tr('en', 'voters:issuedOf', { issued: '0', total: '10' }));

  // The same voter again, by keyboard only: nothing clicked, the keys typed go to the search.
  await page.keyboard.type('1/7');
  await expect(search).toHaveValue('1/7');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('voter-detail')).toContainText(`${v.surname} ${v.name}`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toContainText(tr('en', 'voters:issued', { name: `${v.surname} ${v.name} ${v.patronymic}`, page: 1, row: 7 }));
  await expect(page.getByTestId('issued-count')).toHaveText(tr('en', 'voters:issuedOf', { issued: '1', total: '10' }));

  // Enter, a second Enter and the next voter typed at once, while the issue may still be being
  // written: one ballot, confirmed, and the keys are in the search box (not lost on the card).
  await search.fill('1/8');
  await search.press('Enter');
  await expect(page.getByTestId('issue-ballot')).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('1/9');
  await expect(search).toHaveValue('1/9');
  await expect(search).toBeFocused();
  await expect(page.getByTestId('desk-message')).toContainText(tr('en', 'voters:issued', { name: `${list[7]!.surname} ${list[7]!.name} ${list[7]!.patronymic}`, page: 1, row: 8 }));
  await expect(page.getByTestId('issued-count')).toHaveText(tr('en', 'voters:issuedOf', { issued: '2', total: '10' }));
});

test('the next voter typed while a ballot is still being written replaces the issued voter\'s text in the box, not adds to it', async ({ page }) => {
  const list = await deskWithTen(page);
  const search = page.getByTestId('voter-search');

  await search.fill('1/8');
  await search.press('Enter');
  await expect(page.getByTestId('issue-ballot')).toBeFocused();
  await page.evaluate(holdRequest, { store: 'events', methods: ['add', 'put'] });
  // Enter issues (its write held), a second Enter and the next voter's place typed at once.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('1/9');
  await expect(search).toHaveValue('1/9');
  await expect(search).toBeFocused();
  await expect(page.getByTestId('desk-message')).toHaveCount(0);
  await page.evaluate(releaseHeld);
  await expect(page.getByTestId('desk-message')).toContainText(tr('en', 'voters:issued', { name: `${list[7]!.surname} ${list[7]!.name} ${list[7]!.patronymic}`, page: 1, row: 8 }));
  await expect(search).toHaveValue('1/9');
  await expect(page.getByTestId('found-count')).toHaveAttribute('data-query', '1/9');
  await expect(page.getByTestId('issued-count')).toHaveText(tr('en', 'voters:issuedOf', { issued: '1', total: '10' }));
});
