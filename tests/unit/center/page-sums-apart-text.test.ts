/** The dashboard page names page sums two laptops entered apart, for the precinct, in ky/ru/en. */
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../../center/web/i18n';
import { pageSumsApartText } from '../../../center/web/figures';
import type { DashboardPrecinct } from '../../../shared/sync/dashboard';

const precinct: Pick<DashboardPrecinct, 'pageSumsApart' | 'ballotsRoom' | 'timeZone' | 'devices'> = {
  ballotsRoom: 310,
  timeZone: 'Asia/Bishkek',
  devices: [
    { deviceId: 'dev-a', label: 'Desk 1', lastPushAt: null, lastPullAt: null, revoked: false },
    { deviceId: 'dev-b', label: null, lastPushAt: null, lastPullAt: null, revoked: false },
  ],
  pageSumsApart: [
    { total: 300, pages: 12, at: '2017-10-15T14:05:00.000Z', enteredBy: 'm-sec', deviceId: 'dev-a' },
    { total: 310, pages: 12, at: '2017-10-15T14:09:00.000Z', enteredBy: 'm-chair', deviceId: 'dev-b' },
  ],
};

describe('page sums entered apart, on the dashboard page', () => {
  it.each([
    ['en', 'entered on two laptops', 'The figures here take 310'],
    ['ru', 'внесены на двух ноутбуках', 'взято 310'],
    ['ky', 'эки ноутбукта', '310 алынды'],
  ] as const)('%s: both figures, their laptops (by label), the precinct’s time, the figure taken', async (lng, said, taken) => {
    await setLanguage(lng);
    const text = pageSumsApartText(precinct);
    expect(text).toContain(said);
    expect(text).toContain(taken);
    for (const part of ['300', 'm-sec', 'Desk 1', 'm-chair', 'dev-b']) expect(text).toContain(part);
    // 14:05 UTC is 20:05 in Bishkek.
    expect(text).toContain('20:05');
    expect(text).not.toMatch(/\{\{|pageSumsApart/u);
  });

  it('says nothing when the entries agree or one stands', async () => {
    await setLanguage('en');
    expect(pageSumsApartText({ ...precinct, pageSumsApart: [] })).toBe('');
  });
});
