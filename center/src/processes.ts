/**
 * `center serve --processes N`: N processes share the port (Node's cluster), on one PostgreSQL.
 * The center keeps no state a process needs from another (caches only), so on election night a
 * machine's cores all take pushes; the primary only starts, restarts and stops the workers.
 */
import cluster, { type Worker } from 'node:cluster';
import type { MetricFamily } from './metrics';

/** The number of serving processes asked for: a whole number from 1 to 64. */
export function parseProcessCount(text: string | undefined): number {
  if (text === undefined || text === '') return 1;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`--processes (CENTER_PROCESSES) must be a whole number from 1 to 64, not ${JSON.stringify(text)}`);
  return n;
}

/** A worker tells the primary it listens with this message. */
export const LISTENING = 'center:listening';

/**
 * `/metrics` with several processes: the process a scrape reaches asks the primary (ASK), which
 * asks every listening process for its families (COLLECT), gathers their answers (PART) for up to
 * METRICS_WAIT_MS and hands them to the asker (ALL). Each scrape thus shows every process's
 * counters, told apart by their `pid` label, instead of the one process the connection reached.
 */
const METRICS_ASK = 'center:metrics-ask';
const METRICS_COLLECT = 'center:metrics-collect';
const METRICS_PART = 'center:metrics-part';
const METRICS_ALL = 'center:metrics-all';
/** How long the primary waits for the processes' answers (one that is stuck is left out). */
const METRICS_WAIT_MS = 1500;

type MetricsMessage =
  | { kind: typeof METRICS_ASK; id: number }
  | { kind: typeof METRICS_COLLECT; key: string }
  | { kind: typeof METRICS_PART; key: string; families: MetricFamily[] }
  | { kind: typeof METRICS_ALL; id: number; parts: MetricFamily[][] };

const isMessage = <K extends MetricsMessage['kind']>(message: unknown, kind: K): message is Extract<MetricsMessage, { kind: K }> =>
  typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === kind;

/** In a serving process: answers the primary's collection with this process's families. */
export function answerMetricsCollection(families: () => MetricFamily[]): void {
  if (!cluster.isWorker) return;
  process.on('message', (message: unknown) => {
    if (isMessage(message, METRICS_COLLECT)) process.send?.({ kind: METRICS_PART, key: message.key, families: families() } satisfies MetricsMessage);
  });
}

let metricsAsked = 0;
/**
 * In a serving process: every listening process's families, gathered by the primary; `own` alone
 * outside a cluster, or when the primary does not answer in time.
 */
export function gatherMetrics(own: MetricFamily[]): Promise<MetricFamily[][]> {
  const send = process.send?.bind(process);
  if (!cluster.isWorker || !send) return Promise.resolve([own]);
  metricsAsked += 1;
  const id = metricsAsked;
  return new Promise((resolve) => {
    const done = (parts: MetricFamily[][]): void => {
      clearTimeout(timer);
      process.off('message', onMessage);
      resolve(parts);
    };
    const onMessage = (message: unknown): void => {
      if (isMessage(message, METRICS_ALL) && message.id === id) done(message.parts.length > 0 ? message.parts : [own]);
    };
    const timer = setTimeout(() => done([own]), METRICS_WAIT_MS * 2);
    process.on('message', onMessage);
    send({ kind: METRICS_ASK, id } satisfies MetricsMessage);
  });
}

/** Restarts of a worker that dies within this long of its start are spaced out by this much. */
const RESTART_DELAY_MS = 1000;

/**
 * In the primary: starts `count` workers and resolves once every one listens; a worker that dies
 * is started again (and said so on stderr). Returns the function that stops them all.
 */
export async function superviseWorkers(count: number): Promise<() => Promise<void>> {
  let stopping = false;
  const live = new Set<Worker>();
  const listeningWorkers = new Set<Worker>();
  /** Collections under way: the processes still to answer and the families gathered. */
  const collections = new Map<string, { waiting: Set<Worker>; parts: MetricFamily[][]; finish: () => void }>();
  let collected = 0;
  const collectMetrics = (asker: Worker, id: number): void => {
    collected += 1;
    const key = String(collected);
    const targets = [...listeningWorkers].filter((w) => w.isConnected());
    const finish = (): void => {
      if (!collections.delete(key)) return;
      clearTimeout(timer);
      if (asker.isConnected()) asker.send({ kind: METRICS_ALL, id, parts: collection.parts } satisfies MetricsMessage);
    };
    const collection = { waiting: new Set(targets), parts: [] as MetricFamily[][], finish };
    collections.set(key, collection);
    const timer = setTimeout(finish, METRICS_WAIT_MS);
    for (const w of targets) w.send({ kind: METRICS_COLLECT, key } satisfies MetricsMessage);
    if (targets.length === 0) finish();
  };
  const onPart = (from: Worker, key: string, families: MetricFamily[]): void => {
    const collection = collections.get(key);
    if (!collection || !collection.waiting.delete(from)) return;
    collection.parts.push(families);
    if (collection.waiting.size === 0) collection.finish();
  };
  const start = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const startedAt = Date.now();
      const worker = cluster.fork();
      live.add(worker);
      let listening = false;
      worker.on('message', (message: unknown) => {
        if (message === LISTENING && !listening) {
          listening = true;
          listeningWorkers.add(worker);
          resolve();
        }
        if (isMessage(message, METRICS_ASK)) collectMetrics(worker, message.id);
        if (isMessage(message, METRICS_PART)) onPart(worker, message.key, message.families);
      });
      worker.once('exit', (code, signal) => {
        live.delete(worker);
        listeningWorkers.delete(worker);
        // A collection waiting for this process goes on without it.
        for (const c of collections.values()) if (c.waiting.delete(worker) && c.waiting.size === 0) c.finish();
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
