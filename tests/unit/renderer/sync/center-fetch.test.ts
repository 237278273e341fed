/**
 * Issue 15: the laptop's sync requests go through one door. With the Electron bridge present they
 * cross to the main process (which may refuse the address); without it (the browser fallback) they
 * are a plain fetch.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CenterFetchRequest, CenterFetchResult, PlatformApi } from '../../../../shared/platform/api';
import { checkCenterMode, SyncProblem } from '../../../../renderer/sync/client';

function withBridge(answer: (request: CenterFetchRequest) => CenterFetchResult) {
  const centerFetch = vi.fn(async (request: CenterFetchRequest) => answer(request));
  vi.stubGlobal('window', { precinctDesk: { centerFetch } as Partial<PlatformApi> });
  const direct = vi.fn(async () => new Response('{}'));
  vi.stubGlobal('fetch', direct);
  return { centerFetch, direct };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the laptop reaches its center through one door', () => {
  it('in Electron: through the main process, never fetch; a refused address is center-not-allowed', async () => {
    const { centerFetch, direct } = withBridge(() => ({ status: 'refused' }));
    const problem = await checkCenterMode('https://elsewhere.example', false).catch((e: unknown) => e);
    expect(problem).toBeInstanceOf(SyncProblem);
    expect((problem as SyncProblem).code).toBe('center-not-allowed');
    expect(centerFetch).toHaveBeenCalledWith({ url: 'https://elsewhere.example/api/health', method: 'GET', headers: {} });
    expect(direct).not.toHaveBeenCalled();
  });

  it('in Electron: the answer the main process got is read as the center answer', async () => {
    withBridge(() => ({ status: 'answered', httpStatus: 200, body: '{"mode":"training"}' }));
    await expect(checkCenterMode('https://tec.example', true)).resolves.toBeUndefined();
  });

  it('in Electron: no answer is offline', async () => {
    withBridge(() => ({ status: 'offline' }));
    await expect(checkCenterMode('https://offline.example', false)).rejects.toMatchObject({ code: 'offline' });
  });

  it('in a browser (no bridge): a plain fetch', async () => {
    const direct = vi.fn(async () => new Response('{"mode":"production"}'));
    vi.stubGlobal('fetch', direct);
    await expect(checkCenterMode('http://127.0.0.1:9', false)).resolves.toBeUndefined();
    expect(direct).toHaveBeenCalledWith('http://127.0.0.1:9/api/health', expect.objectContaining({ method: 'GET' }));
  });
});
