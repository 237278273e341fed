/**
 * The worker that reads the active voter list at the window's start (issue 19): the row read and
 * deserialised here, off the UI thread (at 100,000 voters that was one task of 100 ms and more in
 * the window, on every reload), and posted to the window with its typed arrays' buffers
 * transferred. Asked once with the database's name; answers once: the read (list-read.ts) or null.
 */
import { readListRow, rowBuffers } from './list-read';

/** The worker's global scope, as much of it as is used (the DOM library has no worker types). */
const scope = self as unknown as { postMessage(message: unknown, transfer: Transferable[]): void; onmessage: ((e: MessageEvent<unknown>) => void) | null };

scope.onmessage = (e: MessageEvent<unknown>) => {
  if (typeof e.data !== 'string') {
    scope.postMessage(null, []);
    return;
  }
  void readListRow(e.data).then((read) => scope.postMessage(read, read ? rowBuffers(read.row) : []));
};
