/**
 * The Content-Security-Policy sent with every `app://` response (protocol.ts). It matches the header
 * of the browser build's server (scripts/serve.mjs), plus `https:` in connect-src for the future sync
 * center.
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
  // The sync center: on the local network in development (127.0.0.1 / localhost, any port) and over
  // HTTPS in the field. Plain http to other hosts stays blocked.
  'connect-src': ["'self'", 'data:', 'blob:', 'http://127.0.0.1:*', 'http://localhost:*', 'https:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
});

export const CONTENT_SECURITY_POLICY: string = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');
