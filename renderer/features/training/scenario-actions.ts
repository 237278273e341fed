/**
 * Starting, resetting and following a training scenario — training mode only: the log it loads
 * replaces the TRAINING database (the store opened in training mode), never the real one.
 */
import { DEFAULT_WHERE, scenarioById, scenarioWhere, type CheckContext, type ScenarioParams, type ScenarioWhere } from '../../../shared/training/scenarios';
import { parseScenarioReply, type ScenarioProgress, type ScenarioReply, type ScenarioRequest } from '../../../shared/training/scenario-protocol';
import { trainingScenarioRefSchema, type StateFileProblem, type TrainingScenarioRef } from '../../../shared/training/state-file';
import type { Result } from '../../../shared/util/result';
import { setTrainingTime } from '../../app/clock';
import { TRAINING } from '../../app/mode';
import { databaseName, thisDeviceId } from '../../core';
import { WorkerClient } from '../../core/worker-client';

const ACTIVE_KEY = 'precinct-desk.training.scenario';

/** The last reference read, by its text: the same object while it is unchanged (screens depend on it). */
let lastActive: { raw: string; ref: TrainingScenarioRef | null } | null = null;

/** The scenario being played in this training database, if any. */
export function activeScenario(): TrainingScenarioRef | null {
  if (!TRAINING) return null;
  try {
    const raw = localStorage.getItem(ACTIVE_KEY);
    if (!raw) return null;
    if (lastActive?.raw === raw) return lastActive.ref;
    const parsed = trainingScenarioRefSchema.safeParse(JSON.parse(raw));
    const ref = parsed.success && scenarioById(parsed.data.id) ? parsed.data : null;
    lastActive = { raw, ref };
    return ref;
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

type Progress = Extract<ScenarioReply, { type: 'progress' }>;
/** A request of the protocol without its id (the client numbers them). */
type RequestBody = ScenarioRequest extends infer R ? (R extends ScenarioRequest ? Omit<R, 'id'> : never) : never;
const PROTOCOL = { parse: parseScenarioReply, isProgress: (r: ScenarioReply): r is Progress => r.type === 'progress', name: 'the scenario worker' };

/** Where a load stands in the worker: the list, the events, then the state written (`store`: not cancelled any more). */
export type ScenarioLoadPhase = ScenarioProgress['phase'];

export interface ScenarioLoadOptions {
  onProgress?(phase: ScenarioLoadPhase, voters: number): void;
  /** The worker (tests give another). */
  createWorker?(): Worker;
}

/**
 * A scenario's start under way (issue 19): its state is built and written — the training log, its
 * list and the projections replaced in one transaction — by the scenario worker, through the core's
 * worker client (core/worker-client.ts, as the voter import's); then the training clock is set and
 * the scenario remembered. `cancel()` before the state is being written stops the worker and leaves
 * the training database as it was (true); from then on the load runs to its end (false), as an
 * import's activation does.
 */
export class ScenarioLoad {
  readonly done: Promise<void>;
  private phase: ScenarioLoadPhase = 'list';
  private readonly client: WorkerClient<RequestBody, ScenarioReply, Progress>;

  constructor(id: string, seed: number, where: ScenarioWhere = DEFAULT_WHERE, options: ScenarioLoadOptions = {}) {
    const create = options.createWorker ?? (() => new Worker(new URL('./scenario.worker.ts', import.meta.url), { type: 'module', name: 'scenario-load' }));
    this.client = new WorkerClient(PROTOCOL, create, (p) => {
      this.phase = p.phase;
      options.onProgress?.(p.phase, p.voters);
    });
    this.done = this.run(id, seed, where);
  }

  /** Stops the load while nothing is written yet; false once the state is being written (the load then ends by itself). */
  cancel(): boolean {
    if (this.phase === 'store') return false;
    this.client.terminate();
    return true;
  }

  private async run(id: string, seed: number, where: ScenarioWhere): Promise<void> {
    try {
      if (!TRAINING) throw new Error('a scenario can be started only in training mode');
      if (!scenarioById(id)) throw new Error(`no scenario ${id}`);
      const reply = this.client.expect(
        await this.client.request({ type: 'load', scenarioId: id, seed, where: { ...where }, deviceId: await thisDeviceId(), database: databaseName() }),
        'loaded',
      );
      setTrainingTime(new Date(reply.clock));
      const place = where === DEFAULT_WHERE ? {} : { precinct: where.precinct, listSize: where.listSize };
      const ref: TrainingScenarioRef = { id, seed, startEvents: reply.startEvents, ...place };
      setActiveScenario(ref);
      rememberFacts(ref, reply.facts);
    } finally {
      this.client.terminate();
    }
  }
}

/** The facts of a scenario reference, recomputed from its seed in the scenario worker, then remembered. */
async function factsInWorker(ref: TrainingScenarioRef): Promise<ScenarioParams> {
  const create = () => new Worker(new URL('./scenario.worker.ts', import.meta.url), { type: 'module', name: 'scenario-facts' });
  const client = new WorkerClient<RequestBody, ScenarioReply, Progress>(PROTOCOL, create, () => undefined);
  try {
    const where = whereOf(ref);
    const reply = client.expect(await client.request({ type: 'facts', scenarioId: ref.id, seed: ref.seed, where: { ...where } }), 'facts');
    rememberFacts(ref, reply.facts);
    return reply.facts;
  } finally {
    client.terminate();
  }
}

/** A training state file loaded into `database` by the scenario worker: its clock and scenario reference (unchecked), or why not. */
export async function loadStateInWorker(file: Blob, database: string): Promise<Result<{ clock: string; scenario: unknown }, StateFileProblem>> {
  const create = () => new Worker(new URL('./scenario.worker.ts', import.meta.url), { type: 'module', name: 'training-state' });
  const client = new WorkerClient<RequestBody, ScenarioReply, Progress>(PROTOCOL, create, () => undefined);
  try {
    const reply = client.expect(await client.request({ type: 'state', file, database }), 'state');
    // Made by readTrainingState in the worker: the problem one of StateFileProblem's.
    return reply.result as Result<{ clock: string; scenario: unknown }, StateFileProblem>;
  } finally {
    client.terminate();
  }
}

/** Loads the scenario's starting state into the training database and sets the training clock. */
export function startScenario(id: string, seed: number, where: ScenarioWhere = DEFAULT_WHERE, options: ScenarioLoadOptions = {}): Promise<void> {
  return new ScenarioLoad(id, seed, where, options).done;
}

const FACTS_KEY = 'precinct-desk.training.scenarioFacts';
const sameRef = (a: TrainingScenarioRef, b: TrainingScenarioRef) => a.id === b.id && a.seed === b.seed && a.precinct === b.precinct && a.listSize === b.listSize;

/** The start's facts, kept beside the reference: the check reads them instead of generating the list again. */
function rememberFacts(ref: TrainingScenarioRef, facts: ScenarioParams): void {
  localStorage.setItem(FACTS_KEY, JSON.stringify({ ref, facts }));
}

function rememberedFacts(ref: TrainingScenarioRef): ScenarioParams | null {
  try {
    const raw = localStorage.getItem(FACTS_KEY);
    if (!raw) return null;
    const kept = JSON.parse(raw) as { ref?: unknown; facts?: unknown };
    const keptRef = trainingScenarioRefSchema.safeParse(kept.ref);
    if (!keptRef.success || !sameRef(keptRef.data, ref) || typeof kept.facts !== 'object' || kept.facts === null) return null;
    const facts = Object.entries(kept.facts as Record<string, unknown>);
    return facts.every(([, v]) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) ? (Object.fromEntries(facts) as ScenarioParams) : null;
  } catch {
    return null;
  }
}

/** The check context of the active scenario (the facts recomputed from its seed). */
export async function scenarioContext(ref: TrainingScenarioRef): Promise<CheckContext> {
  const scenario = scenarioById(ref.id);
  if (!scenario) throw new Error(`no scenario ${ref.id}`);
  // Remembered at the start; for a state imported from a file, recomputed from the seed by the
  // scenario worker (the list generated and hashed again: seconds at 100,000 voters).
  const facts = rememberedFacts(ref) ?? (await factsInWorker(ref));
  // Only this laptop's own events are the trainee's.
  return { startEvents: ref.startEvents, facts, deviceId: await thisDeviceId() };
}
