/**
 * The messages between the import screen and the import worker (issue 19): the worker reads the
 * file (decode, parse, XLSX), checks every row, compares with the active list and prepares the
 * list's hash, packed form and search index; the screen shows what it is sent and writes the
 * activation. Both sides parse every message they receive with these schemas (a message crossing
 * a thread is a boundary). Large results travel as typed arrays (transferred, not copied); the
 * voters themselves stay in the worker, which stores them (the list's blob and the desk's cache row)
 * and then hands the packed list and index over, so the screen never holds 100,000 parsed records
 * or their problems — only what it shows — and never clones them for IndexedDB.
 */
import { z } from 'zod';
import { eventPayloadSchemas } from '../events/catalog';
import { VOTER_FIELDS, type VoterField, type VoterMapping } from './mapping';
import type { DuplicateGroup, RowProblem, VoterRecord } from './validate';
import type { FullNameSplit } from './full-name';
import type { VoterChange } from './diff';
import { checkPackedListSteps, unpackVotersSteps, type PackedListProblem, type PackedVoterList } from './packed';
import { VoterSearchIndex, type StoredSearchIndex } from './search';
import { err, ok, type Result } from '../util/result';
import type { Steps } from '../util/steps';

/** At most this many problems, duplicate groups, doubtful names and diff lines are sent to be shown. */
export const SHOWN_PROBLEMS = 300;
export const SHOWN_GROUPS = 200;
export const SHOWN_NAMES = 200;
export const SHOWN_DIFF = 1000;

/**
 * The schemas, made on first use: the import worker's client is in the app's start (its static
 * imports), which then builds none of them on a reload (issue 19, desk.open: zod schemas built at
 * every start; these were the largest share of them). The worker and the import screen make them once.
 */
function makeSchemas() {
  const int = z.number().int();
  const count = int.min(0);
  const params = z.record(z.string(), z.union([z.string(), z.number()]));
  const field = z.enum(VOTER_FIELDS);

  const MappingSchema = z.object(Object.fromEntries(VOTER_FIELDS.map((f) => [f, int.min(0).nullable()])) as Record<VoterField, z.ZodNullable<z.ZodNumber>>).strict();

  const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u);
  const VoterRecordSchema = z
    .object({
      id: z.string(),
      page: int,
      row: int,
      surname: z.string(),
      name: z.string(),
      patronymic: z.string(),
      birthDate: isoDate.nullable(),
      birthYear: int,
      address: z.string(),
      document: z.string(),
      pin: z.string(),
      marks: z.array(z.enum(['hospital', 'custody'])),
    })
    .strict();

  const FileProblemSchema = z.object({ code: z.string().max(80), params: params.optional() }).strict();

  const ActivationDetailsSchema = eventPayloadSchemas.VoterListActivated.omit({ listHash: true, listVersion: true });

  // ── screen → worker ──────────────────────────────────────────────────────────────────────────────

  const ImportRequestSchema = z.discriminatedUnion('type', [
    z
      .object({
        type: z.literal('read'),
        id: count,
        /** The chosen file (a handle: its bytes are read in the worker). */
        file: z.instanceof(Blob),
        fileName: z.string().max(1000),
        encoding: z.enum(['auto', 'utf-8', 'windows-1251', 'ibm866']),
        precinct: int.min(1),
        /** The remembered mappings (localStorage's text), so the worker can find a remembered header row. */
        remembered: z.string().max(1_000_000).nullable(),
        /** A workbook's list over several sheets with the same columns: taken whole (the default) or its first sheet alone. */
        combine: z.boolean().optional(),
      })
      .strict(),
    z.object({ type: z.literal('header'), id: count, row: int.min(1) }).strict(),
    z.object({ type: z.literal('row-runs'), id: count, mapping: MappingSchema }).strict(),
    z
      .object({
        type: z.literal('check'),
        id: count,
        mapping: MappingSchema,
        votingDay: isoDate,
        /** The list active now (its hash and size), to compare with; null when there is none. */
        active: z.object({ listHash: z.string().regex(/^[0-9a-f]{64}$/u), voters: count, database: z.string().min(1).max(100) }).strict().nullable(),
      })
      .strict(),
    /** The secretary's choice in the same-person groups: [group index, file row kept, or 0 = every row (KEEP_ALL_ROWS)]. */
    z.object({ type: z.literal('keep'), id: count, keep: z.array(z.tuple([count, count])).max(200_000) }).strict(),
    /** `plan` and `build` in this one worker (the screen uses the two apart, each in its own worker). */
    z.object({ type: z.literal('prepare'), id: count, keep: z.array(z.tuple([count, count])).max(200_000), exclude: z.boolean() }).strict(),
    /**
     * As `prepare`, but the list is only decided and packed (`planned`), for a fresh worker to
     * `build`: the worker that read and checked the file (its heap grown by the file's text, rows and
     * the check) is stopped, and the hash, index and storing run in a heap holding only the list
     * (issue 19: the import's peak of memory was that worker's heap while it stored the list).
     */
    z
      .object({
        type: z.literal('plan'),
        id: count,
        keep: z.array(z.tuple([count, count])).max(200_000),
        exclude: z.boolean(),
        /**
         * The port of the worker that builds the list (`build-from`): the `planned` list goes there, and
         * the screen is answered `handed` (issue 19: relayed through the window, the list was
         * deserialised, checked and serialised again on the UI thread — the import's longest task).
         */
        to: z.instanceof(MessagePort).optional(),
      })
      .strict(),
    /** A `planned` list built (hash, index) as `prepare` does; `packed` checked by the worker (`checkPackedList`). */
    z
      .object({
        type: z.literal('build'),
        id: count,
        packed: z.unknown(),
        details: ActivationDetailsSchema,
        /** The file's data rows (the progress's read and checked counts, both done). */
        rows: count,
      })
      .strict(),
    /** As `build`, the `planned` list being the one message that comes on `from` (from a `plan` given its other end). */
    z.object({ type: z.literal('build-from'), id: count, from: z.instanceof(MessagePort) }).strict(),
    /**
     * The prepared list written by the worker into the window's database, in one transaction of its
     * own: the voters as the list's content-addressed blob and the desk's cache row (packed list and
     * index) under the list's hash (issue 19: cloning them for IndexedDB on the UI thread froze it).
     * Inert until the window's activation transaction records the event that names the list.
     */
    z.object({ type: z.literal('stage'), id: count, database: z.string().min(1).max(100) }).strict(),
    /**
     * A backup file decrypted, checked whole and its voter lists packed (`readBackupToRestore`), for
     * the window to restore (issue 19: done on the UI thread, it froze the window for seconds).
     * `training`: the mode of the database it would replace.
     */
    z
      .object({
        type: z.literal('read-backup'),
        id: count,
        file: z.instanceof(Blob),
        passphrase: z.string().max(10_000),
        training: z.boolean(),
      })
      .strict(),
    /**
     * A backup of the window's database made here (issue 19: reading the log and its lists, the
     * state's JSON, its encryption and the file's text froze the window for seconds at 100,000
     * voters): the log and lists read from `database`, with what only the window knows (its device id,
     * mode and settings), encrypted with `passphrase` (`buildBackup`).
     */
    z
      .object({
        type: z.literal('make-backup'),
        id: count,
        database: z.string().min(1).max(100),
        deviceId: z.string().min(1).max(100),
        training: z.boolean(),
        settings: z.record(z.string().max(100), z.string().max(100_000)),
        passphrase: z.string().max(10_000),
        createdAt: z.iso.datetime(),
      })
      .strict(),
  ]);

  // ── worker → screen ──────────────────────────────────────────────────────────────────────────────

  const ImportPhaseSchema = z.enum(['read', 'check', 'prepare']);

  const ProgressSchema = z
    .object({
      type: z.literal('progress'),
      id: count,
      phase: ImportPhaseSchema,
      /** Data rows read from the file so far. */
      read: count,
      /** Rows checked so far (of `read`). */
      checked: count,
      /** Voters prepared for storing so far (hash, packed form, search index). */
      prepared: count,
      /** The file's data rows, once known (0 while reading). */
      total: count,
      /** Voters to store, once known (0 until the list is prepared). */
      voters: count,
    })
    .strict();

  const CandidateSchema = z.object({ row: int.min(1), cells: z.array(z.string()), score: z.number() }).strict();

  const FileSummarySchema = z
    .object({
      kind: z.enum(['csv', 'xlsx', 'bundle']),
      encoding: z.string().max(40).nullable(),
      fileName: z.string().max(1000),
      fileHash: z.string().regex(/^[0-9a-f]{64}$/u),
      warnings: z.array(FileProblemSchema),
      /** The bundle's exact mapping (it names its columns by field). */
      mapping: MappingSchema.optional(),
      header: z.array(z.string()),
      headerRow: int.min(1),
      /** Data rows below the header (blank ones included). */
      rows: count,
      /** Rows that may be the header (title rows above it); [] for a bundle. */
      candidates: z.array(CandidateSchema).max(50),
      /** File rows below the header that repeated it (printed on every page): skipped, not bad rows. */
      repeatedHeaders: z.array(int.min(1)).max(1_000_000),
      /** (page, row) columns where a "№" column starts again on every page: it may be the list's row. */
      restarting: z.array(z.object({ page: count, row: count }).strict()).max(10_000),
      /** The rows the mapping preview shows: index among the data rows and the cells. */
      preview: z.array(z.object({ index: count, cells: z.array(z.string()) }).strict()).max(50),
      /**
       * A workbook whose list goes on over several sheets with the same columns: the sheets (each
       * sheet's rows are the table's [first, first + count), `rows` of them not blank), whether they
       * were taken as one list, and the sheets left out. Rows are then named by sheet (`placeOfRow`).
       */
      sheets: z
        .object({
          combined: z.boolean(),
          parts: z.array(z.object({ name: z.string().max(300), headerRow: int.min(1), first: count, count, rows: count, page: int.min(1).optional() }).strict()).max(1000),
          left: z.array(z.string().max(300)).max(1000),
        })
        .strict()
        .optional(),
    })
    .strict();

  const ReadReplySchema = z
    .object({
      type: z.literal('read'),
      id: count,
      result: z.discriminatedUnion('ok', [
        z.object({ ok: z.literal(true), value: FileSummarySchema }).strict(),
        z.object({ ok: z.literal(false), error: z.array(FileProblemSchema) }).strict(),
      ]),
    })
    .strict();

  const RowProblemSchema = z
    .object({ row: int.min(1), field: field.nullable(), code: z.string().max(60), value: z.string().optional(), params: params.optional() })
    .strict();

  const FullNameSplitSchema = z
    .object({
      surname: z.string(),
      name: z.string(),
      patronymic: z.string(),
      doubt: z.enum(['one-word', 'three-words', 'patronymic-first', 'kyrgyz-no-surname', 'many-words']).nullable(),
    })
    .strict();

  const DuplicateGroupSchema = z
    .object({
      rows: z.array(int.min(1)),
      codes: z.array(z.enum(['duplicate-pin', 'duplicate-document', 'duplicate-person'])),
      records: z.array(VoterRecordSchema.nullable()),
      keepAll: z.enum(['no', 'allowed', 'default']),
      differ: z.array(z.enum(['pin', 'document', 'address', 'person'])),
    })
    .strict();

  const DiffSummarySchema = z
    .object({
      counts: z.object({ added: count, removed: count, changed: count, reidentified: count }).strict(),
      /** Each list issued-first, at most SHOWN_DIFF. */
      added: z.array(VoterRecordSchema),
      removed: z.array(VoterRecordSchema),
      changed: z.array(
        z
          .object({
            id: z.string(),
            before: VoterRecordSchema,
            after: VoterRecordSchema,
            fields: z.array(z.object({ field, before: z.string(), after: z.string() }).strict()),
          })
          .strict(),
      ),
      reidentified: z.array(z.object({ before: VoterRecordSchema, after: VoterRecordSchema, by: z.enum(['pin', 'document', 'name-birth']) }).strict()),
      unchanged: count,
      /** Ids among the lines sent whose voter already received a ballot. */
      issued: z.array(z.string()),
      /** Voters with a ballot among all removed. */
      issuedRemoved: count,
    })
    .strict();

  /** What the review shows after the check (and after each choice among duplicates). */
  const ReviewSchema = z
    .object({
      rowsChecked: count,
      formulaCells: z.array(z.object({ row: int.min(1), field, value: z.string() }).strict()),
      formulaCount: count,
      doubtfulNames: z.array(z.object({ row: int.min(1), text: z.string(), split: FullNameSplitSchema }).strict()),
      doubtfulCount: count,
      duplicates: z.array(DuplicateGroupSchema),
      duplicateCount: count,
      /** After the secretary's choices among duplicates. */
      voters: count,
      problems: z.array(RowProblemSchema),
      problemCount: count,
      badRows: count,
      diff: DiffSummarySchema.nullable(),
    })
    .strict();


  const PreparedSchema = z
    .object({
      type: z.literal('prepared'),
      id: count,
      listHash: z.string().regex(/^[0-9a-f]{64}$/u),
      details: ActivationDetailsSchema,
    })
    .strict();

  /**
   * The prepared list is stored (`created`: its blob was not there before: this import wrote it), and
   * here it is, packed with its index (typed arrays transferred) for the desk to open from memory.
   */
  const StagedSchema = z
    .object({
      type: z.literal('staged'),
      id: count,
      listHash: z.string().regex(/^[0-9a-f]{64}$/u),
      created: z.boolean(),
      /** Checked apart (`openStaged`): their shapes are the stored ones. */
      packed: z.unknown(),
      index: z.unknown(),
    })
    .strict();

  /** The list decided and packed by `plan` (its typed arrays transferred), with what the event records. */
  const PlannedSchema = z
    .object({
      type: z.literal('planned'),
      id: count,
      /** Checked by the worker that builds it. */
      packed: z.unknown(),
      details: ActivationDetailsSchema,
      rows: count,
    })
    .strict();

  /**
   * A backup read by the worker: its state and summary, or why it is refused (a `BackupProblem`). The
   * events were checked there, each with the envelope's schema, and the chains verified; the voter
   * lists' packed forms are checked where they are read (`listBlobVoters`).
   */
  const BackupReplySchema = z
    .object({
      type: z.literal('backup'),
      id: count,
      result: z.union([
        z
          .object({
            ok: z.literal(true),
            value: z
              .object({
                state: z
                  .object({
                    deviceId: z.string().min(1).max(100),
                    training: z.boolean(),
                    events: z.array(z.unknown()).max(5_000_000),
                    blobs: z.array(z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/u), kind: z.literal('voter-list'), data: z.unknown() }).strict()).max(100),
                    settings: z.record(z.string(), z.string()),
                  })
                  .strict(),
                summary: z
                  .object({ createdAt: z.string(), deviceId: z.string(), training: z.boolean(), events: count, ownEvents: count, devices: count })
                  .strict(),
              })
              .strict(),
          })
          .strict(),
        z.object({ ok: z.literal(false), error: z.looseObject({ code: z.string().max(40) }) }).strict(),
      ]),
    })
    .strict();

  const ImportReplySchema = z.discriminatedUnion('type', [
    ProgressSchema,
    ReadReplySchema,
    z.object({ type: z.literal('row-runs'), id: count, value: z.boolean() }).strict(),
    /** `plan` with a port: the planned list went there. */
    z.object({ type: z.literal('handed'), id: count }).strict(),
    z.object({ type: z.literal('review'), id: count, review: ReviewSchema }).strict(),
    PreparedSchema,
    PlannedSchema,
    StagedSchema,
    BackupReplySchema,
    /**
     * A backup made by the worker: the file (its text as a Blob: handed over by reference, where 40 MB
     * of text at 100,000 voters was copied into the window) and how many events it holds, or why not
     * (a `BackupProblem`).
     */
    z
      .object({
        type: z.literal('backup-made'),
        id: count,
        result: z.union([
          z.object({ ok: z.literal(true), value: z.object({ file: z.instanceof(Blob), events: count }).strict() }).strict(),
          z.object({ ok: z.literal(false), error: z.looseObject({ code: z.string().max(40) }) }).strict(),
        ]),
      })
      .strict(),
    z.object({ type: z.literal('error'), id: count, message: z.string().max(2000) }).strict(),
  ]);
  return { fileProblem: FileProblemSchema, request: ImportRequestSchema, phase: ImportPhaseSchema, progress: ProgressSchema, fileSummary: FileSummarySchema, diffSummary: DiffSummarySchema, review: ReviewSchema, activationDetails: ActivationDetailsSchema, planned: PlannedSchema, reply: ImportReplySchema, mapping: MappingSchema };
}

type Schemas = ReturnType<typeof makeSchemas>;
let made: Schemas | null = null;
const schemas = (): Schemas => (made ??= makeSchemas());

export type FileProblem = z.infer<Schemas['fileProblem']>;
export type ImportRequest = z.infer<Schemas['request']>;
export type ImportPhase = z.infer<Schemas['phase']>;
export type ImportProgress = z.infer<Schemas['progress']>;
export type FileSummary = z.infer<Schemas['fileSummary']>;
export type DiffSummary = z.infer<Schemas['diffSummary']>;
export type Review = z.infer<Schemas['review']>;
export type ActivationDetails = z.infer<Schemas['activationDetails']>;
export type PlannedReply = z.infer<Schemas['planned']>;

export type ImportReply =
  | z.infer<Schemas['reply']>
  | { type: 'staged'; id: number; listHash: string; created: boolean; packed: PackedVoterList; index: StoredSearchIndex }
  | { type: 'planned'; id: number; packed: PackedVoterList; details: ActivationDetails; rows: number };

export type StagedReply = Extract<z.infer<Schemas['reply']>, { type: 'staged' }>;

/** A staged list as the desk holds it: the records (repeated strings shared) and the index over them. */
export interface OpenedList {
  voters: VoterRecord[];
  index: VoterSearchIndex;
}

/**
 * A message from the other side, or null when it is not one of the protocol's. A prepared list is
 * accepted only when its packed form and index are sound and agree with the counts.
 */
export function parseImportReply(data: unknown): z.infer<Schemas['reply']> | null {
  const parsed = schemas().reply.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** Why a staged list is refused: its packed form, its count or its index does not hold together. */
export type StagedProblem = PackedListProblem | { code: 'count-mismatch'; packed: number; voters: number } | { code: 'unsound-index' };

/**
 * The staged list opened for the desk, a slice at a time (the window runs it with `inSlices`), or
 * why not — its packed form or index is not sound, or it is not `voters` voters long: checked,
 * unpacked and its index loaded (checked as it loads), each done once.
 */
export function* openStaged(reply: StagedReply, voters: number): Steps<Result<OpenedList, StagedProblem>> {
  const packed = yield* checkPackedListSteps(reply.packed);
  if (!packed.ok) return packed;
  if (packed.value.count !== voters) return err({ code: 'count-mismatch', packed: packed.value.count, voters });
  const records = yield* unpackVotersSteps(packed.value);
  try {
    return ok({ voters: records, index: yield* VoterSearchIndex.opening(records, reply.index as StoredSearchIndex) });
  } catch (e) {
    if (e instanceof RangeError) return err({ code: 'unsound-index' });
    throw e;
  }
}

export function parseImportRequest(data: unknown): ImportRequest | null {
  const parsed = schemas().request.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** The buffers of every typed array in a packed list and an index: transferred, not copied, across the thread. */
export function transferables(packed: PackedVoterList, index?: StoredSearchIndex): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const walk = (x: unknown, depth: number) => {
    if (depth > 4 || typeof x !== 'object' || x === null) return;
    if (ArrayBuffer.isView(x)) {
      if (x.buffer instanceof ArrayBuffer) found.add(x.buffer);
      return;
    }
    if (Array.isArray(x)) return; // arrays of strings or marks: copied
    for (const v of Object.values(x)) walk(v, depth + 1);
  };
  walk(packed, 0);
  walk(index, 0);
  return [...found];
}

/** How far an import has come, 0–100: the file read, its rows checked, its voters prepared and stored. */
export function progressPercent(p: { read: number; checked: number; prepared: number; stored: number; total: number; voters: number }): number {
  if (p.total === 0) return 0;
  const part = (done: number, of: number) => (of === 0 ? 0 : Math.min(1, done / of));
  const stored = p.voters === 0 ? 0 : (part(p.prepared, p.voters) + part(p.stored, p.voters)) / 2;
  return Math.floor((100 * (part(p.read, p.total) + part(p.checked, p.total) + stored)) / 3);
}

// ── shaping the review (pure; the worker calls these) ────────────────────────────────────────────

/** Issued-first, then capped: what the screen lists of a long difference. */
export function issuedFirst<T>(xs: readonly T[], idOf: (x: T) => string, issued: ReadonlySet<string>, cap = SHOWN_DIFF): T[] {
  const first: T[] = [];
  const rest: T[] = [];
  for (const x of xs) (issued.has(idOf(x)) ? first : rest).push(x);
  return [...first, ...rest].slice(0, cap);
}

export interface ReviewInput {
  rowsChecked: number;
  formulaCells: { row: number; field: VoterField; value: string }[];
  formulaCount: number;
  doubtfulNames: { row: number; text: string; split: FullNameSplit }[];
  duplicates: DuplicateGroup[];
  voters: readonly VoterRecord[];
  problems: readonly RowProblem[];
  diff: {
    added: readonly VoterRecord[];
    removed: readonly VoterRecord[];
    changed: readonly VoterChange[];
    unchanged: number;
    reidentified: readonly { before: VoterRecord; after: VoterRecord; by: 'pin' | 'document' | 'name-birth' }[];
  } | null;
  /** Voters of the active list (ids) who already received a ballot, among the removed and changed. */
  issued: ReadonlySet<string>;
}

/** The review as sent: counts of everything, lists capped to what the screen shows. */
export function reviewOf(x: ReviewInput): Review {
  const badRows = new Set(x.problems.map((p) => p.row)).size;
  const d = x.diff;
  let diff: DiffSummary | null = null;
  if (d) {
    const added = d.added.slice(0, SHOWN_DIFF);
    const removed = issuedFirst(d.removed, (v) => v.id, x.issued);
    const changed = issuedFirst(d.changed, (c) => c.id, x.issued);
    const reidentified = issuedFirst(d.reidentified, (p) => p.before.id, x.issued);
    const shownIds = new Set([...removed.map((v) => v.id), ...changed.map((c) => c.id), ...reidentified.map((p) => p.before.id)]);
    diff = {
      counts: { added: d.added.length, removed: d.removed.length, changed: d.changed.length, reidentified: d.reidentified.length },
      added: [...added],
      removed,
      changed: changed.map((c) => ({ id: c.id, before: c.before, after: c.after, fields: c.fields })),
      reidentified: reidentified.map((p) => ({ before: p.before, after: p.after, by: p.by })),
      unchanged: d.unchanged,
      issued: [...shownIds].filter((id) => x.issued.has(id)),
      issuedRemoved: d.removed.filter((v) => x.issued.has(v.id)).length,
    };
  }
  return {
    rowsChecked: x.rowsChecked,
    formulaCells: x.formulaCells,
    formulaCount: x.formulaCount,
    doubtfulNames: x.doubtfulNames.slice(0, SHOWN_NAMES),
    doubtfulCount: x.doubtfulNames.length,
    duplicates: x.duplicates.slice(0, SHOWN_GROUPS),
    duplicateCount: x.duplicates.length,
    voters: x.voters.length,
    problems: x.problems.slice(0, SHOWN_PROBLEMS).map((p) => ({ ...p })),
    problemCount: x.problems.length,
    badRows,
    diff,
  };
}

/** The mapping as the worker takes it (every field present). */
export function mappingOf(m: z.infer<Schemas['mapping']>): VoterMapping {
  return m as VoterMapping;
}
