/**
 * The worker that builds the desk's cache row of a list from its blob (list-build.ts), off the UI
 * thread (issue 19: the first start after a restore). Asked once with the database's name and the
 * list's hash; answers once: the row, its typed arrays' buffers transferred, or null.
 */
import { buildListRowIn } from './list-build';
import { rowBuffers } from './list-read';

/** The worker's global scope, as much of it as is used (the DOM library has no worker types). */
const scope = self as unknown as { postMessage(message: unknown, transfer: Transferable[]): void; onmessage: ((e: MessageEvent<unknown>) => void) | null };

scope.onmessage = (e: MessageEvent<unknown>) => {
  const ask = e.data as { database?: unknown; listHash?: unknown } | null;
  if (typeof ask !== 'object' || ask === null || typeof ask.database !== 'string' || typeof ask.listHash !== 'string') {
    scope.postMessage(null, []);
    return;
  }
  buildListRowIn(ask.database, ask.listHash).then(
    (row) => scope.postMessage(row, rowBuffers(row)),
    () => scope.postMessage(null, []),
  );
};
