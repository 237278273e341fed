/**
 * A reload of the desk with its list stored (issue 19): the search answers from the list the
 * window's first line read, before the app's database has opened and its setup and operator have
 * been read; a voter opened meanwhile gets no issue button until they are, then the ballot is issued
 * as ever, the search keeping what was typed.
 */
import { expect, test } from '@playwright/test';
import { csvPlain, people } from '../support/voter-files';
import { holdRequest, releaseHeld } from '../support/hold-request';
import { startDemo, importVoterList } from './helpers';

const LIST = people(300, 20).map((p) => ({ ...p, birth: p.birth.replace(/1999$/u, '1989') }));

/**
 * When the session says so, the app's own database connection (Dexie opens with a version; the
 * first line's read of the list opens without one) is held open-but-unanswered until the test calls
 * `__releaseDb()`: everything the app reads through it (setup, operator, figures) waits.
 */
function holdAppDatabase(): void {
  if (sessionStorage.getItem('e2e-hold-db') !== '1') return;
  sessionStorage.removeItem('e2e-hold-db');
  const realOpen = IDBFactory.prototype.open;
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  (window as unknown as { __releaseDb: () => void }).__releaseDb = () => release();
  IDBFactory.prototype.open = function open(this: IDBFactory, name: string, version?: number): IDBOpenDBRequest {
    if (version === undefined) return realOpen.call(this, name);
    const req = realOpen.call(this, name, version);
    let handler: ((this: IDBRequest, e: Event) => unknown) | null = null;
    Object.defineProperty(req, 'onsuccess', {
      configurable: true,
      get: () => handler,
      set: (h: typeof handler) => {
        handler = h;
      },
    });
    req.addEventListener('success', (e) => void gate.then(() => handler?.call(req, e)));
    return req;
  };
}

test('reload: the search answers before the setup is read; the issue button waits for the operator, then issues', async ({ page }) => {
  await startDemo(page, 9001);
  await page.getByRole('button', { name: 'EN' }).click();
  await importVoterList(page, 'list.csv', csvPlain(LIST), '0 of 300');

  await page.addInitScript(holdAppDatabase);
  await page.evaluate(() => sessionStorage.setItem('e2e-hold-db', '1'));
  await expect(page).toHaveURL(/#\/voters$/u);
  await page.reload();

  const voter = LIST[137]!;
  const query = `${voter.page}/${voter.row}`;
  const search = page.getByTestId('voter-search');
  await search.fill(query);
  await expect(page.getByTestId('found-count')).toHaveText('Found: 1');
  await expect(page.getByTestId('voter-row')).toContainText(voter.surname);
  // The setup is not read yet (the app's database is held): no election in the top bar.
  await expect(page.getByTestId('active-precinct')).toHaveCount(0);

  // Opened now: the card waits, with no issue button, for the setup and the operator.
  await search.press('Enter');
  await expect(page.getByTestId('desk-waiting')).toBeVisible();
  await expect(page.getByTestId('issue-ballot')).toHaveCount(0);
  await expect(page.getByTestId('active-precinct')).toHaveCount(0);

  await page.evaluate(() => (window as unknown as { __releaseDb: () => void }).__releaseDb());
  await expect(page.getByTestId('active-precinct')).toContainText('9001');
  // The same desk: what was typed is kept, and the card comes with its button focused.
  await expect(search).toHaveValue(query);
  await expect(page.getByTestId('issue-ballot')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toContainText(`row ${voter.row}`);
  await expect(page.getByTestId('issued-count')).toContainText('1 of 300');
});

/**
 * The list's cache row spoilt in a way only its O(n) checks see (every document's postings moved to
 * the next voter, one posting past the list): a reload's search answers from it before those checks
 * (issue 19), so its first answer is a wrong voter. Nothing is issued from it: the voter opened
 * then waits; the checks refuse the row and the list is built from its blob; the voter opened from
 * the wrong answer is let go (no card, no issue button), and the right voter is issued.
 */
function spoilListCache(): Promise<string> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('precinct-desk');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('listCache', 'readwrite');
      const store = tx.objectStore('listCache');
      const all = store.getAll();
      all.onsuccess = () => {
        const row = (all.result as { index: { size: number; codes: { flat: Int32Array } } }[])[0]!;
        const n = row.index.size;
        const flat = row.index.codes.flat.map((p) => ((((p >> 2) + 1) % n) << 2) | (p & 3));
        flat[0] = 4 * n;
        row.index.codes.flat = flat;
        store.put(row);
      };
      tx.oncomplete = () => {
        open.result.close();
        resolve('spoilt');
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

test('reload with a spoilt list cache: the first answer may be wrong, but its voter is never issued; the list is rebuilt and the right voter issued', async ({ page }) => {
  await startDemo(page, 9001);
  await page.getByRole('button', { name: 'EN' }).click();
  await importVoterList(page, 'list.csv', csvPlain(LIST), '0 of 300');
  expect(await page.evaluate(spoilListCache)).toBe('spoilt');

  await page.addInitScript(holdAppDatabase);
  await page.evaluate(() => sessionStorage.setItem('e2e-hold-db', '1'));
  // The list is rebuilt from its blob in a worker of its own (list-build), which opens the database
  // itself, past the window's hold: its script is held too, so the rebuild waits for the release
  // (else, on a slow machine, the rebuilt list replaced the wrong answer before Enter's card showed).
  let releaseWorker: () => void = () => undefined;
  const workerHeld = new Promise<void>((resolve) => {
    releaseWorker = resolve;
  });
  let workerAsked = false;
  await page.route(/\/list-build\.worker-[^/]*\.js$/u, async (route) => {
    workerAsked = true;
    await workerHeld;
    await route.continue();
  });
  await page.reload();

  const voter = LIST[137]!;
  const next = LIST[138]!;
  const search = page.getByTestId('voter-search');
  await search.fill(voter.document!);
  // The row's first answer, before its checks: the next voter (the postings moved), not the one typed.
  await expect(page.getByTestId('found-count')).toHaveText('Found: 1');
  await expect(page.getByTestId('voter-row')).toContainText(`${next.page}/${next.row}`);
  await expect.poll(() => workerAsked).toBe(true);
  await search.press('Enter');
  await expect(page.getByTestId('desk-waiting')).toBeVisible();
  await expect(page.getByTestId('issue-ballot')).toHaveCount(0);

  await page.evaluate(() => (window as unknown as { __releaseDb: () => void }).__releaseDb());
  releaseWorker();
  await expect(page.getByTestId('active-precinct')).toContainText('9001');
  // Rebuilt from its blob: the voter typed, and nothing opened from the wrong answer.
  await expect(page.getByTestId('voter-row')).toContainText(`${voter.page}/${voter.row}`);
  await expect(page.getByTestId('voter-row')).not.toContainText(`${next.page}/${next.row}`);
  await expect(page.getByTestId('desk-waiting')).toHaveCount(0);
  await expect(page.getByTestId('issue-ballot')).toHaveCount(0);
  await search.press('Enter');
  await expect(page.getByTestId('issue-ballot')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toContainText(`row ${voter.row}`);
  await expect(page.getByTestId('issued-count')).toContainText('1 of 300');
});

test('a reload on another screen reads the list in a worker of its own, the desk then finding the same voters; a reload of the desk reads it in the window', async ({ page }) => {
  await startDemo(page, 9001);
  await page.getByRole('button', { name: 'EN' }).click();
  await importVoterList(page, 'list.csv', csvPlain(LIST), '0 of 300');
  const voter = LIST[137]!;
  const search = page.getByTestId('voter-search');
  await search.fill(voter.surname);
  await expect(page.getByTestId('found-count')).toHaveAttribute('data-query', voter.surname);
  const byName = await page.getByTestId('found-count').textContent();
  const finds = async () => {
    await search.fill(voter.surname);
    await expect(page.getByTestId('found-count')).toHaveText(byName!);
    await search.fill(`${voter.page}/${voter.row}`);
    await expect(page.getByTestId('found-count')).toHaveText('Found: 1');
    await expect(page.getByTestId('voter-row')).toContainText(voter.surname);
  };
  await finds();

  const workers: string[] = [];
  page.on('worker', (w) => workers.push(new URL(w.url()).pathname.split('/').pop()!));
  // The desk reloaded: its first answer waits for the row, read in the window (no worker's start before it).
  await page.reload();
  await finds();
  expect(workers.filter((w) => w.startsWith('list-read'))).toEqual([]);

  // Another screen reloaded: the row read in the worker (its 100,000 voters' arrays not deserialised
  // on the window's thread), and the desk opened from it finds the same voters.
  await page.evaluate(() => {
    window.location.hash = '#/calendar';
  });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect.poll(() => workers.filter((w) => w.startsWith('list-read')).length).toBe(1);
  await page.getByRole('link', { name: 'Voter list', exact: true }).click();
  await finds();
});

test("a reload of the desk shows its search box while the list's row is still being read; what was typed then is answered once it is", async ({ page }) => {
  await startDemo(page, 9001);
  await page.getByRole('button', { name: 'EN' }).click();
  await importVoterList(page, 'list.csv', csvPlain(LIST), '0 of 300');

  // The list's row read by the window's first line (the first `listCache` get of the page) held.
  await page.addInitScript(holdRequest, { store: 'listCache', methods: ['get'], session: 'e2e-hold-row' });
  await page.evaluate(() => sessionStorage.setItem('e2e-hold-row', '1'));
  await page.reload();

  const voter = LIST[137]!;
  const query = `${voter.page}/${voter.row}`;
  const search = page.getByTestId('voter-search');
  // The row not read yet: the box takes the keys, the desk says the list is loading, no answer yet.
  await expect(search).toBeVisible();
  await expect(search).toBeFocused();
  await page.keyboard.type(query);
  await expect(page.getByTestId('found-count')).toHaveText('Loading the voter list…');
  await expect(page.getByTestId('voter-row')).toHaveCount(0);
  await search.press('Enter');
  await expect(page.getByTestId('desk-message')).toHaveCount(0);

  await page.evaluate(releaseHeld);
  // The same box, its text kept and answered.
  await expect(page.getByTestId('found-count')).toHaveText('Found: 1');
  await expect(page.getByTestId('voter-row')).toContainText(voter.surname);
  await expect(search).toHaveValue(query);
  await expect(search).toBeFocused();
  await expect(page.getByTestId('active-precinct')).toContainText('9001');
  await search.press('Enter');
  await expect(page.getByTestId('issue-ballot')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toContainText(`row ${voter.row}`);
  await expect(page.getByTestId('issued-count')).toContainText('1 of 300');
});
