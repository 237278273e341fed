/**
 * A training state as a file: the trainer exports the training database (its events, the voter
 * lists they point to, and the training clock), trainees import it and start from the same moment.
 * The file says it is training material; the import checks every event envelope, the hash chains
 * and that each list is the one its event names, and is all or nothing.
 */
import { z } from 'zod';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/sha256';
import { err, ok, type Result } from '../util/result';
import { eventEnvelopeSchema, verifyChains, type StoredEvent } from '../events/envelope';

export const TRAINING_STATE_FORMAT = 'precinct-desk/training-state';
export const TRAINING_STATE_VERSION = 1;

/** Which scenario a state runs, from which seed, and how many of its events are the scenario's start. */
export const trainingScenarioRefSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,80}$/u),
    seed: z.number().int().min(0).max(2 ** 31),
    startEvents: z.number().int().min(0).max(2_000_000),
    /** The precinct played and the size of its generated list (absent: 9001 with 200 voters). */
    precinct: z.number().int().min(1).max(99_999).optional(),
    listSize: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();
export type TrainingScenarioRef = z.infer<typeof trainingScenarioRefSchema>;

const stateFileSchema = z
  .object({
    format: z.literal(TRAINING_STATE_FORMAT),
    formatVersion: z.literal(TRAINING_STATE_VERSION),
    exportedAt: z.iso.datetime(),
    /** The training clock at export: trainees start at this moment. */
    clock: z.iso.datetime(),
    title: z.string().trim().max(200).default(''),
    events: z.array(z.unknown()).max(2_000_000),
    blobs: z.array(z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/u), kind: z.literal('voter-list'), data: z.array(z.unknown()) }).strict()).max(100),
    /** The training scenario the state belongs to (files written before scenarios existed have none). */
    scenario: trainingScenarioRefSchema.nullable().default(null),
  })
  .strict();

export interface TrainingState {
  exportedAt: string;
  clock: string;
  title: string;
  events: StoredEvent[];
  blobs: { hash: string; kind: 'voter-list'; data: unknown[] }[];
  /** The scenario being played, if any. */
  scenario?: TrainingScenarioRef | null;
}

export type StateFileProblem =
  | { code: 'not-json' }
  | { code: 'not-a-training-state' }
  | { code: 'invalid-file'; path: string }
  | { code: 'invalid-event'; index: number }
  | { code: 'broken-chain'; deviceId: string; seq: number }
  | { code: 'list-mismatch'; hash: string }
  | { code: 'list-missing'; hash: string };

export function buildTrainingState(state: TrainingState): string {
  return JSON.stringify({ format: TRAINING_STATE_FORMAT, formatVersion: TRAINING_STATE_VERSION, ...state });
}

export async function readTrainingState(text: string): Promise<Result<TrainingState, StateFileProblem>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err({ code: 'not-json' });
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== TRAINING_STATE_FORMAT) {
    return err({ code: 'not-a-training-state' });
  }
  const parsed = stateFileSchema.safeParse(json);
  if (!parsed.success) return err({ code: 'invalid-file', path: parsed.error.issues[0]?.path.join('.') ?? '' });
  const events: StoredEvent[] = [];
  for (let i = 0; i < parsed.data.events.length; i += 1) {
    const e = eventEnvelopeSchema.safeParse(parsed.data.events[i]);
    if (!e.success) return err({ code: 'invalid-event', index: i });
    events.push(e.data as unknown as StoredEvent);
  }
  const chain = await verifyChains(events);
  if (!chain.ok) {
    const first = chain.error[0]!;
    return err({ code: 'broken-chain', deviceId: first.deviceId, seq: 'seq' in first ? first.seq : first.found });
  }
  for (const blob of parsed.data.blobs) {
    if ((await sha256Hex(canonicalJson(blob.data))) !== blob.hash) return err({ code: 'list-mismatch', hash: blob.hash });
  }
  const have = new Set(parsed.data.blobs.map((b) => b.hash));
  for (const e of events) {
    if (e.type === 'VoterListActivated' && !have.has(e.payload.listHash)) return err({ code: 'list-missing', hash: e.payload.listHash });
  }
  const { exportedAt, clock, title, blobs, scenario } = parsed.data;
  if (scenario && scenario.startEvents > events.length) return err({ code: 'invalid-file', path: 'scenario.startEvents' });
  return ok({ exportedAt, clock, title, events, blobs, scenario });
}
