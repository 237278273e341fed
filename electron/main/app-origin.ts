/**
 * The app's own origin. The renderer is served from `app://precinct-desk/…` (see protocol.ts); it is
 * the only origin that may be navigated to, and the only one whose frames may call the IPC API.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'precinct-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the main window loads. */
export const APP_START_URL = `${APP_ORIGIN}/`;

/**
 * True when `raw` is a URL on the app's own origin: scheme `app:`, host `precinct-desk`, no port,
 * no credentials. (Node's `URL.origin` is "null" for non-special schemes, so the parts are compared.)
 */
export function isAppUrl(raw: unknown): boolean {
  if (typeof raw !== 'string' || raw.length === 0) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}
