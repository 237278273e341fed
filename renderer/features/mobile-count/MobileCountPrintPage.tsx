/** The act on the mobile boxes opened first (item 77): each box, its seals, ballots found against those issued into it. */
import { useTranslation } from 'react-i18next';
import { mobileBoxesTotal } from '../../../shared/mobile-count';
import { appNow } from '../../app/clock';
import { formatDateTime, formatNumber } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSetup } from '../../app/session';
import { DocHeader } from '../../print/DocHeader';
import { PrintFrame } from '../../print/PrintFrame';
import { Signatures } from '../../print/Signatures';
import { isErrorFinding, useDescribeFinding, useMobileBoxes } from './MobileCountScreen';

export function MobileCountPrintPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { outside, state, expected, findings } = useMobileBoxes();
  const seal = (box: number) => outside.drawing?.boxes.find((b) => b.box === box)?.seal ?? '—';
  const describe = useDescribeFinding();
  const title = t('day:mobile.actTitle');
  const n = (x: number) => formatNumber(x, lng);
  const total = mobileBoxesTotal(state);
  return (
    <PrintFrame title={title} fileName={`mobile-boxes-${setup.precinct.number}.pdf`} onBack={() => navigate('mobile-count')}>
      <DocHeader title={title} printedAt={new Date(appNow())} />
      <table className="doc-table" data-testid="mobile-act">
        <thead>
          <tr>
            <th>{t('mobileCount:col.box')}</th>
            <th>{t('mobileCount:col.seal')}</th>
            <th>{t('mobileCount:sealsIntact')}</th>
            <th className="num">{t('mobileCount:col.issued')}</th>
            <th className="num">{t('mobileCount:col.entries')}</th>
            <th className="num">{t('mobileCount:col.found')}</th>
            <th>{t('day:mobile.countedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {expected.map((e) => {
            const c = state.counted.find((x) => x.box === e.box);
            return (
              <tr key={e.box}>
                <td>{e.box}</td>
                <td data-testid={`mobile-act-seal-${e.box}`}>{seal(e.box)}</td>
                <td>{c ? t(c.sealsIntact ? 'day:mobile.yes' : 'day:mobile.no') : '—'}</td>
                <td className="num">{n(e.issued)}</td>
                <td className="num">{n(e.votedEntries)}</td>
                <td className="num">{c ? n(c.ballotsFound) : '—'}</td>
                <td>{c ? formatDateTime(c.at, lng, setup.precinct.timeZone) : t('day:mobile.notCounted')}{c?.note ? ` · ${c.note}` : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="doc-note" data-testid="mobile-act-total">{total === null ? t('day:mobile.noneCounted') : t('day:mobile.total', { total: n(total) })}</p>
      {findings.length > 0 && (
        <ul data-testid="mobile-act-findings">
          {findings.map((f, i) => <li key={i} className={isErrorFinding(f) ? 'doc-note late' : 'doc-note'}>{describe(f)}</li>)}
        </ul>
      )}
      <Signatures members={setup.members} roles={['chair', 'deputy', 'secretary', 'member']} seal={t('voters:pages.seal')} />
    </PrintFrame>
  );
}
