/**
 * A printed page is ready only once its facts are read: a page whose live queries stand in with a
 * default value (no rows, zeros) while loading says it is busy (aria-busy on the document, the print
 * buttons disabled) until every first read has answered — so printing as soon as the page signals
 * ready never prints the defaults. The page is looked at on the first frame it signals ready.
 */
import { expect, test, type Page } from '@playwright/test';
import { openPrinted, startDemo, startDemoWithList } from './helpers';

/** The document's text on the first animation frame on which it does not say it is busy. */
async function textWhenReady(page: Page): Promise<{ text: string; byEvents: number; printable: boolean }> {
  return page.evaluate(
    () =>
      new Promise<{ text: string; byEvents: number; printable: boolean }>((resolve) => {
        const look = () => {
          const doc = document.querySelector('[data-testid="print-document"]');
          if (doc && !doc.closest('[aria-busy="true"]') && !doc.querySelector('[aria-busy="true"]')) {
            const button = document.querySelector<HTMLButtonElement>('[data-testid="print-now"]');
            resolve({ text: doc.textContent ?? '', byEvents: doc.querySelectorAll('[data-testid^="calendar-print-by-events-"]').length, printable: button !== null && !button.disabled });
          } else requestAnimationFrame(look);
        };
        look();
      }),
  );
}

test('the calendar printed as soon as it signals ready shows the items done by records, never the defaults', async ({ page }) => {
  await startDemoWithList(page, 9001, { votingDay: 'historical' });
  await page.goto('/#/calendar');
  await page.getByTestId('calendar-print').click();
  // Read at leisure: the items the records show done (the list activated, the demo's set-up) once the
  // page is ready and a second later, when every read has long answered.
  const doc = await openPrinted(page);
  await page.waitForTimeout(1_000);
  const settled = await doc.locator('[data-testid^="calendar-print-by-events-"]').count();
  expect(settled).toBeGreaterThan(0);
  // Opened afresh (every query reads from the start): the first ready frame already shows them all.
  for (let i = 0; i < 3; i += 1) {
    await page.reload();
    const first = await textWhenReady(page);
    expect(first.byEvents, `reload ${i + 1}`).toBe(settled);
    expect(first.printable).toBe(true);
  }
});

test('a training handout printed as soon as it signals ready has its situation with the example facts, not the bare summary', async ({ page }) => {
  await startDemo(page, 9003);
  await page.locator('.nav a[href="#/training"]').click();
  await page.getByTestId('training-enter').click();
  await page.locator('[data-testid^="scenario-handout-"]').first().click();
  const situation = page.getByTestId('handout-situation');
  await expect(situation).toBeVisible();
  await expect(page.getByTestId('print-document')).not.toHaveAttribute('aria-busy', 'true');
  const settled = await situation.textContent();
  for (let i = 0; i < 3; i += 1) {
    await page.reload();
    const first = await textWhenReady(page);
    expect(first.text, `reload ${i + 1}`).toContain(settled ?? '—');
  }
});
