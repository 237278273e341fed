/**
 * The center's dashboard: `GET /api/admin/dashboard` (JSON, `shared/sync/dashboard`),
 * `GET /api/admin/summary.csv` (the summary table, RFC 4180, UTF-8 with BOM) and the page
 * `GET /dashboard` (served without auth; it asks for the admin token and calls the API).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { KG_2017_PRESIDENTIAL_FORM } from '../../shared/protocol/builtin';
import { protocolPayloadSchemas } from '../../shared/protocol/events';
import { knownPart } from '../../shared/events/known-payload';
import { checkFormDefinition, expandForm } from '../../shared/protocol/form';
import { issuedByAct } from '../../shared/protocol/ledger';
import { emptyProtocolState, foldProtocol, type ProtocolState } from '../../shared/protocol/signing';
import { summaryTable, type QrVersion } from '../../shared/protocol/summary';
import { compactDashboard } from '../../shared/sync/dashboard-compact';
import { type Dashboard, type DashboardIncident, type DashboardPrecinct, type DashboardTurnout } from '../../shared/sync/dashboard';
import type { Center } from './center';
import { electionIdSchema } from '../../shared/sync/wire';
import { bundleViewByKey, currentBundleView, CURRENT_BUNDLE_KEY_SQL, type BundleView } from './bundle-view';
import { AGGREGATES_JSON_SQL, aggregatesFromJson, currentAggregates, figureBasis, isoSql, rebuildAggregates } from './aggregates';
import { figuresAtSlot, turnoutFromSlots } from '../../shared/figures';
import { DashboardTags, etagMatches } from './dashboard-etag';
import { DASHBOARD_LANGUAGES, DASHBOARD_STRINGS, fillWords, registerDashboardPage, type DashboardLanguage } from './dashboard-page';

const isoOrNull = (value: string | null | undefined): string | null => {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
};

export type { BundleView } from './bundle-view';

export async function bundleView(center: Center, electionId: string): Promise<BundleView | null> {
  return currentBundleView(center.readDb, electionId);
}

/** A precinct's laptop as the dashboard reads it. */
interface SnapshotDevice {
  deviceId: string;
  label: string | null;
  lastPushAt: string | null;
  lastPullAt: string | null;
  revoked: boolean;
}

/**
 * Everything a refresh reads, in three statements on `read` (the replica, else the primary): the
 * current bundle's key, the precincts, their laptops, the figures kept at ingest, the incidents
 * (counts a precinct and the latest 500), the signed protocol events and the protocols read from
 * QR codes — each a JSON text of arrays built by PostgreSQL (times as ISO text), read by one
 * JSON.parse. For a country: three statements at once instead of nine, no per-row driver parsing.
 * (`like 'Protocol%'` lets the planner take the partial index of protocol events.)
 */
const SNAPSHOT_SQL = [
  `select ${CURRENT_BUNDLE_KEY_SQL('$1')} as bundle_key,
  (select coalesce(json_agg(json_build_array(p.number, p.name, p.territorial_commission, p.time_zone) order by p.number), '[]')::text
     from precincts p where p.election_id = $1) as precincts,
  (select coalesce(json_agg(json_build_array(x.precinct, x.open, x.resolved)), '[]')::text from (
     select precinct, count(*) filter (where resolved_at is null) as open, count(*) filter (where resolved_at is not null) as resolved
     from incidents where election_id = $1 and precinct is not null group by precinct) x) as incident_counts,
  (select coalesce(json_agg(json_build_array(x.id::text, ${isoSql('x.at')}, x.kind, x.precinct, x.device_id, x.detail, ${isoSql('x.resolved_at')}, x.resolution, x.resolved_by)
     order by (x.resolved_at is null) desc, x.id desc), '[]')::text from (
     select id, at, kind, precinct, device_id, detail, resolved_at, resolution, resolved_by from incidents
     where election_id = $1 order by (resolved_at is null) desc, id desc limit 500) x) as incidents,
  (select coalesce(json_agg(json_build_array(e.precinct, e.type, e.body::json) order by e.ingest_id), '[]')::text
     from events e where e.election_id = $1 and e.type like 'Protocol%' and e.type in ('ProtocolSigned', 'ProtocolCorrected')) as protocol_events,
  (select coalesce(json_agg(json_build_array(q.precinct, q.protocol_version, q.mark, q.form_id, q.form_version, q.hash, q.line_values::json, ${isoSql('q.received_at')})
     order by q.id), '[]')::text from protocol_qr q where q.election_id = $1) as protocol_qr`,
  `select (select coalesce(json_agg(json_build_array(d.precinct, d.device_id, d.label, ${isoSql('c.last_push_at')}, ${isoSql('c.last_pull_at')}, d.revoked_at is not null)
     order by d.enrolled_at, d.device_id), '[]')::text
     from devices d left join device_cursors c on c.device_id = d.device_id where d.election_id = $1) as devices`,
  `select (${AGGREGATES_JSON_SQL('$1')}) as aggregates`,
] as const;

interface SnapshotRow {
  bundle_key: string | null;
  precincts: string;
  devices: string;
  aggregates: string;
  incident_counts: string;
  incidents: string;
  protocol_events: string;
  protocol_qr: string;
}

export async function buildDashboard(center: Center, electionQuery: string | undefined): Promise<Dashboard> {
  const electionId = await center.resolveElection(electionQuery);
  // Every read goes to `center.readDb` (DATABASE_READ_URL's replica, else the primary); only a
  // stale figures row is recomputed on the primary (currentAggregates).
  const read = center.readDb;
  const nowMs = center.now();
  const now = new Date(nowMs);
  // Three statements at once: PostgreSQL builds the texts on several connections (PGlite queues them).
  const parts = await Promise.all(SNAPSHOT_SQL.map((sql) => read.query<Partial<SnapshotRow>>(sql, [electionId])));
  const snap = Object.assign({}, ...parts.map((rows) => rows[0] ?? {})) as SnapshotRow;
  const view = await bundleViewByKey(read, electionId, snap.bundle_key);
  const activeVersion = snap.bundle_key === null ? null : Number(snap.bundle_key.slice(0, snap.bundle_key.indexOf(':')));
  const precincts = (JSON.parse(snap.precincts) as [number, string, string, string][]).map((r) => ({ number: r[0], name: r[1], territorialCommission: r[2], timeZone: r[3] }));
  const storedZone = new Map(precincts.map((p) => [p.number, p.timeZone]));
  // Ballots issued, turnout, events and the latest protocol: the rows kept at ingest by the
  // laptops' fold (center/src/aggregates.ts), one a precinct — never the events.
  const aggregates = await currentAggregates(center.db, electionId, view, storedZone, read, aggregatesFromJson(snap.aggregates));
  const devicesOf = new Map<number, SnapshotDevice[]>();
  for (const r of JSON.parse(snap.devices) as [number, string, string | null, string | null, string | null, boolean][]) {
    const d: SnapshotDevice = { deviceId: r[1], label: r[2], lastPushAt: r[3], lastPullAt: r[4], revoked: r[5] };
    const list = devicesOf.get(r[0]);
    if (list) list.push(d);
    else devicesOf.set(r[0], [d]);
  }
  const incidentRows = (JSON.parse(snap.incident_counts) as [number, number, number][]).map((r) => ({ precinct: r[0], open: r[1], resolved: r[2] }));
  const incidentList = electionIncidents(JSON.parse(snap.incidents) as IncidentRow[]);
  const protocolStates = signedProtocols(JSON.parse(snap.protocol_events) as [number, string, { payload?: unknown } | null][]);
  const qrProtocols = protocolsByQr(JSON.parse(snap.protocol_qr) as QrRow[]);
  const reportTimes = view ? [...view.election.turnoutReportTimes].sort() : [];
  const zoneOf = new Map(view?.precincts.map((p) => [p.number, p]) ?? []);
  const protocols = new Map<number, NonNullable<DashboardPrecinct['protocol']>>();
  for (const [number, a] of aggregates) {
    if (a.protocol) protocols.set(number, { ...a.protocol, recordedAt: isoOrNull(a.protocol.recordedAt) });
  }

  const form = view ? formOf(view) : null;
  const expanded = view && form ? expandForm(form, view.candidates, view.againstAll) : null;
  const protocolsTable = expanded
    ? summaryTable(
        expanded,
        precincts.map((p) => ({ number: p.number, name: p.name, signed: protocolStates.get(p.number)?.signed ?? [], qr: qrProtocols.get(p.number) ?? [] })),
      )
    : null;
  const inForce = new Map(protocolsTable?.rows.map((r) => [r.precinct, r]) ?? []);

  const incidents = new Map(incidentRows.map((r) => [r.precinct, { open: Number(r.open), resolved: Number(r.resolved) }]));

  const rows: DashboardPrecinct[] = precincts.map((p) => {
    const fromBundle = zoneOf.get(p.number);
    const timeZone = fromBundle?.timeZone ?? p.timeZone;
    const voterCount = fromBundle?.voterCount ?? null;
    const a = aggregates.get(p.number);
    const devices = devicesOf.get(p.number) ?? [];
    // The latest push or pull (ISO texts of one form compare as their instants).
    let lastSyncAt: string | null = null;
    for (const d of devices) {
      if (d.lastPushAt !== null && (lastSyncAt === null || d.lastPushAt > lastSyncAt)) lastSyncAt = d.lastPushAt;
      if (d.lastPullAt !== null && (lastSyncAt === null || d.lastPullAt > lastSyncAt)) lastSyncAt = d.lastPullAt;
    }
    const desk = a ? figuresAtSlot(a, a.room.length - 1) : { room: 0, outside: 0, total: 0 };
    // Ballots issued in the room are the act's (item 76): the signatures summed on the list's pages
    // once the precinct entered them, else the desk's — the laptop's act and protocol line read the same.
    const pageSums = a?.pageSums ?? null;
    const day = issuedByAct({ issuedRoom: desk.room, issuedOutside: desk.outside, listPageSums: pageSums, pageSumsEntered: pageSums !== null });
    const reports = figureBasis(view, timeZone).reports;
    const turnout: DashboardTurnout[] = turnoutFromSlots(a ?? { room: [], outside: [] }, reports, voterCount, now);
    const row = inForce.get(p.number);
    // Without a bundle there is no form to read QR codes on: the QR table still tells what came.
    const qrNewest = row?.qr ?? newestQr(qrProtocols.get(p.number));
    return {
      number: p.number,
      name: p.name,
      territorialCommission: p.territorialCommission,
      timeZone,
      voterCount,
      devices,
      lastSyncAt,
      events: a?.events ?? 0,
      ballotsIssued: day.total,
      ballotsRoom: day.room,
      ballotsOutside: desk.outside,
      turnout,
      protocol: protocols.get(p.number) ?? null,
      protocolQr: qrNewest,
      protocolSource: row?.source ?? (protocols.has(p.number) ? (qrNewest ? 'both' : 'sync') : qrNewest ? 'qr' : null),
      protocolMismatch: row?.mismatch ?? null,
      incidents: incidents.get(p.number)?.open ?? 0,
      incidentsResolved: incidents.get(p.number)?.resolved ?? 0,
      // Who entered each figure by name, as the bundle's commission lists them (the id when it does not).
      pageSumsApart: (a?.pageSumsApart ?? []).map((x) => ({
        total: x.total,
        pages: x.pages,
        at: x.at,
        enteredBy: fromBundle?.members.find((m) => m.id === x.enteredBy)?.name ?? x.enteredBy,
        deviceId: x.device,
      })),
    };
  });

  const voterCount = rows.reduce((n, p) => n + (p.voterCount ?? 0), 0);
  const totalTurnout: DashboardTurnout[] = reportTimes.map((time, i) => {
    const ballots = rows.reduce((n, p) => n + (p.turnout[i]?.ballots ?? 0), 0);
    return {
      time,
      instant: null,
      ballots,
      room: rows.reduce((n, p) => n + (p.turnout[i]?.room ?? 0), 0),
      outside: rows.reduce((n, p) => n + (p.turnout[i]?.outside ?? 0), 0),
      percent: voterCount > 0 ? Math.round((ballots / voterCount) * 10000) / 100 : null,
      reached: rows.length > 0 && rows.every((p) => p.turnout[i]?.reached ?? false),
    };
  });
  // Built typed (the compiler checks every member against the schema's type); not parsed again:
  // re-checking a country's 2,412 rows costs ~30 ms a refresh (the tests parse the answer).
  const dashboard: Dashboard = {
    electionId,
    electionName: view?.election.name ?? null,
    votingDay: view?.election.votingDay ?? null,
    bundleVersion: activeVersion,
    reportTimes,
    generatedAt: now.toISOString(),
    precincts: rows,
    totals: {
      precincts: rows.length,
      precinctsSynced: rows.filter((p) => p.lastSyncAt !== null).length,
      devices: rows.reduce((n, p) => n + p.devices.length, 0),
      events: rows.reduce((n, p) => n + p.events, 0),
      ballotsIssued: rows.reduce((n, p) => n + p.ballotsIssued, 0),
      ballotsRoom: rows.reduce((n, p) => n + p.ballotsRoom, 0),
      ballotsOutside: rows.reduce((n, p) => n + p.ballotsOutside, 0),
      voterCount,
      turnout: totalTurnout,
      protocols: rows.filter((p) => p.protocolSource !== null).length,
      protocolMismatches: rows.filter((p) => p.protocolMismatch !== null).length,
      incidents: rows.reduce((n, p) => n + p.incidents, 0),
      incidentsResolved: rows.reduce((n, p) => n + p.incidentsResolved, 0),
    },
    protocols: protocolsTable && form
      ? {
          formId: form.id, formVersion: form.version, provisional: form.provisional, lines: protocolsTable.lines,
          rows: protocolsTable.rows.map(({ hash: _hash, ...r }) => r), totals: protocolsTable.totals,
          withProtocol: protocolsTable.withProtocol, withErrors: protocolsTable.withErrors, withMismatch: protocolsTable.withMismatch,
        }
      : null,
    incidents: incidentList,
  };
  return dashboard;
}

type IncidentRow = [string, string, string, number | null, string | null, string, string | null, string | null, string | null];

/** The election's incidents for the dashboard (read open first, newest first, at most 500). */
function electionIncidents(rows: readonly IncidentRow[]): DashboardIncident[] {
  return rows.map(([id, at, kind, precinct, deviceId, detailText, resolvedAt, resolution, resolvedBy]) => {
    let detail: { voterId?: unknown; devices?: unknown } = {};
    try {
      detail = JSON.parse(detailText) as typeof detail;
    } catch {
      // A detail that is not JSON shows as nothing.
    }
    return {
      id,
      at,
      kind,
      precinct,
      deviceId,
      voterId: typeof detail.voterId === 'string' ? detail.voterId : null,
      devices: Array.isArray(detail.devices) ? detail.devices.filter((d): d is string => typeof d === 'string') : [],
      resolution: resolvedAt !== null && resolution !== null ? { text: resolution, at: resolvedAt, by: resolvedBy } : null,
    };
  });
}

/** The bundle's protocol form when it has a valid one, else the built-in provisional form. */
export function formOf(view: BundleView) {
  const checked = view.protocolForm === undefined ? null : checkFormDefinition(view.protocolForm);
  return checked && checked.ok ? checked.value : KG_2017_PRESIDENTIAL_FORM;
}

/**
 * Each precinct's signed protocol versions, folded from the stored ProtocolSigned and
 * ProtocolCorrected events in arrival order (payloads re-checked: a row that does not parse is skipped).
 */
function signedProtocols(rows: readonly [number, string, { payload?: unknown } | null][]): Map<number, ProtocolState> {
  const states = new Map<number, ProtocolState>();
  for (const [precinct, type, body] of rows) {
    const payload = body?.payload;
    const state = states.get(precinct) ?? emptyProtocolState();
    if (type === 'ProtocolSigned') {
      const p = knownPart(protocolPayloadSchemas.ProtocolSigned, payload);
      if (p) states.set(precinct, foldProtocol(state, { type: 'ProtocolSigned', payload: p }));
    } else {
      const p = knownPart(protocolPayloadSchemas.ProtocolCorrected, payload);
      if (p) states.set(precinct, foldProtocol(state, { type: 'ProtocolCorrected', payload: p }));
    }
  }
  return states;
}

type QrRow = [number, number, string, string, number, string, unknown, string];

/** The protocols received as QR codes (verified before they were kept), per precinct in arrival order. */
function protocolsByQr(rows: readonly QrRow[]): Map<number, QrVersion[]> {
  const out = new Map<number, QrVersion[]>();
  for (const [precinct, version, markText, formId, formVersion, hash, lineValues, receivedAt] of rows) {
    const values = qrValuesSchema.safeParse(lineValues);
    const mark = protocolMarkSchema.safeParse(markText);
    // Stored only after every check; a row that does not read back is left out, not guessed at.
    if (!values.success || !mark.success) continue;
    const list = out.get(precinct) ?? [];
    list.push({ version, mark: mark.data, hash, formId, formVersion, values: values.data, receivedAt });
    out.set(precinct, list);
  }
  return out;
}

const qrValuesSchema = z.record(z.string(), z.number().int());
const protocolMarkSchema = z.enum(['original', 'repeated', 'corrected']);

function newestQr(list: readonly QrVersion[] | undefined): { version: number; mark: QrVersion['mark']; receivedAt: string } | null {
  const v = (list ?? []).reduce<QrVersion | null>((best, x) => (best === null || x.version >= best.version ? x : best), null);
  return v ? { version: v.version, mark: v.mark, receivedAt: v.receivedAt } : null;
}

/**
 * Text a spreadsheet may run as a formula: starting with = + - @, a tab, CR or LF, or one of their
 * lookalikes that spreadsheets (with East Asian input settings) turn into them — full-width
 * ＝ ＋ － ＠, small ﹦ ﹢ ﹣ ﹫, the minus sign − — also after leading spaces (ordinary, no-break,
 * ideographic) or a byte-order mark.
 */
const FORMULA_START = /^[\s\u00a0\u3000\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212]|^[\t\r\n]/u;

/** The field separators offered: `;` is what Excel with Russian or Kyrgyz settings splits on. */
export const CSV_SEPARATORS = [',', ';'] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];

/** The separator a language's spreadsheets expect by default (decimal comma → `;`). */
export const defaultSeparator = (lang: DashboardLanguage): CsvSeparator => (lang === 'en' ? ',' : ';');

/**
 * One CSV field (RFC 4180; quoted when it holds either separator, a quote or a line end); text that
 * a spreadsheet would run as a formula gets a leading `'`.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",;\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

const csvLines = (lines: readonly (readonly (string | number | null)[])[], sep: CsvSeparator): string =>
  CSV_BOM + lines.map((cells) => cells.map(csvField).join(sep)).join('\r\n') + '\r\n';

export const CSV_BOM = '\uFEFF';

const SOURCE_KEY = { sync: 'srcSync', qr: 'srcQr', both: 'srcBoth' } as const;
const MISMATCH_KEY = { 'qr-newer': 'mismatchQrNewer', 'qr-older': 'mismatchQrOlder', conflict: 'mismatchConflict' } as const;

/** Where a precinct's protocol came from, in words ('' when none). */
export function sourceText(source: Dashboard['precincts'][number]['protocolSource'], lang: DashboardLanguage): string {
  return source === null ? '' : DASHBOARD_STRINGS[lang][SOURCE_KEY[source]];
}

/** How the synced and the QR-read protocols differ, in words ('' when they do not). */
export function mismatchText(m: Dashboard['precincts'][number]['protocolMismatch'], lang: DashboardLanguage): string {
  if (m === null) return '';
  return fillWords(DASHBOARD_STRINGS[lang][MISMATCH_KEY[m.kind]], { qr: m.qrVersion, sync: m.syncVersion, lines: m.lines.join(', ') });
}

/**
 * The summary table: one row a precinct and a totals row, CRLF line ends, UTF-8 BOM first. Ballots
 * and turnout are the dashboard's (the one fold); the protocol's source says sync, QR or both.
 */
export function summaryCsv(dashboard: Dashboard, lang: DashboardLanguage = 'ky', sep: CsvSeparator = defaultSeparator(lang)): string {
  const t = DASHBOARD_STRINGS[lang];
  const header = [
    t.colNumber, t.colName, t.colTec, t.colDevices, t.colLastSync, t.colEvents, t.colBallotsRoom, t.colBallotsOutside, t.colBallots,
    ...dashboard.reportTimes.map((time) => `${t.colTurnout} ${time}`), t.colProtocol, t.colIncidents,
  ];
  const lines: (string | number | null)[][] = [header];
  for (const p of dashboard.precincts) {
    lines.push([
      p.number,
      p.name,
      p.territorialCommission,
      p.devices.length,
      p.lastSyncAt,
      p.events,
      p.ballotsRoom,
      p.ballotsOutside,
      p.ballotsIssued,
      ...dashboard.reportTimes.map((_, i) => p.turnout[i]?.ballots ?? null),
      [sourceText(p.protocolSource, lang), mismatchText(p.protocolMismatch, lang)].filter((x) => x !== '').join(': '),
      p.incidents,
    ]);
  }
  const s = dashboard.totals;
  lines.push([
    t.totals, `${s.precincts} ${t.precinctsShort}`, '', s.devices, null, s.events, s.ballotsRoom, s.ballotsOutside, s.ballotsIssued,
    ...s.turnout.map((x) => x.ballots), s.protocols, s.incidents,
  ]);
  return csvLines(lines, sep);
}

/**
 * The summary table of the protocols as CSV: one row a precinct with its status, version, where it
 * came from (sync, QR codes, both) and every line of the form, the relations it fails, how sync
 * and QR differ, and a totals row over the protocols on this form.
 */
export function protocolsCsv(dashboard: Dashboard, lang: DashboardLanguage = 'ky', sep: CsvSeparator = defaultSeparator(lang)): string {
  const t = DASHBOARD_STRINGS[lang];
  const p = dashboard.protocols;
  if (!p) return csvLines([[t.colNumber, t.colName, t.protoStatus]], sep);
  const header = [t.colNumber, t.colName, t.protoStatus, t.protoVersion, t.colSource, ...p.lines.map((l) => `${l.number}. ${l.label[lang]}`), t.protoErrors, t.colMismatch];
  const lines: (string | number | null)[][] = [header];
  const status = { none: t.protoNone, signed: t.protoSigned, superseding: t.protoSuperseding } as const;
  for (const r of p.rows) {
    lines.push([
      r.precinct, r.name, r.otherForm ? t.protoOtherForm : status[r.status], r.version === null ? null : `${r.version}${r.mark && r.mark !== 'original' ? ` (${r.mark})` : ''}`,
      sourceText(r.source, lang), ...r.values, r.errors.join(' '), mismatchText(r.mismatch, lang),
    ]);
  }
  lines.push([t.totals, `${p.withProtocol} / ${p.rows.length}`, '', '', '', ...p.totals, p.withErrors > 0 ? String(p.withErrors) : '', p.withMismatch > 0 ? String(p.withMismatch) : '']);
  return csvLines(lines, sep);
}

const dashboardQuerySchema = z.object({ election: electionIdSchema.optional() }).strict();
/** `compact=1`: the compact answer (shared/sync/dashboard-compact), what the page asks for. */
const dashboardAnswerQuerySchema = dashboardQuerySchema.extend({ compact: z.enum(['0', '1']).optional() }).strict();
/** `sep`: the field separator (`,` or `;`; by default `;` for ky and ru, `,` for en). */
const csvQuerySchema = dashboardQuerySchema.extend({ lang: z.enum(DASHBOARD_LANGUAGES).optional(), sep: z.enum(CSV_SEPARATORS).optional() }).strict();

export function registerDashboard(
  app: FastifyInstance,
  deps: { center: Center; admin: (request: FastifyRequest) => void; parse: <T>(schema: z.ZodType<T>, value: unknown) => T; webDir?: string },
): void {
  const { center, admin, parse } = deps;

  // A refresh that sends back the answer's ETag (If-None-Match) while nothing it shows changed
  // gets 304 with no body (dashboard-etag.ts); built again only when this process cannot tell.
  const tags = new DashboardTags();
  app.get('/api/admin/dashboard', async (request, reply) => {
    admin(request);
    const query = parse(dashboardAnswerQuerySchema, request.query);
    const compact = query.compact === '1';
    const key = `${query.election ?? ''}|${compact ? 'compact' : 'full'}`;
    const ifNoneMatch = request.headers['if-none-match'];
    // Taken before the answer's reads: the answer is never older than its tag.
    const snapshot = await tags.snapshot(center.readDb);
    const known = snapshot === null ? null : tags.current(key, snapshot, center.now());
    if (known !== null && etagMatches(ifNoneMatch, known)) return reply.code(304).header('etag', known).header('cache-control', 'no-store').send();
    const dashboard = await buildDashboard(center, query.election);
    const text = JSON.stringify(compact ? compactDashboard(dashboard) : dashboard);
    const tag = tags.tagOf(key, snapshot, dashboard, text);
    if (etagMatches(ifNoneMatch, tag)) return reply.code(304).header('etag', tag).header('cache-control', 'no-store').send();
    // Sent as UTF-8 bytes, encoded once: a string reply (3 MB for a country, 0.9 MB compact) is
    // scanned for its length and then encoded again on the way out.
    const body = Buffer.from(text, 'utf8');
    return reply.header('cache-control', 'no-store').header('etag', tag).type('application/json; charset=utf-8').send(body);
  });

  // The two CSV tables: the precincts' sync and turnout, and the protocols' lines.
  const csvRoutes = [
    { path: '/api/admin/protocols.csv', prefix: 'protocols', build: protocolsCsv },
    { path: '/api/admin/summary.csv', prefix: 'summary', build: summaryCsv },
  ] as const;
  for (const route of csvRoutes) {
    app.get(route.path, async (request, reply) => {
      admin(request);
      const query = parse(csvQuerySchema, request.query);
      const dashboard = await buildDashboard(center, query.election);
      const file = `${route.prefix}-${dashboard.electionId.replace(/[^A-Za-z0-9._-]/gu, '_')}.csv`;
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${file}"`)
        .type('text/csv; charset=utf-8')
        .send(route.build(dashboard, query.lang ?? 'ky', query.sep ?? defaultSeparator(query.lang ?? 'ky')));
    });
  }

  // Recomputes the figures kept at ingest from the events (`center rebuild-aggregates`).
  app.post('/api/admin/rebuild-aggregates', async (request, reply) => {
    admin(request);
    const query = parse(dashboardQuerySchema, request.query);
    const electionId = await center.resolveElection(query.election);
    return reply.send({ electionId, precincts: await rebuildAggregates(center.db, electionId) });
  });

  registerDashboardPage(app, deps.webDir);
}
