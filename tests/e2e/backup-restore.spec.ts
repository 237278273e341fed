import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { buildBackup, readBackup } from '../../shared/backup/backup-file';
import { sealBundle, type ElectionBundleInput } from '../../shared/election/bundle';
import { demoBundle } from '../../shared/election/demo';
import { CENTER_ADMIN_TOKEN, CENTER_PORT } from '../../playwright.config';
import { dumpDatabase, recordReceipt, startDemoWithList, tr } from './helpers';

const CENTER = `http://127.0.0.1:${CENTER_PORT}`;
const admin = { authorization: `Bearer ${CENTER_ADMIN_TOKEN}` };
const PASS = 'Сейфтеги сырсөз 2026';

async function issue(page: Page, pageRow: string): Promise<void> {
  await page.getByRole('link', { name: 'Voter list', exact: true }).click();
  await page.getByTestId('voter-search').fill(pageRow);
  await page.getByTestId('voter-search').press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toContainText('Ballot issued');
}

/** What must come back whole: every table but this window's sync keys and enrolment. */
async function dumpState(page: Page): Promise<Record<string, unknown[]>> {
  const all = JSON.parse(await dumpDatabase(page, 'precinct-desk')) as Record<string, unknown[]>;
  const { sync: _sync, ...rest } = all;
  return rest;
}

/** The protocol as the desk pre-fills it from the log: every line's figure, in order. */
async function protocolLines(page: Page): Promise<[string, string][]> {
  await page.locator('.nav a[href="#/protocol"]').click();
  await expect(page.getByTestId('line-3')).toHaveValue('3');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  return page.locator('[data-testid^="line-"]').evaluateAll((inputs) => inputs.map((i) => [i.getAttribute('data-testid') ?? '', (i as HTMLInputElement).value] as [string, string]));
}

async function wipe(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        localStorage.clear();
        const req = indexedDB.deleteDatabase('precinct-desk');
        req.onsuccess = () => resolve();
        req.onerror = () => reject(req.error);
      }),
  );
  await page.reload();
}

async function tryRestore(page: Page, name: string, text: string, passphrase: string): Promise<void> {
  await page.getByTestId('restore-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
  await page.getByTestId('restore-passphrase').fill(passphrase);
  await page.getByTestId('restore-check').click();
}

test('a voting day backed up, the database deleted, restored from the first-run screen; tampered backups refused whole; the restored laptop pushes everything once', async ({ page, request }) => {
  test.setTimeout(120_000);
  await startDemoWithList(page, 9003);
  // The day: ballots received under an act, three issued at the desk.
  await page.locator('.nav a[href="#/ledger"]').click();
  await recordReceipt(page, '7', 120);
  await issue(page, '3/4');
  await issue(page, '5/6');
  await issue(page, '12/1');
  // The count follows the ballots through a live query: wait for the third before reading it.
  await expect(page.getByTestId('issued-count')).toContainText('3 of');
  const issuedBefore = await page.getByTestId('issued-count').textContent();
  const protocolBefore = await protocolLines(page);
  expect(protocolBefore.find(([line]) => line === 'line-2')?.[1]).toBe('120');

  // Save a backup on demand (the browser fallback: a download).
  await page.getByRole('link', { name: 'Center' }).click();
  await page.getByTestId('backup-passphrase').fill('short');
  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('backup-message')).toHaveText(tr('en', 'backup:problem.weak-passphrase', { min: 8 }));
  await expect(page.getByTestId('backup-passphrase')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('backup-passphrase')).toBeFocused();
  await page.getByTestId('backup-passphrase').fill(PASS);
  const downloading = page.waitForEvent('download');
  await page.getByTestId('backup-now').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^precinct-desk-backup-\d{8}T\d{6}Z\.pdbackup$/u);
  const text = readFileSync((await download.path())!, 'utf8');
  await expect(page.getByTestId('backup-message')).toContainText(download.suggestedFilename());
  const before = await dumpState(page);
  expect(before.events).toHaveLength(6); // setup, list, the receipt, three ballots

  // The laptop is lost: its database and settings are gone.
  await wipe(page);
  await expect(page.getByTestId('language-step')).toBeVisible();
  await page.getByTestId('language-continue').click();
  await page.getByTestId('choose-restore').click();
  const empty = JSON.parse(await dumpDatabase(page, 'precinct-desk')) as Record<string, unknown[]>;

  // A changed byte of the ciphertext: refused, nothing replaced.
  const file = JSON.parse(text) as { ciphertext: string };
  const mid = Math.floor(file.ciphertext.length / 2);
  const flipped = { ...file, ciphertext: file.ciphertext.slice(0, mid) + (file.ciphertext[mid] === 'A' ? 'B' : 'A') + file.ciphertext.slice(mid + 1) };
  await tryRestore(page, 'altered.pdbackup', JSON.stringify(flipped), PASS);
  await expect(page.getByTestId('restore-problem')).toHaveText(tr('ky', 'backup:problem.cannot-decrypt'));
  await expect(page.getByTestId('restore-passphrase')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('restore-passphrase')).toBeFocused();
  await expect(page.getByTestId('restore-confirm')).toHaveCount(0);
  // A wrong passphrase says the same.
  await tryRestore(page, 'right.pdbackup', text, 'not the passphrase');
  await expect(page.getByTestId('restore-problem')).toHaveText(tr('ky', 'backup:problem.cannot-decrypt'));
  // Re-encrypted with the right passphrase after a ballot was edited inside: the chain check refuses it.
  const read = await readBackup(text, PASS, false);
  if (!read.ok) throw new Error(read.error.code);
  const forged = structuredClone(read.value.state);
  const ballot = forged.events.find((e) => e.type === 'BallotIssued')!;
  (ballot.payload as { row: number }).row += 1;
  const reEncrypted = await buildBackup(forged, PASS, { createdAt: new Date().toISOString(), iterations: 100_000 });
  if (!reEncrypted.ok) throw new Error(reEncrypted.error.code);
  await tryRestore(page, 'forged.pdbackup', reEncrypted.value, PASS);
  await expect(page.getByTestId('restore-problem')).toContainText(tr('ky', 'backup:problem.broken-chain', { deviceId: ballot.deviceId.slice(0, 8), seq: ballot.seq }));
  // The passphrase was right: it is not marked; the problem takes the focus (the shared Form).
  await expect(page.getByTestId('restore-passphrase')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('restore-problem')).toBeFocused();
  expect(JSON.parse(await dumpDatabase(page, 'precinct-desk'))).toEqual(empty);

  // The right file: checked, then restored as the same laptop.
  await tryRestore(page, 'right.pdbackup', text, PASS);
  await expect(page.getByTestId('restore-checked')).toBeVisible();
  await page.getByTestId('restore-confirm').click();
  await expect(page.getByTestId('active-precinct')).toContainText('9003', { timeout: 20_000 });
  // The settings came back too: the UI is in English as it was.
  await expect(page.getByRole('link', { name: 'Voter list', exact: true })).toBeVisible();
  const after = await dumpState(page);
  for (const table of ['events', 'blobs', 'meta', 'voterStatus']) expect(after[table], table).toEqual(before[table]);
  // Projections: every row comes back the same (a rebuild also writes the empty rows of folds that had no event).
  for (const row of before.projections ?? []) expect(after.projections).toContainEqual(row);
  await page.getByRole('link', { name: 'Voter list', exact: true }).click();
  await expect(page.getByTestId('issued-count')).toHaveText(issuedBefore ?? '');
  await page.getByTestId('voter-search').fill('5/6');
  await expect(page.getByTestId('voter-row').first()).toContainText('Ballot issued');
  // The same protocol: every line the desk pre-fills reads as before.
  expect(await protocolLines(page)).toEqual(protocolBefore);

  // The chain goes on: one more ballot, then the laptop connects and pushes all seven events once.
  await issue(page, '20/2');
  await request.post(`${CENTER}/api/admin/bundles`, { headers: admin, data: await sealBundle(demoBundle() as ElectionBundleInput) });
  // The center's count of ballots issued at 9003 (other specs of this run may have pushed some before).
  const issuedAtCenter = async () =>
    ((await (await request.get(`${CENTER}/api/admin/dashboard`, { headers: admin })).json()) as { precincts: { number: number; ballotsIssued: number }[] }).precincts.find((p) => p.number === 9003)?.ballotsIssued ?? 0;
  const centerBefore = await issuedAtCenter();
  const issued = await request.post(`${CENTER}/api/admin/enrolment-codes`, { headers: admin, data: { precinct: 9003 } });
  const { code } = (await issued.json()) as { code: string };
  await page.getByRole('link', { name: 'Center' }).click();
  await page.getByTestId('sync-url').fill(CENTER);
  await page.getByTestId('sync-code').fill(code);
  await page.getByTestId('sync-connect').click();
  await expect(page.getByTestId('sync-ok')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('sync-waiting')).toHaveText('0');
  await expect(page.getByTestId('sync-acknowledged')).toHaveText('7');
  // Nothing lost, nothing twice: the center counts the three ballots of before the loss and the one after.
  await expect.poll(issuedAtCenter).toBe(centerBefore + 4);
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-waiting')).toHaveText('0');
  expect(await issuedAtCenter()).toBe(centerBefore + 4);
});

// ——— Restore with the center: the laptop was enrolled and had synced before it was lost ———

/**
 * The center keeps what earlier runs pushed: each test takes a precinct no other spec or test uses,
 * at random among its own (a retry on the same center most likely takes another one).
 */
const pickPrecinct = (own: readonly number[]): number => own[Math.floor(Math.random() * own.length)]!;

/** The center out of reach for this laptop (its requests fail as offline ones do); the local app still loads. */
async function centerUnreachable(context: BrowserContext, unreachable: boolean): Promise<void> {
  if (unreachable) await context.route(`${CENTER}/**`, (route) => route.abort('internetdisconnected'));
  else await context.unrouteAll({ behavior: 'ignoreErrors' });
}

interface CenterFigures {
  events: number;
  ballotsIssued: number;
}

/** The center's figures of the precinct (the demo bundle loaded first, as the laptops' own). */
async function centerFigures(request: APIRequestContext, precinct: number): Promise<CenterFigures> {
  expect((await request.post(`${CENTER}/api/admin/bundles`, { headers: admin, data: await sealBundle(demoBundle() as ElectionBundleInput) })).status()).toBe(200);
  const body = (await (await request.get(`${CENTER}/api/admin/dashboard`, { headers: admin })).json()) as { precincts: (CenterFigures & { number: number })[] };
  const row = body.precincts.find((p) => p.number === precinct);
  return { events: row?.events ?? 0, ballotsIssued: row?.ballotsIssued ?? 0 };
}

/** The desk's own figure: ballots issued, as the voter list counts them (a live read: waited for). */
async function expectDeskIssued(page: Page, issued: number): Promise<void> {
  await page.getByRole('link', { name: 'Voter list', exact: true }).click();
  await expect(page.getByTestId('issued-count')).toContainText(`Ballots issued: ${issued} of`);
}

async function connect(page: Page, code: string): Promise<void> {
  await page.getByRole('link', { name: 'Center' }).click();
  await page.getByTestId('sync-url').fill(CENTER);
  await page.getByTestId('sync-code').fill(code);
  await page.getByTestId('sync-connect').click();
  await expect(page.getByTestId('sync-ok')).toBeVisible({ timeout: 20_000 });
}

async function syncNow(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Center' }).click();
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-waiting')).toHaveText('0', { timeout: 20_000 });
  await expect(page.getByTestId('sync-error')).toHaveCount(0);
}

async function enrolmentCode(request: APIRequestContext, precinct: number): Promise<string> {
  return ((await (await request.post(`${CENTER}/api/admin/enrolment-codes`, { headers: admin, data: { precinct } })).json()) as { code: string }).code;
}

async function storedEvents(page: Page): Promise<{ deviceId: string; seq: number }[]> {
  return (JSON.parse(await dumpDatabase(page, 'precinct-desk')) as { events: { deviceId: string; seq: number }[] }).events;
}

async function deviceIdOf(page: Page): Promise<string> {
  const meta = (JSON.parse(await dumpDatabase(page, 'precinct-desk')) as { meta: { key: string; deviceId?: string }[] }).meta;
  return meta.find((m) => m.key === 'device')?.deviceId ?? '';
}

/** An enrolled laptop that pushed two ballots, then issued two more that it never sent; its backup taken. */
async function enrolledDayBackedUp(page: Page, request: APIRequestContext, precinct: number): Promise<{ text: string; deviceId: string }> {
  await startDemoWithList(page, precinct);
  await connect(page, await enrolmentCode(request, precinct));
  await issue(page, '1/1');
  await issue(page, '1/2');
  await syncNow(page);
  await expect(page.getByTestId('sync-acknowledged')).toHaveText('4'); // setup, list, two ballots
  // The center out of reach from here (the laptop stays so until it is lost): two ballots it does not get.
  await centerUnreachable(page.context(), true);
  await issue(page, '1/3');
  await issue(page, '1/4');
  await page.getByRole('link', { name: 'Center' }).click();
  await expect(page.getByTestId('sync-waiting')).toHaveText('2');
  await page.getByTestId('backup-passphrase').fill(PASS);
  const downloading = page.waitForEvent('download');
  await page.getByTestId('backup-now').click();
  const text = readFileSync((await (await downloading).path())!, 'utf8');
  return { text, deviceId: await deviceIdOf(page) };
}

async function restoreFromFirstRun(page: Page, text: string, asNewDevice: boolean): Promise<void> {
  await expect(page.getByTestId('language-step')).toBeVisible();
  await page.getByTestId('language-continue').click();
  await page.getByTestId('choose-restore').click();
  await tryRestore(page, 'day.pdbackup', text, PASS);
  await expect(page.getByTestId('restore-checked')).toBeVisible();
  await page.getByTestId(asNewDevice ? 'restore-new-device' : 'restore-continue').check();
  await page.getByTestId('restore-confirm').click();
  await expect(page.getByRole('link', { name: 'Voter list', exact: true })).toBeVisible({ timeout: 20_000 });
}

test('an enrolled laptop lost with two ballots unsent, restored as the same laptop: re-keyed, it goes on with its chain and the center holds every event once', async ({ page, request }) => {
  test.setTimeout(150_000);
  const precinct = pickPrecinct([9008, 9011, 9043]);
  const centerStart = await centerFigures(request, precinct);
  const { text, deviceId } = await enrolledDayBackedUp(page, request, precinct);
  // The center has the four events sent before the loss, not the two ballots after.
  expect(await centerFigures(request, precinct)).toEqual({ events: centerStart.events + 4, ballotsIssued: centerStart.ballotsIssued + 2 });

  await wipe(page);
  await centerUnreachable(page.context(), false);
  await restoreFromFirstRun(page, text, false);
  expect(await deviceIdOf(page)).toBe(deviceId);
  await issue(page, '1/5');
  // The laptop's key is not in the backup: the center re-keys the same device, whose chain it keeps.
  const rekey = await request.post(`${CENTER}/api/admin/devices/${encodeURIComponent(deviceId)}/rekey`, { headers: admin, data: {} });
  expect(rekey.status()).toBe(200);
  await connect(page, ((await rekey.json()) as { code: string }).code);
  await syncNow(page);
  // Seven events of one chain: the four the center had, the two unsent and the one after the restore.
  await expect(page.getByTestId('sync-acknowledged')).toHaveText('7');
  const mine = (await storedEvents(page)).filter((e) => e.deviceId === deviceId).map((e) => e.seq).sort((a, b) => a - b);
  expect(mine).toEqual([1, 2, 3, 4, 5, 6, 7]);
  // Nothing lost, nothing twice: the center's figures move by exactly what the desk holds.
  const issued = centerStart.ballotsIssued + 5;
  await expectDeskIssued(page, issued);
  expect(await centerFigures(request, precinct)).toEqual({ events: centerStart.events + 7, ballotsIssued: issued });
  await syncNow(page);
  expect(await centerFigures(request, precinct)).toEqual({ events: centerStart.events + 7, ballotsIssued: centerStart.ballotsIssued + 5 });
});

test('restored as a new device while the old laptop is still alive: the new laptop’s log and the old laptop’s later push both reach the center, each fact counted once', async ({ browser, request }) => {
  test.setTimeout(180_000);
  const precinct = pickPrecinct([9023, 9034]);
  const centerStart = await centerFigures(request, precinct);
  const oldContext = await browser.newContext();
  const newContext = await browser.newContext();
  try {
    const old = await oldContext.newPage();
    const { text, deviceId: oldId } = await enrolledDayBackedUp(old, request, precinct);

    // Another laptop restores the backup as a new device (the old one may still be alive).
    const fresh = await newContext.newPage();
    await fresh.goto('/');
    await restoreFromFirstRun(fresh, text, true);
    const newId = await deviceIdOf(fresh);
    expect(newId).not.toBe(oldId);
    // It holds the old laptop's log, unsent ballots included, and counts them.
    await expectDeskIssued(fresh, centerStart.ballotsIssued + 4);
    await issue(fresh, '1/5');
    await connect(fresh, await enrolmentCode(request, precinct));
    await syncNow(fresh);
    // What the new laptop pushed is its own chain: the one ballot recorded under its id.
    const newOwn = (await storedEvents(fresh)).filter((e) => e.deviceId === newId);
    expect(newOwn.map((e) => e.seq)).toEqual([1]);
    await expect(fresh.getByTestId('sync-acknowledged')).toHaveText('1');

    // Until the old laptop pushes, the center has its four events of before and the new laptop's one:
    // the two ballots the old laptop never sent reach the center only from it (the new laptop cannot
    // sign for it), while the new desk already counts them.
    expect(await centerFigures(request, precinct)).toEqual({ events: centerStart.events + 5, ballotsIssued: centerStart.ballotsIssued + 3 });
    // The old laptop comes back: one more ballot, then its later push (its two unsent, then that one).
    await issue(old, '1/6');
    await centerUnreachable(oldContext, false);
    await syncNow(old);
    await expect(old.getByTestId('sync-acknowledged')).toHaveText('7');
    await syncNow(fresh);
    await syncNow(old);

    // The center: 4 + 3 events of the old laptop, 1 of the new; 2 + 2 + 1 + 1 ballots, each once.
    const figures = await centerFigures(request, precinct);
    expect(figures).toEqual({ events: centerStart.events + 8, ballotsIssued: centerStart.ballotsIssued + 6 });
    // Both desks hold every fact once and count what the center counts.
    for (const desk of [old, fresh]) {
      const events = await storedEvents(desk);
      expect(new Set(events.map((e) => `${e.deviceId}/${e.seq}`)).size).toBe(events.length);
      expect(events.filter((e) => e.deviceId === oldId)).toHaveLength(7);
      expect(events.filter((e) => e.deviceId === newId)).toHaveLength(1);
      await expectDeskIssued(desk, figures.ballotsIssued);
    }
  } finally {
    await oldContext.close();
    await newContext.close();
  }
});

test('restored as the same laptop from a backup older than what it had sent: connecting is refused as center-ahead (never "everything is sent"); restored again as a new laptop, it takes the old laptop\'s later events back from the center', async ({ page, request }) => {
  test.setTimeout(180_000);
  const precinct = pickPrecinct([9002, 9019]);
  const centerStart = await centerFigures(request, precinct);
  await startDemoWithList(page, precinct);
  await connect(page, await enrolmentCode(request, precinct));
  await issue(page, '1/1');
  await syncNow(page);
  await expect(page.getByTestId('sync-acknowledged')).toHaveText('3'); // setup, list, one ballot
  await page.getByTestId('backup-passphrase').fill(PASS);
  const downloading = page.waitForEvent('download');
  await page.getByTestId('backup-now').click();
  const text = readFileSync((await (await downloading).path())!, 'utf8');
  const deviceId = await deviceIdOf(page);
  // Sent after the backup: the center holds five events of this laptop, the backup three.
  await issue(page, '1/2');
  await issue(page, '1/3');
  await syncNow(page);
  await expect(page.getByTestId('sync-acknowledged')).toHaveText('5');
  const sent = { events: centerStart.events + 5, ballotsIssued: centerStart.ballotsIssued + 3 };
  expect(await centerFigures(request, precinct)).toEqual(sent);

  await wipe(page);
  await restoreFromFirstRun(page, text, false);
  await issue(page, '1/5');
  const rekey = await request.post(`${CENTER}/api/admin/devices/${encodeURIComponent(deviceId)}/rekey`, { headers: admin, data: {} });
  await page.getByRole('link', { name: 'Center' }).click();
  await page.getByTestId('sync-url').fill(CENTER);
  await page.getByTestId('sync-code').fill(((await rekey.json()) as { code: string }).code);
  await page.getByTestId('sync-connect').click();
  // Before: enrolled with the center's seq 5, 'Everything is sent' while the ballot 1/5 (seq 4) never went out.
  await expect(page.getByTestId('sync-enrol-error')).toContainText(tr('en', 'sync:error.center-ahead'));
  await expect(page.getByTestId('sync-enrol-error')).toContainText(tr('en', 'sync:todo.center-ahead'));
  await expect(page.getByTestId('sync-ok')).toHaveCount(0);
  expect(await centerFigures(request, precinct)).toEqual(sent);

  // As the message says: the backup restored again as a new laptop, connected with a new code.
  await wipe(page);
  await restoreFromFirstRun(page, text, true);
  await connect(page, await enrolmentCode(request, precinct));
  await syncNow(page);
  // The old laptop's two ballots sent after the backup come back from the center: 1/1, 1/2, 1/3.
  await expectDeskIssued(page, 3);
  expect(await centerFigures(request, precinct)).toEqual(sent);
});
