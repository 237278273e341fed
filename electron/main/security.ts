/**
 * Hardening applied to every webContents the app ever creates (the main window, and anything that
 * might appear later), and to its session:
 * - navigation (`will-navigate`, `will-frame-navigate`, `will-redirect`) is refused unless it stays
 *   on the app's own origin (app://precinct-desk);
 * - `window.open` / `target=_blank` never opens an Electron window: trusted http(s) links (see
 *   trusted-url.ts) go to the system browser, everything else is dropped;
 * - `<webview>` can never be attached;
 * - every permission request and permission check is denied (camera, microphone, geolocation,
 *   notifications, clipboard read, HID/USB/serial devices, …).
 */
import { app, shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-origin';
import { trustedExternalUrl } from './trusted-url';

type OpenExternal = (url: string) => Promise<void>;

/** Navigation inside the app is fine; anything else (other origins, file:, data:, …) is not. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** The `setWindowOpenHandler` handler: always deny; hand trusted links to the system browser. */
export function handleWindowOpen(
  details: { url: string },
  openExternal: OpenExternal = (url) => shell.openExternal(url),
): { action: 'deny' } {
  const target = trustedExternalUrl(details.url);
  if (target !== null) {
    openExternal(target).catch(() => {
      console.error('Could not open a link in the system browser.');
    });
  }
  return { action: 'deny' };
}

interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

function refuseForeignNavigation(event: NavigationEvent): void {
  if (!isAllowedNavigation(event.url)) event.preventDefault();
}

export function hardenWebContents(contents: WebContents, openExternal?: OpenExternal): void {
  contents.on('will-navigate', refuseForeignNavigation);
  contents.on('will-frame-navigate', refuseForeignNavigation);
  contents.on('will-redirect', refuseForeignNavigation);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler((details) => handleWindowOpen(details, openExternal));
}

const hardenedSessions = new WeakSet<Session>();

export function hardenSession(ses: Session): void {
  if (hardenedSessions.has(ses)) return;
  hardenedSessions.add(ses);
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isAllowedPermission(permission, details?.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isAllowedPermission(permission, requestingOrigin));
  ses.setDevicePermissionHandler(() => false);
}

/**
 * The one permission granted: writing plain text to the clipboard (turnout figures to paste into a
 * message), and only to the app's own pages. Reading the clipboard stays denied.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isAllowedPermission(permission: string, requestingUrl: unknown): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

/** Registers the `web-contents-created` hook; call once, before any window exists. */
export function installSecurity(): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
    hardenSession(contents.session);
  });
}
