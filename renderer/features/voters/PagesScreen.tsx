/** Page sums of the list (voters listed, ballots issued, out-of-premises marks) and turnout. */
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useVoterList } from '../../core/voter-list';
import { usePageSums } from './page-sums';
import { TurnoutPanel } from './TurnoutPanel';

export function PagesScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const list = useVoterList();
  const sums = usePageSums(list.state === 'ready' ? list.list : null);
  if (list.state !== 'ready') return <p className="hint">{list.state === 'none' ? t('voters:noList') : t('voters:loadingList')}</p>;
  const n = (x: number) => formatNumber(x, lng);
  return (
    <div data-testid="pages">
      <div className="screen-head">
        <h1>{t('voters:pages.title')}</h1>
        <button type="button" onClick={() => navigate('print-pages')} data-testid="pages-print">
          {t('voters:pages.print')}
        </button>
      </div>
      <TurnoutPanel listSize={list.list.size} />
      {sums && (
        <section className="card">
          <h2>{t('voters:pages.byPage')}</h2>
          <div className="table-scroll tall" tabIndex={0} role="region" aria-label={t('voters:pages.byPage')}>
            <table className="table" data-testid="page-sums">
              <thead>
                <tr>
                  <th>{t('voters:pages.page')}</th>
                  <th className="num">{t('voters:pages.listed')}</th>
                  <th className="num">{t('voters:pages.issued')}</th>
                  <th className="num">{t('voters:pages.outOfPremises')}</th>
                </tr>
              </thead>
              <tbody>
                {sums.pages.map((p) => (
                  <tr key={p.page} data-testid={`page-${p.page}`}>
                    <td>{p.page}</td>
                    <td className="num">{n(p.listed)}</td>
                    <td className="num">{n(p.issued)}</td>
                    <td className="num">{n(p.outOfPremises)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="totals" data-testid="page-totals">
                  <th>{t('voters:pages.total')}</th>
                  <th className="num">{n(sums.totals.listed)}</th>
                  <th className="num">{n(sums.totals.issued)}</th>
                  <th className="num">{n(sums.totals.outOfPremises)}</th>
                </tr>
              </tfoot>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
