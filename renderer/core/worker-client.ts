/**
 * The window's side of a worker that does a feature's heavy work off the UI thread (issue 19): the
 * voter import's (features/voters/import) and a training scenario's load (features/training). One
 * worker per job, requests answered in order by id, progress messages passed on, every message
 * received parsed by the protocol's own `parse` (a message crossing a thread is a boundary).
 * Cancelling terminates the worker: its work stops at once and every waiting request is refused
 * with `WorkerCancelled`.
 */

export class WorkerCancelled extends Error {
  constructor(what = 'the job') {
    super(`${what} was cancelled`);
  }
}

/** What every reply of a protocol carries: its type, and the id of the request it answers. */
interface Reply {
  type: string;
  id: number;
}

export interface WorkerProtocol<R extends Reply, P extends R> {
  /** A message from the worker, or null when it is not one of the protocol's. */
  parse(data: unknown): R | null;
  /** Whether a reply is a progress message (passed on, never an answer). */
  isProgress(reply: R): reply is P;
  /** What the job is called in errors ("the import worker"). */
  name: string;
}

type Pending<R> = { resolve(reply: R): void; reject(error: Error): void };

export class WorkerClient<Q extends { type: string }, R extends Reply, P extends R> {
  private readonly worker: Worker;
  private next = 1;
  private readonly pending = new Map<number, Pending<R>>();
  private closed = false;
  /**
   * Why the worker failed (its script did not load, a message could not be read, one broke the
   * protocol): a request made after that is refused with it at once. Before, a worker whose script
   * failed to load before the first request was sent left that request waiting for ever — the
   * screen's progress with it.
   */
  private failed: Error | null = null;

  constructor(
    private readonly protocol: WorkerProtocol<R, P>,
    create: () => Worker,
    private readonly onProgress: (p: P) => void,
  ) {
    this.worker = create();
    this.worker.onmessage = (e: MessageEvent<unknown>) => this.receive(e.data);
    this.worker.onerror = (e: ErrorEvent) => this.failAll(new Error(e.message || `${protocol.name} failed`));
    this.worker.onmessageerror = () => this.failAll(new Error(`a message from ${protocol.name} could not be read`));
  }

  private receive(data: unknown): void {
    const reply = this.protocol.parse(data);
    if (!reply) {
      this.failAll(new Error(`${this.protocol.name} sent a message outside the protocol`));
      return;
    }
    if (this.protocol.isProgress(reply)) {
      this.onProgress(reply);
      return;
    }
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    const error = reply.type === 'error' ? (reply as R & { message?: unknown }).message : undefined;
    if (reply.type === 'error') pending.reject(new Error(typeof error === 'string' ? error : `${this.protocol.name} failed`));
    else pending.resolve(reply);
  }

  private failAll(error: Error): void {
    if (!(error instanceof WorkerCancelled)) this.failed ??= error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  /** One request (its id added); resolves with the reply that answers it, rejects on an `error` reply. */
  request(body: Q, transfer: Transferable[] = []): Promise<R> {
    if (this.closed) return Promise.reject(new WorkerCancelled());
    if (this.failed) return Promise.reject(this.failed);
    const id = this.next++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id }, transfer);
    });
  }

  /** The reply as the type asked for, or an error naming what came instead. */
  expect<T extends R['type']>(reply: R, type: T): Extract<R, { type: T }> {
    if (reply.type !== type) throw new Error(`${this.protocol.name} answered '${reply.type}' where '${type}' was expected`);
    return reply as Extract<R, { type: T }>;
  }

  /** Stops the worker at once; whatever it was doing is dropped and every waiting request refused. */
  terminate(): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.terminate();
    this.failAll(new WorkerCancelled());
  }
}
