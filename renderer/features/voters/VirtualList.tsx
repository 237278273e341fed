/**
 * A list that renders only the rows in view: the desk stays quick with 100,000 voters.
 *
 * By keyboard: `active` (the row chosen from elsewhere, e.g. the desk's search box) is kept scrolled
 * into view, so a row the arrows move to is rendered; on a focused row ArrowUp/ArrowDown, PageUp/
 * PageDown, Home and End move the focus row by row, scrolling it in; and the focused row stays
 * rendered while the list is scrolled away from it (unmounted, it would take the focus with it).
 *
 * New items are rendered for the rows in view only; the rows around them (for a scroll by the wheel
 * or a finger) follow in a deferred render while the pointer is over the list or it is scrolled.
 */
import { useDeferredValue, useLayoutEffect, useEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';

interface Props<T> {
  items: readonly T[];
  rowHeight: number;
  height: number;
  render(item: T, index: number): ReactNode;
  getKey(item: T): string;
  testId?: string;
  /** A class beside `virtual-list` (the rows' layout). */
  className?: string;
  /** The list as a listbox (its rows are options): its id and accessible name. */
  list?: { id: string; label: string };
  /** Told the rows rendered (`first` ≤ i < `last`) whenever they change: what is worth reading for. */
  onRange?(first: number, last: number): void;
  /** The row to keep in view (scrolled in when it or the items change). */
  active?: number;
}

const FOCUSABLE = 'button, a[href], input, select, textarea, [tabindex]';

/** The scroll position that shows row `index` whole, moving as little as possible from `scrollTop`. */
function scrolledTo(index: number, scrollTop: number, rowHeight: number, height: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + height) return top + rowHeight - height;
  return scrollTop;
}

export function VirtualList<T>({ items, rowHeight, height, render, getKey, testId, className, list, onRange, active }: Props<T>) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // Where the box is scrolled, as its scroll events and `show` left it. `show` reads it here, not
  // from the box: the box's scrollTop, read in the layout effect of a render that changed the rows,
  // lays the page out there and then, inside the keystroke's task, and the frame lays it out again
  // (issue 19, desk.keystroke.p95). A scroll the browser clamps (fewer rows) only moves it up, to
  // where the row it kept in view still is.
  const scrolled = useRef(0);
  // The focused row (its index), rendered wherever the list is scrolled.
  const [held, setHeld] = useState<number | null>(null);
  // The rows around the view (for a scroll by the wheel or a finger) are rendered while the pointer
  // is over the list or once these items have been scrolled (`near`), after new items are on screen,
  // in a render of their own: the render that shows new items (a keystroke's results) makes the rows
  // in view only (issue 19: typing never waits on rows not on screen). While the hands are on the
  // keys no keystroke renders them at all (they were a second render, commit and frame a key); the
  // arrows scroll through `show`, which renders the rows it scrolls to. `settled` is the items the
  // rows around the view were last rendered for: none at first, then these once React has time.
  const [pointer, setPointer] = useState(false);
  // The items the list was last scrolled in (a new query's rows are not scrolled yet).
  const [scrolledIn, setScrolledIn] = useState<readonly T[] | null>(null);
  const near = pointer || scrolledIn === items;
  const settled = useDeferredValue<readonly T[] | null>(near ? items : null, null);
  const overscan = near && settled === items ? 6 : 0;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  useEffect(() => onRange?.(first, last), [onRange, first, last]);

  /** Scrolls row `index` into view and renders the rows there now (not on the scroll event's frame). */
  const show = (index: number, now: boolean) => {
    const el = box.current;
    if (!el) return;
    const to = scrolledTo(index, scrolled.current, rowHeight, height);
    if (to === scrolled.current) return;
    el.scrollTop = to;
    scrolled.current = el.scrollTop;
    if (now) flushSync(() => setScrollTop(el.scrollTop));
    else setScrollTop(el.scrollTop);
  };

  useLayoutEffect(() => {
    if (active !== undefined && active >= 0 && active < items.length) show(active, false);
    // `show` reads the box and the sizes; it is run for a new active row or new items only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, items]);

  const indices: number[] = [];
  if (held !== null && held < first && held < items.length) indices.push(held);
  for (let i = first; i < last; i += 1) indices.push(i);
  if (held !== null && held >= last && held < items.length) indices.push(held);

  return (
    <div
      ref={box}
      className={className ? `virtual-list ${className}` : 'virtual-list'}
      style={{ height, overflowY: 'auto' }}
      onScroll={(e) => {
        scrolled.current = e.currentTarget.scrollTop;
        setScrollTop(scrolled.current);
        setScrolledIn(items);
      }}
      onPointerEnter={() => setPointer(true)}
      onPointerLeave={() => setPointer(false)}
      data-testid={testId}
      {...(list ? { id: list.id, role: 'listbox', 'aria-label': list.label } : {})}
      onFocus={(e) => {
        const at = (e.target as HTMLElement).closest<HTMLElement>('[data-vindex]');
        setHeld(at ? Number(at.dataset.vindex) : null);
      }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setHeld(null);
      }}
      onKeyDown={(e) => {
        const at = (e.target as HTMLElement).closest<HTMLElement>('[data-vindex]');
        if (!at || items.length === 0) return;
        const i = Number(at.dataset.vindex);
        const page = Math.max(1, Math.floor(height / rowHeight));
        const moves: Record<string, number> = { ArrowDown: i + 1, ArrowUp: i - 1, PageDown: i + page, PageUp: i - page, Home: 0, End: items.length - 1 };
        const next = moves[e.key];
        if (next === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
        e.preventDefault();
        const to = Math.max(0, Math.min(items.length - 1, next));
        show(to, true);
        box.current?.querySelector<HTMLElement>(`[data-vindex="${to}"]`)?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
      }}
    >
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>
        {indices.map((index) => (
          <div key={getKey(items[index]!)} data-vindex={index} style={{ position: 'absolute', top: index * rowHeight, left: 0, right: 0, height: rowHeight }}>
            {render(items[index]!, index)}
          </div>
        ))}
      </div>
    </div>
  );
}
