/**
 * Work done a slice at a time (issue 19): a generator that yields (nothing) between slices of a
 * long loop and returns its result. Off the UI thread, or for small inputs, `finish` runs it at
 * once; on the UI thread `inSlices` gives the thread back whenever a slice has run its budget, so
 * no task runs long (input and frames go between the slices).
 */
export type Steps<T> = Generator<void, T, void>;

/** Loop iterations between two chances to yield (a fraction of a millisecond of simple work). */
export const STEP = 4096;

/** The steps run to their end at once. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/** The next task: what is queued before it (input, a frame) runs first. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** The steps run to their end, the thread given back each time `budgetMs` have passed in one task. */
export async function inSlices<T>(steps: Steps<T>, budgetMs = 8): Promise<T> {
  let since = performance.now();
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
    if (performance.now() - since >= budgetMs) {
      await nextTask();
      since = performance.now();
    }
  }
}
