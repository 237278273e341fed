import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { sealBundle, type ElectionBundleInput } from '../../shared/election/bundle';
import { demoBundle } from '../../shared/election/demo';
import { CENTER_ADMIN_TOKEN, CENTER_PORT } from '../../playwright.config';
import { openPrinted, startDemoWithList } from './helpers';
import { pdfPagesAsPng, readQrCodesFromPdf } from './read-qr';

const CENTER = `http://127.0.0.1:${CENTER_PORT}`;
const admin = { authorization: `Bearer ${CENTER_ADMIN_TOKEN}` };

test('without a network: the waiting events saved to a file, a tampered copy refused at the center, the file taken once; a protocol signed offline reaches the summary table', async ({ page, context, request, browser }) => {
  test.setTimeout(120_000);
  const loaded = await request.post(`${CENTER}/api/admin/bundles`, { headers: admin, data: await sealBundle(demoBundle() as ElectionBundleInput) });
  expect([200, 422]).toContain(loaded.status());
  type Board = { precincts: { number: number; ballotsIssued: number }[] };
  const issuedAtCenter = async () => ((await (await request.get(`${CENTER}/api/admin/dashboard`, { headers: admin })).json()) as Board).precincts.find((p) => p.number === 9025)?.ballotsIssued ?? 0;
  // Precinct 9025: no other test enrols there (a retry of this one adds to what is there).
  const before = await issuedAtCenter();
  const { code } = (await (await request.post(`${CENTER}/api/admin/enrolment-codes`, { headers: admin, data: { precinct: 9025 } })).json()) as { code: string };

  await startDemoWithList(page, 9025);
  await page.getByRole('link', { name: 'Center' }).click();
  await page.getByTestId('sync-url').fill(CENTER);
  await page.getByTestId('sync-code').fill(code);
  await page.getByTestId('sync-connect').click();
  await expect(page.getByTestId('sync-waiting')).toHaveText('0', { timeout: 20_000 });

  // Offline: two ballots issued; they wait.
  await context.setOffline(true);
  for (const place of ['1/1', '1/2']) {
    await page.getByRole('link', { name: 'Voter list', exact: true }).click();
    await page.getByTestId('voter-search').fill(place);
    await page.getByTestId('voter-search').press('Enter');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('desk-message')).toContainText('Ballot issued');
  }
  await page.getByRole('link', { name: 'Center' }).click();
  await expect(page.getByTestId('sync-waiting')).toHaveText('2');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('usb-export-button').click()]);
  await expect(page.getByTestId('usb-message')).toContainText('2 events saved in precinct-9025-events-');
  const text = await readFile(await download.path(), 'utf8');
  const file = JSON.parse(text) as { format: string; batches: { events: { payload: Record<string, unknown> }[] }[] };
  expect(file.format).toBe('precinct-desk/usb-events');
  expect(file.batches[0]?.events).toHaveLength(2);

  // At the center: the dashboard imports the file. A copy changed on the stick is refused whole.
  const board = await browser.newPage();
  await board.goto(`${CENTER}/dashboard`);
  await board.getByRole('button', { name: 'English' }).click();
  await board.getByLabel('Admin token').fill(CENTER_ADMIN_TOKEN);
  await board.getByRole('button', { name: 'Sign in' }).click();
  await expect(board.locator('#rows')).toContainText('9025');
  const upload = async (name: string, content: string) => {
    await board.locator('#usbfile').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
    await board.getByRole('button', { name: 'Import the file' }).click();
  };
  const tampered = JSON.parse(text) as typeof file;
  const event = tampered.batches[0]?.events[1];
  if (!event) throw new Error('no event');
  event.payload = { ...event.payload, voterId: 'someone-else' };
  await upload('tampered.json', JSON.stringify(tampered));
  await expect(board.locator('#usbresult')).toHaveText('The file was refused, nothing was stored: The signature did not verify. (batch 1 of 1)');
  await upload('not-json.json', '{ cut off');
  await expect(board.locator('#usbresult')).toHaveText('The file was refused, nothing was stored: This is not a JSON file.');

  await upload('events.json', text);
  await expect(board.locator('#usbresult')).toHaveText('Accepted: 1 batches, 2 new events.');
  await upload('events.json', text);
  await expect(board.locator('#usbresult')).toHaveText('Accepted: 1 batches, 0 new events.');
  expect(await issuedAtCenter()).toBe(before + 2);

  // Back online, the laptop learns the center already holds them: nothing is sent twice.
  await context.setOffline(false);
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-waiting')).toHaveText('0', { timeout: 20_000 });
  expect(await issuedAtCenter()).toBe(before + 2);

  // The protocol signed offline reaches the dashboard's summary table within seconds of the network.
  await context.setOffline(true);
  await page.locator('.nav a[href="#/protocol"]').click();
  const list = Number(await page.getByTestId('line-1').inputValue());
  const lines = await page.locator('[data-testid^="line-"]').count();
  for (let line = 2; line <= lines; line += 1) {
    const value = { 2: list, 6: list - 2, 9: 2, 11: 2, 12: 2 }[line];
    if (value !== undefined) await page.getByTestId(`line-${line}`).fill(String(value));
    else if ((await page.getByTestId(`line-${line}`).inputValue()) === '') await page.getByTestId(`line-${line}`).fill('0');
  }
  for (const box of await page.getByTestId('acknowledge').all()) await box.check();
  await page.getByTestId('protocol-sign').click();
  await expect(page.getByTestId('protocol-signed')).toContainText('Signed version 1');
  await context.setOffline(false);
  await page.getByRole('link', { name: 'Center' }).click();
  await page.getByTestId('sync-now').click();
  const row = board.locator('#prows tr', { hasText: '9025' });
  await expect(async () => {
    await board.getByRole('button', { name: 'Refresh' }).click();
    await expect(row).toContainText('signed · v1', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(row).toContainText(String(list));

  // The printed protocol's QR codes reach the center as images of the pages (a scan) or as the
  // text a scanner types; either way verified and recorded once.
  await page.locator('.nav a[href="#/protocol"]').click();
  await page.getByTestId('protocol-print').click();
  await openPrinted(page);
  await expect(page.getByTestId('protocol-qr').locator('svg')).not.toHaveCount(0);
  const pdf = await page.pdf({ format: 'A4' });
  const images = pdfPagesAsPng(pdf, 200).map((buffer, i) => ({ name: `page-${i + 1}.png`, mimeType: 'image/png', buffer }));
  const imagesButton = board.getByRole('button', { name: 'Read the images and record' });
  // An image without a code (a picture of the dashboard itself) is refused and says why.
  await board.locator('#qrfiles').setInputFiles([{ name: 'screen.png', mimeType: 'image/png', buffer: await board.screenshot() }]);
  await imagesButton.click();
  await expect(board.locator('#qrresult')).toContainText('No QR code was found in the image');
  await board.locator('#qrfiles').setInputFiles(images);
  await imagesButton.click();
  await expect(board.locator('#qrresult')).toHaveText('Protocol of precinct 9025, version 1: recorded.', { timeout: 20_000 });
  const codes = readQrCodesFromPdf(pdf);
  expect(codes.length).toBeGreaterThan(0);
  await board.locator('#qrtext').fill(codes.join('\n'));
  await board.getByRole('button', { name: 'Verify and record' }).click();
  await expect(board.locator('#qrresult')).toHaveText('Protocol of precinct 9025, version 1: already recorded.');
});
