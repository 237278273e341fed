import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSession, FakeWebContents, fakes, resetFakes } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { handleWindowOpen, hardenSession, hardenWebContents, installSecurity, isAllowedNavigation } = await import(
  '../../../electron/main/security'
);
type Contents = Parameters<typeof hardenWebContents>[0];
type Ses = Parameters<typeof hardenSession>[0];

function navigationEvent(url: string) {
  return { url, isMainFrame: true, preventDefault: vi.fn() };
}

beforeEach(() => {
  resetFakes();
});

describe('navigation', () => {
  const navigationEvents = ['will-navigate', 'will-frame-navigate', 'will-redirect'];

  it.each(navigationEvents)('%s is handled on every hardened webContents', (eventName) => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as Contents);
    expect(contents.listenerCount(eventName)).toBe(1);
  });

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'data:text/html,<h1>hi</h1>',
    'javascript:alert(1)',
    'app://evil-host/index.html',
    'app://precinct-desk.evil.example/',
    'app://user:pw@precinct-desk/',
    'about:blank',
  ])('prevents navigation to %s', (url) => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as Contents);
    for (const eventName of navigationEvents) {
      const event = navigationEvent(url);
      contents.emit(eventName, event);
      expect(event.preventDefault, `${eventName} ${url}`).toHaveBeenCalledTimes(1);
    }
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it.each(['app://precinct-desk/', 'app://precinct-desk/count?x=1#top'])('lets the app navigate within itself (%s)', (url) => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as Contents);
    const event = navigationEvent(url);
    contents.emit('will-navigate', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('prevents <webview> from being attached', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as Contents);
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });
});

describe('new windows', () => {
  it('denies every window.open and opens only trusted URLs in the system browser', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as Contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    const handler = contents.windowOpenHandler;
    expect(handler).toBeDefined();

    expect(handler?.({ url: 'https://example.org/path' })).toEqual({ action: 'deny' });
    expect(fakes.shell.openExternal).toHaveBeenCalledTimes(1);
    expect(fakes.shell.openExternal).toHaveBeenCalledWith('https://example.org/path');

    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'http://user:pass@example.org/', 'app://precinct-desk/', 'about:blank', 'data:text/html,x']) {
      expect(handler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(fakes.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('hands the normalised URL, not the raw text, to the browser', () => {
    const openExternal = vi.fn(async () => undefined);
    expect(handleWindowOpen({ url: 'HTTPS://Example.org:443/a' }, openExternal)).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://example.org/a');
  });

  it('survives a failing openExternal', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const openExternal = vi.fn(async () => {
      throw new Error('no browser');
    });
    expect(handleWindowOpen({ url: 'https://example.org/' }, openExternal)).toEqual({ action: 'deny' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).not.toContain('example.org');
    error.mockRestore();
  });
});

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'unknown'])(
    'denies the %s permission request and check',
    (permission) => {
      const ses = new FakeSession();
      hardenSession(ses as unknown as Ses);
      const callback = vi.fn();
      ses.handlers.request?.({}, permission, callback, {});
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(ses.handlers.check?.({}, permission, 'app://precinct-desk', {})).toBe(false);
      expect(ses.handlers.device?.({ deviceType: 'usb' })).toBe(false);
    },
  );

  it('grants only plain clipboard writes, and only to the app itself', () => {
    const ses = new FakeSession();
    hardenSession(ses as unknown as Ses);
    const callback = vi.fn();
    ses.handlers.request?.({}, 'clipboard-sanitized-write', callback, { requestingUrl: 'app://precinct-desk/index.html' });
    expect(callback).toHaveBeenCalledExactlyOnceWith(true);
    const refused = vi.fn();
    ses.handlers.request?.({}, 'clipboard-sanitized-write', refused, { requestingUrl: 'https://example.org/' });
    expect(refused).toHaveBeenCalledExactlyOnceWith(false);
    expect(ses.handlers.check?.({}, 'clipboard-sanitized-write', 'app://precinct-desk', {})).toBe(true);
    expect(ses.handlers.check?.({}, 'clipboard-sanitized-write', 'https://example.org', {})).toBe(false);
  });

  it('installs the handlers once per session', () => {
    const ses = new FakeSession();
    hardenSession(ses as unknown as Ses);
    hardenSession(ses as unknown as Ses);
    expect(ses.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(ses.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
  });
});

describe('web-contents-created', () => {
  it('hardens every webContents and its session as soon as it is created', () => {
    installSecurity();
    expect(fakes.app.listenerCount('web-contents-created')).toBe(1);
    for (let i = 0; i < 2; i += 1) {
      const contents = new FakeWebContents();
      fakes.app.emit('web-contents-created', {}, contents);
      expect(contents.listenerCount('will-navigate')).toBe(1);
      expect(contents.listenerCount('will-attach-webview')).toBe(1);
      expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
      expect(contents.session.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
      expect(contents.session.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
      const event = navigationEvent('https://evil.example/');
      contents.emit('will-navigate', event);
      expect(event.preventDefault).toHaveBeenCalled();
    }
  });
});
