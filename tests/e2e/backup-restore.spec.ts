import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { buildBackup, readBackup } from '../../shared/backup/backup-file';
import { sealBundle, type ElectionBundleInput } from '../../shared/election/bundle';
import { demoBundle } from '../../shared/election/demo';
import { CENTER_ADMIN_TOKEN, CENTER_PORT } from '../../playwright.config';
import { dumpDatabase, startDemoWithList, tr } from './helpers';

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
  await page.getByTestId('receipt-act').fill('7');
  await page.getByTestId('receipt-count').fill('120');
  await page.getByTestId('receipt-record').click();
  await expect(page.getByTestId('ledger-message')).toContainText('Recorded: 120 ballots under act No. 7.');
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
