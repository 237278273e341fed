/**
 * Turnout at the election's reporting times (2017: 10:00, 13:00, 16:00, 17:00, 20:00 local time):
 * ballots issued by each time, less issues undone by then, as a count and a share of the list.
 */
import type { IsoDate, TimeOfDay } from '../time/date';
import { zonedToInstant } from '../time/zone';

export interface BallotMoment {
  kind: 'issued' | 'undone';
  /** ISO instant the event was recorded. */
  at: string;
}

export interface TurnoutPoint {
  time: TimeOfDay;
  /** The instant of `time` on voting day in the precinct's zone. */
  instant: string;
  ballots: number;
  /** Share of the list, in percent with two decimals; null without a list. */
  percent: number | null;
  /** The reporting time has come (by the app clock). */
  reached: boolean;
}

export function turnoutAt(
  moments: readonly BallotMoment[],
  options: { votingDay: IsoDate; times: readonly TimeOfDay[]; timeZone: string; listSize: number | null; now: Date },
): TurnoutPoint[] {
  const sorted = [...moments].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return [...options.times].sort().map((time) => {
    const instant = zonedToInstant(options.votingDay, time, options.timeZone);
    const cut = instant.toISOString();
    let ballots = 0;
    for (const m of sorted) {
      if (m.at > cut) break;
      ballots += m.kind === 'issued' ? 1 : -1;
    }
    const percent = options.listSize ? Math.round((ballots / options.listSize) * 10000) / 100 : null;
    return { time, instant: cut, ballots, percent, reached: options.now.getTime() >= instant.getTime() };
  });
}

/** A line to read out on the phone or paste in a message: "9001 · 13:00 · 707 · 10.54 %". */
export function turnoutReportLine(precinct: number, point: TurnoutPoint, formatNumber: (n: number) => string): string {
  const pct = point.percent === null ? '' : ` · ${formatNumber(point.percent)} %`;
  return `${precinct} · ${point.time} · ${formatNumber(point.ballots)}${pct}`;
}
