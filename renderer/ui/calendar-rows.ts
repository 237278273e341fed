/**
 * The calendar as the screen and the printout show it: every item of the CEC plan with its timing
 * for this election, its status on the precinct's local date, and the commission's mark.
 */
import calendarJson from '../../data/calendar-2017.json' with { type: 'json' };
import { computeCalendar, itemStatus, nextItems, timingSortKey, type ComputedTiming, type ItemStatus } from '../../shared/calendar/evaluate';
import { parseCalendar, type CalendarItem } from '../../shared/calendar/schema';
import { withApproved, type ApprovedTiming } from '../../shared/calendar/approved';
import { fulfilledByFacts, NO_FACTS, type CommissionFacts } from '../../shared/calendar/fulfilment';
import type { ElectionSetup } from '../../shared/election/model';
import { precinctForm2Approved } from '../../shared/applications/register';
import type { CalendarMark } from '../../shared/setup/projection';
import type { IsoDate } from '../../shared/time/date';

let parsed: CalendarItem[] | null = null;
/** The built-in CEC calendar plan (2017 rules, computed for any voting day). */
export function calendarItems(): CalendarItem[] {
  parsed ??= parseCalendar(calendarJson);
  return parsed;
}

export interface CalendarRow {
  n: number;
  item: CalendarItem;
  timing: ComputedTiming;
  sortKey: string;
  status: ItemStatus;
  /** The commission is responsible for it, or receives something from it. */
  forCommission: boolean;
  mark: CalendarMark | null;
  /** Done by the recorded events (true), not yet (false), or no event is known to fulfil it (null). */
  byEvents: boolean | null;
  /** The CEC's approved date from the bundle, and the rule's date when it disagrees. */
  approved: Pick<ApprovedTiming, 'approved' | 'disagreement'>;
}

export function isCommissionItem(item: CalendarItem): boolean {
  return item.precinct_role === true || item.precinct_recipient === true;
}

export function calendarRows(setup: ElectionSetup, marks: Record<number, CalendarMark>, today: IsoDate, facts: CommissionFacts = NO_FACTS): CalendarRow[] {
  const approvedBy = new Map((setup.election.calendarApproved ?? []).map((a) => [a.item, a]));
  // Form 2 at this precinct with its own deadline (the bundle's precinct.form2) is item 43's date here.
  const form2 = precinctForm2Approved(setup.precinct.form2);
  if (form2) approvedBy.set(form2.item, form2);
  const computed = computeCalendar(calendarItems(), {
    votingDay: setup.election.votingDay,
    electionCalled: setup.election.electionCallDate,
  });
  const demoStart = demoStartedOn(setup, facts);
  return computed
    .map((c): CalendarRow => {
      const mark = marks[c.n] ?? null;
      const forCommission = isCommissionItem(c.item);
      const judged = withApproved(c.timing, approvedBy.get(c.n));
      const byEvents = forCommission ? fulfilledByFacts(c.n, facts) : null;
      const done = mark?.done === true || byEvents === true;
      let status = itemStatus(judged.timing, today, done);
      // A demo cannot have done what was already overdue the day it started: not judged overdue.
      if (status === 'overdue' && demoStart !== null && itemStatus(judged.timing, demoStart, false) === 'overdue') status = 'before-demo';
      return {
        n: c.n,
        item: c.item,
        timing: judged.timing,
        sortKey: timingSortKey(judged.timing),
        status,
        forCommission,
        mark,
        byEvents,
        approved: { approved: judged.approved, disagreement: judged.disagreement },
      };
    })
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.n - b.n));
}

/**
 * The day a demo held today or on a day ahead was set up (its calendar before that day is not the
 * trainee's to have done); null for a bundle, a hand-entered election and the historical example
 * (a voting day already past when it was set up: every item judged, for practice).
 */
function demoStartedOn(setup: ElectionSetup, facts: CommissionFacts): IsoDate | null {
  const on = facts.setUpOn ?? null;
  if (setup.source.kind !== 'demo' || on === null) return null;
  return setup.election.votingDay >= on ? on : null;
}

/** The next date something is due among these rows, and its rows. */
export function nextRows(rows: readonly CalendarRow[], today: IsoDate): { date: IsoDate; rows: CalendarRow[] } | null {
  const next = nextItems(
    rows.map((r) => ({ n: r.n, item: r.item, timing: r.timing, row: r })),
    today,
    (x) => x.row.mark?.done === true,
  );
  return next ? { date: next.date, rows: next.items.map((x) => x.row) } : null;
}
