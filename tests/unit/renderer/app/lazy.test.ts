import { describe, expect, it } from 'vitest';
import { lazyNamed, preloadScreens } from '../../../../renderer/app/lazy';

describe('screens loaded ahead of their first showing (preloadScreens)', () => {
  it('one module at a time, each in a task of its own after the one before has loaded; a load that fails stops none of the rest', async () => {
    const log: string[] = [];
    const screen = (name: string, fails = false) => () => {
      log.push(`start ${name}`);
      // A task later, as a module's fetch and run are: nothing else may start meanwhile.
      return new Promise<Record<string, () => null>>((resolve, reject) =>
        setTimeout(() => {
          log.push(`loaded ${name}`);
          if (fails) reject(new Error(`${name} not loaded`));
          else resolve({ [name]: () => null });
        }, 0),
      );
    };
    lazyNamed(screen('A'), 'A');
    lazyNamed(screen('B', true), 'B');
    lazyNamed(screen('C'), 'C');
    // What runs between two loads: a task queued as the first load settles runs before the next starts.
    const done = preloadScreens();
    expect(log).toEqual(['start A']);
    await done;
    expect(log).toEqual(['start A', 'loaded A', 'start B', 'loaded B', 'start C', 'loaded C']);
  });
});
