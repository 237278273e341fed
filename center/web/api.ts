/**
 * The admin API as the page calls it: the admin token (kept for the tab in sessionStorage) as a
 * bearer token, no cookies, no cache. A refusal is a Result (shared/util/result.ts) whose `code` is
 * the center's error code (or `network`), said in words by `refusalText`.
 */
import { err, ok, type Result } from '../../shared/util/result';
import { errorText, t } from './i18n';

const TOKEN_KEY = 'precinct-desk.admin-token';

export function token(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(value: string | null): void {
  try {
    if (value === null) sessionStorage.removeItem(TOKEN_KEY);
    else sessionStorage.setItem(TOKEN_KEY, value);
  } catch {
    // storage off: the token is asked for again
  }
}

/** Why the center (or the network) refused: its error code, its detail, the HTTP status (0: no answer). */
export interface Refusal {
  code: string;
  detail: string | null;
  status: number;
}

/** An answer taken: its status (200, 204…) and its JSON body (null when it has none). */
export interface Answer<T> {
  status: number;
  body: T;
}

function refusalOf(status: number, body: unknown): Refusal {
  const b = typeof body === 'object' && body !== null ? (body as { error?: unknown; detail?: unknown }) : {};
  return { code: typeof b.error === 'string' ? b.error : String(status), detail: typeof b.detail === 'string' ? b.detail : null, status };
}

/** The refusal in words: the laptops' texts of the center's codes, the detail beside. */
export function refusalText(r: Refusal): string {
  if (r.code === 'network') return t('errNetwork');
  return errorText(r.code) + (r.detail ? ` (${r.detail})` : '');
}

let unauthorized: () => void = () => undefined;
/** What the page does when the center says the token is wrong (forget it, ask again). */
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

/** A call with the admin token; the JSON body sent when given. */
export async function call<T>(method: 'GET' | 'POST', path: string, payload?: unknown): Promise<Result<Answer<T>, Refusal>> {
  const headers: Record<string, string> = { authorization: `Bearer ${token() ?? ''}` };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, cache: 'no-store', credentials: 'omit', ...(payload === undefined ? {} : { body: JSON.stringify(payload) }) });
  } catch {
    return err({ code: 'network', detail: null, status: 0 });
  }
  let body: unknown = null;
  if (res.status !== 204) {
    try {
      body = await res.json();
    } catch {
      body = null;
    }
  }
  return res.ok ? ok({ status: res.status, body: body as T }) : err(refusalOf(res.status, body));
}

/**
 * A GET whose refusal is shown on the status line: a wrong token signs the page out
 * (errUnauthorized), another refusal is "Error: <code>", no answer is errNetwork. `ifNoneMatch`:
 * the ETag of the answer the page shows; a 304 (nothing shown changed) is taken, not refused.
 */
export async function fetchShown(path: string, ifNoneMatch?: string): Promise<Result<Response, string>> {
  let res: Response;
  const headers: Record<string, string> = { authorization: `Bearer ${token() ?? ''}` };
  if (ifNoneMatch) headers['if-none-match'] = ifNoneMatch;
  try {
    res = await fetch(path, { headers, cache: 'no-store', credentials: 'omit' });
  } catch {
    return err(t('errNetwork'));
  }
  if (res.status === 304 && ifNoneMatch) return ok(res);
  if (res.status === 401) {
    setToken(null);
    unauthorized();
    return err(t('errUnauthorized'));
  }
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => null);
    return err(`${t('errOther')} ${refusalOf(res.status, body).code}`);
  }
  return ok(res);
}
