/**
 * An IndexedDB answer held back in the page, as a slow disk would: the first request of `methods`
 * on the object store `store` is made at once, but its success reaches the app only when the test
 * calls `window.__releaseHeld()`. Its transaction is kept alive meanwhile (a get of nothing on the
 * same store, again and again), so the request goes on as it would.
 *
 * Passed to `page.addInitScript(holdRequest, options)` or `page.evaluate(holdRequest, options)`:
 * it runs in the page, so it holds all it needs (Playwright sends its text, not its closure). With
 * `session`, it acts only when sessionStorage holds '1' under that name (set before a reload), once.
 */
export function holdRequest(options: { store: string; methods: readonly string[]; session?: string }): void {
  if (options.session !== undefined) {
    if (sessionStorage.getItem(options.session) !== '1') return;
    sessionStorage.removeItem(options.session);
  }
  let released = false;
  let held = false;
  (window as unknown as { __releaseHeld: () => void }).__releaseHeld = () => {
    released = true;
  };
  const realGet = IDBObjectStore.prototype.get;
  const proto = IDBObjectStore.prototype as unknown as Record<string, (this: IDBObjectStore, ...args: unknown[]) => IDBRequest>;
  for (const method of options.methods) {
    const real = proto[method];
    if (!real) continue;
    proto[method] = function held_(this: IDBObjectStore, ...args: unknown[]): IDBRequest {
      const req = real.apply(this, args);
      if (this.name !== options.store || held) return req;
      held = true;
      const keepAlive = () => realGet.call(this, '\u0000e2e-nothing');
      let handler: ((this: IDBRequest, e: Event) => unknown) | null = null;
      Object.defineProperty(req, 'onsuccess', {
        configurable: true,
        get: () => handler,
        set: (h: typeof handler) => {
          handler = h;
        },
      });
      req.addEventListener('success', (e) => {
        const spin = () => {
          if (released) {
            handler?.call(req, e);
            return;
          }
          keepAlive().addEventListener('success', spin);
        };
        spin();
      });
      return req;
    };
  }
}

/** Lets the request `holdRequest` held answer. */
export function releaseHeld(): void {
  (window as unknown as { __releaseHeld: () => void }).__releaseHeld();
}
