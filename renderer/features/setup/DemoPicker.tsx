/**
 * Starts the demo election: the 2017 presidential election at one of the 37 precincts abroad, held
 * today in the precinct's zone by default (so the desk works on the real clock), on a day the
 * trainer types, or on 15 October 2017 as the historical example.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkBundle, setupFromBundle } from '../../../shared/election/bundle';
import { demoBundle, DEMO_HISTORICAL_VOTING_DAY } from '../../../shared/election/demo';
import { parseTypedDate, toTypedDate } from '../../../shared/time/typed-date';
import { todayIn } from '../../../shared/time/zone';
import { appNow } from '../../app/clock';
import type { ElectionSetup } from '../../../shared/election/model';
import { formatDate, formatNumber, formatUtcOffset } from '../../app/format';
import type { Language } from '../../app/i18n';
import { contextOf } from '../../core';
import { activateGeneratedList } from '../../core/activate-list';
import { commands } from '../../core/bus';

interface Props {
  onActivate(setup: ElectionSetup): Promise<void>;
  onCancel(): void;
}

export function DemoPicker({ onActivate, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const [selected, setSelected] = useState<number>(9001);
  const [busy, setBusy] = useState(false);
  const [withList, setWithList] = useState(false);
  const [dayChoice, setDayChoice] = useState<'today' | 'picked' | 'historical'>('today');
  const [typedDay, setTypedDay] = useState('');
  const [allDay, setAllDay] = useState(false);
  const list = useMemo(() => demoBundle(), []);
  const zone = list.precincts.find((p) => p.number === selected)?.timeZone ?? 'Asia/Bishkek';
  const today = todayIn(zone, new Date(appNow()));
  const picked = parseTypedDate(typedDay);
  const votingDay = dayChoice === 'today' ? today : dayChoice === 'historical' ? DEMO_HISTORICAL_VOTING_DAY : picked;
  // The historical example keeps the law's hours; another day may run all day for practice.
  const hours = allDay && dayChoice !== 'historical' ? 'all-day' : 'law';
  const bundle = useMemo(() => demoBundle({ votingDay: votingDay ?? DEMO_HISTORICAL_VOTING_DAY, hours }), [votingDay, hours]);
  const total = bundle.precincts.reduce((s, p) => s + (p.voterCount ?? 0), 0);
  const votingDayNoon = new Date(`${bundle.election.votingDay}T12:00:00Z`);

  async function start() {
    if (!votingDay) return;
    setBusy(true);
    try {
      const checked = await checkBundle(bundle);
      if (!checked.ok) throw new Error('demo bundle failed its own checks');
      const setup = setupFromBundle(checked.value, selected, 'demo', null);
      if (!setup) return;
      await onActivate(setup);
      if (withList) {
        const actor = setup.members.find((m) => m.role === 'secretary')?.id ?? null;
        await activateGeneratedList(commands, setup.precinct.voterCount ?? 1000, setup.precinct.number, setup.election.votingDay, contextOf(setup, actor));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" data-testid="demo-picker">
      <h2>{t('setup:demo.title')}</h2>
      <p className="hint">{t('setup:demo.hint', { count: bundle.precincts.length, voters: formatNumber(total, lng) })}</p>
      <div className="table-scroll">
        <table className="table selectable">
          <thead>
            <tr>
              <td />
              <th>{t('fields:precinct.number')}</th>
              <th>{t('fields:precinct.name')}</th>
              <th className="num">{t('fields:precinct.voterCount')}</th>
              <th>{t('fields:precinct.timeZone')}</th>
            </tr>
          </thead>
          <tbody>
            {bundle.precincts.map((p) => (
              <tr key={p.number} className={selected === p.number ? 'selected' : undefined} onClick={() => setSelected(p.number)}>
                <td>
                  <input
                    type="radio"
                    name="demo-precinct"
                    value={p.number}
                    checked={selected === p.number}
                    onChange={() => setSelected(p.number)}
                    aria-label={`${p.number} ${p.name}`}
                  />
                </td>
                <td>{p.number}</td>
                <td>{p.name}</td>
                <td className="num">{formatNumber(p.voterCount ?? 0, lng)}</td>
                <td>
                  {p.timeZone} ({formatUtcOffset(p.timeZone, votingDayNoon)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <fieldset className="demo-day" data-testid="demo-day">
        <legend>{t('setup:demo.dayTitle')}</legend>
        <label className="check">
          <input type="radio" name="demo-day" checked={dayChoice === 'today'} onChange={() => setDayChoice('today')} data-testid="demo-day-today" />
          <span>{t('setup:demo.dayToday', { date: formatDate(today, lng), zone })}</span>
        </label>
        <label className="check">
          <input type="radio" name="demo-day" checked={dayChoice === 'picked'} onChange={() => setDayChoice('picked')} data-testid="demo-day-picked" />
          <span>{t('setup:demo.dayPicked')}</span>
          <input
            className="narrow-date"
            value={typedDay}
            placeholder={toTypedDate(today)}
            onChange={(e) => {
              setTypedDay(e.target.value);
              setDayChoice('picked');
            }}
            aria-label={t('setup:demo.dayPicked')}
            data-testid="demo-day-input"
          />
        </label>
        {dayChoice === 'picked' && !picked && (
          <p className="hint" data-testid="demo-day-invalid">
            {t('setup:demo.dayInvalid')}
          </p>
        )}
        <label className="check">
          <input type="radio" name="demo-day" checked={dayChoice === 'historical'} onChange={() => setDayChoice('historical')} data-testid="demo-day-historical" />
          <span>{t('setup:demo.dayHistorical', { date: formatDate(DEMO_HISTORICAL_VOTING_DAY, lng) })}</span>
        </label>
        {dayChoice !== 'historical' && (
          <label className="check">
            <input type="checkbox" checked={allDay} onChange={(e) => setAllDay(e.target.checked)} data-testid="demo-hours-all-day" />
            <span>{t('setup:demo.allDay')}</span>
          </label>
        )}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={withList} onChange={(e) => setWithList(e.target.checked)} data-testid="demo-with-list" />
        <span>{t('setup:demo.withList')}</span>
      </label>
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('common:cancel')}
        </button>
        <button type="button" className="primary" disabled={busy || !votingDay} onClick={() => void start()} data-testid="demo-start">
          {t('setup:demo.start', { number: selected })}
        </button>
      </div>
    </section>
  );
}
