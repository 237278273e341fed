/**
 * `center serve --processes N`: N processes share the port (Node's cluster), on one PostgreSQL.
 * The center keeps no state a process needs from another (caches only), so on election night a
 * machine's cores all take pushes; the primary only starts, restarts and stops the workers.
 */
import cluster, { type Worker } from 'node:cluster';

/** The number of serving processes asked for: a whole number from 1 to 64. */
export function parseProcessCount(text: string | undefined): number {
  if (text === undefined || text === '') return 1;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`--processes (CENTER_PROCESSES) must be a whole number from 1 to 64, not ${JSON.stringify(text)}`);
  return n;
}

/** A worker tells the primary it listens with this message. */
export const LISTENING = 'center:listening';

/** Restarts of a worker that dies within this long of its start are spaced out by this much. */
const RESTART_DELAY_MS = 1000;

/**
 * In the primary: starts `count` workers and resolves once every one listens; a worker that dies
 * is started again (and said so on stderr). Returns the function that stops them all.
 */
export async function superviseWorkers(count: number): Promise<() => Promise<void>> {
  let stopping = false;
  const live = new Set<Worker>();
  const start = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const startedAt = Date.now();
      const worker = cluster.fork();
      live.add(worker);
      let listening = false;
      worker.on('message', (message: unknown) => {
        if (message === LISTENING && !listening) {
          listening = true;
          resolve();
        }
      });
      worker.once('exit', (code, signal) => {
        live.delete(worker);
        if (!listening) reject(new Error(`a center process stopped before listening (${signal ?? code})`));
        if (stopping || !listening) return;
        console.error(`center: process ${worker.process.pid ?? '?'} stopped (${signal ?? code}); starting another`);
        setTimeout(() => void start().catch((e: unknown) => console.error(`center: ${e instanceof Error ? e.message : String(e)}`)), Date.now() - startedAt < RESTART_DELAY_MS ? RESTART_DELAY_MS : 0);
      });
    });
  const stop = async (): Promise<void> => {
    stopping = true;
    await Promise.all(
      [...live].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      ),
    );
  };
  try {
    await Promise.all(Array.from({ length: count }, start));
  } catch (e) {
    await stop();
    throw e;
  }
  return stop;
}
