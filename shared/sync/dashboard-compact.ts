/**
 * The dashboard's answer in its compact form (`GET /api/admin/dashboard?compact=1`, what the
 * dashboard page asks for): the same figures as `Dashboard`, with every precinct (and every row of
 * the protocols' table) an array in a fixed column order instead of an object repeating its member
 * names, turnout points as arrays, the report instants (the same for every precinct of a zone)
 * given once, and a protocols' row without any figure as `null` instead of a list of nulls. A
 * country's answer is about a third of the bytes; `expandDashboard(compactDashboard(d))` equals `d`
 * (the page's script expands it the same way, so it renders from the same objects).
 */
import type { Dashboard, DashboardDevice, DashboardPrecinct, DashboardProtocols, DashboardTurnout } from './dashboard';

export const COMPACT_DASHBOARD_FORMAT = 'precinct-desk/dashboard-compact-1';

type Instant = string | null;
/** [ballots, room, outside, percent, reached 1/0]; the time and instant come from the answer's report times and instant sets. */
export type CompactTurnout = [number, number, number, number | null, 0 | 1];
/** [deviceId, label, lastPushAt, lastPullAt, revoked 1/0] */
export type CompactDevice = [string, string | null, Instant, Instant, 0 | 1];
type Protocol = DashboardPrecinct['protocol'];
type ProtocolQr = DashboardPrecinct['protocolQr'];
/** [type, recordedAt, receivedAt, events] */
export type CompactProtocol = [string, Instant, string, number] | null;
/** [version, mark, receivedAt] */
export type CompactProtocolQr = [number, NonNullable<ProtocolQr>['mark'], string] | null;

/** One precinct, in PRECINCT_COLUMNS order. */
export type CompactPrecinct = [
  number, string, string, string, number | null, CompactDevice[], Instant, number, number, number, number,
  /** index into `instantSets` */ number, CompactTurnout[], CompactProtocol, CompactProtocolQr,
  DashboardPrecinct['protocolSource'], DashboardPrecinct['protocolMismatch'], number, number, DashboardPrecinct['pageSumsApart'],
];
export const PRECINCT_COLUMNS = [
  'number', 'name', 'territorialCommission', 'timeZone', 'voterCount', 'devices', 'lastSyncAt', 'events', 'ballotsIssued', 'ballotsRoom', 'ballotsOutside',
  'instantSet', 'turnout', 'protocol', 'protocolQr', 'protocolSource', 'protocolMismatch', 'incidents', 'incidentsResolved', 'pageSumsApart',
] as const;

type ProtocolRow = DashboardProtocols['rows'][number];
/** One row of the protocols' table; `values` null when every line is empty (no protocol). */
export type CompactProtocolRow = [
  number, string, ProtocolRow['status'], number | null, ProtocolRow['mark'], string | null, number, (number | null)[] | null,
  string[], string[], 0 | 1, ProtocolRow['source'], CompactProtocolQr, ProtocolRow['mismatch'],
];
export const PROTOCOL_ROW_COLUMNS = [
  'precinct', 'name', 'status', 'version', 'mark', 'signedAt', 'superseded', 'values', 'errors', 'warnings', 'otherForm', 'source', 'qr', 'mismatch',
] as const;

export interface CompactDashboard extends Omit<Dashboard, 'precincts' | 'protocols'> {
  format: typeof COMPACT_DASHBOARD_FORMAT;
  /** The distinct lists of report instants (one a zone), which a precinct's `instantSet` points at. */
  instantSets: Instant[][];
  precinctColumns: readonly string[];
  precincts: CompactPrecinct[];
  protocols: (Omit<DashboardProtocols, 'rows'> & { rowColumns: readonly string[]; rows: CompactProtocolRow[] }) | null;
}

const device = (d: DashboardDevice): CompactDevice => [d.deviceId, d.label, d.lastPushAt, d.lastPullAt, d.revoked ? 1 : 0];
const protocol = (p: Protocol): CompactProtocol => (p ? [p.type, p.recordedAt, p.receivedAt, p.events] : null);
const protocolQr = (q: ProtocolQr): CompactProtocolQr => (q ? [q.version, q.mark, q.receivedAt] : null);

export function compactDashboard(d: Dashboard): CompactDashboard {
  const instantSets: Instant[][] = [];
  const setIndex = new Map<string, number>();
  const precincts = d.precincts.map((p): CompactPrecinct => {
    const instants = p.turnout.map((t) => t.instant);
    const key = instants.join('|');
    let set = setIndex.get(key);
    if (set === undefined) {
      set = instantSets.push(instants) - 1;
      setIndex.set(key, set);
    }
    return [
      p.number, p.name, p.territorialCommission, p.timeZone, p.voterCount, p.devices.map(device), p.lastSyncAt, p.events, p.ballotsIssued, p.ballotsRoom, p.ballotsOutside,
      set, p.turnout.map((t): CompactTurnout => [t.ballots, t.room, t.outside, t.percent, t.reached ? 1 : 0]),
      protocol(p.protocol), protocolQr(p.protocolQr), p.protocolSource, p.protocolMismatch, p.incidents, p.incidentsResolved, p.pageSumsApart,
    ];
  });
  const { precincts: _p, protocols, ...rest } = d;
  const lineCount = protocols?.lines.length ?? 0;
  return {
    format: COMPACT_DASHBOARD_FORMAT,
    ...rest,
    instantSets,
    precinctColumns: PRECINCT_COLUMNS,
    precincts,
    protocols: protocols
      ? {
          ...protocols,
          rowColumns: PROTOCOL_ROW_COLUMNS,
          rows: protocols.rows.map((r): CompactProtocolRow => [
            r.precinct, r.name, r.status, r.version, r.mark, r.signedAt, r.superseded, r.values.length === lineCount && r.values.every((v) => v === null) ? null : r.values,
            r.errors, r.warnings, r.otherForm ? 1 : 0, r.source, protocolQr(r.qr), r.mismatch,
          ]),
        }
      : null,
  };
}

/** The `Dashboard` a compact answer stands for (the dashboard page, center/web, imports this very function). */
export function expandDashboard(c: CompactDashboard): Dashboard {
  const { format: _f, instantSets, precinctColumns: _c, precincts, protocols, ...rest } = c;
  const lineCount = protocols?.lines.length ?? 0;
  return {
    ...rest,
    precincts: precincts.map((r): DashboardPrecinct => ({
      number: r[0],
      name: r[1],
      territorialCommission: r[2],
      timeZone: r[3],
      voterCount: r[4],
      devices: r[5].map((x) => ({ deviceId: x[0], label: x[1], lastPushAt: x[2], lastPullAt: x[3], revoked: x[4] === 1 })),
      lastSyncAt: r[6],
      events: r[7],
      ballotsIssued: r[8],
      ballotsRoom: r[9],
      ballotsOutside: r[10],
      turnout: r[12].map(
        (t, i): DashboardTurnout => ({ time: c.reportTimes[i] ?? '', instant: instantSets[r[11]]?.[i] ?? null, ballots: t[0], room: t[1], outside: t[2], percent: t[3], reached: t[4] === 1 }),
      ),
      protocol: r[13] ? { type: r[13][0], recordedAt: r[13][1], receivedAt: r[13][2], events: r[13][3] } : null,
      protocolQr: r[14] ? { version: r[14][0], mark: r[14][1], receivedAt: r[14][2] } : null,
      protocolSource: r[15],
      protocolMismatch: r[16],
      incidents: r[17],
      incidentsResolved: r[18],
      pageSumsApart: r[19] ?? [],
    })),
    protocols: protocols
      ? {
          formId: protocols.formId,
          formVersion: protocols.formVersion,
          provisional: protocols.provisional,
          lines: protocols.lines,
          rows: protocols.rows.map((r) => ({
            precinct: r[0], name: r[1], status: r[2], version: r[3], mark: r[4], signedAt: r[5], superseded: r[6],
            values: r[7] ?? Array.from({ length: lineCount }, () => null), errors: r[8], warnings: r[9], otherForm: r[10] === 1, source: r[11],
            qr: r[12] ? { version: r[12][0], mark: r[12][1], receivedAt: r[12][2] } : null, mismatch: r[13],
          })),
          totals: protocols.totals,
          withProtocol: protocols.withProtocol,
          withErrors: protocols.withErrors,
          withMismatch: protocols.withMismatch,
        }
      : null,
  };
}
