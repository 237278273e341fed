/**
 * The CEC's approved dates for calendar items, carried by the election bundle (data, not code):
 * when the bundle gives an item's date, the calendar shows and uses it; when the rule computes a
 * different date, the disagreement is flagged — never silently replaced either way.
 */
import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../time/date';
import { primaryDate, type ComputedTiming } from './evaluate';

const isoDate = z.string().refine(isIsoDate, { message: 'not-a-date' });

/** One item's approved date (a day, or a span `from`–`date`). */
export const approvedDateSchema = z
  .object({ item: z.number().int().min(1).max(1000), date: isoDate, from: isoDate.optional() })
  .strict()
  .refine((a) => a.from === undefined || a.from <= a.date, { message: 'from-after-date', path: ['from'] });
export type ApprovedDate = z.infer<typeof approvedDateSchema>;

export const approvedDatesSchema = z
  .array(approvedDateSchema)
  .max(300)
  .refine((list) => new Set(list.map((a) => a.item)).size === list.length, { message: 'item-twice' });

export interface ApprovedTiming {
  timing: ComputedTiming;
  /** The item's timing comes from the CEC's approved plan. */
  approved: boolean;
  /** The rule's own dates, when they disagree with the approved ones. */
  disagreement: { ruleDate: IsoDate | undefined; ruleFrom: IsoDate | undefined } | null;
}

function ruleFrom(t: ComputedTiming): IsoDate | undefined {
  return t.kind === 'window' ? t.from : undefined;
}

/** The timing to show and use for an item: the approved one when there is one, with any disagreement. */
export function withApproved(timing: ComputedTiming, approved: ApprovedDate | undefined): ApprovedTiming {
  if (!approved) return { timing, approved: false, disagreement: null };
  const next: ComputedTiming = approved.from !== undefined
    ? {
        kind: 'window',
        from: approved.from,
        to: approved.date,
        ...(timing.kind === 'window' && timing.fromTime ? { fromTime: timing.fromTime } : {}),
        ...(timing.kind === 'window' && timing.toTime ? { toTime: timing.toTime } : {}),
      }
    : {
        kind: 'deadline',
        date: approved.date,
        bound: timing.kind === 'deadline' ? timing.bound : 'on',
        ...(timing.kind === 'deadline' && timing.time ? { time: timing.time } : {}),
      };
  const date = primaryDate(timing);
  const from = ruleFrom(timing);
  // An undated rule (relative to an event not yet known) cannot disagree.
  const disagrees = date !== undefined && (date !== approved.date || (approved.from !== undefined && from !== undefined && from !== approved.from) || (approved.from !== undefined && timing.kind === 'deadline' && approved.from !== approved.date));
  return { timing: next, approved: true, disagreement: disagrees ? { ruleDate: date, ruleFrom: from } : null };
}
