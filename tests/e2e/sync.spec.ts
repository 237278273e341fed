import { readFileSync } from 'node:fs';
import { demoNeedsAllDay, demoZone, recordReceipt, startDemo, startDemoWithList, tr } from './helpers';
import { formatDateTime } from '../../shared/i18n/format';
import { connect, createServer, type Socket } from 'node:net';
import { todayIn } from '../../shared/time/zone';
import { expect, test, type Page } from '@playwright/test';
import { sealBundle, type ElectionBundleInput } from '../../shared/election/bundle';
import { demoBundle } from '../../shared/election/demo';
import { CENTER_ADMIN_TOKEN, CENTER_PORT } from '../../playwright.config';

const CENTER = `http://127.0.0.1:${CENTER_PORT}`;
const admin = { authorization: `Bearer ${CENTER_ADMIN_TOKEN}` };

/**
 * Issues a ballot to a random voter on list pages `from`–`to` (9003 has 66), or to the one at `place`
 * ('page/row'), then opens the Center screen.
 */
async function issueOnPage(page: Page, from: number, to: number, place?: string): Promise<void> {
  await page.getByRole('link', { name: 'Voter list', exact: true }).click();
  await page.getByTestId('voter-search').fill(place ?? `${from + Math.floor(Math.random() * (to - from + 1))}/${1 + Math.floor(Math.random() * 20)}`);
  await page.getByTestId('voter-search').press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toContainText('Ballot issued');
  await page.getByRole('link', { name: 'Center' }).click();
}

test('a laptop enrols with a one-time code, works offline, and its events reach the center when the network returns', async ({ page, context, request }) => {
  test.setTimeout(90_000);
  // The center has the election and issues a code for precinct 9003. (On a retry the center already
  // holds a newer version of the bundle, which refuses version 1 again.)
  const loaded = await request.post(`${CENTER}/api/admin/bundles`, { headers: admin, data: await sealBundle(demoBundle() as ElectionBundleInput) });
  const fresh = loaded.status() === 200;
  const issued = await request.post(`${CENTER}/api/admin/enrolment-codes`, { headers: admin, data: { precinct: 9003 } });
  const { code } = (await issued.json()) as { code: string };

  // The laptop starts with the center's bundle (the 2017 example); the center's next version moves
  // voting day to today, so the ballots below are issued on the real clock.
  await startDemoWithList(page, 9003, { votingDay: 'historical' });
  await page.getByRole('link', { name: 'Center' }).click();

  // A center that cannot be reached marks the address and puts the focus there (the shared Form).
  await page.getByTestId('sync-url').fill('http://127.0.0.1:9');
  await page.getByTestId('sync-code').fill('AAAA-BBBB-CCCC');
  await page.getByTestId('sync-connect').click();
  await expect(page.getByTestId('sync-enrol-error')).toContainText('The center cannot be reached');
  await expect(page.getByTestId('sync-url')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('sync-url')).toBeFocused();

  // A wrong code is refused with what to do, at the code field, which takes the focus.
  await page.getByTestId('sync-url').fill(CENTER);
  await page.getByTestId('sync-connect').click();
  await expect(page.getByTestId('sync-enrol-error')).toContainText('No such code');
  await expect(page.getByTestId('sync-code')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('sync-code')).toBeFocused();
  await expect(page.getByTestId('sync-url')).not.toHaveAttribute('aria-invalid', 'true');

  await page.getByTestId('sync-code').fill(code);
  await page.getByTestId('sync-connect').click();
  await expect(page.getByTestId('sync-ok')).toContainText('Everything is sent', { timeout: 20_000 });
  await expect(page.getByTestId('sync-waiting')).toHaveText('0');

  // The election bundle from the center is verified with the key pinned at enrolment.
  if (fresh) {
    await page.getByTestId('center-bundle-check').click();
    await expect(page.getByTestId('center-bundle-same')).toContainText("This laptop has the center's latest bundle");
  }
  const demo = demoBundle({ votingDay: todayIn(demoZone(9003)), hours: demoNeedsAllDay(9003) ? 'all-day' : 'law' }) as ElectionBundleInput;
  const v2 = await sealBundle({ ...demo, bundleVersion: 1 + Math.floor(Date.now() / 1000) - 1_790_000_000, precincts: demo.precincts.map((p) => (p.number === 9003 ? { ...p, address: 'Новый адрес консульства, 1' } : p)) });
  expect((await request.post(`${CENTER}/api/admin/bundles`, { headers: admin, data: v2 })).status()).toBe(200);
  await page.getByTestId('center-bundle-check').click();
  await expect(page.getByTestId('bundle-summary')).toContainText('Новый адрес консульства, 1');
  await page.getByTestId('bundle-activate').click();
  await expect(page.getByTestId('center-bundle-activated')).toBeVisible();
  await expect(page.getByTestId('sync-waiting')).toHaveText('0', { timeout: 20_000 });

  // Offline: a ballot is issued; it waits, and the screen says why in plain words.
  await context.setOffline(true);
  await issueOnPage(page, 1, 60);
  await expect(page.getByTestId('sync-waiting')).toHaveText('1');
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-error')).toContainText('The center cannot be reached');
  await expect(page.getByTestId('sync-error')).toContainText('Nothing is lost');

  // Back online: it goes out by itself.
  await context.setOffline(false);
  await expect(page.getByTestId('sync-waiting')).toHaveText('0', { timeout: 20_000 });
  await expect(page.getByTestId('sync-ok')).toContainText('Everything is sent');

  // The answer to a push is lost after the center stored the batch (the connection drops on the
  // way back): the laptop retries the same batch, the center acknowledges it and stores nothing twice.
  const issuedAtCenter = async () =>
    ((await (await request.get(`${CENTER}/api/admin/dashboard`, { headers: admin })).json()) as { precincts: { number: number; ballotsIssued: number }[] }).precincts.find((p) => p.number === 9003)?.ballotsIssued ?? 0;
  const before = await issuedAtCenter();
  let dropped = 0;
  await page.route(`${CENTER}/api/push`, async (route) => {
    if (dropped > 0) return route.continue();
    dropped += 1;
    const stored = await route.fetch();
    expect(stored.status()).toBe(200);
    expect(((await stored.json()) as { stored: number }).stored).toBe(1);
    await route.abort('connectionreset');
  });
  await issueOnPage(page, 61, 63);
  await page.getByTestId('sync-now').click();
  await expect.poll(() => dropped, { timeout: 20_000 }).toBe(1);
  await expect(page.getByTestId('sync-waiting')).toHaveText('0', { timeout: 30_000 });
  await expect(page.getByTestId('sync-ok')).toContainText('Everything is sent');
  expect(await issuedAtCenter()).toBe(before + 1);
  await page.unroute(`${CENTER}/api/push`);

  // Closed while offline with a ballot waiting, reopened once the network is back: the ballot goes
  // out by itself, nobody presses anything.
  await context.setOffline(true);
  await issueOnPage(page, 64, 65);
  await expect(page.getByTestId('sync-waiting')).toHaveText('1');
  await page.close();
  await context.setOffline(false);
  const reopened = await context.newPage();
  await reopened.goto('/');
  await reopened.getByRole('link', { name: 'Center' }).click();
  await expect(reopened.getByTestId('sync-waiting')).toHaveText('0', { timeout: 20_000 });
  expect(await issuedAtCenter()).toBe(before + 2);

  // The center holds every event of this laptop (others' pulled events are in its log too).
  const precincts = (await (await request.get(`${CENTER}/api/admin/precincts`, { headers: admin })).json()) as {
    precincts: { number: number; devices: { deviceId: string; ackSeq: number | null }[] }[];
  };
  const own = await reopened.evaluate(
    () =>
      new Promise<{ deviceId: string; count: number }>((resolve) => {
        const open = indexedDB.open('precinct-desk');
        open.onsuccess = () => {
          const tx = open.result.transaction(['meta', 'events']);
          const req = tx.objectStore('meta').get('device');
          req.onsuccess = () => {
            const deviceId = (req.result as { deviceId: string }).deviceId;
            const count = tx.objectStore('events').count(IDBKeyRange.bound([deviceId, 1], [deviceId, Number.MAX_SAFE_INTEGER]));
            count.onsuccess = () => resolve({ deviceId, count: count.result });
          };
        };
      }),
  );
  const device = precincts.precincts.find((p) => p.number === 9003)!.devices.find((d) => d.deviceId === own.deviceId)!;
  expect(device.ackSeq).toBe(own.count);
});

/**
 * A relay between the laptop and the center that can stop passing anything on while keeping the
 * connections it holds open: a consulate's Wi-Fi that drops mid-answer without closing the connection.
 */
async function relay(to: number): Promise<{ url: string; stall(on: boolean): void; close(): void }> {
  let stalled = false;
  const held = new Set<Socket>();
  const server = createServer((client) => {
    held.add(client);
    client.on('close', () => held.delete(client));
    client.on('error', () => undefined);
    if (stalled) return; // reads the request, never answers, never closes
    const upstream = connect(to, '127.0.0.1');
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    stall: (on) => {
      stalled = on;
      // The connections kept alive from before are cut, so the next request opens one into the stall.
      if (on) for (const c of held) c.destroy();
    },
    close: () => {
      for (const c of held) c.destroy();
      server.close();
    },
  };
}

test('a request the network leaves hanging is given up: once the network passes again, what waits is sent without a reload', async ({ page, request }) => {
  test.setTimeout(120_000);
  await request.post(`${CENTER}/api/admin/bundles`, { headers: admin, data: await sealBundle(demoBundle() as ElectionBundleInput) });
  const issued = await request.post(`${CENTER}/api/admin/enrolment-codes`, { headers: admin, data: { precinct: 9004 } });
  const { code } = (await issued.json()) as { code: string };
  const net = await relay(CENTER_PORT);
  try {
    await startDemoWithList(page, 9004, { votingDay: 'historical' });
    await page.getByRole('link', { name: 'Center' }).click();
    await page.getByTestId('sync-url').fill(net.url);
    await page.getByTestId('sync-code').fill(code);
    await page.getByTestId('sync-connect').click();
    await expect(page.getByTestId('sync-ok')).toContainText('Everything is sent', { timeout: 20_000 });

    // The network stalls: the receipt's event goes out into it and hangs there.
    net.stall(true);
    await page.locator('.nav a[href="#/ledger"]').click();
    await recordReceipt(page, '7', 407);
    await page.getByRole('link', { name: 'Center' }).click();
    await expect(page.getByTestId('sync-waiting')).toHaveText('1');
    await page.waitForTimeout(2_000);
    // The network passes again. The hanging request is given up (20 s without a byte) and the loop
    // tries again: the event reaches the center with no reload and no button pressed.
    net.stall(false);
    await expect(page.getByTestId('sync-waiting')).toHaveText('0', { timeout: 60_000 });
    await expect(page.getByTestId('sync-ok')).toContainText('Everything is sent');
  } finally {
    net.close();
  }
});

test('a laptop whose clock is three days ahead is told so on every screen, in its words, until its clock is set', async ({ page, request }) => {
  test.setTimeout(90_000);
  await request.post(`${CENTER}/api/admin/bundles`, { headers: admin, data: await sealBundle(demoBundle() as ElectionBundleInput) });
  const issued = await request.post(`${CENTER}/api/admin/enrolment-codes`, { headers: admin, data: { precinct: 9034 } });
  const { code } = (await issued.json()) as { code: string };
  const real = Date.now();
  await page.clock.setSystemTime(real + 3 * 86_400_000);
  await startDemo(page, 9034);
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.getByRole('link', { name: 'Center' }).click();
  await page.getByTestId('sync-url').fill(CENTER);
  await page.getByTestId('sync-code').fill(code);
  await page.getByTestId('sync-connect').click();
  await expect(page.getByTestId('sync-ok')).toContainText('Everything is sent', { timeout: 20_000 });
  // The pull's signed request is refused as expired with the center's time: the laptop learns it and says so.
  const warning = page.getByTestId('clock-warning');
  await expect(warning).toHaveAttribute('data-direction', 'ahead', { timeout: 20_000 });
  const zone = demoZone(9034);
  // Both clocks' dates in the precinct's zone (the minutes move on while the test runs).
  const day = (at: number) => formatDateTime(new Date(at), 'en', zone).replace(/, \d\d:\d\d$/u, '');
  await expect(warning).toContainText("This laptop's clock is ahead of the center's");
  await expect(warning).toContainText(`the laptop shows ${day(real + 3 * 86_400_000)}`);
  await expect(warning).toContainText(`the center ${day(real)}`);
  await page.getByRole('link', { name: 'Voter list', exact: true }).click();
  await expect(warning).toBeVisible();
  await page.getByRole('button', { name: 'RU', exact: true }).click();
  await expect(warning).toContainText('Часы этого ноутбука спешат');
  await page.getByRole('button', { name: 'KY', exact: true }).click();
  await expect(warning).toContainText('Бул ноутбуктун сааты борбордун саатынан алдыда');
  // Set three days back too far: the next round learns the center's time again, now behind.
  await page.clock.setSystemTime(Date.now() - 3 * 86_400_000);
  await page.getByRole('link', { name: 'Борбор' }).click();
  await page.getByTestId('sync-now').click();
  await expect(warning).toHaveAttribute('data-direction', 'behind', { timeout: 20_000 });
  await expect(warning).toContainText('Бул ноутбуктун сааты борбордун саатынан артта');
  // Set right: the warning goes.
  await page.clock.setSystemTime(Date.now());
  await page.getByTestId('sync-now').click();
  await expect(warning).toHaveCount(0, { timeout: 20_000 });
});

/**
 * Version skew on the Center screen (6af3980, 8da02c1): the center's refusals a laptop of another
 * version meets — stubbed at the network, the screens and the laptop's reading of them real — are
 * said as what they are, with what to do, in the three languages; nothing is lost.
 */
test('a center of another version: its refusals are named as version skew, with what to do, and the records stay waiting', async ({ page, request }) => {
  test.setTimeout(90_000);
  const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  expect([200, 422]).toContain((await request.post(`${CENTER}/api/admin/bundles`, { headers: admin, data: await sealBundle(demoBundle() as ElectionBundleInput) })).status());
  const { code } = (await (await request.post(`${CENTER}/api/admin/enrolment-codes`, { headers: admin, data: { precinct: 9001 } })).json()) as { code: string };
  await startDemoWithList(page, 9001);
  await page.getByRole('link', { name: 'Center' }).click();
  await page.getByTestId('sync-url').fill(CENTER);
  await page.getByTestId('sync-code').fill(code);
  await page.getByTestId('sync-label').fill('Desk skew');
  await page.getByTestId('sync-connect').click();
  await expect(page.getByTestId('sync-ok')).toBeVisible({ timeout: 20_000 });

  const cases = [
    // A newer center, refusing with a reason this version does not know.
    { refusal: { error: 'ballot-serial-required', seq: 1, hint: 'a field of a newer version' }, key: 'center-newer', params: { version, kind: 'ballot-serial-required' } },
    // A center of the previous version, refusing this laptop's event at its payload.
    { refusal: { error: 'invalid-event', seq: 7, detail: 'payload' }, key: 'center-older', params: { version, seq: 7 } },
    // A center that names the kind it does not know.
    { refusal: { error: 'newer-event', seq: 7, detail: 'BallotSerialRecorded' }, key: 'newer-event', params: { version, seq: 7, kind: 'BallotSerialRecorded' } },
  ] as const;
  // A voter of its own for each case (a second ballot to one voter would be refused on the desk).
  const row = 1 + Math.floor(Math.random() * 18);
  for (const [i, c] of cases.entries()) {
    await page.unrouteAll();
    await page.route(`${CENTER}/api/push`, (route) => route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify(c.refusal) }));
    await issueOnPage(page, 1, 1, `1/${row + i}`);
    await page.getByTestId('sync-now').click();
    const error = page.getByTestId('sync-error');
    await expect(error).toContainText(tr('en', `sync:error.${c.key}`, c.params));
    await expect(error).toContainText(tr('en', `sync:todo.${c.key}`));
    await expect(page.getByTestId('sync-waiting')).not.toHaveText('0');
    for (const [button, lng] of [['KY', 'ky'], ['RU', 'ru']] as const) {
      await page.getByRole('button', { name: button, exact: true }).click();
      await expect(error).toContainText(tr(lng, `sync:error.${c.key}`, c.params));
      await expect(error).toContainText(tr(lng, `sync:todo.${c.key}`));
      await error.scrollIntoViewIfNeeded();
      await page.screenshot({ path: test.info().outputPath(`${c.key}-${lng}.png`) });
    }
    await page.getByRole('button', { name: 'EN', exact: true }).click();
  }
  // The center answers as itself again: everything waiting goes out.
  await page.unrouteAll();
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-waiting')).toHaveText('0', { timeout: 20_000 });
  await expect(page.getByTestId('sync-error')).toHaveCount(0);
});
