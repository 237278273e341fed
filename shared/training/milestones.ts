/**
 * The moments a trainer jumps to, as local times of the precinct: just before the application
 * deadlines, the posting of the out-of-premises register, the day-before vote, voting day's opening
 * and close, the 21:00 АЭУ (ballot scanner) report and the 06:00 handover to the territorial
 * commission (calendar items 42–43, 69–71, 73, 76, 84).
 */
import { addDays, addMinutes, daysBetween, type IsoDate, type TimeOfDay } from '../time/date';
import { zonedToInstant } from '../time/zone';

export const MILESTONE_IDS = [
  'form-deadline',
  'oop-deadline',
  'oop-posting',
  'oop-vote',
  'voting-opens',
  'polls-open',
  'voting-closes',
  'aeu-deadline',
  'handover',
] as const;
export type MilestoneId = (typeof MILESTONE_IDS)[number];

export interface Milestone {
  id: MilestoneId;
  date: IsoDate;
  time: TimeOfDay;
  instant: Date;
}

/** Every milestone of an election at a precinct, in order. */
export function milestones(votingDay: IsoDate, votingHours: { from: TimeOfDay; to: TimeOfDay }, timeZone: string): Milestone[] {
  const at = (id: MilestoneId, days: number, time: TimeOfDay): Milestone => {
    const date = addDays(votingDay, days);
    return { id, date, time, instant: zonedToInstant(date, time, timeZone) };
  };
  // The commission meets an hour before the polls open (07:00 for 08:00).
  const [h = 8, m = 0] = votingHours.from.split(':').map(Number);
  const meet = `${String(Math.max(0, h - 1)).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  // The АЭУ report an hour after closing (21:00 for 20:00): after a close at the end of the day
  // ('24:00') that is 01:00 of the next day, never a time before the polls closed.
  const report = addMinutes(votingDay, votingHours.to, 60);
  return [
    at('form-deadline', -15, '23:30'),
    at('oop-deadline', -3, '23:30'),
    at('oop-posting', -2, '09:00'),
    at('oop-vote', -1, '08:00'),
    at('voting-opens', 0, meet),
    // The polls open (08:00): the first voter may be given a ballot.
    at('polls-open', 0, votingHours.from),
    at('voting-closes', 0, votingHours.to),
    at('aeu-deadline', daysBetween(votingDay, report.date), report.time),
    at('handover', 1, '06:00'),
  ];
}
