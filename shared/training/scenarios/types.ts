/**
 * A training scenario as data and pure functions: what it is called and asks (i18n keys in the
 * `scenarios` namespace), the state it starts from (deterministic from a seed), the moment the
 * training clock starts at, and a check of the trainee's events, step by step.
 */
import type { EventType } from '../../events/catalog';
import type { VoterRecord } from '../../voters/validate';

/** Which laptop an event of the starting state comes from: this one, or a second laptop of the precinct. */
export type ScenarioDevice = 'self' | 'other';

/** One event of the starting state; the loader appends it (and signs the chain of its device). */
export interface ScenarioEvent {
  type: EventType;
  payload: unknown;
  device: ScenarioDevice;
}

/** The list the loader generated and activated before the scenario's events. */
export interface ScenarioList {
  hash: string;
  voters: readonly VoterRecord[];
}

export type ScenarioParams = Record<string, string | number>;

/** Where a scenario plays: a precinct of the demo bundle, its time zone and the size of its generated list. */
export interface ScenarioWhere {
  precinct: number;
  timeZone: string;
  listSize: number;
}

/** The starting state: the demo precinct, the generated list, the clock and the events on top. */
export interface ScenarioStart {
  /** The demo precinct (shared/election/demo.ts). */
  precinct: number;
  /** Size of the generated list (generateVoters(listSize, seed)). */
  listSize: number;
  /** The precinct's time zone (the clock and the times of the start are its local times). */
  timeZone: string;
  seed: number;
  /** The training clock's starting moment (ISO instant). */
  clock: string;
  /** Facts the trainee is told and the check relies on (voter names, figures…), derived from the seed. */
  facts(list: ScenarioList): ScenarioParams;
  /** The events loaded after the setup and the list. */
  events(list: ScenarioList): Promise<ScenarioEvent[]>;
}

/** An event as the check sees it (a StoredEvent fits). */
export interface CheckedEvent {
  type: string;
  payload: unknown;
  deviceId?: string;
  id?: string;
}

export interface CheckContext {
  /** How many events the starting state holds (setup and list included): the trainee's come after. */
  startEvents: number;
  /**
   * This laptop's device id, when known: only its events after the start are the trainee's (events
   * pulled from another laptop are not). Without it every event after the start but the scenario's
   * second laptop's counts.
   */
  deviceId?: string;
  /** The facts of the start (ScenarioStart.facts). */
  facts: ScenarioParams;
}

export interface StepResult {
  step: string;
  done: boolean;
  correct: boolean;
  /** `scenarios:` key explaining the result. */
  detailKey: string;
  /** Figures and names put into the detail as they are. */
  params: ScenarioParams;
  /** Params that are words, not figures: param name → i18n key, translated before the detail is composed. */
  terms: Readonly<Record<string, string>>;
  /** What the screen shows behind the result (the protocol's findings), each an i18n key with its params. */
  notes: readonly StepNote[];
}

export interface StepNote {
  key: string;
  params: ScenarioParams;
}

export interface ScenarioStep {
  id: string;
  /** `scenarios:` key of what the trainee must do. */
  key: string;
}

export interface Scenario {
  id: string;
  titleKey: string;
  /** What it is about, without the start's facts (for the list before it starts). */
  summaryKey: string;
  descriptionKey: string;
  steps: readonly ScenarioStep[];
  /** The start at `where` (DEFAULT_WHERE: 9001 with 200 voters when not given). */
  start(seed: number, where?: ScenarioWhere): ScenarioStart;
  check(events: readonly CheckedEvent[], context: CheckContext): StepResult[];
}
