import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openPrinted, startDemo, tr } from './helpers';

/** The PDF's pages and its text (pdftotext), and a PNG of page 1 in test-results to look at. */
function readPdf(pdf: Buffer, png: string): { pages: number; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'precinct-desk-handout-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    const info = execFileSync('pdfinfo', [join(dir, 'doc.pdf')], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/u.exec(info)?.[1]);
    const text = execFileSync('pdftotext', ['-raw', join(dir, 'doc.pdf'), '-'], { encoding: 'utf8' });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', join(dir, 'doc.pdf'), png]);
    return { pages, text };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Words of a text, whitespace-insensitive (the PDF wraps lines). */
const squash = (s: string) => s.replace(/\s+/gu, ' ').trim();

test('each scenario prints as a one-page handout in Kyrgyz and Russian: situation, steps, the law, the typical mistakes', async ({ page }) => {
  test.setTimeout(120_000);
  await startDemo(page, 9001);
  await page.locator('.nav a[href="#/training"]').click();
  await page.getByTestId('training-enter').click();
  for (const lng of ['ky', 'ru'] as const) {
    if (lng === 'ru') {
      // The training's own first run: back to the language, Russian, on to the scenarios.
      await page.getByRole('button', { name: tr('ky', 'common:back') }).click();
      await page.getByRole('button', { name: 'Русский' }).click();
      await page.getByTestId('language-continue').click();
    }
    for (const id of ['late-application', 'unbalanced-protocol', 'aeu-differs', 'correction']) {
      await page.getByTestId(`scenario-handout-${id}`).click();
      await expect(page.getByTestId('handout')).toBeVisible();
      await expect(page.getByTestId('handout-situation')).not.toHaveText(tr(lng, `scenarios:${id}.summary`));
      await openPrinted(page);
      const { pages, text } = readPdf(await page.pdf({ format: 'A4' }), `test-results/h22-handout-${id}-${lng}`);
      expect(pages, `${id} ${lng}`).toBe(1);
      const words = squash(text);
      for (const key of [`scenarios:${id}.title`, 'scenarios:handout.law', 'scenarios:handout.mistakes', `scenarios:${id}.handout.mistake1`, `scenarios:${id}.handout.mistake2`]) {
        expect(words, `${id} ${lng} ${key}`).toContain(squash(tr(lng, key)));
      }
      // The law paragraph as written (its first words), and the training watermark.
      expect(words).toContain(squash(tr(lng, `scenarios:${id}.handout.law`)).slice(0, 60));
      expect(words).toContain(tr(lng, 'training:watermark'));
      await page.goBack();
      await expect(page.getByTestId('scenarios')).toBeVisible();
    }
  }
});
