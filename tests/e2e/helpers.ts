import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** First run in Kyrgyz → demo election → the given precinct. */
export async function startDemo(page: Page, precinct = 9001, url = '/'): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('language-step')).toBeVisible();
  await page.getByTestId('language-continue').click();
  await page.getByTestId('choose-demo').click();
  await page.getByRole('radio', { name: new RegExp(`^${precinct} `, 'u') }).check();
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
  return value.replace(/\{\{(\w+)\}\}/gu, (_, p: string) => String(params[p] ?? ''));
}

/** Numbers as the UI writes them (Kyrgyz groups digits as Russian does). */
export function num(n: number, lng: 'ky' | 'ru' | 'en'): string {
  return new Intl.NumberFormat(lng === 'ky' ? 'ru' : lng).format(n);
}

/** Picks a voter-list file by its bytes. */
export async function pickVoterFile(page: Page, name: string, bytes: Uint8Array, mimeType = 'text/csv'): Promise<void> {
  await page.getByTestId('voter-file').setInputFiles({ name, mimeType, buffer: Buffer.from(bytes) });
}

/** First run in Kyrgyz → the demo at `precinct` with a generated list of its size → English. */
export async function startDemoWithList(page: Page, precinct: number): Promise<void> {
  await page.goto('/');
  await page.getByTestId('language-continue').click();
  await page.getByTestId('choose-demo').click();
  await page.getByRole('radio', { name: new RegExp(`^${precinct} `, 'u') }).check();
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
