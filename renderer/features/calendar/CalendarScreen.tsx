/** The CEC calendar plan computed for this election, judged by the precinct's local date. */
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIn } from '../../../shared/time/zone';
import { useNow } from '../../app/clock';
import { formatDate, formatShortDate, formatUtcOffset } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSession, useSetup } from '../../app/session';
import { markCalendarItem } from '../../core';
import { calendarRows, nextRows, type CalendarRow } from '../../ui/calendar-rows';
import { itemTitle } from './item-text';
import { timingText } from './timing-text';
import { useCommissionFacts } from './use-facts';

const FILTER_KEY = 'precinct-desk.calendar.commissionOnly';

export function CalendarScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { state, operator } = useSession();
  const now = useNow();
  const [commissionOnly, setCommissionOnly] = useState(() => localStorage.getItem(FILTER_KEY) !== 'false');
  const today = todayIn(setup.precinct.timeZone, now);
  const facts = useCommissionFacts(setup.election.votingDay, setup.precinct.timeZone);
  const all = useMemo(() => calendarRows(setup, state.calendarMarks, today, facts), [setup, state.calendarMarks, today, facts]);
  const rows = commissionOnly ? all.filter((r) => r.forCommission) : all;
  const next = nextRows(rows, today);
  const overdue = rows.filter((r) => r.status === 'overdue');
  const nextSet = new Set(next?.rows.map((r) => r.n));
  const todayIndex = rows.findIndex((r) => r.sortKey.slice(0, 10) >= today);

  const toggle = (value: boolean) => {
    localStorage.setItem(FILTER_KEY, String(value));
    setCommissionOnly(value);
  };

  return (
    <div className="calendar" data-testid="calendar">
      <div className="screen-head">
        <div>
          <h1>{t('calendar:title')}</h1>
          <p className="muted" data-testid="calendar-today">
            {t('calendar:todayAt', { date: formatShortDate(today, lng), zone: `${setup.precinct.timeZone}, ${formatUtcOffset(setup.precinct.timeZone, now)}` })}
          </p>
        </div>
        <div className="actions">
          <button type="button" onClick={() => navigate('print-calendar')} data-testid="calendar-print">
            {t('calendar:print')}
          </button>
        </div>
      </div>

      <div className="summary-row">
        <div className={`summary ${overdue.length > 0 ? 'summary-bad' : 'summary-good'}`} data-testid="calendar-overdue">
          <span className="summary-number">{overdue.length}</span>
          <span>{t('calendar:overdueCount')}</span>
        </div>
        <div className="summary summary-next" data-testid="calendar-next">
          <span className="summary-label">{t('calendar:nextLabel')}</span>
          {next ? (
            <span>
              <strong>{formatDate(next.date, lng)}</strong>: {next.rows.map((r) => `№ ${r.n}`).join(', ')}
            </span>
          ) : (
            <span>{t('calendar:nothingAhead')}</span>
          )}
        </div>
        <fieldset className="filter">
          <legend className="visually-hidden">{t('calendar:filter')}</legend>
          <label>
            <input type="radio" name="calendar-filter" checked={commissionOnly} onChange={() => toggle(true)} data-testid="filter-commission" />
            {t('calendar:onlyCommission', { count: all.filter((r) => r.forCommission).length })}
          </label>
          <label>
            <input type="radio" name="calendar-filter" checked={!commissionOnly} onChange={() => toggle(false)} data-testid="filter-all" />
            {t('calendar:allItems', { count: all.length })}
          </label>
        </fieldset>
      </div>

      {facts.setUpOn && rows.some((r) => r.status === 'before-demo') && (
        <p className="hint" data-testid="calendar-before-demo">
          {t('calendar:beforeDemoNote', { date: formatDate(facts.setUpOn, lng) })}
        </p>
      )}

      <table className="table calendar-table">
        <thead>
          <tr>
            <th className="col-n">№</th>
            <th>{t('calendar:col.item')}</th>
            <th className="col-when">{t('calendar:col.when')}</th>
            <th className="col-resp">{t('calendar:col.responsible')}</th>
            <th className="col-status">{t('calendar:col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <Fragment key={row.n}>
              {index === todayIndex && <TodayRow date={today} lng={lng} />}
              <CalendarRowView row={row} isNext={nextSet.has(row.n)} onMark={(done) => markCalendarItem(setup, row.n, done, operator?.id ?? null)} />
            </Fragment>
          ))}
          {todayIndex === -1 && <TodayRow date={today} lng={lng} />}
        </tbody>
      </table>
    </div>
  );
}

function TodayRow({ date, lng }: { date: string; lng: Language }) {
  const { t } = useTranslation();
  return (
    <tr className="today-row" data-testid="today-row">
      <td colSpan={5}>
        <span>{t('calendar:today', { date: formatShortDate(date, lng) })}</span>
      </td>
    </tr>
  );
}

function CalendarRowView({ row, isNext, onMark }: { row: CalendarRow; isNext: boolean; onMark: (done: boolean) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const title = itemTitle(row.item, i18n);
  const classes = [`status-${row.status}`, row.forCommission ? 'for-commission' : '', isNext ? 'is-next' : ''].filter(Boolean).join(' ');
  return (
    <tr className={classes} data-testid={`calendar-item-${row.n}`}>
      <td className="col-n">{row.n}</td>
      <td>
        <div className="item-title" lang={title.original ? 'ky' : undefined}>
          {title.text}
          {title.original && <span className="original-badge">{t('calendar:kyOriginal')}</span>}
        </div>
        {title.kyOriginal && (
          <div className="item-original" lang="ky">
            {title.kyOriginal}
          </div>
        )}
        {row.item.basis_ky && (
          <div className="item-basis" lang="ky">
            {t('calendar:basis')}: {row.item.basis_ky}
          </div>
        )}
        {row.forCommission && (
          <div className="item-role">{row.item.precinct_role ? t('calendar:roleResponsible') : t('calendar:roleRecipient')}</div>
        )}
      </td>
      <td className="col-when" data-testid={`calendar-when-${row.n}`}>
        {timingText(row.timing, lng, t)}
        {row.approved.approved && <div className="muted" data-testid={`calendar-approved-${row.n}`}>{t('calendar:approvedByCec')}</div>}
        {row.approved.disagreement && (
          <div className="alert alert-warn" data-testid={`calendar-disagrees-${row.n}`}>
            {t('calendar:ruleDisagrees', { date: row.approved.disagreement.ruleDate ? formatShortDate(row.approved.disagreement.ruleDate, lng) : '—' })}
          </div>
        )}
      </td>
      <td className="col-resp" lang="ky">
        {(row.item.responsible_ky ?? []).join('; ')}
      </td>
      <td className="col-status">
        <span className={`status-badge status-${row.status}`}>{isNext && row.status !== 'done' ? t('calendar:status.next') : t(`calendar:status.${row.status}`)}</span>
        {row.byEvents === true && <div className="muted" data-testid={`calendar-by-events-${row.n}`}>{t('calendar:doneByRecords')}</div>}
        {row.forCommission && (
          <label className="mark">
            <input type="checkbox" checked={row.mark?.done === true} onChange={(e) => void onMark(e.target.checked)} data-testid={`calendar-done-${row.n}`} />
            {t('calendar:markDone')}
          </label>
        )}
      </td>
    </tr>
  );
}
