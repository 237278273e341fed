/**
 * A key in the desk's search renders the search alone (issue 19, desk.keystroke.p95): the rest of the
 * desk (its figures, banners, the voter's card) is not rendered again by what is typed. Seen through
 * React's developer-tools hook (as React DevTools sees renders, in the built app): on every commit,
 * whether the Desk component (the one whose element is the `desk` box) performed work, and the
 * component that holds the search box.
 */
import { expect, test } from '@playwright/test';
import { csvPlain, people } from '../support/voter-files';
import { importVoterList, startDemo } from './helpers';

declare global {
  interface Window {
    __renders: { desk: number; search: number };
  }
}

/** Counts the renders of the Desk and of the component holding the search box, commit by commit. */
function installRenderCounter(): void {
  // React's PerformedWork flag: the fiber's component ran in the render this commit made.
  const PERFORMED_WORK = 1;
  // Function components: plain, forwardRef, memo, simple memo.
  const COMPONENT_TAGS = new Set([0, 11, 14, 15]);
  type Fiber = { tag: number; flags: number; memoizedProps: Record<string, unknown> | null; child: Fiber | null; sibling: Fiber | null; return: Fiber | null };
  const seen = new Map<string, Fiber>();
  window.__renders = { desk: 0, search: 0 };
  const find = (root: Fiber, testId: string): Fiber | null => {
    const stack: Fiber[] = [root];
    while (stack.length > 0) {
      const f = stack.pop()!;
      if (f.tag === 5 && f.memoizedProps?.['data-testid'] === testId) return f;
      if (f.sibling) stack.push(f.sibling);
      if (f.child) stack.push(f.child);
    }
    return null;
  };
  const owner = (host: Fiber | null): Fiber | null => {
    let f = host?.return ?? null;
    while (f && !COMPONENT_TAGS.has(f.tag)) f = f.return;
    return f;
  };
  // A fiber rendered in this commit: a new one (the tree's fibers alternate) that performed work.
  // One not on the commit's path is the same object as before, its flags from an older render.
  const rendered = (key: string, f: Fiber | null): boolean => {
    if (!f) return false;
    const before = seen.get(key);
    seen.set(key, f);
    return f !== before && (f.flags & PERFORMED_WORK) !== 0;
  };
  (window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => undefined,
    onScheduleFiberRoot: () => undefined,
    onCommitFiberUnmount: () => undefined,
    onPostCommitFiberRoot: () => undefined,
    onCommitFiberRoot: (_id: number, root: { current: Fiber }) => {
      const desk = find(root.current, 'desk');
      if (!desk) return;
      if (rendered('desk', owner(desk))) window.__renders.desk += 1;
      if (rendered('search', owner(find(root.current, 'voter-search')))) window.__renders.search += 1;
    },
  };
}

test('typing in the desk search renders the search, never the rest of the desk', async ({ page }) => {
  await page.addInitScript(installRenderCounter);
  await startDemo(page, 9001);
  await page.getByRole('button', { name: 'EN' }).click();
  const list = people(30);
  await importVoterList(page, 'list.csv', csvPlain(list), '0 of 30');
  const search = page.getByTestId('voter-search');
  await search.click();
  const count = page.getByTestId('found-count');
  // The desk has rendered (the hook sees it).
  expect(await page.evaluate(() => window.__renders.desk)).toBeGreaterThan(0);

  await page.evaluate(() => (window.__renders = { desk: 0, search: 0 }));
  const typed = list[3]!.surname;
  for (let i = 1; i <= typed.length; i += 1) {
    await page.keyboard.type(typed[i - 1]!);
    await expect(count).toHaveAttribute('data-query', typed.slice(0, i));
  }
  await search.press('ArrowDown');
  await search.press('ArrowUp');
  await expect(page.getByTestId('voter-row').first()).toHaveClass(/selected/u);
  const renders = await page.evaluate(() => window.__renders);
  // Each key rendered the search; none of them the desk.
  expect(renders.search).toBeGreaterThanOrEqual(typed.length + 2);
  expect(renders.desk).toBe(0);

  // Enter opens the voter: that is the desk's (its card), and the box takes keys again after Escape.
  await search.press('Enter');
  await expect(page.getByTestId('voter-detail')).toContainText(list[3]!.surname);
  expect(await page.evaluate(() => window.__renders.desk)).toBeGreaterThan(0);
  await page.keyboard.press('Escape');
  await expect(search).toBeFocused();
});
