/**
 * The desk on a small laptop screen (1024 × 768 px at 1024 × 640 of window) with the large-text
 * setting: nothing scrolls sideways (WCAG 1.4.10). The setting scales rem, which a media query does
 * not see (its rem is the browser's 16 px): the search and the card must still go one above the
 * other when the two no longer fit side by side. At 100 % they stay side by side.
 */
import { expect, test, type Page } from '@playwright/test';
import { startDemoWithList } from './helpers';

interface Boxes {
  overflow: number;
  search: { left: number; right: number; top: number; bottom: number };
  card: { left: number; right: number; top: number };
}

async function boxes(page: Page): Promise<Boxes> {
  return page.evaluate(() => {
    const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
    const s = box('.search-card');
    const c = box('[data-testid="voter-card"]');
    return {
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      search: { left: s.left, right: s.right, top: s.top, bottom: s.bottom },
      card: { left: c.left, right: c.right, top: c.top },
    };
  });
}

test('1024 × 640 with 100 %, 125 % and 150 % text: the desk never scrolls sideways; the card beside the search at 100 %, below it when they do not fit', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1024, height: 640 });
  await startDemoWithList(page, 9001);
  await page.locator('a[href="#/voters"]').click();
  const search = page.getByTestId('voter-search');
  for (const size of ['100 %', '125 %', '150 %']) {
    await page.getByLabel('Text size').selectOption(size);
    await search.fill('Түлөбердиев');
    await expect(page.getByTestId('found-count')).toHaveAttribute('data-query', 'Түлөбердиев');
    await search.press('Enter');
    await expect(page.getByTestId('issue-ballot')).toBeFocused();
    const b = await boxes(page);
    expect([size, b.overflow]).toEqual([size, 0]);
    expect([size, b.search.left >= 0, b.card.right <= 1024]).toEqual([size, true, true]);
    if (size === '100 %') expect(b.card.left).toBeGreaterThan(b.search.right);
    else expect([size, b.card.top >= b.search.bottom]).toEqual([size, true]);
    await page.keyboard.press('Escape');
  }
});
