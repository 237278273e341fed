/**
 * The pictures, plain SVG drawn from the same figures as the tables: turnout by report time (the
 * total, thick, over a thin line a precinct), the precincts that reported a protocol over the
 * evening (a step line), and a grid of the precincts coloured by sync status.
 */
import type { Dashboard, DashboardTurnout } from '../../shared/sync/dashboard';
import { byId, clear, el, svg } from './dom';
import { num, STATUS_KEY, statusOf, turnoutText } from './figures';
import { t } from './i18n';

const W = 420;
const H = 220;
const L = 48;
const R = 28;
const T = 12;
const B = 28;
const PLOT_W = W - L - R;
const PLOT_H = H - T - B;

function frame(label: string): SVGSVGElement {
  return svg('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label });
}

/** Three horizontal rules (0, half, top) with their values, and the x labels. */
function axes(root: SVGSVGElement, yMax: number, yLabel: (v: number) => string, xLabels: { at: number; text: string }[]): void {
  for (const f of [0, 0.5, 1]) {
    const y = T + PLOT_H - f * PLOT_H;
    root.append(svg('line', { x1: L, x2: L + PLOT_W, y1: y, y2: y, stroke: '#d5dae1' }));
    root.append(svg('text', { x: L - 4, y: y + 4, 'text-anchor': 'end' }, yLabel(f * yMax)));
  }
  for (const x of xLabels) root.append(svg('text', { x: x.at, y: H - 8, 'text-anchor': 'middle' }, x.text));
}

type Point = Pick<DashboardTurnout, 'ballots' | 'percent' | 'reached'>;

export function renderTurnoutChart(data: Dashboard): void {
  const box = byId('turnoutchart');
  clear(box);
  const times = data.reportTimes;
  // Percent of the lists when the bundle knows their sizes; ballots otherwise.
  const usePercent = data.totals.voterCount > 0;
  const valueOf = (q: Point): number | null => (usePercent ? q.percent : q.ballots);
  let yMax = usePercent ? 0 : 1;
  for (const q of data.totals.turnout) yMax = Math.max(yMax, valueOf({ ...q, reached: true }) ?? 0);
  for (const p of data.precincts) for (const q of p.turnout) if (q.reached) yMax = Math.max(yMax, valueOf(q) ?? 0);
  if (usePercent) yMax = Math.min(100, Math.max(10, Math.ceil(yMax / 10) * 10));
  const xAt = (i: number): number => L + (times.length <= 1 ? PLOT_W / 2 : (i * PLOT_W) / (times.length - 1));
  const yAt = (v: number): number => T + PLOT_H - (v / yMax) * PLOT_H;

  const root = frame(t('chartTurnout'));
  axes(root, yMax, (v) => (usePercent ? `${num(Math.round(v))} %` : num(Math.round(v))), times.map((time, i) => ({ at: xAt(i), text: time })));
  const line = (parent: SVGElement, points: readonly (Point | undefined)[], attrs: Record<string, string | number>): void => {
    const pts: string[] = [];
    points.forEach((q, i) => {
      const v = q && q.reached ? valueOf(q) : null;
      if (v !== null) pts.push(`${xAt(i).toFixed(1)},${yAt(v).toFixed(1)}`);
    });
    if (pts.length > 1) parent.append(svg('polyline', { points: pts.join(' '), fill: 'none', ...attrs }));
  };
  for (const p of data.precincts) {
    const g = svg('g', { 'data-precinct': p.number });
    root.append(g);
    line(g, p.turnout, { stroke: '#9aa5b5', 'stroke-width': 1, 'stroke-opacity': 0.6, class: 'precinct-line' });
  }
  line(root, data.totals.turnout.map((q) => ({ ...q, reached: true })), { stroke: '#1b4d89', 'stroke-width': 3, class: 'total-line' });
  data.totals.turnout.forEach((q, i) => {
    const v = valueOf({ ...q, reached: true });
    if (v === null) return;
    const c = svg('circle', { cx: xAt(i), cy: yAt(v), r: 4, fill: '#1b4d89', class: 'total-point', 'data-time': q.time, 'data-ballots': q.ballots });
    c.append(svg('title', {}, `${t('chartTurnoutTotal')} ${q.time}: ${turnoutText(q)}`));
    root.append(c);
  });
  box.append(root);
}

const two = (n: number): string => String(n).padStart(2, '0');
const hhmm = (ms: number): string => {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}`;
};

/** Precincts with a protocol (by sync or QR codes, whichever came first) over the evening. */
export function renderReportingChart(data: Dashboard): void {
  const box = byId('reportingchart');
  clear(box);
  const times: number[] = [];
  for (const p of data.precincts) {
    const at = [p.protocol?.receivedAt, p.protocolQr?.receivedAt].filter((x): x is string => Boolean(x)).map(Date.parse).filter((x) => !Number.isNaN(x));
    if (at.length) times.push(Math.min(...at));
  }
  if (times.length === 0) {
    box.append(el('p', 'muted', t('chartReportingNone')));
    return;
  }
  times.sort((a, b) => a - b);
  const to = Math.max(times[times.length - 1] ?? 0, Date.parse(data.generatedAt));
  let from = times[0] ?? to;
  if (to - from < 60_000) from = to - 3_600_000;
  const total = data.precincts.length;
  const xAt = (ms: number): number => L + ((ms - from) / (to - from)) * PLOT_W;
  const yAt = (n: number): number => T + PLOT_H - (n / total) * PLOT_H;
  const root = frame(t('chartReporting'));
  axes(root, total, (v) => num(Math.round(v)), [
    { at: L, text: hhmm(from) },
    { at: L + PLOT_W / 2, text: hhmm((from + to) / 2) },
    { at: L + PLOT_W, text: hhmm(to) },
  ]);
  const pts = [`${xAt(from).toFixed(1)},${yAt(0).toFixed(1)}`];
  times.forEach((ms, i) => {
    pts.push(`${xAt(ms).toFixed(1)},${yAt(i).toFixed(1)}`, `${xAt(ms).toFixed(1)},${yAt(i + 1).toFixed(1)}`);
  });
  pts.push(`${xAt(to).toFixed(1)},${yAt(times.length).toFixed(1)}`);
  root.append(svg('polyline', { points: pts.join(' '), fill: 'none', stroke: '#0d4a1f', 'stroke-width': 2, class: 'reporting-line', 'data-count': times.length }));
  root.append(svg('text', { x: L + PLOT_W, y: yAt(times.length) - 6, 'text-anchor': 'end' }, `${num(times.length)} / ${num(total)}`));
  box.append(root);
}

/** One cell a precinct, coloured by its sync status; outlined once its protocol is in. */
export function renderGrid(data: Dashboard): void {
  const grid = byId('grid');
  clear(grid);
  const fragment = document.createDocumentFragment();
  for (const p of data.precincts) {
    const st = statusOf(p, data);
    const cell = el('span', `cell st-${st}${p.protocolSource ? ' proto' : ''}`, p.number);
    cell.title = `${p.number} — ${p.name}: ${t(STATUS_KEY[st])}${p.protocolSource ? `, ${t('gridProtocol')}` : ''}`;
    cell.setAttribute('data-precinct', String(p.number));
    cell.setAttribute('data-status', st);
    fragment.append(cell);
  }
  grid.append(fragment);
}

export function renderCharts(data: Dashboard): void {
  renderTurnoutChart(data);
  renderReportingChart(data);
  renderGrid(data);
}
