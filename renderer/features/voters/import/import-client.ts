/**
 * The import screen's side of the import worker (issue 19): one worker per file, requests answered
 * in order, every message received parsed (import-protocol.ts). Cancelling terminates the worker:
 * its work stops at once and nothing it prepared is stored (the screen writes only what a finished
 * `prepare` hands it).
 */
import {
  parseImportReply,
  type ActivationDetails,
  type FileProblem,
  type FileSummary,
  type ImportProgress,
  type ImportRequest,
  type Review,
  type StagedReply,
} from '../../../../shared/voters';
import type { Result } from '../../../../shared/util/result';
import type { BackupProblem, BackupSummary, RestorableState } from '../../../../shared/backup/backup-file';

type Reply = NonNullable<ReturnType<typeof parseImportReply>>;
type Pending = { resolve(reply: Reply): void; reject(error: Error): void };

export class ImportCancelled extends Error {
  constructor() {
    super('the import was cancelled');
  }
}

type RequestBody<T extends ImportRequest['type']> = T extends ImportRequest['type'] ? Omit<Extract<ImportRequest, { type: T }>, 'id'> : never;

export class ImportWorker {
  private readonly worker: Worker;
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  constructor(
    private readonly onProgress: (p: ImportProgress) => void,
    create: () => Worker = () => new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'voter-import' }),
  ) {
    this.worker = create();
    this.worker.onmessage = (e: MessageEvent<unknown>) => this.receive(e.data);
    this.worker.onerror = (e: ErrorEvent) => this.failAll(new Error(e.message || 'the import worker failed'));
    this.worker.onmessageerror = () => this.failAll(new Error('a message from the import worker could not be read'));
  }

  private receive(data: unknown): void {
    const reply = parseImportReply(data);
    if (!reply) {
      this.failAll(new Error('the import worker sent a message outside the protocol'));
      return;
    }
    if (reply.type === 'progress') {
      this.onProgress(reply);
      return;
    }
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (reply.type === 'error') pending.reject(new Error(reply.message));
    else pending.resolve(reply);
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  private request<T extends ImportRequest['type']>(body: RequestBody<T>, transfer: Transferable[] = []): Promise<Reply> {
    if (this.closed) return Promise.reject(new ImportCancelled());
    const id = this.next++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id }, transfer);
    });
  }

  private static expect<T extends Reply['type']>(reply: Reply, type: T): Extract<Reply, { type: T }> {
    if (reply.type !== type) throw new Error(`the import worker answered '${reply.type}' where '${type}' was expected`);
    return reply as Extract<Reply, { type: T }>;
  }

  async read(body: RequestBody<'read'>): Promise<Result<FileSummary, FileProblem[]>> {
    return ImportWorker.expect(await this.request(body), 'read').result;
  }

  async header(row: number): Promise<Result<FileSummary, FileProblem[]>> {
    return ImportWorker.expect(await this.request({ type: 'header', row }), 'read').result;
  }

  async rowRuns(body: RequestBody<'row-runs'>): Promise<boolean> {
    return ImportWorker.expect(await this.request(body), 'row-runs').value;
  }

  async check(body: RequestBody<'check'>): Promise<Review> {
    return ImportWorker.expect(await this.request(body), 'review').review;
  }

  async keep(keep: [number, number][]): Promise<Review> {
    return ImportWorker.expect(await this.request({ type: 'keep', keep }), 'review').review;
  }

  /**
   * The list decided and packed (`plan`), handed straight to the worker at the other end of `to`
   * (its `buildFrom`): this window never holds a copy of it.
   */
  async handOver(keep: [number, number][], exclude: boolean, to: MessagePort): Promise<void> {
    ImportWorker.expect(await this.request({ type: 'plan', keep, exclude, to }, [to]), 'handed');
  }

  /** The list handed over on `from` (by another worker's `handOver`) built in this worker (hash, index), as `prepare` answers. */
  async buildFrom(from: MessagePort): Promise<{ listHash: string; details: ActivationDetails }> {
    const reply = ImportWorker.expect(await this.request({ type: 'build-from', from }, [from]), 'prepared');
    return { listHash: reply.listHash, details: reply.details };
  }

  /**
   * The prepared list stored by the worker in `database` (its blob and cache row; see the protocol's
   * `stage`), and handed over packed with its index — unchecked: `openStaged` checks it.
   */
  async stage(database: string): Promise<StagedReply> {
    return ImportWorker.expect(await this.request({ type: 'stage', database }), 'staged');
  }

  /**
   * A backup file decrypted and checked whole, its voter lists packed (`readBackupToRestore`), in
   * this worker; the window restores the answer.
   */
  async readBackup(file: Blob, passphrase: string, training: boolean): Promise<Result<{ state: RestorableState; summary: BackupSummary }, BackupProblem>> {
    const reply = ImportWorker.expect(await this.request({ type: 'read-backup', file, passphrase, training }), 'backup');
    // Made by readBackupToRestore in the worker: the events checked there with the envelope's
    // schema and their chains verified, the problem one of BackupProblem's.
    return reply.result as Result<{ state: RestorableState; summary: BackupSummary }, BackupProblem>;
  }

  /** Stops the worker at once; whatever it was doing is dropped and every waiting request refused. */
  terminate(): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.terminate();
    this.failAll(new ImportCancelled());
  }
}
