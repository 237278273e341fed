/**
 * A component of a module loaded when it is first rendered (React.lazy over a named export), so a
 * screen the window does not show is neither fetched nor compiled at start (issue 19).
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props: React.lazy's own bound
export function lazyNamed<M extends Record<K, ComponentType<any>>, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] }));
}
