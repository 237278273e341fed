/**
 * The import screen's side of the import worker (issue 19): one worker per file, requests answered
 * in order, every message received parsed (import-protocol.ts), through the core's worker client
 * (core/worker-client.ts, shared with the training scenario's load). Cancelling terminates the worker:
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
import { WorkerCancelled, WorkerClient } from '../../../core/worker-client';

type Reply = NonNullable<ReturnType<typeof parseImportReply>>;
type Progress = Extract<Reply, { type: 'progress' }>;

/** A request of the protocol without its id (the client numbers them). */
type RequestBody<T extends ImportRequest['type']> = T extends ImportRequest['type'] ? Omit<Extract<ImportRequest, { type: T }>, 'id'> : never;

/** A job of the import worker that was cancelled (the worker terminated). */
export { WorkerCancelled as ImportCancelled };

const PROTOCOL = { parse: parseImportReply, isProgress: (r: Reply): r is Progress => r.type === 'progress', name: 'the import worker' };

export class ImportWorker {
  private readonly client: WorkerClient<RequestBody<ImportRequest['type']>, Reply, Progress>;

  constructor(
    onProgress: (p: ImportProgress) => void,
    create: () => Worker = () => new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'voter-import' }),
  ) {
    this.client = new WorkerClient(PROTOCOL, create, onProgress);
  }

  private request<T extends ImportRequest['type']>(body: RequestBody<T>, transfer: Transferable[] = []): Promise<Reply> {
    return this.client.request(body, transfer);
  }

  async read(body: RequestBody<'read'>): Promise<Result<FileSummary, FileProblem[]>> {
    return this.client.expect(await this.request(body), 'read').result;
  }

  async header(row: number): Promise<Result<FileSummary, FileProblem[]>> {
    return this.client.expect(await this.request({ type: 'header', row }), 'read').result;
  }

  async rowRuns(body: RequestBody<'row-runs'>): Promise<boolean> {
    return this.client.expect(await this.request(body), 'row-runs').value;
  }

  async check(body: RequestBody<'check'>): Promise<Review> {
    return this.client.expect(await this.request(body), 'review').review;
  }

  async keep(keep: [number, number][]): Promise<Review> {
    return this.client.expect(await this.request({ type: 'keep', keep }), 'review').review;
  }

  /**
   * The list decided and packed (`plan`), handed straight to the worker at the other end of `to`
   * (its `buildFrom`): this window never holds a copy of it.
   */
  async handOver(keep: [number, number][], exclude: boolean, to: MessagePort): Promise<void> {
    this.client.expect(await this.request({ type: 'plan', keep, exclude, to }, [to]), 'handed');
  }

  /** The list handed over on `from` (by another worker's `handOver`) built in this worker (hash, index), as `prepare` answers. */
  async buildFrom(from: MessagePort): Promise<{ listHash: string; details: ActivationDetails }> {
    const reply = this.client.expect(await this.request({ type: 'build-from', from }, [from]), 'prepared');
    return { listHash: reply.listHash, details: reply.details };
  }

  /**
   * The prepared list stored by the worker in `database` (its blob and cache row; see the protocol's
   * `stage`), and handed over packed with its index — unchecked: `openStaged` checks it.
   */
  async stage(database: string): Promise<StagedReply> {
    return this.client.expect(await this.request({ type: 'stage', database }), 'staged');
  }

  /**
   * A backup file decrypted and checked whole, its voter lists packed (`readBackupToRestore`), in
   * this worker; the window restores the answer.
   */
  async readBackup(file: Blob, passphrase: string, training: boolean): Promise<Result<{ state: RestorableState; summary: BackupSummary }, BackupProblem>> {
    const reply = this.client.expect(await this.request({ type: 'read-backup', file, passphrase, training }), 'backup');
    // Made by readBackupToRestore in the worker: the events checked there with the envelope's
    // schema and their chains verified, the problem one of BackupProblem's.
    return reply.result as Result<{ state: RestorableState; summary: BackupSummary }, BackupProblem>;
  }

  /**
   * A backup of the database named in `body`, made in this worker (`make-backup`): the file and how
   * many events it holds, or why not.
   */
  async makeBackup(body: RequestBody<'make-backup'>): Promise<Result<{ file: Blob; events: number }, BackupProblem>> {
    const reply = this.client.expect(await this.request(body), 'backup-made');
    // Made by buildBackup in the worker: the problem one of BackupProblem's.
    return reply.result as Result<{ file: Blob; events: number }, BackupProblem>;
  }

  /** Stops the worker at once; whatever it was doing is dropped and every waiting request refused. */
  terminate(): void {
    this.client.terminate();
  }
}
