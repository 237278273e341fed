/**
 * Voting day at precinct 9001 (Moscow, 6,707 voters), in Kyrgyz, the default UI language:
 * the CEC list as a Windows-1251 CSV, a voter found by a name typed with н/о/у, a ballot issued with
 * the keyboard only, a second issue refused (when, by whom), the issue undone by the secretary with a
 * written reason, page sums and turnout following each step; then a broken file changes nothing.
 * A second test: a UTF-8 list with the real ң ө ү is found by the same н/о/у typing.
 */
import { expect, test, type Page } from '@playwright/test';
import type { VoterRecord } from '../../shared/voters';
import { encodeWindows1251, utf8 } from '../unit/shared/voters/cp1251';
import { generateVoters, votersToCsv } from '../unit/shared/voters/generate';
import { num, pickVoterFile, startDemo, tr } from './helpers';

const LIST_SIZE = 6707; // precinct 9001 in 2017
// 11:30 on voting day in Moscow: after the 10:00 report, before the 13:00 one (moved on later).
const VOTING_MORNING = new Date('2017-10-15T11:30:00+03:00');
const MEMBER = { id: 'm9001-4', name: 'Үсөнова Гүлзат (демо)' };
const SECRETARY = { id: 'm9001-3', name: 'Асанов Нурлан (демо)' };

const LOOKALIKE: Record<string, string> = { ң: 'н', Ң: 'Н', ө: 'о', Ө: 'О', ү: 'у', Ү: 'У' };
const lookalike = (s: string) => s.replace(/[ңҢөӨүҮ]/gu, (c) => LOOKALIKE[c]!);
const fullName = (v: VoterRecord) => [v.surname, v.name, v.patronymic].filter(Boolean).join(' ');

/** A voter whose surname and name both carry ң/ө/ү and whose "surname name" is unique in the list. */
function kyrgyzVoter(voters: readonly VoterRecord[]): VoterRecord {
  const key = (v: VoterRecord) => `${lookalike(v.surname)} ${lookalike(v.name)}`.toLowerCase();
  const counts = new Map<string, number>();
  for (const v of voters) counts.set(key(v), (counts.get(key(v)) ?? 0) + 1);
  const v = voters.find((x) => /[ңөү]/iu.test(x.surname) && /[ңөү]/iu.test(x.name) && x.patronymic && counts.get(key(x)) === 1 && x.page > 1);
  if (!v) throw new Error('no voter with Kyrgyz letters in the generated list');
  return v;
}

/** The typed query: lower case, н/о/у for ң/ө/ү (a keyboard without the Kyrgyz layout). */
const typedQuery = (v: VoterRecord) => lookalike(`${v.surname} ${v.name}`).toLowerCase();

async function importList(page: Page, name: string, bytes: Uint8Array, encoding: string, count: number) {
  await page.locator('a[href="#/voters"]').click();
  await page.getByTestId('go-import').click();
  await pickVoterFile(page, name, bytes);
  await expect(page.getByTestId('import-read')).toContainText(encoding);
  await expect(page.getByTestId('import-read')).toContainText(num(count, 'ky'));
  await expect(page.getByTestId('import-read').locator('.alert')).toHaveCount(0);
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-result')).toContainText(tr('ky', 'import:allGood_other', { count: num(count, 'ky') }));
  await page.getByTestId('import-activate').click();
  await expect(page.getByTestId('issued-count')).toHaveText(tr('ky', 'voters:issuedOf', { issued: '0', total: num(count, 'ky') }));
}

/** Event types in the log, straight from IndexedDB. */
function eventTypes(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('precinct-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('events').objectStore('events').getAll();
          req.onsuccess = () => {
            resolve((req.result as { type: string }[]).map((e) => e.type));
            open.result.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

test.describe('voting day at precinct 9001', () => {
  test('6,707 voters from a Windows-1251 file: find, issue by keyboard, refuse, undo by the secretary; sums and turnout follow; a broken file changes nothing', async ({ page }) => {
    test.setTimeout(90_000);
    await page.clock.setSystemTime(VOTING_MORNING);
    const voters = generateVoters(LIST_SIZE, 9001);
    const csv = votersToCsv(voters, { delimiter: ';' });
    // 1251 cannot hold ң ө ү: the file carries н/о/у typed in their place, as hand-made lists do.
    const bytes = encodeWindows1251(csv, 'lookalike');
    const target = kyrgyzVoter(voters);
    const shown = lookalike(fullName(target));

    await startDemo(page, 9001);
    // Look-alikes are no lost letters: read without a warning.
    await importList(page, 'spisok-9001.csv', bytes, 'windows-1251', LIST_SIZE);
    const pages = Math.ceil(LIST_SIZE / 20);

    // A member at the desk: type, Enter, Enter — no mouse.
    await page.getByTestId('operator').selectOption(MEMBER.id);
    const search = page.getByTestId('voter-search');
    await search.focus();
    await page.keyboard.type(typedQuery(target));
    await expect(page.getByTestId('voter-row').first()).toContainText(shown);
    await expect(page.getByTestId('voter-row').first()).toContainText(`${target.page}/${target.row}`);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('issue-ballot')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('desk-message')).toHaveText(tr('ky', 'voters:issued', { name: shown, page: target.page, row: target.row }));
    await expect(page.getByTestId('issued-count')).toHaveText(tr('ky', 'voters:issuedOf', { issued: '1', total: num(LIST_SIZE, 'ky') }));
    await expect(search).toBeFocused();
    await expect(search).toHaveValue('');

    // Page sums and turnout: one ballot, on the voter's page, counted at 13:00 and later.
    await page.locator('a[href="#/voters-pages"]').click();
    await expect(page.getByTestId('page-totals').locator('th').nth(1)).toHaveText(num(LIST_SIZE, 'ky'));
    await expect(page.getByTestId('page-totals').locator('th').nth(2)).toHaveText('1');
    await expect(page.getByTestId(`page-${target.page}`).locator('td').nth(2)).toHaveText('1');
    await expect(page.getByTestId('turnout-10:00').locator('td').nth(1)).toHaveText('0');
    // 13:00 has not come yet: no figure (today's count there would read as the 13:00 report).
    await expect(page.getByTestId('turnout-13:00').locator('td').nth(1)).toHaveText('—');
    await page.clock.setSystemTime(new Date('2017-10-15T13:05:00+03:00'));
    await page.locator('a[href="#/voters"]').click();
    await page.locator('a[href="#/voters-pages"]').click();
    await expect(page.getByTestId(`page-${pages}`).locator('td').nth(1)).toHaveText(String(LIST_SIZE - (pages - 1) * 20));
    await expect(page.getByTestId('turnout-10:00').locator('td').nth(1)).toHaveText('0');
    await expect(page.getByTestId('turnout-13:00').locator('td').nth(1)).toHaveText('1');
    await expect(page.getByTestId('turnout-13:00').locator('td').nth(2)).toHaveText(`${num(Math.round((1 / LIST_SIZE) * 10000) / 100, 'ky')} %`);

    // A second attempt: the card says when and by whom; issuing anyway is refused the same way.
    await page.locator('a[href="#/voters"]').click();
    await search.focus();
    await page.keyboard.type(typedQuery(target));
    await expect(page.getByTestId('voter-row').first()).toContainText(tr('ky', 'voters:status.issued'));
    await page.keyboard.press('Enter');
    // "when" is the Moscow time of the issue (the clock runs on from 11:30).
    const when = (key: string) => {
      const text = tr('ky', key, { at: '\u0000', by: MEMBER.name }).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
      return new RegExp(`^${text.replace('\u0000', '2017-ж\\., 15-окт\\., 11:3\\d')}$`, 'u');
    };
    await expect(page.getByTestId('already-issued')).toHaveText(when('voters:alreadyIssued'));
    await page.getByTestId('issue-again').click();
    await expect(page.getByTestId('desk-message')).toHaveText(when('voters:refusedAlready'));
    await expect(page.getByTestId('issued-count')).toContainText(`1 / ${num(LIST_SIZE, 'ky')}`);

    // A member may not undo; the secretary may, with a written reason.
    await expect(page.getByTestId('undo-reason')).toBeDisabled();
    await expect(page.getByTestId('voter-detail')).toContainText(tr('ky', 'voters:undoOnlyChairSecretary'));
    await page.getByTestId('operator').selectOption(SECRETARY.id);
    await expect(page.getByTestId('undo-issue')).toBeDisabled();
    const reason = 'Бюллетень туура эмес адамга берилди';
    await page.getByTestId('undo-reason').fill(reason);
    await page.getByTestId('undo-issue').click();
    await expect(page.getByTestId('desk-message')).toHaveText(tr('ky', 'voters:undone'));
    await expect(page.getByTestId('issued-count')).toContainText(`0 / ${num(LIST_SIZE, 'ky')}`);
    await expect(page.getByTestId('voter-detail')).toContainText(`${SECRETARY.name}: ${reason}`);

    // Undone after 13:00: the 13:00 figure stays 1, the 16:00 one counts the undo.
    await page.clock.setSystemTime(new Date('2017-10-15T16:05:00+03:00'));
    await page.locator('a[href="#/voters-pages"]').click();
    await expect(page.getByTestId('page-totals').locator('th').nth(2)).toHaveText('0');
    await expect(page.getByTestId(`page-${target.page}`).locator('td').nth(2)).toHaveText('0');
    await expect(page.getByTestId('turnout-13:00').locator('td').nth(1)).toHaveText('1');
    await expect(page.getByTestId('turnout-16:00').locator('td').nth(1)).toHaveText('0');

    // Issued again (the right person came back), then a newer file that is broken on line 3,001.
    await page.locator('a[href="#/voters"]').click();
    await search.focus();
    await page.keyboard.type(typedQuery(target));
    await expect(page.getByTestId('voter-row').first()).toContainText(tr('ky', 'voters:status.notYet'));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('issue-ballot')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('issued-count')).toContainText(`1 / ${num(LIST_SIZE, 'ky')}`);
    const before = await eventTypes(page);
    expect(before.filter((t) => t === 'VoterListActivated')).toHaveLength(1);

    const lines = csv.split('\r\n');
    const cells = lines[3000]!.split(';');
    cells[2] = `"${cells[2]}`;
    lines[3000] = cells.join(';');
    await page.getByRole('button', { name: tr('ky', 'voters:importNewer') }).click();
    await pickVoterFile(page, 'spisok-9001-v2.csv', encodeWindows1251(lines.join('\r\n'), 'lookalike'));
    const error = page.getByTestId('import-error');
    await expect(error).toContainText(tr('ky', 'import:refused', { file: 'spisok-9001-v2.csv' }));
    await expect(error).toContainText(tr('ky', 'import:problem.unterminated-quote', { line: 3001 }));
    await expect(page.getByTestId('mapping')).toHaveCount(0);
    await expect(page.getByTestId('import-activate')).toHaveCount(0);

    await page.locator('a[href="#/voters"]').click();
    await expect(page.getByTestId('issued-count')).toHaveText(tr('ky', 'voters:issuedOf', { issued: '1', total: num(LIST_SIZE, 'ky') }));
    expect(await eventTypes(page)).toEqual(before);
    await page.locator('a[href="#/voters-pages"]').click();
    await expect(page.getByTestId('page-totals').locator('th').nth(1)).toHaveText(num(LIST_SIZE, 'ky'));
    await expect(page.getByTestId('page-totals').locator('th').nth(2)).toHaveText('1');
  });

  test('a UTF-8 list with ң ө ү: the names are found typed with н/о/у; a 1251 file that lost them is flagged', async ({ page }) => {
    const voters = generateVoters(LIST_SIZE, 17);
    // The registry's own export: UTF-8, the Kyrgyz letters intact. Row 1 of page 1 is Үсөнова Гүлзат.
    const first = voters[0]!;
    voters[0] = { ...first, surname: 'Үсөнова', name: 'Гүлзат', patronymic: 'Кеңешовна' };
    const csv = votersToCsv(voters, { delimiter: ';' });
    await startDemo(page, 9001);

    // Saved by Excel in Windows-1251, the same list has lost its ң ө ү: the import warns.
    await page.locator('a[href="#/voters"]').click();
    await page.getByTestId('go-import').click();
    await pickVoterFile(page, 'spisok-1251.csv', encodeWindows1251(csv));
    await expect(page.getByTestId('import-read')).toContainText('windows-1251');
    await expect(page.getByTestId('import-read')).toContainText(tr('ky', 'import:warning.kyrgyz-letters-lost'));

    await importList(page, 'spisok-utf8.csv', utf8(csv), 'utf-8', LIST_SIZE);
    const search = page.getByTestId('voter-search');
    await search.fill('усонова гулзат');
    await expect(page.getByTestId('voter-row').first()).toContainText('Үсөнова Гүлзат Кеңешовна');
    await expect(page.getByTestId('voter-row').first()).toContainText('1/1');
    await search.fill('усонова гулзат кенеш');
    await expect(page.getByTestId('voter-row')).toHaveCount(1);
    // Issued, and the next name typed at once: the finished write must not wipe what is being typed.
    await search.press('Enter');
    await page.getByTestId('issue-ballot').click();
    await search.fill('асан');
    await expect(page.getByTestId('desk-message')).toContainText('Үсөнова Гүлзат Кеңешовна');
    await expect(search).toHaveValue('асан');
    await expect(page.getByTestId('voter-row').first()).toBeVisible();
    // Every voter whose name has ң ө ү is found with the letters typed as н о у.
    const target = kyrgyzVoter(voters.slice(1));
    await search.fill(typedQuery(target));
    await expect(page.getByTestId('voter-row').first()).toContainText(fullName(target));
    await expect(page.getByTestId('voter-row').first()).toContainText(`${target.page}/${target.row}`);
  });
});
