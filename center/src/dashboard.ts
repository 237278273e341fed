/**
 * The center's dashboard: `GET /api/admin/dashboard` (JSON, `shared/sync/dashboard`),
 * `GET /api/admin/summary.csv` (the summary table, RFC 4180, UTF-8 with BOM) and the page
 * `GET /dashboard` (served without auth; it asks for the admin token and calls the API).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { turnoutAt, type BallotMoment } from '../../shared/ballots/turnout';
import { candidateSchema, electionSchema, timeZoneSchema } from '../../shared/election/model';
import { KG_2017_PRESIDENTIAL_FORM } from '../../shared/protocol/builtin';
import { protocolPayloadSchemas } from '../../shared/protocol/events';
import { checkFormDefinition, expandForm } from '../../shared/protocol/form';
import { emptyProtocolState, foldProtocol, type ProtocolState } from '../../shared/protocol/signing';
import { summaryTable } from '../../shared/protocol/summary';
import type { IsoDate } from '../../shared/time/date';
import { dashboardSchema, type Dashboard, type DashboardIncident, type DashboardPrecinct, type DashboardTurnout } from '../../shared/sync/dashboard';
import type { Center } from './center';
import { DASHBOARD_CSP, DASHBOARD_LANGUAGES, DASHBOARD_STRINGS, dashboardPageHtml, type DashboardLanguage } from './dashboard-page';

/** What the dashboard reads of the current bundle (the rest, voter lists included, is skipped). */
const bundleViewSchema = z
  .object({
    election: electionSchema,
    candidates: z.array(candidateSchema).default([]),
    againstAll: z.boolean().default(false),
    protocolForm: z.unknown().optional(),
    precincts: z.array(z.object({ number: z.number().int(), timeZone: timeZoneSchema, voterCount: z.number().int().nullable().default(null) }).loose()),
  })
  .loose();

/** `"recordedAt":"…"` of the canonical event body (keys are sorted; payload strings escape quotes). */
const RECORDED_AT_SQL = `substring(body from '"recordedAt":"([^"]*)"')`;

const isoOrNull = (value: string | null | undefined): string | null => {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
};

export type BundleView = z.infer<typeof bundleViewSchema>;

/** Parsed views of current bundles by content hash: a bundle with voter lists is large to re-read. */
const viewCache = new Map<string, BundleView | null>();

export async function bundleView(center: Center, electionId: string): Promise<BundleView | null> {
  const latest = (await center.db.query<{ bundle_hash: string; bundle_version: number }>(
    'select bundle_hash, bundle_version from bundles where election_id = $1 order by bundle_version desc limit 1',
    [electionId],
  ))[0];
  if (!latest) return null;
  const key = `${electionId}:${latest.bundle_version}:${latest.bundle_hash}`;
  if (viewCache.has(key)) return viewCache.get(key) ?? null;
  const row = (await center.db.query<{ body: string }>('select body from bundles where election_id = $1 and bundle_version = $2', [electionId, latest.bundle_version]))[0];
  const parsed = row ? bundleViewSchema.safeParse(JSON.parse(row.body)) : null;
  const view = parsed?.success ? parsed.data : null;
  if (viewCache.size >= 16) viewCache.clear();
  viewCache.set(key, view);
  return view;
}

export async function buildDashboard(center: Center, electionQuery: string | undefined): Promise<Dashboard> {
  const electionId = await center.resolveElection(electionQuery);
  const nowMs = center.now();
  const now = new Date(nowMs);
  const view = await bundleView(center, electionId);
  const reportTimes = view ? [...view.election.turnoutReportTimes].sort() : [];
  const zoneOf = new Map(view?.precincts.map((p) => [p.number, p]) ?? []);

  const precincts = await center.listPrecincts(electionId);
  const zoneRows = await center.db.query<{ number: number; time_zone: string }>('select number, time_zone from precincts where election_id = $1', [electionId]);
  const storedZone = new Map(zoneRows.map((r) => [r.number, r.time_zone]));

  const ballotRows = await center.db.query<{ precinct: number; type: string; recorded_at: string | null }>(
    `select precinct, type, ${RECORDED_AT_SQL} as recorded_at from events
     where election_id = $1 and type in ('BallotIssued', 'BallotIssueUndone')`,
    [electionId],
  );
  const moments = new Map<number, BallotMoment[]>();
  for (const r of ballotRows) {
    const at = isoOrNull(r.recorded_at);
    if (!at) continue;
    const list = moments.get(r.precinct) ?? [];
    list.push({ kind: r.type === 'BallotIssued' ? 'issued' : 'undone', at });
    moments.set(r.precinct, list);
  }

  const protocolRows = await center.db.query<{ precinct: number; type: string; received_at: Date; recorded_at: string | null }>(
    `select precinct, type, received_at, ${RECORDED_AT_SQL} as recorded_at from events
     where election_id = $1 and type like 'Protocol%' order by precinct, ingest_id desc`,
    [electionId],
  );
  const protocols = new Map<number, NonNullable<DashboardPrecinct['protocol']>>();
  for (const r of protocolRows) {
    const seen = protocols.get(r.precinct);
    if (seen) seen.events += 1;
    else protocols.set(r.precinct, { type: r.type, recordedAt: isoOrNull(r.recorded_at), receivedAt: new Date(r.received_at).toISOString(), events: 1 });
  }

  const protocolStates = await signedProtocols(center, electionId);

  const incidentRows = await center.db.query<{ precinct: number; open: string; resolved: string }>(
    `select precinct, count(*) filter (where resolved_at is null)::text as open, count(*) filter (where resolved_at is not null)::text as resolved
     from incidents where election_id = $1 and precinct is not null group by precinct`,
    [electionId],
  );
  const incidents = new Map(incidentRows.map((r) => [r.precinct, { open: Number(r.open), resolved: Number(r.resolved) }]));
  const incidentList = await listElectionIncidents(center, electionId);

  const rows: DashboardPrecinct[] = precincts.map((p) => {
    const mine = moments.get(p.number) ?? [];
    const fromBundle = zoneOf.get(p.number);
    const timeZone = fromBundle?.timeZone ?? storedZone.get(p.number) ?? 'Asia/Bishkek';
    const voterCount = fromBundle?.voterCount ?? null;
    const turnout: DashboardTurnout[] = view
      ? turnoutAt(mine, { votingDay: view.election.votingDay as IsoDate, times: reportTimes, timeZone, listSize: voterCount, now })
      : [];
    return {
      number: p.number,
      name: p.name,
      territorialCommission: p.territorialCommission,
      timeZone,
      voterCount,
      devices: p.devices.map((d) => ({ deviceId: d.deviceId, label: d.label, lastPushAt: d.lastPushAt, lastPullAt: d.lastPullAt, revoked: d.revokedAt !== null })),
      lastSyncAt: p.lastSyncAt,
      events: p.events,
      ballotsIssued: mine.reduce((n, m) => n + (m.kind === 'issued' ? 1 : -1), 0),
      turnout,
      protocol: protocols.get(p.number) ?? null,
      incidents: incidents.get(p.number)?.open ?? 0,
      incidentsResolved: incidents.get(p.number)?.resolved ?? 0,
    };
  });

  const protocolsTable = view
    ? summaryTable(
        expandForm(formOf(view), view.candidates, view.againstAll),
        precincts.map((p) => ({ number: p.number, name: p.name, signed: protocolStates.get(p.number)?.signed ?? [] })),
      )
    : null;
  const form = view ? formOf(view) : null;

  const voterCount = rows.reduce((n, p) => n + (p.voterCount ?? 0), 0);
  const totalTurnout: DashboardTurnout[] = reportTimes.map((time, i) => {
    const ballots = rows.reduce((n, p) => n + (p.turnout[i]?.ballots ?? 0), 0);
    return {
      time,
      instant: null,
      ballots,
      percent: voterCount > 0 ? Math.round((ballots / voterCount) * 10000) / 100 : null,
      reached: rows.length > 0 && rows.every((p) => p.turnout[i]?.reached ?? false),
    };
  });
  return dashboardSchema.parse({
    electionId,
    electionName: view?.election.name ?? null,
    votingDay: view?.election.votingDay ?? null,
    reportTimes,
    generatedAt: now.toISOString(),
    precincts: rows,
    totals: {
      precincts: rows.length,
      precinctsSynced: rows.filter((p) => p.lastSyncAt !== null).length,
      devices: rows.reduce((n, p) => n + p.devices.length, 0),
      events: rows.reduce((n, p) => n + p.events, 0),
      ballotsIssued: rows.reduce((n, p) => n + p.ballotsIssued, 0),
      voterCount,
      turnout: totalTurnout,
      protocols: rows.filter((p) => p.protocol !== null).length,
      incidents: rows.reduce((n, p) => n + p.incidents, 0),
      incidentsResolved: rows.reduce((n, p) => n + p.incidentsResolved, 0),
    },
    protocols: protocolsTable && form
      ? {
          formId: form.id, formVersion: form.version, provisional: form.provisional, lines: protocolsTable.lines,
          rows: protocolsTable.rows.map(({ hash: _hash, ...r }) => r), totals: protocolsTable.totals,
          withProtocol: protocolsTable.withProtocol, withErrors: protocolsTable.withErrors,
        }
      : null,
    incidents: incidentList,
  });
}

/** The election's incidents for the dashboard: open first, newest first, at most 500. */
async function listElectionIncidents(center: Center, electionId: string): Promise<DashboardIncident[]> {
  const rows = await center.db.query<{ id: string; at: Date; kind: string; precinct: number | null; device_id: string | null; detail: string; resolved_at: Date | null; resolution: string | null; resolved_by: string | null }>(
    `select id::text as id, at, kind, precinct, device_id, detail, resolved_at, resolution, resolved_by from incidents
     where election_id = $1 order by (resolved_at is null) desc, id desc limit 500`,
    [electionId],
  );
  return rows.map((r) => {
    let detail: { voterId?: unknown; devices?: unknown } = {};
    try {
      detail = JSON.parse(r.detail) as typeof detail;
    } catch {
      // A detail that is not JSON shows as nothing.
    }
    return {
      id: r.id,
      at: new Date(r.at).toISOString(),
      kind: r.kind,
      precinct: r.precinct,
      deviceId: r.device_id,
      voterId: typeof detail.voterId === 'string' ? detail.voterId : null,
      devices: Array.isArray(detail.devices) ? detail.devices.filter((d): d is string => typeof d === 'string') : [],
      resolution: r.resolved_at && r.resolution !== null ? { text: r.resolution, at: new Date(r.resolved_at).toISOString(), by: r.resolved_by } : null,
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
async function signedProtocols(center: Center, electionId: string): Promise<Map<number, ProtocolState>> {
  const rows = await center.db.query<{ precinct: number; type: string; body: string }>(
    `select precinct, type, body from events where election_id = $1 and type in ('ProtocolSigned', 'ProtocolCorrected') order by ingest_id`,
    [electionId],
  );
  const states = new Map<number, ProtocolState>();
  for (const r of rows) {
    const payload = (JSON.parse(r.body) as { payload?: unknown }).payload;
    const state = states.get(r.precinct) ?? emptyProtocolState();
    if (r.type === 'ProtocolSigned') {
      const p = protocolPayloadSchemas.ProtocolSigned.safeParse(payload);
      if (p.success) states.set(r.precinct, foldProtocol(state, { type: 'ProtocolSigned', payload: p.data }));
    } else {
      const p = protocolPayloadSchemas.ProtocolCorrected.safeParse(payload);
      if (p.success) states.set(r.precinct, foldProtocol(state, { type: 'ProtocolCorrected', payload: p.data }));
    }
  }
  return states;
}

/** One CSV field (RFC 4180); text that a spreadsheet would run as a formula gets a leading `'`. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

export const CSV_BOM = '\uFEFF';

/** The summary table: one row a precinct and a totals row, CRLF line ends, UTF-8 BOM first. */
export function summaryCsv(dashboard: Dashboard, lang: DashboardLanguage = 'ky'): string {
  const t = DASHBOARD_STRINGS[lang];
  const header = [t.colNumber, t.colName, t.colTec, t.colDevices, t.colLastSync, t.colEvents, t.colBallots, ...dashboard.reportTimes.map((time) => `${t.colTurnout} ${time}`), t.colIncidents];
  const lines: (string | number | null)[][] = [header];
  for (const p of dashboard.precincts) {
    lines.push([
      p.number,
      p.name,
      p.territorialCommission,
      p.devices.length,
      p.lastSyncAt,
      p.events,
      p.ballotsIssued,
      ...dashboard.reportTimes.map((_, i) => p.turnout[i]?.ballots ?? null),
      p.incidents,
    ]);
  }
  const s = dashboard.totals;
  lines.push([t.totals, `${s.precincts} ${t.precinctsShort}`, '', s.devices, null, s.events, s.ballotsIssued, ...s.turnout.map((x) => x.ballots), s.incidents]);
  return CSV_BOM + lines.map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * The summary table of the protocols as CSV: one row a precinct with its status, version and every
 * line of the form, the relations it fails, and a totals row over the protocols on this form.
 */
export function protocolsCsv(dashboard: Dashboard, lang: DashboardLanguage = 'ky'): string {
  const t = DASHBOARD_STRINGS[lang];
  const p = dashboard.protocols;
  if (!p) return CSV_BOM + [t.colNumber, t.colName, t.protoStatus].map(csvField).join(',') + '\r\n';
  const header = [t.colNumber, t.colName, t.protoStatus, t.protoVersion, ...p.lines.map((l) => `${l.number}. ${l.label[lang]}`), t.protoErrors];
  const lines: (string | number | null)[][] = [header];
  const status = { none: t.protoNone, signed: t.protoSigned, superseding: t.protoSuperseding } as const;
  for (const r of p.rows) {
    lines.push([r.precinct, r.name, status[r.status], r.version === null ? null : `${r.version}${r.mark && r.mark !== 'original' ? ` (${r.mark})` : ''}`, ...r.values, r.errors.join(' ')]);
  }
  lines.push([t.totals, `${p.withProtocol} / ${p.rows.length}`, '', '', ...p.totals, p.withErrors > 0 ? String(p.withErrors) : '']);
  return CSV_BOM + lines.map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const dashboardQuerySchema = z.object({ election: z.string().min(1).max(80).optional() }).strict();
const csvQuerySchema = dashboardQuerySchema.extend({ lang: z.enum(DASHBOARD_LANGUAGES).optional() }).strict();

export function registerDashboard(
  app: FastifyInstance,
  deps: { center: Center; admin: (request: FastifyRequest) => void; parse: <T>(schema: z.ZodType<T>, value: unknown) => T },
): void {
  const { center, admin, parse } = deps;
  const page = dashboardPageHtml();

  app.get('/api/admin/dashboard', async (request, reply) => {
    admin(request);
    const query = parse(dashboardQuerySchema, request.query);
    return reply.header('cache-control', 'no-store').send(await buildDashboard(center, query.election));
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
        .send(route.build(dashboard, query.lang ?? 'ky'));
    });
  }

  app.get('/dashboard', async (_request, reply) =>
    reply
      .header('content-security-policy', DASHBOARD_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(page),
  );
}
