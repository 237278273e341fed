// Screenshots of every screen in the three languages, for looking at what a user sees:
//   npm run build:web && node scripts/screenshots.mjs [out-dir]
import { chromium } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { startServer } from './serve.mjs';

const outDir = process.argv[2] ?? 'test-results/screens';
mkdirSync(outDir, { recursive: true });
const server = await startServer({ port: 0 });
const { port } = server.address();
const base = `http://127.0.0.1:${port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
});

/** Past the language screen: shown on the very first run only (the choice is kept in the browser). */
async function pastLanguage(page) {
  const next = page.getByTestId('language-continue').or(page.getByTestId('choose-demo'));
  await next.first().waitFor();
  if (await page.getByTestId('language-continue').isVisible()) await page.getByTestId('language-continue').click();
}

async function shoot(page, name) {
  await page.waitForTimeout(150);
  await page.screenshot({ path: `${outDir}/${name}.png`, fullPage: true });
  await page.screenshot({ path: `${outDir}/${name}-top.png` });
  console.log(`${outDir}/${name}.png`);
}

for (const lng of ['ky', 'ru', 'en']) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(base);
  await page.locator(`button[lang="${lng}"]`).click();
  await shoot(page, `${lng}-01-language`);
  await page.getByTestId('language-continue').click();
  await shoot(page, `${lng}-02-choose`);
  await page.getByTestId('choose-manual').click();
  await page.getByTestId('setup-save').click();
  await shoot(page, `${lng}-03-manual-errors`);
  await page.goto(base);
  await pastLanguage(page);
  await page.getByTestId('choose-bundle').click();
  await page.getByTestId('bundle-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"precinct-desk/election-bundle","formatVersion":1,"bundleVersion":"x","election":{"votingDay":"2017-02-30"}}') });
  await shoot(page, `${lng}-04-bundle-refused`);
  await page.goto(base);
  await pastLanguage(page);
  await page.getByTestId('choose-demo').click();
  await shoot(page, `${lng}-05-demo-picker`);
  await page.getByTestId('demo-start').click();
  await page.getByTestId('active-precinct').waitFor();
  await shoot(page, `${lng}-06-calendar`);
  await page.goto(`${base}#/profile`);
  await page.getByTestId('profile').waitFor();
  await shoot(page, `${lng}-07-profile`);
  await page.goto(`${base}#/print-calendar`);
  await page.waitForTimeout(300);
  await shoot(page, `${lng}-08-print-calendar`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: `${outDir}/${lng}-calendar.pdf`, format: 'A4', printBackground: true, preferCSSPageSize: true });
  console.log(`${outDir}/${lng}-calendar.pdf`);
  await context.close();
}
// The voter list screens, on voting day at 12:40 in Moscow (precinct 9001), so turnout has numbers.
const fixture = (name) => readFileSync(new URL(`../tests/fixtures/voters/${name}`, import.meta.url));
// The fixture's last row is short on purpose (a file-level refusal); without it, row problems only.
const rowProblems = () => Buffer.from(fixture('row-problems.csv').toString('utf8').trimEnd().split('\n').slice(0, -1).join('\n'), 'utf8');
function demoList() {
  const people = [
    ['Үсөнова', 'Гүлзат', 'Кеңешовна'], ['Асанов', 'Нурлан', 'Бакытович'], ['Иванова', 'Елена', 'Сергеевна'],
    ['Төлөгөнов', 'Өмүр', 'Нурланович'], ['Чыңгышев', 'Азамат', 'Үсөнович'], ['Нурлан уулу', 'Жаныбек', ''],
    ['Ким', 'Александр', 'Юрьевич'], ['Жээнбекова', 'Айгүл', 'Таалайбековна'], ['Асанова', 'Бермет', 'Асановна'],
  ];
  let csv = 'Барак;Катар;Фамилиясы;Аты;Атасынын аты;Туулган күнү;Дареги;Паспорт;ПИН;Атайын белгилер\n';
  for (let i = 0; i < 137; i += 1) {
    const [s, n, p] = people[i % people.length];
    const day = String(1 + (i % 28)).padStart(2, '0');
    const mark = i === 12 ? 'оорукана' : '';
    csv += `${1 + Math.floor(i / 20)};${1 + (i % 20)};${s};${n};${p};${day}.0${1 + (i % 9)}.19${50 + (i % 45)};"Москва ш., Тверская к., ${1 + i}";ID${String(1_000_000 + i * 7)};;${mark}\n`;
  }
  return Buffer.from(csv, 'utf8');
}
for (const lng of ['ky', 'ru', 'en']) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.clock.setSystemTime(new Date('2017-10-15T12:40:00+03:00'));
  await page.goto(base);
  await page.locator(`button[lang="${lng}"]`).click();
  await page.getByTestId('language-continue').click();
  await page.getByTestId('choose-demo').click();
  await page.getByRole('radio', { name: /^9001 /u }).check();
  await page.getByTestId('demo-start').click();
  await page.getByTestId('active-precinct').waitFor();
  await page.goto(`${base}#/voters`);
  await page.getByTestId('go-import').click();
  await page.getByTestId('voter-file').setInputFiles({ name: 'missing-column.csv', mimeType: 'text/csv', buffer: fixture('missing-column.csv') });
  await page.getByTestId('mapping').waitFor();
  await shoot(page, `${lng}-10-import-mapping-missing-column`);
  await page.getByTestId('voter-file').setInputFiles({ name: 'row-problems.csv', mimeType: 'text/csv', buffer: rowProblems() });
  await page.getByTestId('import-check').click();
  await page.getByTestId('import-problems').waitFor();
  await shoot(page, `${lng}-11-import-row-problems`);
  await page.getByTestId('voter-file').setInputFiles({ name: 'ru-cp1251.csv', mimeType: 'text/csv', buffer: fixture('ru-cp1251.csv') });
  await page.getByTestId('voter-encoding').selectOption('utf-8');
  await page.getByTestId('import-error').waitFor();
  await shoot(page, `${lng}-12-import-refused`);
  await page.getByTestId('voter-encoding').selectOption('auto');
  await page.getByTestId('voter-file').setInputFiles({ name: 'spisok-9001.csv', mimeType: 'text/csv', buffer: demoList() });
  await page.getByTestId('import-check').click();
  await page.getByTestId('import-activate').click();
  await page.getByTestId('desk').waitFor();
  // Two voters issued by a member; then the desk with a search and an issued voter opened.
  await page.getByTestId('operator').selectOption('m9001-4');
  for (const q of ['асанов нурлан', '3/4']) {
    await page.getByTestId('voter-search').fill(q);
    await page.getByTestId('voter-row').first().waitFor({ timeout: 5000 }).catch(async (e) => {
      console.log(q, await page.locator('main').innerText());
      throw e;
    });
    await page.getByTestId('voter-search').press('Enter');
    await page.getByTestId('issue-ballot').click();
  }
  await page.getByTestId('voter-search').fill('асан');
  await page.getByTestId('voter-row').first().waitFor();
  await shoot(page, `${lng}-13-desk-search`);
  await page.getByTestId('voter-search').fill('усонова гулзат');
  await page.getByTestId('voter-search').press('Enter');
  await page.getByTestId('issue-ballot').press('Enter');
  await page.getByTestId('voter-search').fill('усонова гулзат');
  await page.getByTestId('voter-search').press('Enter');
  await page.getByTestId('issue-again').click();
  await shoot(page, `${lng}-14-desk-refused`);
  await page.getByTestId('operator').selectOption('m9001-3');
  await page.getByTestId('undo-reason').fill('Туура эмес адамга берилди / wrong person');
  await page.getByTestId('undo-issue').click();
  await shoot(page, `${lng}-15-desk-undone`);
  await page.goto(`${base}#/voters-pages`);
  await page.getByTestId('page-sums').waitFor();
  await shoot(page, `${lng}-16-page-sums`);
  await page.goto(`${base}#/print-pages`);
  await page.getByTestId('print-page-sums').waitFor();
  await shoot(page, `${lng}-17-print-page-sums`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: `${outDir}/${lng}-page-sums.pdf`, format: 'A4', printBackground: true, preferCSSPageSize: true });
  console.log(`${outDir}/${lng}-page-sums.pdf`);
  await context.close();
}
await browser.close();
server.close();
