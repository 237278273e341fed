/** Timing helpers for benchmarks run in the browser. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export async function timeEach(count: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await run(i);
    samples.push(performance.now() - start);
  }
  return samples;
}

/**
 * Two series timed in turns (`a` then `b`, round after round): on a machine whose load changes
 * from second to second, each figure and its baseline see the same conditions.
 */
export async function timePairs(count: number, a: (i: number) => Promise<unknown>, b: (i: number) => Promise<unknown>): Promise<[number[], number[]]> {
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < count; i += 1) {
    let start = performance.now();
    await a(i);
    first.push(performance.now() - start);
    start = performance.now();
    await b(i);
    second.push(performance.now() - start);
  }
  return [first, second];
}

export function result(name: string, value: number, baseline: number, unit = 'ms'): BenchResult {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { name, value: round(value), unit, baseline: round(baseline), ratio: round(value / baseline) };
}

/** Raw IndexedDB: open a database with one object store and the given indexes. */
export function openRawDb(name: string, store: string, keyPath: string | string[], indexes: Record<string, string | string[]>): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      const s = req.result.createObjectStore(store, { keyPath });
      for (const [index, path] of Object.entries(indexes)) s.createIndex(index, path);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function rawPut(db: IDBDatabase, store: string, value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite', { durability: 'strict' });
    tx.objectStore(store).put(value);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}
