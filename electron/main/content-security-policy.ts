/**
 * The Content-Security-Policy sent with every `app://` response (protocol.ts). It matches the header
 * of the browser build's server (scripts/serve.mjs), except connect-src: in Electron the page reaches
 * no host at all. Every request to the sync center goes through the main process
 * (center-gate.ts), which sends it only to the enrolled center or an address the user confirmed.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'default-src': ["'self'"],
  // 'wasm-unsafe-eval' lets WebAssembly compile (PDF rendering); it does not allow eval() of strings.
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  // 'unsafe-inline' for styles only: libraries the renderer uses (PDF and print layouts) inject
  // <style> elements and style attributes at run time. Styles cannot run script, and script-src stays
  // strict, so this does not reopen script injection.
  'style-src': ["'self'", "'unsafe-inline'"],
  // The voter-list import worker (issue 19): a module script of the app's own origin, never a blob:
  // or data: worker (stated, not left to the fallback through script-src).
  'worker-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  // No network host: the sync center is reached through the main process (center-gate.ts).
  'connect-src': ["'self'", 'data:', 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
});

export const CONTENT_SECURITY_POLICY: string = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');
