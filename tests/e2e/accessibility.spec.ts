import { expect, test, type Page } from '@playwright/test';
import { startDemo, startDemoWithList } from './helpers';

/** Visible elements whose own text is drawn under `min` px. */
function smallText(page: Page, min: number): Promise<string[]> {
  return page.evaluate((limit) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (!own || el.closest('.page, .visually-hidden, [hidden]')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < limit) out.push(`${el.tagName}.${el.className} ${size}px: ${(el.textContent ?? '').trim().slice(0, 30)}`);
    }
    return out;
  }, min);
}

test('first run: one h1 and a main landmark; base text 16 px, nothing under 14 px; the large-text setting holds across a restart', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.locator('h1')).toHaveCount(1);
  await startDemoWithList(page, 9003);
  expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('16px');
  expect(await smallText(page, 14)).toEqual([]);
  await page.getByRole('link', { name: 'Calendar plan' }).click();
  expect(await smallText(page, 14)).toEqual([]);

  await page.getByTestId('text-size').selectOption('150');
  expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('24px');
  await page.reload();
  await expect(page.getByTestId('active-precinct')).toBeVisible();
  expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('24px');
  await expect(page.getByTestId('text-size')).toHaveValue('150');
  await page.getByTestId('text-size').selectOption('100');
  expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('16px');
});

test('focus goes to the main task: the screen\'s h1 after the demo starts and after each navigation', async ({ page }) => {
  await startDemo(page, 9003);
  const focused = () => page.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.closest('main') ? 'main' : 'outside'}`);
  await expect.poll(focused).toBe('H1:main');
  await page.locator('.nav a[href="#/ledger"]').click();
  await expect.poll(focused).toBe('H1:main');
  await expect(page.locator('main h1')).toBeFocused();
  await page.locator('.nav a[href="#/protocol"]').click();
  await expect.poll(focused).toBe('H1:main');

});

test('the focus ring is the accent colour, at least 3:1 on white', async ({ page }) => {
  await startDemoWithList(page, 9003);
  await page.getByRole('link', { name: 'Voter list', exact: true }).click();
  await page.getByTestId('voter-search').focus();
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement as Element);
    return `${s.outlineStyle} ${s.outlineColor} ${s.outlineWidth}`;
  });
  // #0b5cad on white is 6.6:1.
  expect(outline).toBe('solid rgb(11, 92, 173) 3px');
});
