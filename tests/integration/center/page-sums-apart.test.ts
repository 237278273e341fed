/**
 * Page sums two laptops of one precinct entered before they exchanged records (9d09049, 3636608):
 * the laptops' ledger and protocol screens name both figures; the center's dashboard names them for
 * the precinct too — both totals, their pages, members, laptops and times — and says which figure it
 * takes (the later, as the act and the protocol do), until the sums are entered again knowing both.
 * Kept at ingest and equal to a rebuild; the compact answer carries it. PGlite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { rebuildAggregates } from '../../../center/src/aggregates';
import { dashboardSchema, type Dashboard } from '../../../shared/sync/dashboard';
import { expandDashboard, type CompactDashboard } from '../../../shared/sync/dashboard-compact';
import { adminHeaders, BACKENDS, centerWithBundleFor, ELECTION, enrolledDevice, type TestDevice } from './harness';

const PRECINCT = 9019;

describe.each(BACKENDS)('page sums entered apart, on the center’s dashboard, on $name', (backend) => {
  const opened = centerWithBundleFor(backend);
  const dashboard = async (): Promise<Dashboard> => {
    const res = await opened.app.inject({ method: 'GET', url: '/api/admin/dashboard', headers: adminHeaders });
    expect(res.statusCode, res.body).toBe(200);
    return dashboardSchema.parse(res.json());
  };
  const precinct = async () => (await dashboard()).precincts.find((p) => p.number === PRECINCT)!;
  const push = async (device: TestDevice) => {
    const res = await opened.app.inject({ method: 'POST', url: '/api/push', payload: await device.batch(1, device.events.length) });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('names both figures with their laptops until the sums are entered again knowing both; a rebuild and the compact answer agree', async () => {
    const a = await enrolledDevice(opened.app, PRECINCT, 'desk-a');
    const b = await enrolledDevice(opened.app, PRECINCT, 'desk-b');
    const first = await a.append('ListPageSumsEntered', { total: 300, pages: 12, at: a.nextRecordedAt(), enteredBy: 'm-sec' });
    b.advance(60_000);
    const second = await b.append('ListPageSumsEntered', { total: 310, pages: 12, at: b.nextRecordedAt(), enteredBy: 'm-chair' });
    await push(a);
    expect((await precinct()).pageSumsApart).toEqual([]);
    await push(b);

    const p = await precinct();
    expect(p.pageSumsApart).toEqual([
      { total: 300, pages: 12, at: (first.payload as { at: string }).at, enteredBy: 'm-sec', deviceId: a.deviceId },
      { total: 310, pages: 12, at: (second.payload as { at: string }).at, enteredBy: 'm-chair', deviceId: b.deviceId },
    ]);
    // The figure the act and the protocol take: the later entry.
    expect(p.ballotsRoom).toBe(310);
    // The compact answer (the dashboard page's) carries the same.
    const compact = await opened.app.inject({ method: 'GET', url: '/api/admin/dashboard?compact=1', headers: adminHeaders });
    expect(expandDashboard(compact.json() as CompactDashboard).precincts.find((x) => x.number === PRECINCT)?.pageSumsApart).toEqual(p.pageSumsApart);
    // Kept at ingest == recomputed from the events.
    await rebuildAggregates(opened.center.db, ELECTION);
    expect((await precinct()).pageSumsApart).toEqual(p.pageSumsApart);

    // Laptop A, having pulled B's entry, enters the sums again knowing both: nothing more to say.
    a.seeClock(Date.parse(b.nextRecordedAt()));
    a.advance(120_000);
    await a.append('ListPageSumsEntered', { total: 305, pages: 12, at: a.nextRecordedAt(), enteredBy: 'm-sec', replaces: [first.id, second.id] });
    await push(a);
    const after = await precinct();
    expect(after.pageSumsApart).toEqual([]);
    expect(after.ballotsRoom).toBe(305);
  });
});
