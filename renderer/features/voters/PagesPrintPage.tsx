/** The summation sheet to certify with signatures and the seal (calendar item 75). */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { appNow } from '../../app/clock';
import { formatNumber } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSetup } from '../../app/session';
import { DocHeader } from '../../print/DocHeader';
import { PrintFrame } from '../../print/PrintFrame';
import { Signatures } from '../../print/Signatures';
import { useVoterList } from '../../core/voter-list';
import { usePageSums } from './page-sums';
import { TurnoutFigures, useTurnoutPoints } from './TurnoutPanel';

export function PagesPrintPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const list = useVoterList();
  const sums = usePageSums(list.state === 'ready' ? list.list : null);
  const turnout = useTurnoutPoints(list.state === 'ready' ? list.list.size : 0);
  const printedAt = useMemo(() => new Date(appNow()), []);
  const n = (x: number) => formatNumber(x, lng);
  return (
    <PrintFrame title={t('voters:pages.printTitle')} fileName={`page-sums-${setup.precinct.number}.pdf`} onBack={() => navigate('voters-pages')}>
      <DocHeader title={t('voters:pages.docTitle')} printedAt={printedAt} />
      {sums && (
        <table className="doc-table sums" data-testid="print-page-sums">
          <thead>
            <tr>
              <th>{t('voters:pages.page')}</th>
              <th>{t('voters:pages.listed')}</th>
              <th>{t('voters:pages.issued')}</th>
              <th>{t('voters:pages.outOfPremises')}</th>
              <th>{t('voters:pages.memberSignature')}</th>
            </tr>
          </thead>
          <tbody>
            {sums.pages.map((p) => (
              <tr key={p.page}>
                <td>{p.page}</td>
                <td className="num">{n(p.listed)}</td>
                <td className="num">{n(p.issued)}</td>
                <td className="num">{n(p.outOfPremises)}</td>
                <td />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>{t('voters:pages.total')}</th>
              <th className="num">{n(sums.totals.listed)}</th>
              <th className="num">{n(sums.totals.issued)}</th>
              <th className="num">{n(sums.totals.outOfPremises)}</th>
              <td />
            </tr>
          </tfoot>
        </table>
      )}
      {sums && (
        // The certification the members sign (item 75): the pages, the signatures as counted on the
        // paper (written by hand; the desk's record beside it), the date and time.
        <div className="pages-certification" data-testid="print-pages-certification">
          <p>{t('voters:pages.certifyPages', { pages: n(sums.pages.length), issued: n(sums.totals.issued) })}</p>
          <p>{t('voters:pages.certifiedAt', { at: t('prints:act.blankDateTime') })}</p>
        </div>
      )}
      <Signatures members={setup.members} seal={t('voters:pages.seal')} />
      {sums && (
        // The turnout of the day, as its table and chart, on a page of its own after the certified sheet.
        <section className="doc-turnout" data-testid="print-turnout">
          <h2>{t('voters:turnout.title')}</h2>
          {/* Paper names no time-zone id: "local time", as every other form. */}
          <p>{t('voters:turnout.printHint')}</p>
          <TurnoutFigures points={turnout} print />
        </section>
      )}
    </PrintFrame>
  );
}
