/**
 * The scenario worker (issue 19): a training scenario's starting state built and written off the UI
 * thread (scenario-session.ts), through the core's raw-IndexedDB door (core/training-store).
 */
import { replaceLogIn } from '../../core/training-store';
import { handleScenarioMessage } from './scenario-session';

/** The worker's global scope, as much of it as is used (the DOM library has no worker types). */
const scope = self as unknown as { postMessage(message: unknown): void; onmessage: ((e: MessageEvent<unknown>) => void) | null };

let queue: Promise<void> = Promise.resolve();
scope.onmessage = (e: MessageEvent<unknown>) => {
  queue = queue.then(() => handleScenarioMessage(e.data, (m) => scope.postMessage(m), replaceLogIn));
};
