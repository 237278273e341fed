// Screenshots of every screen in the three languages, for looking at what a user sees:
//   npm run build:web && node scripts/screenshots.mjs [out-dir]
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
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
  await page.getByTestId('language-continue').click();
  await page.getByTestId('choose-bundle').click();
  await page.getByTestId('bundle-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"precinct-desk/election-bundle","formatVersion":1,"bundleVersion":"x","election":{"votingDay":"2017-02-30"}}') });
  await shoot(page, `${lng}-04-bundle-refused`);
  await page.goto(base);
  await page.getByTestId('language-continue').click();
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
await browser.close();
server.close();
