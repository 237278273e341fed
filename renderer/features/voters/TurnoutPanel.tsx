/** Turnout at the reporting times, as numbers and a bar chart, copyable to report by phone. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { turnoutReportLine } from '../../../shared/ballots/turnout';
import { EMPTY_BALLOT_FACTS, turnoutPoints } from '../../../shared/figures';
import { useBallotFacts } from '../../core/figures';
import { useNow } from '../../app/clock';
import { formatDate, formatNumber } from '../../app/format';
import { todayIn } from '../../../shared/time/zone';
import type { Language } from '../../app/i18n';
import { useSetup } from '../../app/session';
import { TurnoutChart, turnoutBars } from '../../ui/charts';
import type { TurnoutPoint } from '../../../shared/figures';

/** The turnout at each report time of voting day, by the one fold (shared/figures): the center's figures. */
export function useTurnoutPoints(listSize: number): TurnoutPoint[] {
  const setup = useSetup();
  const now = useNow();
  const facts = useBallotFacts() ?? EMPTY_BALLOT_FACTS;
  return turnoutPoints(facts, {
    votingDay: setup.election.votingDay,
    times: setup.election.turnoutReportTimes,
    timeZone: setup.precinct.timeZone,
    listSize,
    now,
  });
}

/** The table and its chart side by side: on the screen's card and on the printed summation sheet. */
export function TurnoutFigures({ points, print = false }: { points: readonly TurnoutPoint[]; print?: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lng);
  const reachedBars = turnoutBars(points).filter((b) => b.ballots !== null);
  const chartSummary = reachedBars.length === 0 ? t('voters:turnout.chartNone') : reachedBars.map((b) => `${b.time} — ${num(b.ballots ?? 0)}`).join('; ');
  return (
    <div className="table-with-chart">
      <table className={print ? 'doc-table sums turnout-table' : 'table turnout-table'} data-testid={print ? 'print-turnout-table' : undefined}>
        <thead>
          <tr>
            <th>{t('voters:turnout.time')}</th>
            <th className="num">{t('voters:turnout.ballots')}</th>
            <th className="num">%</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.time} className={p.reached ? undefined : 'muted'} data-testid={print ? undefined : `turnout-${p.time}`}>
              <td>{p.time}</td>
              {/* A time still to come has no figure yet: showing today's count there reads as a report. */}
              <td className="num">{p.reached ? num(p.ballots) : '—'}</td>
              <td className="num">{p.percent === null || !p.reached ? '—' : `${num(p.percent)} %`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <TurnoutChart points={points} format={num} label={t('voters:turnout.chart', { points: chartSummary })} />
    </div>
  );
}

export function TurnoutPanel({ listSize }: { listSize: number }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const now = useNow();
  const [copied, setCopied] = useState(false);
  const points = useTurnoutPoints(listSize);
  const num = (n: number) => formatNumber(n, lng);
  // The laptop's date (the training clock in training) in the precinct's zone, against voting day:
  // on another day the table is either still to come or the figures of that day, and says so.
  const today = todayIn(setup.precinct.timeZone, now);
  const day = setup.election.votingDay;
  const offDay = today < day ? 'day-before' : today > day ? 'day-after' : null;
  const text = points.filter((p) => p.reached).map((p) => turnoutReportLine(setup.precinct.number, p, num)).join('\n');

  return (
    <section className="card" data-testid="turnout">
      <div className="screen-head">
        <h2>{t('voters:turnout.title')}</h2>
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard.writeText(text).then(() => setCopied(true));
          }}
          data-testid="turnout-copy"
        >
          {copied ? t('voters:turnout.copied') : t('voters:turnout.copy')}
        </button>
      </div>
      <p className="hint">{t('voters:turnout.hint', { zone: setup.precinct.timeZone })}</p>
      {offDay && (
        <p className="alert alert-warn" data-testid="turnout-off-day">
          {t(`voters:turnout.${offDay}`, { day: formatDate(day, lng), today: formatDate(today, lng), zone: setup.precinct.timeZone })}
        </p>
      )}
      <TurnoutFigures points={points} />
    </section>
  );
}
