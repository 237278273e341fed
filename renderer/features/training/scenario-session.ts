/**
 * The scenario worker's work, as a plain function testable without a Worker (issue 19): a
 * scenario's starting state built (`buildScenarioState`: the list generated and hashed, the events
 * made and hashed into their chains), the list packed and indexed, and the training database's log,
 * lists and projections replaced by them in one transaction (`replace`). It answers through `post`,
 * with progress messages while it works; the window writes nothing (cancelling terminates the
 * worker before its transaction: the database is as it was).
 */
import { buildScenarioState, scenarioById, scenarioFacts } from '../../../shared/training/scenarios';
import { parseScenarioRequest, type ScenarioReply } from '../../../shared/training/scenario-protocol';
import { packVoters, storedListData, VoterSearchIndex, type PackedVoterList, type StoredSearchIndex } from '../../../shared/voters';
import type { VoterRecord } from '../../../shared/voters/validate';
import type { StoredEvent } from '../../../shared/events/envelope';
import { readTrainingState } from '../../../shared/training/state-file';
import { ok } from '../../../shared/util/result';

export type ScenarioPost = (message: ScenarioReply) => void;

/** Replaces the log, the lists and the projections of `database` in one transaction (core/training-store). */
export type ReplaceLog = (
  database: string,
  events: readonly StoredEvent[],
  list: { listHash: string; packed: PackedVoterList; index: StoredSearchIndex } | null,
  others?: readonly { hash: string; data: unknown }[],
) => Promise<void>;

/**
 * A state file's lists as the laptop stores them: packed (records kept as they are when they are
 * not a voter list's); the list the log activated last also indexed, for the desk's cache row.
 */
function stateLists(events: readonly StoredEvent[], blobs: readonly { hash: string; data: unknown[] }[]) {
  const active = [...events].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0)).filter((e) => e.type === 'VoterListActivated').at(-1);
  const activeHash = (active?.payload as { listHash?: string } | undefined)?.listHash;
  let list: { listHash: string; packed: PackedVoterList; index: StoredSearchIndex } | null = null;
  const others: { hash: string; data: unknown }[] = [];
  for (const blob of blobs) {
    const data = storedListData(blob.data, blob.hash);
    if (blob.hash === activeHash && !Array.isArray(data)) {
      const packed = data as PackedVoterList;
      list = { listHash: blob.hash, packed, index: new VoterSearchIndex(blob.data as VoterRecord[]).toStored() };
    } else others.push({ hash: blob.hash, data });
  }
  return { list, others };
}

/** One message from the window: the state built, the list staged, the events sent; anything else answered with an error. */
export async function handleScenarioMessage(data: unknown, post: ScenarioPost, replace: ReplaceLog, newId: () => string = () => crypto.randomUUID()): Promise<void> {
  const request = parseScenarioRequest(data);
  if (!request) {
    const id = (data as { id?: unknown } | null)?.id;
    post({ type: 'error', id: typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : 0, message: 'not a scenario request' });
    return;
  }
  const { id } = request;
  try {
    if (request.type === 'state') {
      const read = await readTrainingState(await request.file.text());
      if (!read.ok) {
        post({ type: 'state', id, result: read });
        return;
      }
      const { list, others } = stateLists(read.value.events, read.value.blobs);
      await replace(request.database, read.value.events, list, others);
      post({ type: 'state', id, result: ok({ clock: read.value.clock, scenario: read.value.scenario ?? null }) });
      return;
    }
    if (request.type === 'facts') {
      const scenario = scenarioById(request.scenarioId);
      if (!scenario) throw new Error(`no scenario ${request.scenarioId}`);
      post({ type: 'facts', id, facts: (await scenarioFacts(scenario, request.seed, request.where)).facts });
      return;
    }
    const { where } = request;
    const scenario = scenarioById(request.scenarioId);
    if (!scenario) throw new Error(`no scenario ${request.scenarioId}`);
    post({ type: 'progress', id, phase: 'list', voters: where.listSize });
    const state = await buildScenarioState(scenario, request.seed, { deviceId: request.deviceId, newId, onEvents: () => post({ type: 'progress', id, phase: 'events', voters: where.listSize }) }, where);
    const [blob] = state.blobs;
    if (!blob || state.blobs.length !== 1) throw new Error('a scenario starts with one list');
    post({ type: 'progress', id, phase: 'store', voters: blob.data.length });
    // The desk's fast form of the list, as an import stores it: packed, and its search index.
    const voters = blob.data as VoterRecord[];
    const packed = packVoters(voters);
    const index = new VoterSearchIndex(voters).toStored();
    await replace(request.database, state.events, { listHash: blob.hash, packed, index });
    post({ type: 'loaded', id, listHash: blob.hash, startEvents: state.context.startEvents, clock: state.clock, facts: state.facts });
  } catch (e) {
    post({ type: 'error', id, message: (e instanceof Error ? e.message : String(e)).slice(0, 2000) });
  }
}
