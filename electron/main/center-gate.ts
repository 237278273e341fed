/**
 * The one door from the Electron app to the network (issue 15): every request to the sync center is
 * sent here, by the main process, and the page's connect-src allows no host at all
 * (content-security-policy.ts). A request goes out only to
 * - the center this laptop is enrolled with (its origin is pinned in userData after the center
 *   accepted an enrolment), or
 * - an address the user confirmed in a native dialog during this run (the address typed for the
 *   enrolment). Script in the page cannot click a native dialog, so injected script cannot send the
 *   laptop's records anywhere else, not even a host name through DNS.
 * Redirects are refused (they could lead to another host). Nothing about the request is logged: its
 * body holds the precinct's records.
 */
import { dialog, net, type BrowserWindow } from 'electron';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { centerFetchRequestSchema, type CenterFetchResult } from '../../shared/platform/api';
import { fetchAnswer, type AnswerLimits } from '../../shared/platform/center-answer';
import { desktopText, fill, type UiLanguage } from './desktop-text';

export interface CenterGateDependencies {
  /** The pinned center's origin, or null before the first enrolment. */
  readPin(): Promise<string | null>;
  writePin(origin: string): Promise<void>;
  /** Asks the user (natively) whether this laptop may talk to `origin`; `pinned` is the current center. */
  confirm(origin: string, pinned: string | null): Promise<boolean>;
  fetch(url: string, init: { method: string; headers: Record<string, string>; body?: string; redirect: 'error'; signal: AbortSignal }): Promise<Response>;
  /** How long an answer may stall and how large it may be (shared/platform/center-answer.ts; tests make them small). */
  limits?: AnswerLimits;
}

/** The path of a successful enrolment: its answer pins the center. */
const ENROL_PATH = '/api/enrol';

function centerOrigin(raw: string): string | null {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}

export interface CenterGate {
  /** Sends a checked request (anything unknown already refused by the schema). */
  send(request: unknown): Promise<CenterFetchResult>;
}

export function createCenterGate(deps: CenterGateDependencies): CenterGate {
  let pinned: string | null | undefined;
  const confirmed = new Set<string>();
  // One dialog per address at a time, however many requests wait for it.
  const asking = new Map<string, Promise<boolean>>();

  async function allowed(origin: string): Promise<boolean> {
    if (pinned === undefined) pinned = await deps.readPin();
    if (origin === pinned || confirmed.has(origin)) return true;
    let question = asking.get(origin);
    if (!question) {
      question = deps.confirm(origin, pinned).finally(() => asking.delete(origin));
      asking.set(origin, question);
    }
    const yes = await question;
    if (yes) confirmed.add(origin);
    return yes;
  }

  return {
    async send(raw) {
      const parsed = centerFetchRequestSchema.safeParse(raw);
      if (!parsed.success) return { status: 'refused' };
      const request = parsed.data;
      const origin = centerOrigin(request.url);
      if (!origin || !(await allowed(origin))) return { status: 'refused' };
      // A hanging or oversized answer is no answer (shared/platform/center-answer.ts).
      const answer = await fetchAnswer(
        deps.fetch,
        request.url,
        { method: request.method, headers: request.headers, ...(request.body !== undefined ? { body: request.body } : {}), redirect: 'error' as const },
        deps.limits,
      );
      if (!answer) return { status: 'offline' };
      const { status: httpStatus, body } = answer;
      if (httpStatus >= 200 && httpStatus < 300 && request.method === 'POST' && new URL(request.url).pathname === ENROL_PATH && origin !== pinned) {
        // The center accepted this laptop: from now on it is the one center (a change needs the dialog again).
        pinned = origin;
        confirmed.clear();
        await deps.writePin(origin);
      }
      return { status: 'answered', httpStatus, body };
    },
  };
}

const pinFileSchema = z.object({ origin: z.string().max(2048) }).strict();

/** The gate as the app runs it: the pin in userData/center.json, Electron's dialog and network. */
export function electronCenterGate(userData: () => string, window: () => BrowserWindow | null, language: () => UiLanguage): CenterGate {
  const file = () => join(userData(), 'center.json');
  return createCenterGate({
    async readPin() {
      try {
        const pin = pinFileSchema.safeParse(JSON.parse(await readFile(file(), 'utf8')));
        return pin.success ? centerOrigin(pin.data.origin) : null;
      } catch {
        return null;
      }
    },
    async writePin(origin) {
      await writeFile(file(), `${JSON.stringify({ origin })}\n`, 'utf8');
    },
    async confirm(origin, current) {
      const text = desktopText(language()).center;
      const options = {
        type: 'question' as const,
        title: text.title,
        message: fill(current ? text.change : text.connect, { address: origin, current: current ?? '' }),
        detail: text.detail,
        buttons: [text.cancel, text.yes],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      };
      const parent = window();
      const choice = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
      return choice.response === 1;
    },
    // Never from Chromium's cache: every answer is the center's word now.
    fetch: (url, init) => net.fetch(url, { ...init, cache: 'no-store' }),
  });
}
