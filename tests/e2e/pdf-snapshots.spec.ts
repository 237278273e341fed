import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { matchPdfSnapshot } from '../support/pdf-snapshot';
import { drawTeam, handOverAndDepart, openPrinted, recordReceipt, startDemoWithList } from './helpers';

/**
 * PDF snapshots of every printed form, in Kyrgyz and in Russian: printed as Electron prints them
 * (CSS page size, backgrounds on), rendered in grey at 50 dpi and compared with the references in
 * tests/e2e/pdf-snapshots/ (tests/support/pdf-snapshot.ts says how). `UPDATE_PDF_SNAPSHOTS=1`
 * writes the references instead — look at every one before committing it.
 *
 * Deterministic input: demo precinct 9019 (Japan, 69 voters, Asia/Tokyo) with its generated list, a
 * frozen clock (voting day 15 Oct 2017), the same few facts entered every run, the project's bundled
 * Noto Sans (assets/fonts). The protocol's hash and QR codes follow from these facts and print as they are.
 */
const DIR = fileURLToPath(new URL('./pdf-snapshots', import.meta.url));
const FAIL_DIR = fileURLToPath(new URL('../../test-results/pdf-snapshots', import.meta.url));
const UPDATE = process.env.UPDATE_PDF_SNAPSHOTS === '1';
const at = (iso: string) => new Date(iso);

/** The print page once everything on it is read and laid out: nothing busy, fonts loaded, the document unchanged for 200 ms. */
async function settled(page: Page) {
  await openPrinted(page);
  await page.evaluate(async () => {
    await document.fonts.ready;
    const doc = document.querySelector('[data-testid="print-document"]');
    let last = '';
    for (let stable = 0; stable < 2; ) {
      await new Promise((r) => setTimeout(r, 100));
      const now = doc?.innerHTML ?? '';
      stable = now === last ? stable + 1 : 0;
      last = now;
    }
  });
}

async function print(page: Page): Promise<Buffer> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  return pdf;
}

interface Form {
  name: string;
  route: string;
  /** sessionStorage set before the page opens (the choice its toolbar would make). */
  session?: Record<string, string>;
  /** A variant of the form before it: chosen in its toolbar (the same page stays open). */
  pick?: { testId: string; value: string };
}

/** Every printed form (every PrintFrame) of a set-up precinct; the training handout is printed apart. */
const FORMS: Form[] = [
  { name: 'calendar', route: 'print-calendar' },
  { name: 'page-sums', route: 'print-pages' },
  { name: 'applications', route: 'print-applications' },
  { name: 'outpremises-register', route: 'print-outpremises' },
  { name: 'trip-sheets', route: 'print-trips' },
  { name: 'opening-act', route: 'print-opening-act' },
  { name: 'postings', route: 'print-postings' },
  { name: 'posted-control-list', route: 'print-posted-list', session: { 'precinct-desk.print.posted-list': 'control-list' } },
  { name: 'posted-preliminary-list', route: 'print-posted-list', pick: { testId: 'posted-kind', value: 'preliminary-list' } },
  { name: 'participants-list', route: 'print-participants' },
  { name: 'mobile-count-act', route: 'print-mobile-count' },
  { name: 'act-ballots', route: 'print-act-ballots' },
  { name: 'act-issued', route: 'print-act-issued' },
  { name: 'protocol', route: 'print-protocol', session: { 'precinct-desk.print.protocolCopy': 'original:1' } },
  { name: 'protocol-certified-copy', route: 'print-protocol', pick: { testId: 'print-copy', value: 'certified:1' } },
  { name: 'meeting', route: 'print-meeting' },
  { name: 'enlarged-a2', route: 'print-enlarged', session: { 'precinct-desk.print.enlarged': 'a2' } },
  { name: 'enlarged-tiles', route: 'print-enlarged', pick: { testId: 'enlarged-mode', value: 'tiles' } },
  { name: 'copies-log', route: 'print-copies' },
  { name: 'handover', route: 'print-handover' },
];

async function open(page: Page, form: Form) {
  if (form.pick) await page.getByTestId(form.pick.testId).selectOption(form.pick.value);
  else await page.evaluate(({ route, session }) => {
    for (const [k, v] of Object.entries(session ?? {})) sessionStorage.setItem(k, v);
    window.location.hash = `#/${route}`;
  }, form);
  await settled(page);
}

async function language(page: Page, lng: 'KY' | 'RU' | 'EN') {
  await page.evaluate(() => {
    window.location.hash = '#/calendar';
  });
  await page.getByRole('button', { name: lng, exact: true }).click();
}

test('every printed form in Kyrgyz and Russian matches its reference images', async ({ page }) => {
  test.setTimeout(360_000);
  page.setDefaultTimeout(15_000);
  const failures: string[] = [];
  const check = (pdf: Buffer, name: string) => {
    // PDF_SNAPSHOT_KEEP=<dir> keeps the printed PDFs, to look at them at a readable resolution.
    if (process.env.PDF_SNAPSHOT_KEEP) writeFileSync(join(process.env.PDF_SNAPSHOT_KEEP, `${name}.pdf`), pdf);
    failures.push(...matchPdfSnapshot(pdf, name, { dir: DIR, failDir: FAIL_DIR, update: UPDATE }));
  };

  // 12 October, 12:00 in Tokyo: one out-of-premises application, before its deadline.
  await page.clock.setFixedTime(at('2017-10-12T03:00:00Z'));
  await startDemoWithList(page, 9019);
  await page.locator('.nav a[href="#/outpremises"]').click();
  await page.getByTestId('op-search').fill('1/2');
  await page.getByTestId('op-hit').first().click();
  await page.getByTestId('op-reason').selectOption('illness');
  await page.getByTestId('op-register').click();
  await expect(page.getByTestId('outpremises-message')).toContainText('Entered in the register: No. 1');

  // 13 October, 15:00 in Tokyo: the lots drawn, one mobile team of two with box 1.
  await page.clock.setFixedTime(at('2017-10-13T06:00:00Z'));
  await drawTeam(page, { operator: 'Оператор ИО', seal: 'S-0001' });

  // Voting day, 08:00 in Tokyo: 69 ballots received under act No. 12.
  await page.clock.setFixedTime(at('2017-10-14T23:00:00Z'));
  await page.locator('.nav a[href="#/ledger"]').click();
  await recordReceipt(page, '12', 69);

  // 09:30 in Tokyo: the team takes 3 ballots against signature and leaves.
  await page.clock.setFixedTime(at('2017-10-15T00:30:00Z'));
  await page.locator('.nav a[href="#/outpremises"]').click();
  await handOverAndDepart(page, 3);

  // 10:00 in Tokyo: one ballot issued at the desk.
  await page.clock.setFixedTime(at('2017-10-15T01:00:00Z'));
  await page.locator('.nav a[href="#/voters"]').click();
  await page.getByTestId('voter-search').fill('1/1');
  await page.getByTestId('voter-search').press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toContainText('Ballot issued');

  // 21:30 in Tokyo: the protocol signed; a certified copy given to an observer.
  await page.clock.setFixedTime(at('2017-10-15T12:30:00Z'));
  await page.locator('.nav a[href="#/protocol"]').click();
  const figures: Record<number, number> = { 1: 69, 2: 69, 3: 1, 4: 0, 5: 1, 6: 68, 7: 0, 8: 0, 9: 1, 10: 0, 11: 1, 12: 1 };
  await expect(page.getByTestId('line-1')).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const lines = await page.locator('[data-testid^="line-"]').count();
  for (let line = 1; line <= lines; line += 1) await page.getByTestId(`line-${line}`).fill(String(figures[line] ?? 0));
  for (let line = 1; line <= lines; line += 1) await expect(page.getByTestId(`line-${line}`)).toHaveValue(String(figures[line] ?? 0));
  for (const box of await page.getByTestId('acknowledge').all()) await box.check();
  await page.getByTestId('protocol-sign').click();
  await expect(page.getByTestId('protocol-signed')).toContainText('Signed version 1');
  await page.getByTestId('copy-name').fill('Бакиров Бакыт');
  await page.getByTestId('copy-issue').click();
  await expect(page.getByTestId('print-protocol')).toBeVisible();

  // Printed the same night, 22:00 in Tokyo.
  await page.clock.setFixedTime(at('2017-10-15T13:00:00Z'));
  for (const lng of ['ky', 'ru'] as const) {
    await language(page, lng === 'ky' ? 'KY' : 'RU');
    for (const form of FORMS) {
      const t0 = Date.now();
      await open(page, form);
      const t1 = Date.now();
      const pdf = await print(page);
      const t2 = Date.now();
      check(pdf, `${form.name}-${lng}`);
      if (process.env.SNAP_TIMING) console.log(form.name, lng, t1 - t0, t2 - t1, Date.now() - t2);
    }
    // The notice to voters is bilingual whatever the window's language: printed once.
    if (lng === 'ky') {
      await open(page, { name: 'voter-notice', route: 'print-voter-notice' });
      check(await print(page), 'voter-notice');
    }
  }

  // A training scenario's handout (training mode keeps its own database; the handout needs no setup).
  for (const lng of ['ky', 'ru'] as const) {
    await page.evaluate((language) => {
      localStorage.setItem('precinct-desk.mode', 'training');
      localStorage.setItem('precinct-desk.language', language);
      sessionStorage.setItem('precinct-desk.training.handout', 'correction');
    }, lng);
    await page.goto('/#/print-handout');
    await page.reload();
    await expect(page.getByTestId('handout')).toBeVisible({ timeout: 30_000 });
    await settled(page);
    check(await print(page), `training-handout-${lng}`);
  }

  expect(failures).toEqual([]);
});
