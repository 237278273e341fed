/** Export and import of a training state (training mode only). */
import { buildTrainingState, trainingScenarioRefSchema, type StateFileProblem } from '../../../shared/training/state-file';
import { ok, type Result } from '../../../shared/util/result';
import { appNow, setTrainingTime } from '../../app/clock';
import { TRAINING } from '../../app/mode';
import { databaseName, readLogWithBlobs } from '../../core';
import { platform } from '../../platform';
import { activeScenario, loadStateInWorker, setActiveScenario } from './scenario-actions';

export async function exportTrainingState(title: string): Promise<void> {
  if (!TRAINING) throw new Error('only a training state can be exported this way');
  const { events, blobs } = await readLogWithBlobs();
  // The file's own time is the computer's (when it was written); `clock` keeps the moved one.
  // eslint-disable-next-line no-restricted-syntax
  const text = buildTrainingState({ exportedAt: new Date().toISOString(), clock: new Date(appNow()).toISOString(), title, events, blobs, scenario: activeScenario() });
  await platform.saveFile({ suggestedName: 'training-state.json', mimeType: 'application/json', data: text });
}

/**
 * Replaces the training database by the file's state and sets the training clock; all or nothing.
 * The file is read, checked (every envelope, chain and list hash) and written — the log, its lists
 * packed with the desk's cache row, the projections, in one transaction — by the scenario worker
 * (issue 19: a state holding a 100,000-voter list took seconds of the UI thread).
 */
export async function importTrainingState(file: File): Promise<Result<void, StateFileProblem>> {
  if (!TRAINING) throw new Error('a training state can be imported only in training mode');
  const read = await loadStateInWorker(file, databaseName());
  if (!read.ok) return read;
  // Checked by the worker (`readTrainingState`) and here again, as this window keeps it.
  const scenario = read.value.scenario === null ? null : trainingScenarioRefSchema.parse(read.value.scenario);
  setTrainingTime(new Date(read.value.clock));
  // The scenario travels with the state, so the trainee's check works on the imported events.
  setActiveScenario(scenario);
  return ok(undefined);
}
