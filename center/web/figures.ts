/** Figures and times written as the laptops write them (the shared formatters), and a precinct's status. */
import { formatDate, formatDateTime, formatNumber } from '../../shared/i18n/format';
import type { Dashboard, DashboardPrecinct, DashboardTurnout } from '../../shared/sync/dashboard';
import { language, t, type CenterKey } from './i18n';

/** A precinct synced within this long is green; older, amber; never, red (the page alone says so). */
const FRESH_MS = 15 * 60_000;

export const num = (n: number | null | undefined): string => (n === null || n === undefined ? '' : formatNumber(n, language()));
export const when = (iso: string | null | undefined): string => (iso ? formatDateTime(iso, language()) : t('never'));
export const day = (iso: string | null): string => (iso ? formatDate(iso, language()) : '');

export type SyncStatus = 'never' | 'fresh' | 'stale';
export const STATUS_KEY: Record<SyncStatus, CenterKey> = { never: 'statusNever', fresh: 'statusFresh', stale: 'statusStale' };

export function statusOf(p: DashboardPrecinct, data: Dashboard): SyncStatus {
  if (!p.lastSyncAt) return 'never';
  return Date.parse(data.generatedAt) - Date.parse(p.lastSyncAt) <= FRESH_MS ? 'fresh' : 'stale';
}

/** "1 234 (12,5 %)": ballots and, when the voters are known, the percent. */
export function turnoutText(point: Pick<DashboardTurnout, 'ballots' | 'percent'> | undefined): string {
  if (!point) return '';
  return point.percent === null ? num(point.ballots) : `${num(point.ballots)} (${num(point.percent)} %)`;
}

export function splitText(point: Pick<DashboardTurnout, 'room' | 'outside'>): string {
  return t('turnoutSplit', { room: num(point.room), outside: num(point.outside) });
}

export const SOURCE_KEY: Record<NonNullable<DashboardPrecinct['protocolSource']>, CenterKey> = { sync: 'srcSync', qr: 'srcQr', both: 'srcBoth' };
const MISMATCH_KEY: Record<NonNullable<DashboardPrecinct['protocolMismatch']>['kind'], CenterKey> = {
  'qr-newer': 'mismatchQrNewer',
  'qr-older': 'mismatchQrOlder',
  conflict: 'mismatchConflict',
};

export function mismatchText(m: NonNullable<DashboardPrecinct['protocolMismatch']>): string {
  return t(MISMATCH_KEY[m.kind], { qr: String(m.qrVersion), sync: String(m.syncVersion), lines: m.lines.join(', ') });
}

/**
 * Page sums two laptops of the precinct entered apart with different totals (the laptops' ledger and
 * protocol screens say the same): each figure with its pages, member, laptop and time in the
 * precinct's zone, and the figure the act takes; empty when there is nothing to say.
 */
export function pageSumsApartText(p: Pick<DashboardPrecinct, 'pageSumsApart' | 'ballotsRoom' | 'timeZone' | 'devices'>): string {
  if (p.pageSumsApart.length < 2) return '';
  const label = new Map(p.devices.map((d) => [d.deviceId, d.label ?? d.deviceId]));
  const entries = p.pageSumsApart.map((x) =>
    t('pageSumsApartEntry', {
      total: num(x.total), pages: num(x.pages), by: x.enteredBy,
      device: x.deviceId === null ? '—' : (label.get(x.deviceId) ?? x.deviceId), at: formatDateTime(x.at, language(), p.timeZone),
    }),
  );
  return t('pageSumsApart', { entries: entries.join('; '), taken: num(p.ballotsRoom) });
}
