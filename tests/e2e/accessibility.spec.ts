import { expect, test, type Page } from '@playwright/test';
import { startDemo, startDemoWithList } from './helpers';

/** Every main screen (the router's routes, as in axe.spec.ts). */
const SCREENS = ['opening', 'posting', 'voters', 'voters-import', 'voters-pages', 'applications', 'outpremises', 'calendar', 'ledger', 'mobile-count', 'count', 'protocol', 'protocol-prints', 'sync', 'profile', 'training'] as const;

/** Visible elements whose own text is drawn under `min` px (SVG text as drawn: its size times the drawing's scale). */
function smallText(page: Page, min: number): Promise<string[]> {
  return page.evaluate((limit) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement | SVGGraphicsElement>('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (!own || el.closest('.page, .visually-hidden, [hidden]')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const scale = el instanceof SVGGraphicsElement ? Math.abs(el.getScreenCTM()?.a ?? 1) : 1;
      const size = Math.round(parseFloat(getComputedStyle(el).fontSize) * scale * 100) / 100;
      if (size < limit) out.push(`${el.tagName}.${el.getAttribute('class') ?? ''} ${size}px: ${(el.textContent ?? '').trim().slice(0, 30)}`);
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

test('nothing under 14 px on any main screen at 1366 px, in Kyrgyz and Russian (the turnout chart\'s labels and the profile\'s bundle hash included)', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await startDemoWithList(page, 9003);
  const small: string[] = [];
  for (const lng of ['ky', 'ru'] as const) {
    await page.getByRole('button', { name: lng.toUpperCase(), exact: true }).click();
    for (const route of SCREENS) {
      await page.evaluate((r) => {
        window.location.hash = `#/${r}`;
      }, route);
      await expect(page.locator('main h1')).toBeVisible();
      await page.waitForTimeout(150);
      small.push(...(await smallText(page, 14)).map((s) => `${lng} ${route}: ${s}`));
    }
  }
  // Before: the turnout chart's times at 12.1 px (voters-pages) and the bundle hash at 11.4 px (profile).
  expect(small).toEqual([]);
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

  // At 1366 × 768 in Kyrgyz the menu is one column beside the screen (a row would need ≈ 1 770 px and
  // wrapped), and the operator picker is as wide as its longest "name — role".
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('button', { name: 'KY', exact: true }).click();
  const layout = await page.evaluate(() => {
    const links = [...document.querySelectorAll<HTMLElement>('.nav a')];
    const select = document.querySelector<HTMLSelectElement>('[data-testid="operator"]')!;
    const pen = document.createElement('canvas').getContext('2d')!;
    pen.font = getComputedStyle(select).font;
    const widest = Math.max(...[...select.options].map((o) => pen.measureText(o.text).width));
    const style = getComputedStyle(select);
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return {
      lefts: new Set(links.map((a) => Math.round(a.getBoundingClientRect().left))).size,
      clipped: links.filter((a) => a.scrollWidth > a.clientWidth).map((a) => a.textContent),
      bottom: Math.max(...links.map((a) => a.getBoundingClientRect().bottom)),
      optionFits: room >= widest,
    };
  });
  expect(layout).toEqual({ lefts: 1, clipped: [], bottom: expect.any(Number), optionFits: true });
  expect(layout.bottom).toBeLessThanOrEqual(768);
});

/** How far the page scrolls sideways, in CSS px (0: it does not). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Each of `screens` opened in its language; those that scroll sideways, as "<prefix>lng route: N px". */
async function screensScrollingSideways(page: Page, screens: Record<'ky' | 'ru', readonly string[]>, prefix = ''): Promise<string[]> {
  const over: string[] = [];
  for (const lng of ['ky', 'ru'] as const) {
    await page.getByRole('button', { name: lng.toUpperCase(), exact: true }).click();
    for (const route of screens[lng]) {
      await page.evaluate((r) => {
        window.location.hash = `#/${r}`;
      }, route);
      await expect(page.locator('main h1')).toBeVisible();
      await page.waitForTimeout(150);
      const px = await sideways(page);
      if (px > 0) over.push(`${prefix}${lng} ${route}: ${px} px`);
    }
  }
  return over;
}

test.describe('200 % zoom at 1366 × 768 (683 × 384 CSS px)', () => {
  test.use({ viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 });
  test('no screen scrolls sideways: every main screen in Kyrgyz (the longest words), the widest in Russian', async ({ page }) => {
    await startDemoWithList(page, 9003);
    const screens = { ky: SCREENS, ru: ['opening', 'voters', 'ledger', 'protocol'] } as const;
    const over = await screensScrollingSideways(page, screens);
    // Before the fix: the voter list 121 px (both languages), the opening screen 55 px (Kyrgyz).
    expect(over).toEqual([]);
  });
});

test.describe('the large-text setting on a 1024 × 640 window', () => {
  test.use({ viewport: { width: 1024, height: 640 } });
  test('at 125 % and 150 % no screen scrolls sideways (every main screen in Kyrgyz, the widest in Russian), the menu still a column beside them', async ({ page }) => {
    test.setTimeout(120_000);
    await startDemoWithList(page, 9003);
    const menuIsColumn = () => page.evaluate(() => new Set([...document.querySelectorAll<HTMLElement>('.nav a')].map((a) => Math.round(a.getBoundingClientRect().left))).size === 1);
    expect(await menuIsColumn()).toBe(true);
    const screens = { ky: SCREENS, ru: ['opening', 'count', 'calendar', 'mobile-count', 'profile', 'ledger', 'protocol'] } as const;
    const over: string[] = [];
    for (const size of ['125 %', '150 %']) {
      await page.getByTestId('text-size').selectOption(size);
      over.push(...(await screensScrollingSideways(page, screens, `${size} `)));
    }
    // The menu stays a column beside the screens (the rows it would take on top are worth more on a
    // 640 px high window), so a screen has 25 rem at 150 %: its tables scroll inside their own box and
    // the profile's labels go above their values (styles.css, `@container screen`). Before, at 150 %
    // the opening scrolled 421 px sideways, the calendar 254, the count 145, the profile 104.
    expect(over).toEqual([]);
    expect(await menuIsColumn()).toBe(true);
  });
});
