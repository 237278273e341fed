import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { demoBundle } from '../../shared/election/demo';
import { localDateTimeIn } from '../../shared/time/zone';

/**
 * The demo's voting day: 'today' (the app's default: voting day is today in the precinct's zone, the
 * desk works on the running clock) or 'historical' (15 October 2017, the calendar of that election).
 * By default the helper follows the page's clock: a test that has put the clock in 2017 gets the
 * historical election it was written for; a test on the real clock gets voting day today.
 */
export type DemoDay = 'today' | 'historical';
export interface DemoOptions {
  votingDay?: DemoDay;
}

/** The IANA zone of a demo precinct. */
export function demoZone(precinct: number): string {
  const zone = demoBundle().precincts.find((p) => p.number === precinct)?.timeZone;
  if (!zone) throw new Error(`no demo precinct ${precinct}`);
  return zone;
}

/**
 * A today's demo keeps the law's hours, 08:00–20:00 in the precinct's zone, when the real clock there
 * is within them (with half an hour to spare). A run at another hour for that zone (the suite runs at
 * any time of day) starts the demo with its "all day, for practice" hours instead, so a test that is
 * not about the hours never meets the refusal — and the clock is never touched: the desk runs on the
 * real, running clock either way.
 */
export function demoNeedsAllDay(precinct: number, now = new Date()): boolean {
  const local = localDateTimeIn(now, demoZone(precinct));
  return !(local.time >= '08:00' && local.time < '19:30');
}

async function demoDayOf(page: Page, options: DemoOptions): Promise<DemoDay> {
  if (options.votingDay) return options.votingDay;
  const year = await page.evaluate(() => new Date().getUTCFullYear());
  return year <= 2017 ? 'historical' : 'today';
}

/** On the first-run screen: the demo, its precinct and its voting day (see `DemoOptions`). */
export async function chooseDemo(page: Page, precinct: number, options: DemoOptions = {}): Promise<void> {
  const day = await demoDayOf(page, options);
  await page.getByTestId('choose-demo').click();
  await page.getByRole('radio', { name: new RegExp(`^${precinct} `, 'u') }).check();
  if (day === 'historical') await page.getByTestId('demo-day-historical').check();
  else if (demoNeedsAllDay(precinct, new Date(await page.evaluate(() => Date.now())))) await page.getByTestId('demo-hours-all-day').check();
}

/** First run in Kyrgyz → demo election → the given precinct (voting day: see `DemoOptions`). */
export async function startDemo(page: Page, precinct = 9001, url = '/', options: DemoOptions = {}): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('language-step')).toBeVisible();
  await page.getByTestId('language-continue').click();
  await chooseDemo(page, precinct, options);
  await page.getByTestId('demo-start').click();
  await expect(page.getByTestId('active-precinct')).toContainText(String(precinct));
}

export async function pickFile(page: Page, testId: string, name: string, content: string): Promise<void> {
  await page.getByTestId(testId).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content, 'utf8') });
}

/** A UI text from the locale files, with {{param}} filled in (as i18next does, without escaping). */
export function tr(lng: 'ky' | 'ru' | 'en', key: string, params: Record<string, string | number> = {}): string {
  const [ns, path] = key.split(':') as [string, string];
  const json = JSON.parse(readFileSync(new URL(`../../locales/${lng}/${ns}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
  const value = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], json);
  if (typeof value !== 'string') throw new Error(`no text ${lng}/${key}`);
  return value.replace(/\{\{(\w+)(?:, *\w+)?\}\}/gu, (_, p: string) => String(params[p] ?? ''));
}

/** Numbers as the UI writes them (Kyrgyz groups digits as Russian does). */
export function num(n: number, lng: 'ky' | 'ru' | 'en'): string {
  return new Intl.NumberFormat(lng === 'ky' ? 'ru' : lng).format(n);
}

/** The out-of-premises screen: team 1's members (their places in its list), its operator and the seal of its box; the drawing of lots recorded. */
export async function drawTeam(page: Page, team: { operator: string; seal: string; members?: readonly number[]; lng?: 'en' | 'ky' }): Promise<void> {
  const draw = page.getByTestId('op-draw-team-1');
  for (const member of team.members ?? [0, 3]) await draw.getByRole('checkbox').nth(member).check();
  await page.getByTestId('op-operator-1').fill(team.operator);
  await page.getByTestId('op-seal-1').fill(team.seal);
  await page.getByTestId('op-draw').click();
  await expect(page.getByTestId('op-teams-message')).toContainText(tr(team.lng ?? 'en', 'outpremises:teams.drawn'));
}

/** The out-of-premises screen (English): team 1 takes `ballots` (two or more) against signature, then leaves; each recorded. */
export async function handOverAndDepart(page: Page, ballots: number): Promise<void> {
  await page.getByTestId('op-hand-count-1').fill(String(ballots));
  await page.getByTestId('op-hand-1').click();
  await expect(page.getByTestId('op-teams-message')).toContainText(`${ballots} ballots handed to the team`);
  await page.getByTestId('op-depart-1').click();
  await expect(page.getByTestId('op-teams-message')).toContainText('Departure recorded');
}

/** The ledger screen (English): `ballots` (two or more) received under act No. `act`, recorded. */
export async function recordReceipt(page: Page, act: string, ballots: number): Promise<void> {
  await page.getByTestId('receipt-act').fill(act);
  await page.getByTestId('receipt-count').fill(String(ballots));
  await page.getByTestId('receipt-record').click();
  await expect(page.getByTestId('ledger-message')).toContainText(`Recorded: ${ballots} ballots under act No. ${act}.`);
}

/** Picks a voter-list file by its bytes. */
export async function pickVoterFile(page: Page, name: string, bytes: Uint8Array, mimeType = 'text/csv'): Promise<void> {
  await page.getByTestId('voter-file').setInputFiles({ name, mimeType, buffer: Buffer.from(bytes) });
}

/**
 * From any screen of an English window: the desk → import → `name` picked → checked → activated
 * with nothing to decide on the review; the desk then counts `issued` ("0 of 2,500").
 */
export async function importVoterList(page: Page, name: string, bytes: Uint8Array, issued: string): Promise<void> {
  await page.locator('a[href="#/voters"]').click();
  await page.getByTestId('go-import').click();
  await pickVoterFile(page, name, bytes);
  await page.getByTestId('import-check').click();
  await page.getByTestId('import-activate').click();
  await expect(page.getByTestId('issued-count')).toContainText(issued);
}

/** First run in Kyrgyz → the demo at `precinct` with a generated list of its size → English. */
export async function startDemoWithList(page: Page, precinct: number, options: DemoOptions = {}): Promise<void> {
  await page.goto('/');
  await page.getByTestId('language-continue').click();
  await chooseDemo(page, precinct, options);
  await page.getByTestId('demo-with-list').check();
  await page.getByTestId('demo-start').click();
  await page.getByRole('button', { name: 'EN' }).click();
}

/** Every record of every object store of a database, in key order, as JSON. */
export async function dumpDatabase(page: Page, name: string): Promise<string> {
  return page.evaluate(
    (dbName) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, unknown[]> = {};
          for (const n of names) {
            const req = tx.objectStore(n).getAll();
            req.onsuccess = () => {
              out[n] = req.result;
            };
          }
          tx.oncomplete = () => {
            db.close();
            resolve(JSON.stringify(out));
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    name,
  );
}

/**
 * A print page once it is ready to print, as a member would see it: its document shown, neither the
 * document nor anything in it saying it is busy (aria-busy: the print frame says so while any live read
 * of the page awaits its first answer, showing a query's default — no rows, zeros — not the facts) and
 * Print enabled, all on the same frame. Opens `url` first when given. Every e2e test that reads a
 * printed page, prints it (page.pdf) or snapshots it goes through here, never acting on the document as
 * soon as it is merely visible. Nothing on the page may say it is busy, the document or anything else.
 */
export async function openPrinted(page: Page, url?: string): Promise<Locator> {
  if (url !== undefined) await page.goto(url);
  const doc = page.getByTestId('print-document');
  await expect(doc).toBeVisible();
  await page.waitForFunction(() => {
    const shown = document.querySelector('[data-testid="print-document"]');
    const print = document.querySelector<HTMLButtonElement>('[data-testid="print-now"]');
    return shown !== null && document.querySelector('[aria-busy="true"]') === null && print !== null && !print.disabled;
  });
  return doc;
}
