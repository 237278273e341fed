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

/** Every result row shown: its name's width cut (scroll − client, px), its height, and how far its content runs below it. */
async function rowFit(page: Page): Promise<{ name: string; cut: number; height: number; below: number }[]> {
  return page.locator('[data-testid="voter-row"]').evaluateAll((rows) =>
    rows.map((row) => {
      const nm = row.querySelector<HTMLElement>('.nm')!;
      const box = row.getBoundingClientRect();
      const below = Math.max(...[...row.children].map((c) => c.getBoundingClientRect().bottom)) - box.bottom;
      return { name: nm.textContent ?? '', cut: nm.scrollWidth - nm.clientWidth, height: Math.round(box.height), below: Math.round(below) };
    }),
  );
}

test('1024 × 640 with 100 %, 125 % and 150 % text: a result row shows the whole name (surname, name, patronymic), its rows grow with the text; wide at 100 % they stay one line', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1024, height: 640 });
  await startDemoWithList(page, 9001);
  await page.locator('a[href="#/voters"]').click();
  const search = page.getByTestId('voter-search');
  const heights: number[] = [];
  for (const size of ['100 %', '125 %', '150 %']) {
    await page.getByLabel('Text size').selectOption(size);
    await search.fill('Түлөбердиев');
    await expect(page.getByTestId('found-count')).toHaveAttribute('data-query', 'Түлөбердиев');
    // The rows take the new size in a frame after the setting (the list measures 1 rem as it
    // changes); the text typed is the same, so the count above was already there: wait for them.
    const before = heights.at(-1) ?? 0;
    await expect.poll(async () => (await rowFit(page))[0]?.height ?? 0).toBeGreaterThan(before);
    const rows = await rowFit(page);
    expect(rows.length).toBeGreaterThan(2);
    // Nothing cut: the names of namesakes tell them apart on the list itself, and nothing runs out of its row.
    for (const r of rows) expect([size, r.name, r.cut, r.below <= 0]).toEqual([size, r.name, 0, true]);
    heights.push(rows[0]!.height);
  }
  expect(heights[1]!).toBeGreaterThan(heights[0]!);
  expect(heights[2]!).toBeGreaterThan(heights[1]!);
  // A wide window at 100 %: one line a voter, as the desk always had (46 px).
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.getByLabel('Text size').selectOption('100 %');
  await search.fill('Түлөбердиев');
  await expect(page.getByTestId('found-count')).toHaveAttribute('data-query', 'Түлөбердиев');
  await expect.poll(async () => (await rowFit(page)).map((r) => [r.height, r.cut])[0]).toEqual([46, 0]);
});

test('1024 × 640 with 125 % and 150 % text: the first results (two rows, one at 150 %) are on the first screen (the top bar is tight on a short window), nothing scrolled', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1024, height: 640 });
  await startDemoWithList(page, 9001);
  await page.locator('a[href="#/voters"]').click();
  const search = page.getByTestId('voter-search');
  for (const [size, shown] of [['125 %', 2], ['150 %', 1]] as const) {
    await page.getByLabel('Text size').selectOption(size);
    await search.fill('Түлөбердиев');
    await expect(page.getByTestId('found-count')).toHaveAttribute('data-query', 'Түлөбердиев');
    await page.evaluate(() => window.scrollTo(0, 0));
    // The box, the count and the first result rows (two at 125 %, one at 150 %), whole, within the window's 640 px.
    const bottoms = await page.locator('[data-testid="voter-row"]').evaluateAll((rows, n) => rows.slice(0, n).map((r) => Math.round(r.getBoundingClientRect().bottom)), shown);
    expect([size, bottoms.length, bottoms.every((b) => b <= 640)], JSON.stringify(bottoms)).toEqual([size, shown, true]);
    // The election, the precinct and who works the laptop are still shown.
    await expect(page.getByTestId('active-precinct')).toBeInViewport();
  }
});
