/**
 * The mobile-count screen's table at 1366 px: its header row's background spans the whole table
 * (the last column, of the record buttons, has a header cell of its own, not a bare cell left white).
 */
import { expect, test } from '@playwright/test';
import { startDemo } from './helpers';

test('the mobile count table header is one band across the table at 1366 px', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await startDemo(page, 9019, '/', { votingDay: 'historical' });
  await page.goto('/#/mobile-count');
  const head = page.locator('table.table thead tr').first();
  await expect(head).toBeVisible();
  const cells = await head.evaluate((tr) => {
    const table = tr.closest('table')!.getBoundingClientRect();
    return {
      table: { left: table.left, right: table.right },
      cells: Array.from(tr.children).map((c) => ({ tag: c.tagName, background: getComputedStyle(c).backgroundColor, left: c.getBoundingClientRect().left, right: c.getBoundingClientRect().right })),
    };
  });
  const band = cells.cells[0]!.background;
  expect(band).not.toBe('rgba(0, 0, 0, 0)');
  for (const c of cells.cells) expect(c, `${c.tag} at ${c.left}–${c.right}`).toMatchObject({ tag: 'TH', background: band });
  expect(cells.cells[0]!.left).toBeCloseTo(cells.table.left, 0);
  expect(cells.cells[cells.cells.length - 1]!.right).toBeCloseTo(cells.table.right, 0);
  await page.screenshot({ path: test.info().outputPath('mobile-count-1366.png'), fullPage: false });
});
