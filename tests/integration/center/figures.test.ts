/**
 * The center's ballot figures are the laptops' (issue 14): the dashboard, its turnout and
 * `summary.csv` come from the one fold (`shared/figures`) — voters outside the premises included, a
 * double issue and a double undo on two laptops counted as the laptops' merged fold counts them —
 * and a protocol received as QR codes joins the summary tables with its source marked. Once on
 * PGlite and once on PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { demoBundle } from '../../../shared/election/demo';
import { ballotsIssued, foldBallotFacts, turnoutPoints } from '../../../shared/figures';
import type { IsoDate } from '../../../shared/time/date';
import { dashboardSchema, type Dashboard } from '../../../shared/sync/dashboard';
import { DASHBOARD_STRINGS } from '../../../center/src/dashboard-page';
import { adminHeaders, BACKENDS, centerWithBundleFor, demoSignedProtocol, enrolledDevice, parseCsv, protocolQrText, type TestDevice } from './harness';

const LIST_HASH = 'c'.repeat(64);
const TOKYO = 9019;
const bundle = demoBundle();
const OTHER = bundle.precincts.map((p) => p.number).find((n) => n !== TOKYO) ?? 0;
const t = DASHBOARD_STRINGS.ky;

async function issue(device: TestDevice, voterId: string) {
  return device.append('BallotIssued', { voterId, page: 1, row: 1, listHash: LIST_HASH });
}

async function visit(device: TestDevice, number: number, voterId: string, visitedAt: string, voted = true) {
  return device.append('MobileVisitRecorded', {
    team: 1, number, voterId, visitedAt, outcome: voted ? 'voted' : 'not-at-home', outcomeText: '', ballotsIssued: voted ? 1 : 0, ballotsSpoiled: 0, box: voted ? 1 : null,
  });
}

describe.each(BACKENDS)('ballot figures and protocol sources at the center on $name', (backend) => {
  const opened = centerWithBundleFor(backend);

  async function dashboard(): Promise<Dashboard> {
    const res = await opened.app.inject({ method: 'GET', url: '/api/admin/dashboard', headers: adminHeaders });
    expect(res.statusCode, res.body).toBe(200);
    return dashboardSchema.parse(res.json());
  }
  async function csv(path: string): Promise<string[][]> {
    const res = await opened.app.inject({ method: 'GET', url: path, headers: adminHeaders });
    expect(res.statusCode, res.body).toBe(200);
    return parseCsv(res.rawPayload.toString('utf8').slice(1), ';');
  }
  async function push(device: TestDevice, from: number) {
    const res = await opened.app.inject({ method: 'POST', url: '/api/push', payload: await device.batch(from, device.events.length) });
    expect(res.statusCode, res.body).toBe(200);
  }

  it('counts the voters who voted outside the premises: 40 in the room and 3 outside are 43, as on the protocol', async () => {
    const laptop = await enrolledDevice(opened.app, TOKYO, 'tokyo');
    for (let i = 1; i <= 40; i += 1) await issue(laptop, `v${i}`);
    // Outside, between 13:00 and 16:00 in Tokyo (04:00 and 07:00 UTC); one voter not at home.
    for (let i = 1; i <= 3; i += 1) await visit(laptop, i, `o${i}`, `2017-10-15T05:0${i}:00.000Z`);
    await visit(laptop, 4, 'o4', '2017-10-15T05:04:00.000Z', false);
    await push(laptop, 1);

    const desk = foldBallotFacts(laptop.events);
    expect(ballotsIssued(desk)).toMatchObject({ room: 40, outside: 3, total: 43 });
    const board = await dashboard();
    const p = board.precincts.find((x) => x.number === TOKYO);
    expect(p).toMatchObject({ ballotsIssued: 43, ballotsRoom: 40, ballotsOutside: 3 });
    const zone = bundle.precincts.find((x) => x.number === TOKYO);
    const points = turnoutPoints(desk, {
      votingDay: bundle.election.votingDay as IsoDate, times: bundle.election.turnoutReportTimes ?? [], timeZone: zone?.timeZone ?? '', listSize: zone?.voterCount ?? null, now: new Date(opened.center.now()),
    });
    expect(p?.turnout.map((x) => [x.time, x.ballots, x.room, x.outside, x.percent])).toEqual(points.map((x) => [x.time, x.ballots, x.room, x.outside, x.percent]));
    expect(p?.turnout.map((x) => x.ballots)).toEqual([0, 40, 43, 43, 43]);
    expect(board.totals).toMatchObject({ ballotsIssued: 43, ballotsRoom: 40, ballotsOutside: 3 });
    expect(board.totals.turnout.map((x) => x.ballots)).toEqual([0, 40, 43, 43, 43]);

    const rows = await csv('/api/admin/summary.csv');
    const header = rows[0] ?? [];
    const row = rows.find((r) => r[0] === String(TOKYO)) ?? [];
    const cell = (name: string) => row[header.indexOf(name)];
    expect([cell(t.colBallotsRoom), cell(t.colBallotsOutside), cell(t.colBallots)]).toEqual(['40', '3', '43']);
    expect(board.reportTimes.map((time) => cell(`${t.colTurnout} ${time}`))).toEqual(['0', '40', '43', '43', '43']);
    const totals = rows[rows.length - 1] ?? [];
    expect(totals[header.indexOf(t.colBallots)]).toBe('43');
  });

  it('counts a double issue and a double undo on two laptops as the laptops’ merged fold does', async () => {
    const a = await enrolledDevice(opened.app, OTHER, 'a');
    const b = await enrolledDevice(opened.app, OTHER, 'b');
    await issue(a, 'w1');
    const w2 = await issue(a, 'w2');
    await issue(a, 'w3');
    // Laptop B had not pulled w1's issue: a second ballot to the same voter.
    await issue(b, 'w1');
    // Both laptops take back the same issue of w2 (B pulled it), before they sync again.
    await a.append('BallotIssueUndone', { voterId: 'w2', undoes: w2.id, reason: 'кате шайлоочу' });
    await b.append('BallotIssueUndone', { voterId: 'w2', undoes: w2.id, reason: 'кате шайлоочу' });
    await push(a, 1);
    await push(b, 1);

    const merged = ballotsIssued(foldBallotFacts([...a.events, ...b.events]));
    expect(merged).toMatchObject({ room: 3, total: 3, voters: 2 });
    const p = (await dashboard()).precincts.find((x) => x.number === OTHER);
    expect(p).toMatchObject({ ballotsIssued: merged.total, ballotsRoom: merged.room, ballotsOutside: 0 });
    const rows = await csv('/api/admin/summary.csv');
    const row = rows.find((r) => r[0] === String(OTHER)) ?? [];
    expect(row[(rows[0] ?? []).indexOf(t.colBallots)]).toBe('3');
    // The center still flags the double issue for the commission.
    expect((await dashboard()).incidents.filter((i) => i.kind === 'double-issue' && i.precinct === OTHER).map((i) => i.voterId)).toEqual(['w1']);
  });

  it('joins a protocol received as QR codes to the summary tables, marked as such, and shows where sync and QR differ', async () => {
    const precinct = bundle.precincts.map((p) => p.number).find((n) => n !== TOKYO && n !== OTHER) ?? 0;
    const laptop = await enrolledDevice(opened.app, precinct, 'chair');
    const qr = async (variant: number) =>
      opened.app.inject({ method: 'POST', url: '/api/admin/protocol-qr', headers: adminHeaders, payload: { text: await protocolQrText(laptop.keys.privateKey, precinct, variant) } });

    // Only the paper's QR codes so far.
    expect((await qr(1)).json()).toMatchObject({ stored: true, precinct });
    let board = await dashboard();
    let row = board.protocols?.rows.find((r) => r.precinct === precinct);
    expect(row).toMatchObject({ status: 'signed', version: 1, source: 'qr', qr: { version: 1, mark: 'original' }, mismatch: null, signedAt: null });
    expect(row?.values.slice(0, 3)).toEqual([69, 69, 2]);
    expect(board.protocols?.totals.slice(0, 3)).toEqual([69, 69, 2]);
    expect(board.precincts.find((p) => p.number === precinct)).toMatchObject({ protocol: null, protocolQr: { version: 1 }, protocolSource: 'qr', protocolMismatch: null });
    expect(board.totals.protocols).toBe(1);
    let protocols = await csv('/api/admin/protocols.csv');
    const sourceAt = (protocols[0] ?? []).indexOf(t.colSource);
    expect(protocols.find((r) => r[0] === String(precinct))?.[sourceAt]).toBe(t.srcQr);
    const summary = await csv('/api/admin/summary.csv');
    expect(summary.find((r) => r[0] === String(precinct))?.[(summary[0] ?? []).indexOf(t.colProtocol)]).toBe(t.srcQr);

    // The same signed protocol through sync: both ways agree.
    await laptop.append('ProtocolSigned', (await demoSignedProtocol(precinct, 1)).signed);
    await push(laptop, 1);
    board = await dashboard();
    row = board.protocols?.rows.find((r) => r.precinct === precinct);
    expect(row).toMatchObject({ source: 'both', mismatch: null, version: 1 });
    expect(board.precincts.find((p) => p.number === precinct)).toMatchObject({ protocolSource: 'both', protocolMismatch: null });
    expect(board.totals).toMatchObject({ protocols: 1, protocolMismatches: 0 });

    // Codes of another protocol with the same version number: the two differ, in plain view.
    expect((await qr(3)).json()).toMatchObject({ stored: true });
    board = await dashboard();
    row = board.protocols?.rows.find((r) => r.precinct === precinct);
    expect(row).toMatchObject({ source: 'sync', mismatch: { kind: 'conflict', syncVersion: 1, qrVersion: 1, lines: [1, 2, 6] } });
    expect(row?.values.slice(0, 2)).toEqual([69, 69]);
    expect(board.protocols?.withMismatch).toBe(1);
    expect(board.totals.protocolMismatches).toBe(1);
    protocols = await csv('/api/admin/protocols.csv');
    const mismatchAt = (protocols[0] ?? []).indexOf(t.colMismatch);
    const text = protocols.find((r) => r[0] === String(precinct))?.[mismatchAt] ?? '';
    expect(text).toBe(t.mismatchConflict.replace('{{sync}}', '1').replace('{{lines}}', '1, 2, 6'));
  });
});
