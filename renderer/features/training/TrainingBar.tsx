/** In training: the simulated clock, always visible, with jumps to the moments that matter. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { milestones, type MilestoneId } from '../../../shared/training/milestones';
import { isTimeOfDay } from '../../../shared/time/date';
import { parseTypedDate, toTypedDate } from '../../../shared/time/typed-date';
import { localDateTimeIn, zonedToInstant } from '../../../shared/time/zone';
import { isClockMoved, resetTrainingClock, setTrainingTime, useNow } from '../../app/clock';
import { formatClock, formatDateTime, formatShortDate } from '../../app/format';
import type { Language } from '../../app/i18n';
import { useSetup } from '../../app/session';

export function TrainingBar() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const now = useNow(1000);
  const zone = setup.precinct.timeZone;
  const list = useMemo(() => milestones(setup.election.votingDay, setup.election.votingHours, zone), [setup.election.votingDay, setup.election.votingHours, zone]);
  const local = localDateTimeIn(now, zone);
  const [date, setDate] = useState(toTypedDate(local.date));
  const [time, setTime] = useState(local.time);
  const [problem, setProblem] = useState(false);

  function jumpTo(id: MilestoneId | '') {
    const m = list.find((x) => x.id === id);
    if (!m) return;
    setTrainingTime(m.instant);
    setDate(toTypedDate(m.date));
    setTime(m.time);
  }

  function jumpTyped() {
    const d = parseTypedDate(date);
    const hhmm = time.trim().replace(/^(\d):/u, '0$1:');
    if (!d || !isTimeOfDay(hhmm)) {
      setProblem(true);
      return;
    }
    setProblem(false);
    setTrainingTime(zonedToInstant(d, hhmm, zone));
  }

  return (
    <div className="training-bar" data-testid="training-bar">
      <strong className="training-badge">{t('training:badge')}</strong>
      <span className="training-clock" data-testid="training-clock">
        {t('training:clock', { time: formatDateTime(now, lng, zone), zone })}
        {isClockMoved() ? ` · ${t('training:moved')}` : ''}
      </span>
      <select value="" onChange={(e) => jumpTo(e.target.value as MilestoneId)} aria-label={t('training:jumpTo')} data-testid="training-jump">
        <option value="">{t('training:jumpTo')}</option>
        {list.map((m) => (
          <option key={m.id} value={m.id}>
            {t(`training:milestone.${m.id}`)} — {formatShortDate(m.date, lng)} {formatClock(m.time)}
          </option>
        ))}
      </select>
      <form
        className="training-set"
        onSubmit={(e) => {
          e.preventDefault();
          jumpTyped();
        }}
      >
        <input value={date} onChange={(e) => setDate(e.target.value)} aria-label={t('training:date')} data-testid="training-date" />
        <input value={time} onChange={(e) => setTime(e.target.value)} aria-label={t('training:time')} data-testid="training-time" className="short" />
        <button type="submit" data-testid="training-set">
          {t('training:set')}
        </button>
        <button type="button" onClick={resetTrainingClock} data-testid="training-real-time">
          {t('training:realTime')}
        </button>
      </form>
      {problem && <span className="field-error">{t('training:badTime')}</span>}
    </div>
  );
}

/** A watermark over every screen and every printed page (position: fixed prints on each page). */
export function TrainingWatermark() {
  const { t } = useTranslation();
  const word = t('training:watermark');
  return (
    <div className="training-watermark" aria-hidden="true" data-testid="training-watermark">
      {Array.from({ length: 12 }, (_, i) => (
        <span key={i}>{word}</span>
      ))}
    </div>
  );
}
