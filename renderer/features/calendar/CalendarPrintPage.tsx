/**
 * The calendar as an A4 document: one React tree for the preview on screen, the printer and the
 * PDF (Electron's printToPDF; a browser's print dialog).
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIn } from '../../../shared/time/zone';
import { appNow } from '../../app/clock';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSession, useSetup } from '../../app/session';
import { DocHeader } from '../../print/DocHeader';
import { PrintFrame } from '../../print/PrintFrame';
import { calendarRows } from '../../ui/calendar-rows';
import { itemTitle } from './item-text';
import { timingText } from './timing-text';
import { useCommissionFacts } from './use-facts';

export function CalendarPrintPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { state } = useSession();
  const [commissionOnly, setCommissionOnly] = useState(() => localStorage.getItem('precinct-desk.calendar.commissionOnly') !== 'false');
  const printedAt = useMemo(() => new Date(appNow()), []);
  const today = todayIn(setup.precinct.timeZone, printedAt);
  const facts = useCommissionFacts(setup.election.votingDay, setup.precinct.timeZone);
  const rows = calendarRows(setup, state.calendarMarks, today, facts).filter((r) => !commissionOnly || r.forCommission);
  const fileName = `calendar-${setup.precinct.number}-${setup.election.votingDay}.pdf`;

  return (
    <PrintFrame
      title={t('calendar:printTitle')}
      fileName={fileName}
      onBack={() => navigate('calendar')}
      tools={
        <label className="check">
          <input type="checkbox" checked={commissionOnly} onChange={(e) => setCommissionOnly(e.target.checked)} />
          {t('calendar:printOnlyCommission')}
        </label>
      }
    >
      <DocHeader title={t('calendar:docTitle')} printedAt={printedAt} />
      <table className="doc-table">
        <thead>
          <tr>
            <th className="col-n">№</th>
            <th>{t('calendar:col.item')}</th>
            <th className="col-when">{t('calendar:col.when')}</th>
            <th className="col-resp">{t('calendar:col.responsible')}</th>
            <th className="col-done">{t('calendar:col.done')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const title = itemTitle(row.item, i18n);
            return (
              <tr key={row.n} className={row.forCommission ? 'for-commission' : undefined}>
                <td className="col-n">{row.n}</td>
                <td>
                  <div lang={title.original ? 'ky' : undefined}>{title.text}</div>
                  {title.kyOriginal && <div className="doc-original" lang="ky">{title.kyOriginal}</div>}
                  {row.item.basis_ky && <div className="doc-basis" lang="ky">{row.item.basis_ky}</div>}
                </td>
                <td className="col-when">{timingText(row.timing, lng, t)}</td>
                <td className="col-resp" lang="ky">
                  {(row.item.responsible_ky ?? []).join('; ')}
                </td>
                <td className="col-done">
                  {row.mark?.done || row.byEvents === true ? '☑' : '☐'}
                  {row.byEvents === true && <div className="doc-basis" data-testid={`calendar-print-by-events-${row.n}`}>{t('calendar:doneByRecords')}</div>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="doc-note">{t('calendar:docNote')}</p>
    </PrintFrame>
  );
}
