/** A computed timing in words of the UI language: "by 12 October 2017", "14 Oct 08:00 – 20:00". */
import type { useTranslation } from 'react-i18next';
import type { ComputedTiming, PartTiming } from '../../../shared/calendar/evaluate';
import { formatClock, formatDate } from '../../app/format';
import type { Language } from '../../app/i18n';
import { formatDuration, formatDurationGenitive } from './duration';
import { kyCase } from '../../../shared/i18n/ky-case';

type T = ReturnType<typeof useTranslation>['t'];

const at = (date: string, time: string | undefined, lng: Language, t: T) =>
  time ? t('calendar:timing.dateAt', { date: formatDate(date, lng), time: formatClock(time) }) : formatDate(date, lng);

export function timingText(timing: ComputedTiming, lng: Language, t: T): string {
  if (timing.kind === 'dates') {
    return timing.parts.map((p) => `${t(`calendar:part.${p.label.replace(/[^a-z]+/gu, '_')}`, { defaultValue: p.label })}: ${partText(p.timing, lng, t)}`).join('; ');
  }
  return partText(timing, lng, t);
}

function partText(timing: PartTiming, lng: Language, t: T): string {
  const event = (name: string) => t(`calendarRules:event.${name}`, { defaultValue: name.replace(/_/gu, ' ') });
  switch (timing.kind) {
    case 'deadline':
      return t(`calendar:timing.deadline.${timing.bound}`, { date: at(timing.date, timing.time, lng, t) });
    case 'window': {
      if (timing.from && timing.to && timing.from === timing.to) {
        return t('calendar:timing.sameDay', { date: formatDate(timing.from, lng), from: formatClock(timing.fromTime ?? ''), to: formatClock(timing.toTime ?? '') });
      }
      const from = timing.from ? at(timing.from, timing.fromTime, lng, t) : timing.fromEvent ? event(timing.fromEvent) : null;
      const to = timing.to ? at(timing.to, timing.toTime, lng, t) : timing.toEvent ? event(timing.toEvent) : null;
      if (from && to) return t('calendar:timing.window', { from, to });
      if (from) return t('calendar:timing.openEnd', { from });
      if (to) return t('calendar:timing.deadline.not_later', { date: to });
      return t('calendarRules:misc.continuous');
    }
    case 'relative': {
      const parts = (format: typeof formatDuration) =>
        [
          timing.months ? format(timing.months, 'month', lng) : null,
          timing.days ? format(timing.days, 'day', lng) : null,
          timing.hours ? format(timing.hours, 'hour', lng) : null,
        ]
          .filter(Boolean)
          .join(' ');
      const offset = parts(formatDuration);
      const offsetGen = parts(formatDurationGenitive);
      // Kyrgyz: the case suffix goes on the duration ("5 календардык күндөн кечиктирбестен").
      const cases = lng === 'ky' ? { offset_abl: kyCase(offset, 'abl'), offset_gen: kyCase(offset, 'gen') } : { offset_abl: offset, offset_gen: offsetGen };
      const key = offset ? `calendar:timing.relative.offset.${timing.bound}` : `calendar:timing.relative.plain.${timing.bound}`;
      const text = t(key, { event: event(timing.event), offset, ...cases });
      return timing.at ? t('calendar:timing.atTime', { text, time: formatClock(timing.at) }) : text;
    }
    case 'continuous':
      return t('calendarRules:misc.continuous');
    case 'recurring': {
      const every = t(`calendarRules:misc.every_${timing.every}`);
      return timing.onDemandWithinHours ? `${every}; ${t('calendarRules:misc.on_request_within_24h')}` : every;
    }
    default: {
      const never: never = timing;
      return String(never);
    }
  }
}
