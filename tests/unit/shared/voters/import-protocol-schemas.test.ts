/**
 * The import worker's message schemas are made on first use, not when the module loads: the module
 * is in the app's start (through the voters barrel), and a reload built its ~190 zod schemas before
 * the desk answered (issue 19, desk.open: the start chunk's evaluation, profiled).
 */
import { describe, expect, it, vi } from 'vitest';

const made = vi.hoisted(() => ({ count: 0 }));

vi.mock('zod', async (original) => {
  const real = await original<typeof import('zod')>();
  // Every schema made through `z.…` is counted.
  const z = new Proxy(real.z, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        made.count += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { ...real, z };
});

describe('import protocol schemas', () => {
  it('are not made when the module loads, only when a message is first parsed', async () => {
    // What the module imports is loaded first (the event catalog makes its own schemas at load).
    await import('../../../../shared/events/catalog');
    await import('../../../../shared/voters/mapping');
    await import('../../../../shared/voters/packed');
    await import('../../../../shared/voters/search');
    made.count = 0;
    const protocol = await import('../../../../shared/voters/import-protocol');
    expect(made.count).toBe(0);
    expect(protocol.parseImportRequest({ type: 'nonsense' })).toBeNull();
    expect(made.count).toBeGreaterThan(100);
    const after = made.count;
    expect(protocol.parseImportReply({ type: 'error', id: 1, message: 'x' })).toEqual({ type: 'error', id: 1, message: 'x' });
    // Made once.
    expect(made.count).toBe(after);
  });
});
