import { syncErrorStatus, type SyncError, type SyncErrorCode } from '../../shared/sync/errors';

/** An expected refusal with its wire code; thrown inside a transaction, it rolls everything back. */
export class SyncFailure extends Error {
  readonly body: SyncError;
  constructor(code: SyncErrorCode, extra: Omit<SyncError, 'error'> = {}) {
    super(code);
    this.body = { error: code, ...extra };
  }
  get status(): number {
    return syncErrorStatus(this.body.error);
  }
}

export function fail(code: SyncErrorCode, extra: Omit<SyncError, 'error'> = {}): never {
  throw new SyncFailure(code, extra);
}
