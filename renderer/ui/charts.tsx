/**
 * The two pictures of the day, in plain SVG: turnout by report time (beside its table) and the ballot
 * balance as one bar (beside the ledger's table). They draw the figures of the shared folds as they
 * are given — no number is computed here — and each is an image with a text summary for screen
 * readers (the table beside it stays the full record). Both print where their tables print.
 */
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../app/format';
import type { Language } from '../app/i18n';
import type { TurnoutPoint } from '../../shared/figures';
import type { LedgerFigures } from '../../shared/protocol/ledger';

/** One bar of the turnout chart: the report time and the figure the table shows for it (null: still to come). */
export interface TurnoutBar {
  time: string;
  ballots: number | null;
}

/** The chart's bars: the table's rows, a time still to come without a figure (as the table shows "—"). */
export function turnoutBars(points: readonly TurnoutPoint[]): TurnoutBar[] {
  return points.map((p) => ({ time: p.time, ballots: p.reached ? p.ballots : null }));
}

const W = 320;
const H = 150;
const BOTTOM = 22;
const TOP = 18;
/** The labels' size in drawing units: at the chart's least width (20rem = W px, styles.css) they are 14 px. */
const LABEL = 14;

export function TurnoutChart({ points, label, format }: { points: readonly TurnoutPoint[]; label: string; format(n: number): string }) {
  const bars = turnoutBars(points);
  const max = Math.max(1, ...bars.map((b) => b.ballots ?? 0));
  const slot = W / Math.max(1, bars.length);
  const plot = H - BOTTOM - TOP;
  return (
    <svg className="chart turnout-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="turnout-chart">
      <title>{label}</title>
      <line x1="0" x2={W} y1={H - BOTTOM} y2={H - BOTTOM} stroke="#5c6773" strokeWidth="1" />
      {bars.map((b, i) => {
        const h = b.ballots === null ? 0 : (b.ballots / max) * plot;
        const x = i * slot + slot * 0.2;
        return (
          <g key={b.time} data-time={b.time} data-value={b.ballots ?? ''}>
            {b.ballots !== null && <rect x={x} y={H - BOTTOM - h} width={slot * 0.6} height={h} fill="#0b5cad" />}
            {b.ballots !== null && (
              <text x={x + slot * 0.3} y={H - BOTTOM - h - 4} textAnchor="middle" fontSize={LABEL} fill="#1b2430">
                {format(b.ballots)}
              </text>
            )}
            <text x={x + slot * 0.3} y={H - 6} textAnchor="middle" fontSize={LABEL} fill="#1b2430">
              {b.time}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** One part of the balance bar: a ledger figure, by its key in `LedgerFigures`. */
export interface BalancePart {
  key: 'issuedRoom' | 'issuedOutside' | 'spoiled' | 'cancelled' | 'withTeams' | 'remaining';
  value: number;
  /** The figure as its line says it: the value, or for the remaining part below zero the ballots recorded beyond those received. */
  shown: number;
}

/**
 * The balance's last line, as the ledger's table, the bar's legend and the printed act say it: what
 * should be left (in the safe before the cancellation act, unaccounted after it), or — when more
 * ballots are recorded as used than were received — by how many, never "-1 should be left".
 */
export function remainingLine(f: LedgerFigures): { label: 'ledger:figure.remaining' | 'ledger:figure.remainingAfterAct' | 'ledger:figure.overdrawn'; value: number } {
  if (f.remaining < 0) return { label: 'ledger:figure.overdrawn', value: -f.remaining };
  return { label: f.cancelled === null ? 'ledger:figure.remaining' : 'ledger:figure.remainingAfterAct', value: f.remaining };
}

/**
 * The name of the room's line: "signatures in the list" when the page sums entered differ from the
 * desk's record (the figure is then theirs, `issuedRoomByAct`), else "list desk" (the two agree).
 */
export function issuedRoomLabel(f: Pick<LedgerFigures, 'issuedRoom' | 'issuedRoomByAct'>): 'ledger:figure.issuedRoom' | 'ledger:figure.issuedRoomBySignatures' {
  return f.issuedRoomByAct !== f.issuedRoom ? 'ledger:figure.issuedRoomBySignatures' : 'ledger:figure.issuedRoom';
}

/** The parts of the received ballots, as the ledger's table lists them (cancelled only once recorded). */
export function balanceParts(f: LedgerFigures): BalancePart[] {
  const part = (key: BalancePart['key'], value: number): BalancePart => ({ key, value, shown: value });
  const parts: BalancePart[] = [part('issuedRoom', f.issuedRoomByAct), part('issuedOutside', f.issuedOutside), part('spoiled', f.spoiled)];
  if (f.cancelled !== null) parts.push(part('cancelled', f.cancelled));
  if (f.withTeams > 0) parts.push(part('withTeams', f.withTeams));
  parts.push({ key: 'remaining', value: f.remaining, shown: remainingLine(f).value });
  return parts;
}

/** Fill and pattern of each part: told apart by more than colour (the remaining part is hatched). */
const FILL: Record<BalancePart['key'], string> = {
  issuedRoom: '#0b5cad',
  issuedOutside: '#5b8fd1',
  spoiled: '#b3261e',
  cancelled: '#5c6773',
  withTeams: '#8fb3df',
  remaining: 'url(#balance-hatch)',
};

export function BalanceBar({ f, label, names, format }: { f: LedgerFigures; label: string; names: Record<BalancePart['key'], string>; format(n: number): string }) {
  const parts = balanceParts(f);
  // The bar's length is the ballots received; a part below zero (a shortfall) draws nothing, its figure is in the legend.
  const whole = Math.max(1, f.received, parts.reduce((s, p) => s + Math.max(0, p.value), 0));
  let x = 0;
  return (
    <figure className="balance" data-testid="balance-bar">
      <svg className="chart balance-chart" viewBox="0 0 400 28" preserveAspectRatio="none" role="img" aria-label={label}>
        <title>{label}</title>
        <defs>
          <pattern id="balance-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#e7f5ec" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#1d7a3e" strokeWidth="3" />
          </pattern>
        </defs>
        <rect x="0" y="0" width="400" height="28" fill="#fff" stroke="#5c6773" strokeWidth="1" />
        {parts.map((p) => {
          const w = (Math.max(0, p.value) / whole) * 400;
          const at = x;
          x += w;
          return <rect key={p.key} x={at} y="0" width={w} height="28" fill={FILL[p.key]} data-part={p.key} data-value={p.value} />;
        })}
      </svg>
      <figcaption>
        <ul className="balance-legend">
          {parts.map((p) => (
            <li key={p.key}>
              <svg width="14" height="14" aria-hidden="true" className="balance-swatch">
                <rect width="14" height="14" fill={FILL[p.key]} stroke="#1b2430" strokeWidth="1" />
              </svg>
              {names[p.key]}: {format(p.shown)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** The ballot balance of the ledger's figures, named and formatted in the UI language. */
export function LedgerBalance({ f }: { f: LedgerFigures }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const format = (x: number) => formatNumber(x, lng);
  const names: Record<BalancePart['key'], string> = {
    issuedRoom: t(issuedRoomLabel(f)),
    issuedOutside: t('ledger:figure.issuedOutside'),
    spoiled: t('ledger:figure.spoiled'),
    cancelled: t('ledger:figure.cancelled'),
    withTeams: t('ledger:figure.withTeams'),
    remaining: t(remainingLine(f).label),
  };
  const parts = [`${t('ledger:figure.received')}: ${format(f.received)}`, ...balanceParts(f).map((p) => `${names[p.key]}: ${format(p.shown)}`)].join('; ');
  return <BalanceBar f={f} names={names} format={format} label={t('ledger:balanceChart', { parts })} />;
}
