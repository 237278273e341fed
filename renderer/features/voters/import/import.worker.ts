/**
 * The import worker (issue 19): decode, parse, check and prepare a voter list off the UI thread.
 * The work is ImportSession's; here it gets its messages, and reads the active list and the issued
 * ballots and stores the list through the core's raw-IndexedDB door (renderer/core/import-store).
 */
import { readActiveListIn, readIssuedIn, readLogIn, stageListIn } from '../../../core/import-store';
import { ImportSession, type ImportSources } from './import-session';
import { collectHeap } from './heap-collect';

/** The worker's global scope, as much of it as is used (the DOM library has no worker types). */
const scope = self as unknown as { postMessage(message: unknown, transfer: Transferable[]): void; onmessage: ((e: MessageEvent<unknown>) => void) | null };

const sources: ImportSources = { activeList: readActiveListIn, issued: readIssuedIn, stage: stageListIn, log: readLogIn };

const session = new ImportSession((message, transfer) => scope.postMessage(message, transfer ?? []), sources, collectHeap);
scope.onmessage = (e: MessageEvent<unknown>) => void session.handle(e.data);
