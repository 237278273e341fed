/**
 * i18next keys for calendar texts. Titles: namespace `calendarItems`, key `item<n>` (only items
 * that concern the precinct are translated). Rule words: namespace `calendarRules`, nested
 * `event.<event_name>`, `bound.<bound>`, `misc.<key>`.
 *
 * An `event.*` label is a whole phrase that already says how the item relates to the event, as
 * the plan uses it ("after the election is called", "before the vote count begins"); a renderer
 * puts a number of days and a `bound.*` word in front of it (en/ru) or behind the event phrase
 * (ky word order: "шайлоо дайындалган күндөн тартып 10 күндүн ичинде").
 */
import type { DeadlineBound, TimingBound } from './evaluate';

/** Key of an item title in the `calendarItems` namespace, e.g. 'item40'. */
export function itemTitleKey(n: number): string {
  return `item${n}`;
}

/** Key of an event phrase in the `calendarRules` namespace, e.g. 'event.election_called'. */
export function eventLabelKey(event: string): string {
  return `event.${event}`;
}

/** Key of a bound word in the `calendarRules` namespace, e.g. 'bound.not_later'. */
export function boundLabelKey(bound: TimingBound | DeadlineBound): string {
  return `bound.${bound}`;
}
