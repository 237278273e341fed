/**
 * How the laptop reads an answer of its sync center, in the window (renderer/sync/center-fetch.ts)
 * and in Electron's main process (electron/main/center-gate.ts): a request the network leaves hanging
 * (a Wi-Fi that drops mid-answer without closing the connection, a proxy that holds it) is given up
 * after `idleMs` without a byte, and an answer larger than any the center sends is not read into
 * memory. Either is "no answer": the sync loop tries again later. Without the first, one stalled
 * request kept the sync loop busy until the window was reloaded, and nothing more was sent.
 */

/** No byte of an answer for this long: given up. The center answers a push or a pull page in well under a second. */
export const CENTER_IDLE_MS = 20_000;
/** Larger than any answer of the center (a bundle is at most 50 MB): not read. */
export const CENTER_MAX_ANSWER_BYTES = 64 * 1024 * 1024;

export interface AnswerLimits {
  idleMs: number;
  maxBytes: number;
}

const LIMITS: AnswerLimits = { idleMs: CENTER_IDLE_MS, maxBytes: CENTER_MAX_ANSWER_BYTES };

/** The request's init as the fetch of either side takes it, with the abort signal added here. */
type Fetch<I> = (url: string, init: I & { signal: AbortSignal }) => Promise<Response>;

/**
 * `fetch(url, init)` and the whole answer as text, or null when there is none: the network failed,
 * `idleMs` passed without a byte (before the headers or between two parts of the body), or the body
 * passed `maxBytes`.
 */
export async function fetchAnswer<I extends object>(fetch: Fetch<I>, url: string, init: I, limits: AnswerLimits = LIMITS): Promise<{ status: number; body: string } | null> {
  const abort = new AbortController();
  let timer = setTimeout(() => abort.abort(), limits.idleMs);
  const progress = () => {
    clearTimeout(timer);
    timer = setTimeout(() => abort.abort(), limits.idleMs);
  };
  try {
    const response = await fetch(url, { ...init, signal: abort.signal });
    progress();
    if (Number(response.headers.get('content-length') ?? 0) > limits.maxBytes) {
      abort.abort();
      return null;
    }
    if (!response.body) return { status: response.status, body: '' };
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let bytes = 0;
    let body = '';
    for (;;) {
      const part = await reader.read();
      if (part.done) break;
      progress();
      bytes += part.value.byteLength;
      if (bytes > limits.maxBytes) {
        abort.abort();
        return null;
      }
      body += decoder.decode(part.value, { stream: true });
    }
    return { status: response.status, body: body + decoder.decode() };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
