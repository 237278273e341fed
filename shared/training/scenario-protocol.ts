/**
 * The messages between a training screen and the scenario worker (issue 19: a scenario's start with
 * a long list built, hashed, packed and indexed its list — and hashed its events — on the UI
 * thread; so did the window's replacing of the log by its events and the projections' rebuild). The
 * worker builds the starting state (`buildScenarioState`) and writes it — the log, the list packed
 * with the desk's cache row, the projections — in one transaction through the core's raw-IndexedDB
 * door (core/training-store.ts), and answers with what the window keeps (clock, facts). Both
 * sides parse every message they receive with these schemas (a message crossing a thread is a
 * boundary).
 */
import { z } from 'zod';

/**
 * The schemas, made on first use: the training screens are in the app's start (its static imports),
 * which builds no schema it does not need (issue 19: zod schemas built at every reload's start).
 */
function makeSchemas() {
  const int = z.number().int();
  const count = int.min(0);
  const hash = z.string().regex(/^[0-9a-f]{64}$/u);

  const whereSchema = z.object({ precinct: int.min(1).max(99_999), timeZone: z.string().min(1).max(100), listSize: int.min(1).max(100_000) }).strict();
  const factsSchema = z.record(z.string().max(40), z.union([z.string().max(2000), z.number().finite()]));

  const request = z.discriminatedUnion('type', [
    z
      .object({
        type: z.literal('load'),
        id: count,
        scenarioId: z.string().regex(/^[a-z0-9-]{1,80}$/u),
        seed: int.min(0).max(2 ** 31),
        where: whereSchema,
        /** This laptop's device id (its chain goes on after the start). */
        deviceId: z.string().min(1).max(100),
        /** The window's (training) database, whose log is replaced. */
        database: z.string().min(1).max(100),
      })
      .strict(),
    /**
     * A training state file (a trainer's export) checked whole (`readTrainingState`) and, only then,
     * the training database's log, lists and projections replaced by it in one transaction.
     */
    z.object({ type: z.literal('state'), id: count, file: z.instanceof(Blob), database: z.string().min(1).max(100) }).strict(),
    /** The facts of a scenario's start recomputed from its seed (a state imported from a file): nothing is written. */
    z.object({ type: z.literal('facts'), id: count, scenarioId: z.string().regex(/^[a-z0-9-]{1,80}$/u), seed: int.min(0).max(2 ** 31), where: whereSchema }).strict(),
  ]);

  /** The steps of a load: the list generated and hashed, the events made, the state written (no longer cancelled). */
  const ScenarioPhaseSchema = z.enum(['list', 'events', 'store']);

  const ProgressSchema = z
    .object({
      type: z.literal('progress'),
      id: count,
      phase: ScenarioPhaseSchema,
      /** The list's size (the voters generated, packed and indexed). */
      voters: count,
    })
    .strict();

  const reply = z.discriminatedUnion('type', [
    ProgressSchema,
    z
      .object({
        type: z.literal('loaded'),
        id: count,
        /** The list the start activated (stored with the log). */
        listHash: hash,
        /** How many events the starting state holds (the trainee's come after). */
        startEvents: int.min(2).max(2_000_000),
        /** The training clock's starting moment. */
        clock: z.iso.datetime(),
        /** What the trainee is told (the check's facts). */
        facts: factsSchema,
      })
      .strict(),
    z.object({ type: z.literal('facts'), id: count, facts: factsSchema }).strict(),
    /** A state file loaded (its clock and scenario reference, checked by the window again), or why not (a `StateFileProblem`). */
    z
      .object({
        type: z.literal('state'),
        id: count,
        result: z.union([
          z.object({ ok: z.literal(true), value: z.object({ clock: z.iso.datetime(), scenario: z.unknown() }).strict() }).strict(),
          z.object({ ok: z.literal(false), error: z.looseObject({ code: z.string().max(40) }) }).strict(),
        ]),
      })
      .strict(),
    z.object({ type: z.literal('error'), id: count, message: z.string().max(2000) }).strict(),
  ]);
  return { request, reply, progress: ProgressSchema };
}

let made: ReturnType<typeof makeSchemas> | null = null;
const schemas = (): ReturnType<typeof makeSchemas> => (made ??= makeSchemas());

export type ScenarioRequest = z.infer<ReturnType<typeof makeSchemas>['request']>;
export type ScenarioReply = z.infer<ReturnType<typeof makeSchemas>['reply']>;
export type ScenarioProgress = z.infer<ReturnType<typeof makeSchemas>['progress']>;

export function parseScenarioRequest(data: unknown): ScenarioRequest | null {
  const parsed = schemas().request.safeParse(data);
  return parsed.success ? parsed.data : null;
}

export function parseScenarioReply(data: unknown): ScenarioReply | null {
  const parsed = schemas().reply.safeParse(data);
  return parsed.success ? parsed.data : null;
}
