/** The center's dashboard (JSON, summary CSV, page) over HTTP, once on PGlite and once on PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { sealBundle } from '../../../shared/election/bundle';
import { demoBundle } from '../../../shared/election/demo';
import { dashboardSchema, type Dashboard } from '../../../shared/sync/dashboard';
import { syncErrorSchema } from '../../../shared/sync/index';
import type { Center } from '../../../center/src/center';
import { rebuildAggregates } from '../../../center/src/aggregates';
import { DASHBOARD_CSP, DASHBOARD_STRINGS } from '../../../center/src/dashboard-page';
import { COMPACT_DASHBOARD_FORMAT, expandDashboard, type CompactDashboard } from '../../../shared/sync/dashboard-compact';
import type { Candidate } from '../../../shared/election/model';
import { KG_2017_PRESIDENTIAL_FORM } from '../../../shared/protocol/builtin';
import { expandForm } from '../../../shared/protocol/form';
import { evaluate } from '../../../shared/protocol/relations';
import { emptyProtocolState, signProtocol } from '../../../shared/protocol/signing';
import { adminHeaders, BACKENDS, ELECTION, enrolledDevice, parseCsv, server, testBundle, TestDevice } from './harness';

const LIST_HASH = 'a'.repeat(64);
/** The test devices' clock starts at 2017-10-15 03:00 UTC: 12:00 in Tokyo (precinct 9019). */
const TOKYO = 9019;

/** The dashboard page built as `npm run build:center-page` builds it, into a folder of this run. */
let webDir = '';
beforeAll(async () => {
  webDir = await mkdtemp(join(tmpdir(), 'center-web-'));
  await build({ configFile: join(__dirname, '../../../vite.center.config.ts'), logLevel: 'error', build: { outDir: webDir, sourcemap: false } });
}, 120_000);
afterAll(async () => {
  await rm(webDir, { recursive: true, force: true });
});

describe.each(BACKENDS)('dashboard on $name', (backend) => {
  let center: Center;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  let device: TestDevice;
  let dashboard: Dashboard;

  beforeAll(async () => {
    const opened = await backend.open();
    center = opened.center;
    cleanup = opened.cleanup;
    app = server(center, { webDir });
    const res = await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: await testBundle() });
    expect(res.statusCode, res.body).toBe(200);

    device = await enrolledDevice(app, TOKYO, 'tokyo');
    const issued = [];
    for (let i = 1; i <= 3; i += 1) issued.push(await device.append('BallotIssued', { voterId: `v${i}`, page: 1, row: i, listHash: LIST_HASH }));
    await device.append('BallotIssueUndone', { voterId: 'v2', undoes: issued[1]?.id ?? '', reason: 'тест: кайра алынды' });
    await device.appendMarks(1);
    const push = await app.inject({ method: 'POST', url: '/api/push', payload: await device.batch(1, 5) });
    expect(push.statusCode, push.body).toBe(200);

    // A batch signed with another key: refused, and NOT an incident (an unverified request could
    // otherwise file incidents against any precinct; it goes to the rate-limited log instead).
    const stranger = await TestDevice.create(TOKYO);
    await device.appendMarks(1);
    const forged = await app.inject({ method: 'POST', url: '/api/push', payload: await device.batch(6, 6, stranger.keys.privateKey) });
    expect(forged.statusCode).toBe(401);
    expect((await center.db.query<{ n: number }>('select count(*)::int as n from incidents'))[0]?.n).toBe(0);
    // A verified request's fault is an incident of the precinct (twice the same cause: one incident, counted up).
    const row = { device_id: device.deviceId, election_id: ELECTION, precinct: TOKYO };
    await center.recordIncident('push:wrong-election', row, { seq: 6 });
    await center.recordIncident('push:wrong-election', row, { seq: 6 });

    const got = await app.inject({ method: 'GET', url: `/api/admin/dashboard?election=${ELECTION}`, headers: adminHeaders });
    expect(got.statusCode, got.body).toBe(200);
    dashboard = dashboardSchema.parse(got.json());
  });
  afterAll(async () => {
    await app.close();
    await cleanup();
  });

  it('lists every precinct of the bundle with the election and its report times', () => {
    const bundle = demoBundle();
    expect(dashboard.electionId).toBe(ELECTION);
    expect(dashboard.electionName?.ky).toBe(bundle.election.name.ky);
    expect(dashboard.reportTimes).toEqual(['10:00', '13:00', '16:00', '17:00', '20:00']);
    expect(dashboard.precincts.map((p) => p.number)).toEqual(bundle.precincts.map((p) => p.number).sort((a, b) => a - b));
    expect(dashboard.totals.precincts).toBe(bundle.precincts.length);
  });

  it('shows the enrolled device, its last sync, the ballots net of undone issues and turnout by local report time', () => {
    const p = dashboard.precincts.find((x) => x.number === TOKYO);
    expect(p).toBeDefined();
    if (!p) return;
    const voterCount = demoBundle().precincts.find((x) => x.number === TOKYO)?.voterCount ?? null;
    expect(p.timeZone).toBe('Asia/Tokyo');
    expect(p.devices).toEqual([{ deviceId: device.deviceId, label: 'test laptop', lastPushAt: expect.any(String), lastPullAt: null, revoked: false }]);
    expect(p.lastSyncAt).toBe(p.devices[0]?.lastPushAt);
    expect(p.events).toBe(5);
    expect(p.ballotsIssued).toBe(2);
    // 10:00 Tokyo is 01:00 UTC (before the first issue); 13:00 Tokyo is 04:00 UTC (after all).
    expect(p.turnout.map((t) => [t.time, t.ballots, t.reached])).toEqual([
      ['10:00', 0, true],
      ['13:00', 2, true],
      ['16:00', 2, true],
      ['17:00', 2, true],
      ['20:00', 2, true],
    ]);
    expect(p.turnout[0]?.instant).toBe('2017-10-15T01:00:00.000Z');
    expect(p.turnout[1]?.percent).toBe(voterCount ? Math.round((2 / voterCount) * 10000) / 100 : null);
    expect(p.protocol).toBeNull();
    expect(p.incidents).toBe(1);

    const quiet = dashboard.precincts.find((x) => x.number !== TOKYO);
    expect(quiet).toMatchObject({ devices: [], lastSyncAt: null, events: 0, ballotsIssued: 0, protocol: null, incidents: 0 });
    expect(dashboard.totals).toMatchObject({ precinctsSynced: 1, devices: 1, events: 5, ballotsIssued: 2, protocols: 0, incidents: 1 });
    expect(dashboard.totals.turnout.map((t) => t.ballots)).toEqual([0, 2, 2, 2, 2]);
  });

  it('lights up the protocol column when protocol events arrive', async () => {
    const received = new Date('2017-10-15T15:00:00Z');
    await center.db.query(
      `insert into events (device_id, seq, election_id, precinct, event_id, hash, prev_hash, hlc, type, payload, body, received_at)
       values ($1, 1000, $2, $3, 'p1', 'h', 'p', 'hlc', 'ProtocolSigned', null, $4, $5)`,
      [device.deviceId, ELECTION, TOKYO, '{"recordedAt":"2017-10-15T14:59:00.000Z","type":"ProtocolSigned"}', received],
    );
    // Stored behind the push's back (as a restore would): the dashboard reads the rows kept at
    // ingest, so the rebuild command recomputes them from the events.
    await rebuildAggregates(center.db, ELECTION);
    try {
      const res = await app.inject({ method: 'GET', url: '/api/admin/dashboard', headers: adminHeaders });
      const body = dashboardSchema.parse(res.json());
      expect(body.precincts.find((x) => x.number === TOKYO)?.protocol).toEqual({
        type: 'ProtocolSigned',
        recordedAt: '2017-10-15T14:59:00.000Z',
        receivedAt: received.toISOString(),
        events: 1,
      });
      expect(body.totals.protocols).toBe(1);
    } finally {
      await center.db.query('delete from events where device_id = $1 and seq = 1000', [device.deviceId]);
      await rebuildAggregates(center.db, ELECTION);
    }
  });

  it('exports the summary table as CSV: BOM, header, a row a precinct, totals', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/admin/summary.csv?election=${ELECTION}`, headers: adminHeaders });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="summary-${ELECTION}.csv"`);
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    // Kyrgyz: `;` between fields, as Excel with Kyrgyz or Russian settings splits them.
    expect(text.split('\r\n')[0]?.split(';')).toHaveLength(rows0Width(text));
    const rows = parseCsv(text.slice(1), ';');
    const t = DASHBOARD_STRINGS.ky;
    expect(rows[0]).toEqual([
      t.colNumber, t.colName, t.colTec, t.colDevices, t.colLastSync, t.colEvents, t.colBallotsRoom, t.colBallotsOutside, t.colBallots,
      ...dashboard.reportTimes.map((x) => `${t.colTurnout} ${x}`), t.colProtocol, t.colIncidents,
    ]);
    expect(rows).toHaveLength(dashboard.precincts.length + 2);
    const width = rows[0]?.length ?? 0;
    for (const row of rows) expect(row).toHaveLength(width);
    const tokyo = rows.find((r) => r[0] === String(TOKYO));
    const p = dashboard.precincts.find((x) => x.number === TOKYO);
    expect(tokyo).toEqual([String(TOKYO), p?.name, p?.territorialCommission, '1', p?.lastSyncAt, '5', '2', '0', '2', '0', '2', '2', '2', '2', '', '1']);
    const totals = rows[rows.length - 1];
    expect(totals?.[0]).toBe(t.totals);
    expect(totals?.slice(3)).toEqual(['1', '', '5', '2', '0', '2', '0', '2', '2', '2', '2', '0', '1']);

    const english = await app.inject({ method: 'GET', url: '/api/admin/summary.csv?lang=en', headers: adminHeaders });
    const englishRows = parseCsv(english.rawPayload.toString('utf8').slice(1));
    expect(englishRows[0]?.[0]).toBe(DASHBOARD_STRINGS.en.colNumber);
    expect(englishRows[0]).toHaveLength(width);
    // The separator as a query parameter, whatever the language; the BOM stays.
    const comma = await app.inject({ method: 'GET', url: `/api/admin/summary.csv?sep=${encodeURIComponent(',')}`, headers: adminHeaders });
    expect([...comma.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(comma.rawPayload.toString('utf8').slice(1))).toEqual(rows);
    const semicolon = await app.inject({ method: 'GET', url: `/api/admin/summary.csv?lang=en&sep=${encodeURIComponent(';')}`, headers: adminHeaders });
    expect(parseCsv(semicolon.rawPayload.toString('utf8').slice(1), ';')).toEqual(englishRows);
    expect((await app.inject({ method: 'GET', url: '/api/admin/summary.csv?sep=tab', headers: adminHeaders })).statusCode).toBe(400);
  });

  it('sums the signed protocols line by line, with their version and failed relations, in JSON and CSV', async () => {
    const bundle = demoBundle();
    const form = expandForm(KG_2017_PRESIDENTIAL_FORM, bundle.candidates as Candidate[], bundle.againstAll);
    const candidateLine = form.lines.find((l) => l.kind === 'candidate')?.key ?? '';
    const values: Record<string, number> = Object.fromEntries(form.lines.map((l) => [l.key, 0]));
    Object.assign(values, { A: 69, B: 69, C: 2, E: 2, F: 67, I: 2, K: 2, [candidateLine]: 2 });
    const signed = await signProtocol({
      state: emptyProtocolState(), form, electionId: ELECTION, precinct: TOKYO, values, findings: evaluate(form, values),
      members: [{ id: 'm1', name: 'Төрага', role: 'chair' }], membersPresent: ['m1'], acknowledged: [], override: null, signedAt: '2017-10-16T00:30:00+09:00',
    });
    if (!signed.ok) throw new Error(JSON.stringify(signed.error));
    await device.append('ProtocolSigned', signed.value);
    const push = await app.inject({ method: 'POST', url: '/api/push', payload: await device.batch(6, 7) });
    expect(push.statusCode, push.body).toBe(200);
    const body = dashboardSchema.parse((await app.inject({ method: 'GET', url: '/api/admin/dashboard', headers: adminHeaders })).json());
    const table = body.protocols;
    expect(table).toMatchObject({ formId: KG_2017_PRESIDENTIAL_FORM.id, withProtocol: 1, withErrors: 0 });
    const row = table?.rows.find((r) => r.precinct === TOKYO);
    expect(row).toMatchObject({ status: 'signed', version: 1, mark: 'original', errors: [] });
    expect(row?.values.slice(0, 11)).toEqual([69, 69, 2, 0, 2, 67, 0, 0, 2, 0, 2]);
    expect(table?.totals.slice(0, 3)).toEqual([69, 69, 2]);
    expect(table?.rows.filter((r) => r.status === 'none')).toHaveLength((table?.rows.length ?? 0) - 1);

    const csv = await app.inject({ method: 'GET', url: '/api/admin/protocols.csv?lang=ru', headers: adminHeaders });
    expect(csv.headers['content-disposition']).toContain('protocols-');
    const rows = parseCsv(csv.body.slice(1), ';');
    expect(rows[0]?.slice(0, 6)).toEqual(['Участок №', 'Название', 'Протокол', 'Версия', 'Источник', '1. Число избирателей, внесенных в список избирателей на момент окончания голосования']);
    expect(rows.find((r) => r[0] === String(TOKYO))?.slice(2, 7)).toEqual(['подписан', '1', 'синхронизация', '69', '69']);
    expect(rows[rows.length - 1]?.slice(0, 2)).toEqual([DASHBOARD_STRINGS.ru.totals, `1 / ${table?.rows.length}`]);
  });

  it('a protocol signed on another form than the one summed is shown as such in the CSV, not as signed, and stays out of the totals', async () => {
    const bundle = demoBundle();
    const other = expandForm({ ...KG_2017_PRESIDENTIAL_FORM, version: KG_2017_PRESIDENTIAL_FORM.version + 1 }, bundle.candidates as Candidate[], bundle.againstAll);
    const values: Record<string, number> = Object.fromEntries(other.lines.map((l) => [l.key, 0]));
    Object.assign(values, { A: 500, B: 500, F: 500 });
    const signed = await signProtocol({
      state: emptyProtocolState(), form: other, electionId: ELECTION, precinct: 9051, values, findings: evaluate(other, values),
      members: [{ id: 'm1', name: 'Төрага', role: 'chair' }], membersPresent: ['m1'], acknowledged: [], override: null, signedAt: '2017-10-15T23:30:00+04:00',
    });
    if (!signed.ok) throw new Error(JSON.stringify(signed.error));
    const abuDhabi = await enrolledDevice(app, 9051, 'other-form');
    await abuDhabi.append('ProtocolSigned', signed.value);
    expect((await app.inject({ method: 'POST', url: '/api/push', payload: await abuDhabi.batch(1, 1) })).statusCode).toBe(200);
    const table = dashboardSchema.parse((await app.inject({ method: 'GET', url: '/api/admin/dashboard', headers: adminHeaders })).json()).protocols;
    expect(table?.rows.find((r) => r.precinct === 9051)).toMatchObject({ otherForm: true });
    const summed = (table?.rows ?? []).filter((r) => !r.otherForm).reduce((n, r) => n + (r.values[0] ?? 0), 0);
    expect(table?.totals[0]).toBe(summed);
    for (const lang of ['ky', 'ru', 'en'] as const) {
      const csv = await app.inject({ method: 'GET', url: `/api/admin/protocols.csv?lang=${lang}&sep=;`, headers: adminHeaders });
      const rows = parseCsv(csv.body.slice(1), ';');
      // Before: 'signed', its 500s in the columns above a total of 69.
      expect(rows.find((r) => r[0] === '9051')?.[2]).toBe(DASHBOARD_STRINGS[lang].protoOtherForm);
      expect(rows[rows.length - 1]?.[5]).toBe(String(summed));
    }
  });

  it('answers compactly (what the page asks for): a third of the bytes, expanding to the same figures', async () => {
    const full = await app.inject({ method: 'GET', url: '/api/admin/dashboard', headers: adminHeaders });
    const compact = await app.inject({ method: 'GET', url: '/api/admin/dashboard?compact=1', headers: adminHeaders });
    expect(compact.statusCode, compact.body).toBe(200);
    const c = compact.json<CompactDashboard>();
    expect(c.format).toBe(COMPACT_DASHBOARD_FORMAT);
    const expected = dashboardSchema.parse(full.json());
    // Built a moment apart: only the clock's own figures may differ.
    const sameClock = (d: Dashboard): Dashboard => ({ ...d, generatedAt: expected.generatedAt });
    const expanded = sameClock(dashboardSchema.parse(expandDashboard(c)));
    expect(expanded).toEqual(expected);
    // A signed protocol's line figures and the empty rows both come back.
    expect(expanded.protocols?.rows.find((r) => r.precinct === TOKYO)?.values.slice(0, 3)).toEqual([69, 69, 2]);
    expect(expanded.protocols?.rows.find((r) => r.precinct !== TOKYO)?.values.every((v) => v === null)).toBe(true);
    expect(compact.rawPayload.length).toBeLessThan(full.rawPayload.length / 2);
  });

  it('refuses the JSON and the CSV without the admin token', async () => {
    for (const url of ['/api/admin/dashboard', `/api/admin/summary.csv?election=${ELECTION}`]) {
      for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: 'test-admin-token' }]) {
        const res = await app.inject({ method: 'GET', url, headers });
        expect(res.statusCode, url).toBe(401);
        expect(syncErrorSchema.parse(res.json()).error).toBe('unauthorized');
        expect(res.body).not.toContain(String(TOKYO));
      }
    }
    const unknown = await app.inject({ method: 'GET', url: '/api/admin/dashboard?election=nope', headers: adminHeaders });
    expect(unknown.statusCode).toBe(200);
    expect(dashboardSchema.parse(unknown.json()).precincts).toEqual([]);
    const bad = await app.inject({ method: 'GET', url: '/api/admin/summary.csv?lang=fr', headers: adminHeaders });
    expect(bad.statusCode).toBe(400);
  });

  it('follows a new bundle version: its report times', async () => {
    const demo = demoBundle();
    const next = await sealBundle({ ...demo, bundleVersion: 2, election: { ...demo.election, turnoutReportTimes: ['20:00', '12:00'] } });
    const loaded = await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: next });
    expect(loaded.statusCode, loaded.body).toBe(200);
    const body = dashboardSchema.parse((await app.inject({ method: 'GET', url: '/api/admin/dashboard', headers: adminHeaders })).json());
    expect(body.reportTimes).toEqual(['12:00', '20:00']);
    // 12:00 Tokyo is 03:00:00 UTC, a second before the first issue.
    expect(body.precincts.find((x) => x.number === TOKYO)?.turnout.map((t) => t.ballots)).toEqual([0, 2]);
    const csv = (await app.inject({ method: 'GET', url: '/api/admin/summary.csv', headers: adminHeaders })).rawPayload.toString('utf8');
    expect(parseCsv(csv.slice(1), ';')[0]?.slice(9, 11)).toEqual([`${DASHBOARD_STRINGS.ky.colTurnout} 12:00`, `${DASHBOARD_STRINGS.ky.colTurnout} 20:00`]);
  });

  it('serves the built page without auth, its script and style as files of this origin (no inline code), with a strict CSP and no data in it', async () => {
    const res = await app.inject({ method: 'GET', url: '/dashboard' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toBe(DASHBOARD_CSP);
    for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "require-trusted-types-for 'script'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe|\*|https?:|data:|blob:/u);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // No inline script or style, no inline handler: one module script and one style sheet, both under /dashboard/assets/.
    expect(res.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/u);
    expect(res.body).not.toMatch(/<style|\sstyle="|\son[a-z]+="/u);
    const script = /<script type="module" crossorigin src="(\/dashboard\/assets\/[^"]+\.js)"><\/script>/u.exec(res.body)?.[1];
    const style = /<link rel="stylesheet" crossorigin href="(\/dashboard\/assets\/[^"]+\.css)">/u.exec(res.body)?.[1];
    expect(script).toBeDefined();
    expect(style).toBeDefined();
    // The markup reads in Kyrgyz before the script runs (filled from locales/ky/center.json at build).
    expect(res.body).toContain('<html lang="ky">');
    expect(res.body).toContain(`<label for="token" data-i18n="tokenLabel">${DASHBOARD_STRINGS.ky.tokenLabel}</label>`);
    const js = await app.inject({ method: 'GET', url: script ?? '' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['x-content-type-options']).toBe('nosniff');
    expect(js.headers['cache-control']).toContain('immutable');
    const css = await app.inject({ method: 'GET', url: style ?? '' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    // The page carries no data: no precinct, no device, no token; data comes through the API as text.
    const p = dashboard.precincts.find((x) => x.number === TOKYO);
    for (const body of [res.body, js.body]) {
      for (const secret of [device.deviceId, p?.name ?? '-', 'test-admin-token', String(TOKYO)]) expect(body).not.toContain(secret);
      for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(']) expect(body).not.toContain(sink);
    }
    expect(js.body).toContain('textContent');
    expect(js.body).toContain('sessionStorage');
    // Only the built files are served: nothing else under assets/, no way out of the folder.
    for (const url of ['/dashboard/assets/nope.js', '/dashboard/assets/..%2Findex.html', '/dashboard/assets/%2E%2E%2F%2E%2E%2Fpackage.json']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });

  it('says how to build the page when it is not built', async () => {
    const bare = server(center, { webDir: join(webDir, 'not-here') });
    try {
      const res = await bare.inject({ method: 'GET', url: '/dashboard' });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('npm run build:center-page');
    } finally {
      await bare.close();
    }
  });
});

/** The header's field count of a `;`-separated file (its header names hold no `;` or quotes). */
function rows0Width(text: string): number {
  return parseCsv(text.slice(1), ';')[0]?.length ?? 0;
}
