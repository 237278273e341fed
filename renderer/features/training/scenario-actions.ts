/**
 * Starting, resetting and following a training scenario — training mode only: the log it loads
 * replaces the TRAINING database (the store opened in training mode), never the real one.
 */
import { buildScenarioState, DEFAULT_WHERE, scenarioById, scenarioFacts, scenarioWhere, type CheckContext, type ScenarioWhere } from '../../../shared/training/scenarios';
import { trainingScenarioRefSchema, type TrainingScenarioRef } from '../../../shared/training/state-file';
import { setTrainingTime } from '../../app/clock';
import { TRAINING } from '../../app/mode';
import { replaceEventLog, thisDeviceId } from '../../core';

const ACTIVE_KEY = 'precinct-desk.training.scenario';

/** The scenario being played in this training database, if any. */
export function activeScenario(): TrainingScenarioRef | null {
  if (!TRAINING) return null;
  try {
    const raw = localStorage.getItem(ACTIVE_KEY);
    if (!raw) return null;
    const parsed = trainingScenarioRefSchema.safeParse(JSON.parse(raw));
    return parsed.success && scenarioById(parsed.data.id) ? parsed.data : null;
  } catch {
    return null;
  }
}

export function setActiveScenario(ref: TrainingScenarioRef | null): void {
  if (!TRAINING) return;
  if (ref) localStorage.setItem(ACTIVE_KEY, JSON.stringify(ref));
  else localStorage.removeItem(ACTIVE_KEY);
}

/** A fresh seed for each start, so that two trainees do not see the same names. */
export const newSeed = (): number => Math.floor(Math.random() * 1_000_000);

/** Where a scenario reference plays (9001 with its short list when it names no precinct). */
export function whereOf(ref: Pick<TrainingScenarioRef, 'precinct' | 'listSize'>): ScenarioWhere {
  if (ref.precinct === undefined) return DEFAULT_WHERE;
  const where = scenarioWhere(ref.precinct, ref.listSize);
  if (!where) throw new Error(`no precinct ${ref.precinct} for a scenario`);
  return where;
}

/** Loads the scenario's starting state into the training database and sets the training clock. */
export async function startScenario(id: string, seed: number, where: ScenarioWhere = DEFAULT_WHERE): Promise<void> {
  if (!TRAINING) throw new Error('a scenario can be started only in training mode');
  const scenario = scenarioById(id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  const state = await buildScenarioState(scenario, seed, { deviceId: await thisDeviceId(), newId: () => crypto.randomUUID() }, where);
  await replaceEventLog(state.events, state.blobs);
  setTrainingTime(new Date(state.clock));
  const place = where === DEFAULT_WHERE ? {} : { precinct: where.precinct, listSize: where.listSize };
  setActiveScenario({ id, seed, startEvents: state.context.startEvents, ...place });
}

/** The check context of the active scenario (the facts recomputed from its seed). */
export async function scenarioContext(ref: TrainingScenarioRef): Promise<CheckContext> {
  const scenario = scenarioById(ref.id);
  if (!scenario) throw new Error(`no scenario ${ref.id}`);
  const { facts } = await scenarioFacts(scenario, ref.seed, whereOf(ref));
  // Only this laptop's own events are the trainee's.
  return { startEvents: ref.startEvents, facts, deviceId: await thisDeviceId() };
}
