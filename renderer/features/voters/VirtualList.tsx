/** A list that renders only the rows in view: the desk stays quick with 100,000 voters. */
import { useEffect, useState, type ReactNode } from 'react';

interface Props<T> {
  items: readonly T[];
  rowHeight: number;
  height: number;
  render(item: T, index: number): ReactNode;
  getKey(item: T): string;
  testId?: string;
  /** Told the rows rendered (`first` ≤ i < `last`) whenever they change: what is worth reading for. */
  onRange?(first: number, last: number): void;
}

export function VirtualList<T>({ items, rowHeight, height, render, getKey, testId, onRange }: Props<T>) {
  const [scrollTop, setScrollTop] = useState(0);
  const overscan = 6;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  useEffect(() => onRange?.(first, last), [onRange, first, last]);
  return (
    <div className="virtual-list" style={{ height, overflowY: 'auto' }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} data-testid={testId}>
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>
        {items.slice(first, last).map((item, i) => (
          <div key={getKey(item)} style={{ position: 'absolute', top: (first + i) * rowHeight, left: 0, right: 0, height: rowHeight }}>
            {render(item, first + i)}
          </div>
        ))}
      </div>
    </div>
  );
}
