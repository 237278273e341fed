/**
 * The one way the laptop reaches its sync center. In Electron the request crosses to the main
 * process (electron/main/center-gate.ts), which sends it only to the enrolled center or to an
 * address the user confirmed; the page itself may connect to no host (its CSP). In a browser (the
 * `npm start` fallback, the e2e tests) it is a plain fetch under the server's CSP.
 */
import type { CenterFetchRequest, CenterFetchResult } from '../../shared/platform/api';
import { fetchAnswer } from '../../shared/platform/center-answer';

/** The main process refused the address: not the enrolled center, and the user did not confirm it. */
export class CenterNotAllowed extends Error {
  override name = 'CenterNotAllowed';
}

/** The browser's way: fetch, under the page's connect-src. */
export async function fetchDirect(request: CenterFetchRequest): Promise<CenterFetchResult> {
  // A hanging or oversized answer is no answer (shared/platform/center-answer.ts).
  const init: RequestInit = { method: request.method, headers: request.headers ?? {}, cache: 'no-store', ...(request.body !== undefined ? { body: request.body } : {}) };
  const answer = await fetchAnswer((url, withSignal: RequestInit) => fetch(url, withSignal), request.url, init);
  return answer ? { status: 'answered', httpStatus: answer.status, body: answer.body } : { status: 'offline' };
}

// Statuses a Response may not carry a body with.
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * Sends one request to the center and gives back its answer as a Response. Throws a TypeError when
 * the network failed (as fetch does) and CenterNotAllowed when the main process refused the address.
 */
export async function centerFetch(url: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  const request: CenterFetchRequest = { url, method: init.method ?? 'GET', headers: init.headers ?? {}, ...(init.body !== undefined ? { body: init.body } : {}) };
  const bridge = typeof window === 'undefined' ? undefined : window.precinctDesk;
  const result = bridge ? await bridge.centerFetch(request) : await fetchDirect(request);
  if (result.status === 'refused') throw new CenterNotAllowed();
  if (result.status === 'offline') throw new TypeError('The center cannot be reached.');
  return new Response(NULL_BODY.has(result.httpStatus) ? null : result.body, { status: result.httpStatus });
}
