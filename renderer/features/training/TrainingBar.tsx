/** In training: the simulated clock, always visible, with jumps to the moments that matter. */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { milestones, type MilestoneId } from '../../../shared/training/milestones';
import { isTimeOfDay } from '../../../shared/time/date';
import { parseTypedDate, toTypedDate } from '../../../shared/time/typed-date';
import { localDateTimeIn, zonedToInstant } from '../../../shared/time/zone';
import { isClockMoved, resetTrainingClock, setTrainingTime, useNow } from '../../app/clock';
import { formatClock, formatDateTime, formatShortDate } from '../../app/format';
import type { Language } from '../../app/i18n';
import { useSetup } from '../../app/session';
import { Form, type SubmitOutcome } from '../../ui/form';

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
  // Which typed part is not a date or a time (marked and focused by the shared Form).
  const [problem, setProblem] = useState<'date' | 'time' | null>(null);
  const problemId = `${useId()}-problem`;

  function jumpTo(id: MilestoneId | '') {
    const m = list.find((x) => x.id === id);
    if (!m) return;
    setTrainingTime(m.instant);
    setDate(toTypedDate(m.date));
    setTime(m.time);
  }

  function jumpTyped(): SubmitOutcome {
    const d = parseTypedDate(date);
    const hhmm = time.trim().replace(/^(\d):/u, '0$1:');
    if (!d || !isTimeOfDay(hhmm)) {
      setProblem(d ? 'time' : 'date');
      return 'refused';
    }
    setProblem(null);
    setTrainingTime(zonedToInstant(d, hhmm, zone));
    return 'done';
  }
  const marked = (part: 'date' | 'time') => (problem === part ? { 'aria-invalid': true, 'aria-describedby': problemId } : {});

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
      <Form className="training-set" onSubmit={jumpTyped}>
        <input value={date} onChange={(e) => setDate(e.target.value)} aria-label={t('training:date')} {...marked('date')} data-testid="training-date" />
        <input value={time} onChange={(e) => setTime(e.target.value)} aria-label={t('training:time')} {...marked('time')} data-testid="training-time" className="short" />
        <button type="submit" data-testid="training-set">
          {t('training:set')}
        </button>
        <button type="button" onClick={resetTrainingClock} data-testid="training-real-time">
          {t('training:realTime')}
        </button>
      </Form>
      {problem && (
        <span id={problemId} className="field-error" data-testid="training-time-problem">
          {t('training:badTime')}
        </span>
      )}
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
