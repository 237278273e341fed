/**
 * The desk by keyboard only (issue 21): from the screen the demo opens on, Tab (and Shift+Tab),
 * Enter, Escape and typed text — no click after the demo is set up. At every step the focused
 * element is on screen and draws a focus ring (an outline that is not `none`).
 */
import { expect, test, type Page } from '@playwright/test';
import { startDemoWithList, tr } from './helpers';

interface Focused {
  testId: string | null;
  href: string | null;
  tag: string;
  visible: boolean;
  outline: string;
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { testId: null, href: null, tag: 'BODY', visible: false, outline: 'none' };
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    const visible = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth && s.visibility !== 'hidden';
    return { testId: el.dataset.testid ?? null, href: el.getAttribute('href'), tag: el.tagName, visible, outline: `${s.outlineStyle} ${s.outlineWidth}` };
  });
}

/** The focused element is the one expected, on screen, with a ring at least 2 px wide. */
async function expectRing(page: Page, testId: string): Promise<void> {
  await expect.poll(async () => (await focused(page)).testId).toBe(testId);
  const f = await focused(page);
  expect(f.visible, `${testId} on screen`).toBe(true);
  const [style, width] = f.outline.split(' ');
  expect(style, `${testId} outline`).not.toBe('none');
  expect(parseFloat(width ?? '0'), `${testId} outline width`).toBeGreaterThanOrEqual(2);
}

test('keyboard only: to the desk, find a voter, issue, undo with a reason, close a card with Escape — a focus ring at every step', async ({ page }) => {
  await startDemoWithList(page, 9003);
  // Where navigation puts the focus: the screen's heading. Set-up left the focus on the language
  // button the mouse chose (a focused control keeps it), so it is let go before the navigation.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.goto('/#/opening');
  await expect(page.locator('main h1')).toBeFocused();

  // Shift+Tab from the screen's heading back through the top menu to "Voter list"; every stop shows its ring.
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press('Shift+Tab');
    const f = await focused(page);
    expect(f.visible, `stop ${i} (${f.tag} ${f.href ?? f.testId ?? ''}) on screen`).toBe(true);
    expect(f.outline.startsWith('none'), `stop ${i} (${f.tag} ${f.href ?? f.testId ?? ''}) has a ring`).toBe(false);
    found = f.href === '#/voters';
  }
  expect(found).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk')).toBeVisible();
  // The desk's task is the search: from the heading, Tab reaches it.
  for (let i = 0; i < 5 && (await focused(page)).testId !== 'voter-search'; i++) await page.keyboard.press('Tab');
  await expectRing(page, 'voter-search');

  // Find 1/7 and issue: Enter opens the card on its Issue button, Enter issues, the search has the keys again.
  await page.keyboard.type('1/7');
  await page.keyboard.press('Enter');
  await expectRing(page, 'issue-ballot');
  const name = (await page.getByTestId('voter-detail').locator('h2').textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toContainText(name.split(' ')[0] ?? '');
  await expect(page.getByTestId('issued-count')).toContainText(tr('en', 'voters:issuedOf', { issued: '1', total: '' }).trim());
  await expectRing(page, 'voter-search');

  // The same voter again: the card says it was issued; Shift+Tab to the reason, type it, Tab to Undo, Enter.
  await page.keyboard.type('1/7');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('already-issued')).toBeVisible();
  await expectRing(page, 'issue-again');
  await page.keyboard.press('Shift+Tab');
  await expectRing(page, 'undo-reason');
  await page.keyboard.type('Wrong person');
  await page.keyboard.press('Tab');
  await expectRing(page, 'issue-again');
  await page.keyboard.press('Tab');
  await expectRing(page, 'undo-issue');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('desk-message')).toHaveText(tr('en', 'voters:undone'));
  await expectRing(page, 'voter-search');

  // Escape closes a card opened by mistake: back on the search, nothing issued.
  await page.keyboard.type('1/8');
  await page.keyboard.press('Enter');
  await expectRing(page, 'issue-ballot');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('voter-detail')).toHaveCount(0);
  await expectRing(page, 'voter-search');
  await expect(page.getByTestId('voter-search')).toHaveValue('1/8');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('voter-search')).toHaveValue('');
  await expect(page.getByTestId('issued-count')).toContainText(tr('en', 'voters:issuedOf', { issued: '0', total: '' }).trim());
});

/**
 * The desk's search is a combobox over a listbox (WAI-ARIA 1.2 "list autocomplete"): a screen reader
 * hears the search box as one that lists results, how many, and — as the arrows move while the focus
 * stays in the box — which result is chosen (aria-activedescendant), its place among all listed.
 */
test('screen reader: the search box is a combobox whose listbox of results follows the arrows (the chosen option, its place in the list)', async ({ page }) => {
  await startDemoWithList(page, 9003);
  await page.locator('a[href="#/voters"]').click();
  const box = page.getByRole('combobox', { name: tr('en', 'voters:searchLabel') });
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await box.fill('1/');
  const list = page.getByRole('listbox');
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await expect(box).toHaveAttribute('aria-controls', (await list.getAttribute('id'))!);
  await expect(box).toHaveAttribute('aria-autocomplete', 'list');
  const options = list.getByRole('option');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  const total = Number(await options.first().getAttribute('aria-setsize'));
  expect(total).toBeGreaterThan(2);
  await box.press('ArrowDown');
  await box.press('ArrowDown');
  const chosen = list.getByRole('option', { selected: true });
  await expect(chosen).toHaveCount(1);
  await expect(chosen).toHaveAttribute('aria-posinset', '3');
  await expect(chosen).toHaveAttribute('aria-setsize', String(total));
  await expect(box).toHaveAttribute('aria-activedescendant', (await chosen.getAttribute('id'))!);
  await expect(box).toBeFocused();
  // Enter opens the option the box points at.
  const place = (await chosen.locator('.pr').textContent())!;
  await box.press('Enter');
  await expect(page.getByTestId('voter-detail')).toContainText(place.replace('/', ' / '));
  // No results: nothing to point at, the list said closed.
  await box.fill('999/99');
  await expect(page.getByTestId('not-found')).toBeVisible();
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(box).not.toHaveAttribute('aria-activedescendant', /./u);
});
