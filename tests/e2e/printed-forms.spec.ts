import { expect, test, type Page } from '@playwright/test';
import { openPrinted, startDemoWithList, tr } from './helpers';
import { greyShare, pdfPages } from './pdf';

/**
 * The papers a commission signs, printed as Electron prints them (backgrounds on) and read back with
 * pdftotext and pdftoppm: precinct 9019 (Japan, 69 voters, Asia/Tokyo); voting day 15 Oct 2017.
 */
const at = (iso: string) => new Date(iso);
const SHOTS = process.env.SHOTS;
const flat = (s: string) => s.replace(/\s+/gu, ' ');

async function printPdf(page: Page, name: string): Promise<Buffer> {
  // A page still reading its facts says so (aria-busy); print what it shows once read, as a member would.
  await openPrinted(page);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  if (SHOTS) (await import('node:fs')).writeFileSync(`${SHOTS}/${name}.pdf`, pdf);
  return pdf;
}

/** No page is covered by a large grey block (the screen's background printed with backgrounds on). */
function expectNoGreyBlock(pdf: Buffer) {
  for (const share of greyShare(pdf)) expect(share).toBeLessThan(0.05);
}

async function fillProtocol(page: Page, figures: Record<number, number>) {
  const count = await page.locator('[data-testid^="line-"]').count();
  for (let line = 1; line <= count; line += 1) await page.getByTestId(`line-${line}`).fill(String(figures[line] ?? 0));
}

/** A version's print page from the history, once its figures are on it. */
async function openVersion(page: Page, version: number) {
  await page.getByTestId(`version-print-${version}`).click();
  await openPrinted(page);
  await expect(page.getByTestId('print-protocol')).toBeVisible();
}

async function language(page: Page, lng: 'KY' | 'RU' | 'EN') {
  await page.getByRole('button', { name: lng, exact: true }).click();
  // Switched once its words are in (a chunk of their own, loaded on the switch): a page printed
  // before that comes out in the language before (a clean-clone CI run printed it in English once).
  await expect(page.locator('html')).toHaveAttribute('lang', lng.toLowerCase());
}

/** The poster's lines as laid out: number, label, and whether the row keeps clear of the seam between the upper and lower sheets. */
async function posterRows(page: Page) {
  const tile = page.getByTestId('enlarged-tile').first();
  return tile.locator('tr[data-line]').evaluateAll((rows) => {
    const sheet = rows[0]?.closest('.enlarged-sheet');
    const top = sheet?.getBoundingClientRect().top ?? 0;
    const pxPerMm = (sheet as HTMLElement | null)?.offsetWidth ?? 0;
    return rows.map((r) => {
      const box = r.getBoundingClientRect();
      const mm = pxPerMm / 420;
      const seam = 297 * mm;
      return {
        number: r.getAttribute('data-line') ?? '',
        label: r.querySelectorAll('td')[1]?.textContent ?? '',
        clear: box.bottom - top <= seam || box.top - top >= seam,
      };
    });
  });
}

async function expectPosterHoldsEveryLine(page: Page, pdf: Buffer) {
  const rows = await posterRows(page);
  expect(rows.length).toBe(16);
  expect(rows.filter((r) => !r.clear)).toEqual([]);
  const text = flat(pdfPages(pdf).join(' '));
  for (const r of rows) expect(text).toContain(`${r.number} ${flat(r.label).slice(0, 15)}`);
}

test('protocol papers: the poster before signing holds every line; v1 printed after v2 says it is superseded on every page; print and signing times, signatures, copies, words, unsigned QR', async ({ page }) => {
  test.setTimeout(150_000);
  page.setDefaultTimeout(15_000);
  await page.clock.setFixedTime(at('2017-10-15T01:00:00Z'));
  await startDemoWithList(page, 9019);
  await page.locator('.nav a[href="#/voters"]').click();
  await page.getByTestId('voter-search').fill('1/1');
  await page.getByTestId('voter-search').press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toContainText('Ballot issued');

  // The enlarged form prints before anything is signed: blank cells, filled in by hand during the count.
  await page.locator('.nav a[href="#/protocol"]').click();
  await language(page, 'KY');
  await page.getByTestId('protocol-prints').click();
  await page.getByTestId('prints-enlarged').click();
  await openPrinted(page);
  await page.getByTestId('enlarged-mode').selectOption('tiles');
  await expect(page.getByTestId('enlarged-state').first()).toContainText('Кол коюла элек');
  const blank = await printPdf(page, 'enlarged-blank-ky');
  await expectPosterHoldsEveryLine(page, blank);
  expectNoGreyBlock(blank);
  await page.goBack();
  await page.goBack();
  await language(page, 'EN');

  // Signed at 21:30 in Tokyo by the members present; one member's dissenting opinion is attached.
  await page.clock.setFixedTime(at('2017-10-15T12:30:00Z'));
  await page.locator('.nav a[href="#/protocol"]').click();
  const good: Record<number, number> = { 1: 69, 2: 69, 3: 1, 4: 0, 5: 1, 6: 68, 7: 0, 8: 0, 9: 1, 10: 0, 11: 1, 12: 1 };
  await fillProtocol(page, good);
  await page.getByTestId('dissent-member').selectOption({ index: 4 });
  const dissenter = await page.getByTestId('dissent-member').inputValue();
  await page.getByTestId('dissent-text').fill('I disagree with the count of line 12.');
  await page.getByTestId('dissent-add').click();
  await expect(page.getByTestId('dissent')).toContainText('I disagree');
  for (const box of await page.getByTestId('acknowledge').all()) await box.check();
  await page.getByTestId('protocol-sign').click();
  await expect(page.getByTestId('protocol-signed')).toContainText('Signed version 1 (Original)');

  // Corrected at 23:00 in Tokyo: version 2.
  await page.clock.setFixedTime(at('2017-10-15T14:00:00Z'));
  await page.getByTestId('correction-reason').fill('Recount on the TEC\'s decision: one ballot moved to candidate 2');
  await page.getByTestId('correction-mark').selectOption('corrected');
  await page.getByTestId('correction-open').click();
  await page.getByTestId('line-12').fill('0');
  await page.getByTestId('line-13').fill('1');
  for (const box of await page.getByTestId('acknowledge').all()) await box.check();
  await page.getByTestId('protocol-sign').click();
  await expect(page.getByTestId('protocol-signed')).toContainText('Signed version 2 (Corrected)');

  // Printed the next morning, 08:15 in Tokyo, on a laptop not enrolled with the center.
  await page.clock.setFixedTime(at('2017-10-15T23:15:00Z'));
  await language(page, 'KY');
  await openVersion(page, 1);
  await expect(page.getByTestId('print-unsigned')).toContainText('QR-коддорго кол коюлган эмес');
  const v1ky = await printPdf(page, 'protocol-v1-ky');
  const pagesKy = pdfPages(v1ky).map(flat);
  expect(pagesKy.length).toBeGreaterThan(1);
  for (const p of pagesKy) expect(p).toContain('ЖАРАКСЫЗ — 2-версия менен алмаштырылган');
  const first = pagesKy[0] ?? '';
  // "Printed" is the print time; the signing time stands beside the signatures.
  expect(first).toContain('Басылган 2017-жылдын 16-октябры, саат 08:15 (жергиликтүү убакыт)');
  expect(first).toContain('Протоколго кол коюлган күнү жана убактысы: 2017-жылдын 15-октябры, саат 21:30 (жергиликтүү убакыт)');
  expect(first).not.toContain('Asia/Tokyo');
  expect(first).not.toMatch(/Япония · Япония/u);
  // The figures page carries the two-copies statement, every member's signature line and the figures in words.
  expect(first).toContain('Протокол эки нускада түзүлдү');
  for (const name of await page.getByTestId('print-signatures').locator('.signature-line > span:nth-child(3)').allInnerTexts()) {
    expect(first).toContain(flat(name).replace(/ өзгөчө пикири тиркелет$/u, ''));
  }
  // Every line of the protocol, with its number and label, is on the figures page.
  const lines = await page.getByTestId('print-protocol').locator('tr[data-line]').evaluateAll((rows) =>
    rows.map((r) => `${r.getAttribute('data-line') ?? ''} ${r.querySelectorAll('td')[1]?.textContent ?? ''}`),
  );
  expect(lines.length).toBe(16);
  for (const line of lines) expect(first).toContain(flat(line));
  expect(first).toContain('алтымыш тогуз');
  expect(first).toContain('алтымыш сегиз');
  await expect(page.getByTestId(`print-signature-${dissenter}`)).toContainText('өзгөчө пикири тиркелет');
  expect(first).toContain('өзгөчө пикири тиркелет');
  expect(flat(pagesKy.join(' '))).toContain('QR-коддорго кол коюлган эмес');
  expectNoGreyBlock(v1ky);
  await page.goBack();

  // Version 2, in force, carries no such mark; it says it is the corrected protocol in its heading.
  await openVersion(page, 2);
  const v2ky = pdfPages(await printPdf(page, 'protocol-v2-ky')).map(flat);
  for (const p of v2ky) expect(p).not.toContain('ЖАРАКСЫЗ');
  expect(v2ky[0]).toContain('ОҢДОЛГОН ПРОТОКОЛ');
  await page.goBack();

  await language(page, 'RU');
  await openVersion(page, 1);
  const v1ru = pdfPages(await printPdf(page, 'protocol-v1-ru')).map(flat);
  for (const p of v1ru) expect(p).toContain('НЕДЕЙСТВИТЕЛЕН — заменён версией 2');
  expect(v1ru[0]).toContain('Протокол составлен в двух экземплярах');
  expect(v1ru[0]).toContain('шестьдесят девять');
  expect(v1ru[0]).toContain('Напечатано 16 октября 2017 г., 08:15 (местное время)');
  expect(v1ru[0]).toContain('Протокол подписан: 15 октября 2017 г., 21:30 (местное время)');
  await page.goBack();

  // The acts carry their number and time of drawing up and the members present (recorded at signing).
  await language(page, 'KY');
  await page.getByTestId('protocol-prints').click();
  await page.getByTestId('prints-actIssued').click();
  await openPrinted(page);
  await expect(page.getByTestId('act-heading')).toBeVisible();
  const act = flat(pdfPages(await printPdf(page, 'act-issued-ky')).join(' '));
  expect(act).toContain('Акт № ________ · түзүлгөн күнү жана убактысы: «___»');
  expect(act).toContain('Катышкан комиссия мүчөлөрү: Асанова Айгүл (демо)');
  await page.goBack();

  // The poster after signing: version 2's figures, every line on the four sheets.
  await page.getByTestId('prints-enlarged').click();
  await openPrinted(page);
  await page.getByTestId('enlarged-mode').selectOption('tiles');
  await expect(page.getByTestId('enlarged-state').first()).toContainText('2-версия');
  const poster = await printPdf(page, 'enlarged-signed-ky');
  await expectPosterHoldsEveryLine(page, poster);
  expectNoGreyBlock(poster);
});

test('the handover act abroad: receiving body, route and deadline from the bundle; the escort, receiver, packets and seals as recorded, printed in Russian', async ({ page }) => {
  test.setTimeout(120_000);
  page.setDefaultTimeout(15_000);
  await page.clock.setFixedTime(at('2017-10-15T20:30:00Z')); // 23:30 in Moscow
  await startDemoWithList(page, 9001);
  await language(page, 'RU');
  await page.locator('.nav a[href="#/protocol"]').click();
  await page.getByTestId('protocol-prints').click();
  await page.getByTestId('prints-handover').click();
  await openPrinted(page);
  // Demo precinct 9001's bundle carries the terms of the CEC's instruction for it.
  await expect(page.getByTestId('handover-terms')).toContainText('Получатель: Бишкек шаардык АШК (демо)');
  await expect(page.getByTestId('handover-terms')).toContainText('Маршрут доставки: Кыргыз Республикасынын Москвадагы элчилиги');
  await expect(page.getByTestId('handover-terms')).toContainText('Срок передачи: 18 октября 2017 г., 18:00 (местное время)');
  await page.getByTestId('handover-item-protocol').check();
  await page.getByTestId('handover-item-list').check();
  await page.getByTestId('handover-item-seals').check();
  await expect(page.getByTestId('handover-count')).toContainText('3');
  await page.getByTestId('handover-escort-others').fill('Петров Пётр (представитель кандидата), Сидоров С. (полиция)');
  await page.getByTestId('handover-packets').fill('П-1 … П-6');
  await page.getByTestId('handover-seals').fill('0012345, 0012346');
  await page.getByTestId('handover-receiver').fill('Иванов Иван, консул');
  await page.getByTestId('handover-record').click();
  await expect(page.getByTestId('handover-parties')).toContainText('Принял: Иванов Иван, консул; время приёма: 15 октября 2017 г., 23:30 (местное время)');
  const pdf = await printPdf(page, 'handover-ru');
  const text = flat(pdfPages(pdf).join(' '));
  for (const s of [
    'Получатель: Бишкек шаардык АШК (демо)',
    'Маршрут доставки: Кыргыз Республикасынын Москвадагы элчилиги → ТИМдин Консулдук кызмат департаменти → Бишкек шаардык АШК (демо)',
    'Срок передачи: 18 октября 2017 г., 18:00 (местное время)',
    'Сопровождали (представители кандидатов, сотрудники полиции): Петров Пётр (представитель кандидата), Сидоров С. (полиция)',
    'Номера пакетов: П-1 … П-6',
    'Номера пломб: 0012345, 0012346',
    'Печать комиссии и пломбы ящиков',
    'Принял: Иванов Иван, консул; время приёма: 15 октября 2017 г., 23:30 (местное время)',
    'Передали члены комиссии: Асанова Айгүл (демо)',
  ]) expect(text).toContain(s);
  expect(text).not.toContain('06:00');
  expectNoGreyBlock(pdf);
});

test('every other form prints in Kyrgyz with backgrounds on and no grey block over a page', async ({ page }) => {
  test.setTimeout(120_000);
  page.setDefaultTimeout(15_000);
  await page.clock.setFixedTime(at('2017-10-15T12:30:00Z'));
  await startDemoWithList(page, 9019);
  await language(page, 'KY');
  const forms: { nav: string; button: string; name: string; says?: string }[] = [
    { nav: '#/voters-pages', button: 'pages-print', name: 'summation-ky', says: 'Тизмедеги барактар: 4. Шайлоочулардын бюллетень алгандыгы тууралуу колтамгаларынын жалпы саны: ________' },
    { nav: '#/outpremises', button: 'outpremises-print', name: 'register-ky' },
    { nav: '#/applications', button: 'applications-print', name: 'applications-ky' },
    { nav: '#/calendar', button: 'calendar-print', name: 'calendar-ky' },
  ];
  for (const form of forms) {
    await page.locator(`.nav a[href="${form.nav}"]`).click();
    await page.getByTestId(form.button).click();
    await openPrinted(page);
    await expect(page.getByTestId('print-document')).not.toContainText('Жүктөлүүдө');
    const pdf = await printPdf(page, form.name);
    expectNoGreyBlock(pdf);
    expect(flat(pdfPages(pdf)[0] ?? '')).toContain('2017-жылдын 15-октябры');
    if (form.says) expect(flat(pdfPages(pdf).join(' '))).toContain(form.says);
    if (form.name === 'summation-ky') {
      // The turnout goes on paper too: its table and its chart (the report times under the bars) on a page after the sheet.
      const last = flat(pdfPages(pdf).at(-1) ?? '');
      expect(pdfPages(pdf).length).toBeGreaterThanOrEqual(2);
      expect(last).toContain(tr('ky', 'voters:turnout.title'));
      await expect(page.getByTestId('print-turnout').getByTestId('turnout-chart')).toBeVisible();
      expect(last.split('20:00').length - 1).toBe(2);
    }
    await page.goBack();
  }
  await page.locator('.nav a[href="#/protocol"]').click();
  await page.getByTestId('protocol-prints').click();
  for (const key of ['actIssued', 'actBallots', 'meeting', 'copiesLog', 'handover'] as const) {
    await page.getByTestId(`prints-${key}`).click();
    await expect(page.getByTestId('print-document')).not.toContainText('Жүктөлүүдө');
    const pdf = await printPdf(page, `${key}-ky`);
    expectNoGreyBlock(pdf);
    if (key === 'meeting') expect(flat(pdfPages(pdf).join(' '))).toContain('Жыйынтыктоочу жыйналыш өткөн күнү жана убактысы: «___»');
    await page.goBack();
  }
});
