/**
 * A component of a module loaded when it is first rendered (React.lazy over a named export), so a
 * screen the window does not show is neither fetched nor compiled at start (issue 19).
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props: React.lazy's own bound
export function lazyNamed<M extends Record<K, ComponentType<any>>, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  loaders.push(load);
  return lazy(async () => ({ default: (await load())[name] }));
}

const loaders: (() => Promise<unknown>)[] = [];

/**
 * Every lazy screen fetched and compiled ahead of its first showing, once the window is idle after
 * start: an offline-first app must not need its server for a screen first opened hours later (the
 * browser fallback's server may be gone, the network cut). A module once loaded is taken from the
 * module map by every later import. A load that fails is tried again when the screen is shown.
 */
export async function preloadScreens(): Promise<void> {
  // One screen's module at a time, the next in a task of its own once it has loaded: all ~35 asked
  // at once (with the languages' words) made one task of 50–100 ms on a 2-core laptop 2 s after
  // every start — the empty app's longest, met by a member typing at the desk then (issue 19).
  for (const load of loaders) {
    await load().catch(() => undefined);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}
