/**
 * The setup projection: what the commission has set up, folded from the events. Pure: the
 * renderer stores the result in a Dexie table in the same transaction as the event, and can
 * rebuild it from the log at any time.
 */
import type { ElectionSetup } from '../election/model';
import type { StoredEvent } from '../events/envelope';

export interface CalendarMark {
  item: number;
  done: boolean;
  note: string;
  at: string;
  actor: string | null;
}

export interface SetupState {
  setup: ElectionSetup | null;
  calendarMarks: Record<number, CalendarMark>;
}

export const EMPTY_SETUP_STATE: SetupState = { setup: null, calendarMarks: {} };

export function applySetupEvent(state: SetupState, event: StoredEvent): SetupState {
  switch (event.type) {
    case 'SetupActivated':
      // A newly activated election starts its own calendar; marks of another election do not carry over.
      return {
        setup: event.payload,
        calendarMarks: state.setup?.election.id === event.payload.election.id ? state.calendarMarks : {},
      };
    case 'ElectionUpdated':
      return state.setup ? { ...state, setup: { ...state.setup, election: event.payload.election } } : state;
    case 'PrecinctUpdated':
      return state.setup ? { ...state, setup: { ...state.setup, precinct: event.payload.precinct } } : state;
    case 'MembersUpdated':
      return state.setup ? { ...state, setup: { ...state.setup, members: event.payload.members } } : state;
    case 'CandidatesUpdated':
      return state.setup
        ? { ...state, setup: { ...state.setup, candidates: event.payload.candidates, againstAll: event.payload.againstAll } }
        : state;
    case 'CalendarItemMarked':
      return {
        ...state,
        calendarMarks: {
          ...state.calendarMarks,
          [event.payload.item]: { item: event.payload.item, done: event.payload.done, note: event.payload.note, at: event.recordedAt, actor: event.actor },
        },
      };
    default:
      // Every other event (voter list, ballots, applications …) leaves the setup as it is.
      return state;
  }
}

export function foldSetup(events: readonly StoredEvent[]): SetupState {
  return events.reduce(applySetupEvent, EMPTY_SETUP_STATE);
}
