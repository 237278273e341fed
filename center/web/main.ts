/**
 * The center's dashboard page (served at /dashboard, built by Vite: vite.center.config.ts). It holds
 * no data when served: it asks for the admin token (kept for the tab in sessionStorage), reads the
 * admin API and writes every value as text. The dashboard comes in its compact form (a third of the
 * bytes) and is expanded by the center's own `expandDashboard` — one definition of that format.
 */
import { COMPACT_DASHBOARD_FORMAT, expandDashboard, type CompactDashboard } from '../../shared/sync/dashboard-compact';
import { fetchShown, onUnauthorized, setToken, token } from './api';
import { renderHeader, renderIncidents, renderProtocols, renderSummary, renderTotals } from './board';
import { renderCharts } from './charts';
import { byId, el, say } from './dom';
import { language, LANGUAGES, setLanguage, t, type CenterKey, type Language } from './i18n';
import { setupOperator } from './operator';
import type { PageState } from './state';

const REFRESH_MS = 60_000;

/** The address's query for an API call: the election asked for, and what else is given. */
function query(page: PageState, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (page.election) p.set('election', page.election);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

function signedIn(yes: boolean): void {
  byId('login').classList.toggle('hidden', yes);
  byId('board').classList.toggle('hidden', !yes);
  byId('signout').classList.toggle('hidden', !yes);
}

/** The words of the markup (`data-i18n`), the page's language and title, the pressed language button. */
function staticTexts(): void {
  const lng = language();
  document.documentElement.lang = lng;
  document.title = t('title');
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) node.textContent = t(node.dataset.i18n as CenterKey);
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lng));
}

const page: PageState = {
  data: null,
  election: new URLSearchParams(location.search).get('election'),
  load,
};
const operator = setupOperator(page);

function render(): void {
  staticTexts();
  operator.render();
  const data = page.data;
  if (!data) return;
  renderHeader(data);
  renderTotals(data);
  renderSummary(data, operator.revoke);
  renderProtocols(data);
  renderIncidents(data);
  renderCharts(data);
}

/** The address and ETag of the dashboard answer the page shows. */
let lastAnswer: { path: string; etag: string } | null = null;

async function load(): Promise<void> {
  if (!token()) {
    signedIn(false);
    return;
  }
  signedIn(true);
  say(t('loading'));
  operator.loadExtras();
  const path = `/api/admin/dashboard${query(page, { compact: '1' })}`;
  // The answer shown is asked again with its ETag: 304 when nothing it shows changed (no body sent,
  // nothing built), and then only its time moves on (the center's clock, for what counts as fresh).
  const shown = page.data && lastAnswer?.path === path ? lastAnswer.etag : undefined;
  const res = await fetchShown(path, shown);
  if (res.ok && res.value.status === 304 && page.data) {
    const at = Date.parse(res.value.headers.get('date') ?? '');
    page.data = { ...page.data, generatedAt: new Date(Number.isNaN(at) ? Date.now() : at).toISOString() };
    say('');
    render();
    return;
  }
  const body: unknown = res.ok ? await res.value.json().catch(() => null) : null;
  if (res.ok && typeof body === 'object' && body !== null && (body as { format?: unknown }).format === COMPACT_DASHBOARD_FORMAT) {
    page.data = expandDashboard(body as CompactDashboard);
    const etag = res.value.headers.get('etag');
    lastAnswer = etag ? { path, etag } : null;
    say('');
  } else {
    lastAnswer = null;
    // A fresh center has no election yet: the console stays open to load one.
    say(res.ok ? `${t('errOther')} ${res.value.status}` : res.error, true);
    page.data = null;
  }
  render();
}

/** A CSV table downloaded with the token, named as the center names it, in the page's language. */
async function download(path: string, fallback: string): Promise<void> {
  const res = await fetchShown(path + query(page, { lang: language() }));
  if (!res.ok) {
    say(res.error, true);
    return;
  }
  const name = /filename="([^"]+)"/u.exec(res.value.headers.get('content-disposition') ?? '')?.[1] ?? fallback;
  const url = URL.createObjectURL(await res.value.blob());
  const a = el('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

onUnauthorized(() => signedIn(false));
byId('login').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = byId<HTMLInputElement>('token');
  const value = input.value.trim();
  input.value = '';
  if (!value) return;
  setToken(value);
  void load();
});
byId('signout').addEventListener('click', () => {
  setToken(null);
  page.data = null;
  signedIn(false);
  say('');
});
byId('refresh').addEventListener('click', () => void load());
byId('csv').addEventListener('click', (event) => {
  event.preventDefault();
  void download('/api/admin/summary.csv', 'summary.csv');
});
byId('pcsv').addEventListener('click', (event) => {
  event.preventDefault();
  void download('/api/admin/protocols.csv', 'protocols.csv');
});
for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-lang]')) {
  b.addEventListener('click', () => {
    const lng = b.dataset.lang;
    if ((LANGUAGES as readonly string[]).includes(lng ?? '')) void setLanguage(lng as Language).then(render);
  });
}

staticTexts();
void load();
const timer = setInterval(() => {
  if (token() && !document.hidden) void load();
}, REFRESH_MS);
window.addEventListener('pagehide', () => clearInterval(timer));
