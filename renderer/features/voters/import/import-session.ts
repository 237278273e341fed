/**
 * The import worker's work, as a plain object testable without a Worker (issue 19): one file at a
 * time — read (decode, parse or XLSX), the header picked, every row checked, compared with the active
 * list, and the list prepared for activation (hash, packed form, search index). It answers each
 * request (protocol: shared/voters/import-protocol.ts) through `post`, with progress messages while
 * it works. The rows and the checked voters stay here; the screen receives what it shows.
 */
import {
  checkPackedList,
  carryIdentities,
  diffVoterLists,
  excludeRows,
  headerCandidates,
  keepDuplicates,
  packVoters,
  placeOfRow,
  parseImportReply,
  parseImportRequest,
  reviewOf,
  restartingColumns,
  rowRunsAcrossPages,
  transferables,
  PackedVoters,
  recordColumns,
  validateVoterRows,
  VoterSearchIndex,
  type ActivationDetails,
  type PackedVoterList,
  type StoredSearchIndex,
  type FileSummary,
  type ImportPhase,
  type ImportReply,
  type ImportRequest,
  type Review,
  type ValidationResult,
  type VoterColumns,
  type VoterMapping,
  type VoterRecord,
} from '../../../../shared/voters';
import { canonicalListSha256 } from '../../../../shared/util/sha256-sync';
import { buildBackup, readBackupToRestore, type BackupState } from '../../../../shared/backup/backup-file';
import { previewIndices } from './preview-rows';
import { readVoterFile, type EncodingChoice, type ReadTable } from './read-file';
import { ok } from '../../../../shared/util/result';
import { recallHeaderRow } from './remembered-mapping';

/** What the session needs from the laptop's storage (the worker reads IndexedDB; tests give lists). */
export interface ImportSources {
  /** The active list's voters (hash and size as the projection gives them). */
  activeList(database: string, listHash: string, count: number): Promise<readonly VoterRecord[]>;
  /** Of these voter ids, the ones who already received a ballot. */
  issued(database: string, ids: readonly string[]): Promise<Set<string>>;
  /**
   * Stores the list in one transaction: its voters (packed) as its blob unless a blob of that hash
   * is there (true when written), and the desk's cache row `{ listHash, packed, index }`.
   */
  stage(database: string, list: PreparedList): Promise<boolean>;
  /** The whole log in causal order and the stored lists as records (a backup's `make-backup`). */
  log?(database: string): Promise<Pick<BackupState, 'events' | 'blobs'>>;
}

/**
 * What `prepare` made and `stage` stores and hands over: the list packed, not its records (issue
 * 19: they are let go once hashed and indexed, so the worker holds the packed form alone while it
 * is cloned for IndexedDB).
 */
export interface PreparedList {
  listHash: string;
  packed: PackedVoterList;
  index: StoredSearchIndex;
}

export type Post = (message: ImportReply, transfer?: Transferable[]) => void;

/**
 * Asked of the worker's heap at each point where much was just let go (issue 19): the file read,
 * every CHECK_COLLECT_ROWS rows checked, the check done, the list decided, hashed, indexed, stored.
 * In the worker a full collection (`collectHeap`); nothing in tests.
 */
export type Collect = () => void;

/** Rows checked between two collections while the check runs (each releases the rows before them). */
const CHECK_COLLECT_ROWS = 20_000;

const FILE_CHANGED = 'the file changed since it was read: choose it again';

/** The one message that comes on `port` (the port closed after it). */
function firstMessage(port: MessagePort): Promise<unknown> {
  return new Promise((resolve, reject) => {
    port.onmessage = (e: MessageEvent<unknown>) => {
      port.onmessage = null;
      port.close();
      resolve(e.data);
    };
    port.onmessageerror = () => {
      port.close();
      reject(new Error('the planned list could not be read'));
    };
  });
}


interface Checked {
  result: ValidationResult;
  active: readonly VoterRecord[] | null;
  database: string | null;
}

/** The chosen file and how it was read: the rows are read from it again once let go. */
interface Source {
  file: Blob;
  fileName: string;
  encoding: EncodingChoice;
  precinct: number;
  remembered: string | null;
  /** A list over several sheets taken whole (see readVoterFile). */
  combine: boolean;
}

export class ImportSession {
  /**
   * The file as read. Its `all` (every row, for another header row) is let go once the summary is
   * sent, and the table's rows as they are checked (issue 19, memory: the worker's heap never gives
   * back what it once held, so the file's rows beside the check were the import's high-water mark);
   * a request that needs them again reads the file again (`rows`).
   */
  private read: ReadTable | null = null;
  private source: Source | null = null;
  /** The table's rows were let go by a check. */
  private rowsReleased = false;
  private checked: Checked | null = null;
  /** One request at a time: a file read again for one is not read twice by the next. */
  private queue: Promise<void> = Promise.resolve();
  private counts = { read: 0, checked: 0, prepared: 0, total: 0, voters: 0 };
  /** The list the last `prepare` answered with, for `stage`. */
  private prepared: PreparedList | null = null;

  constructor(
    private readonly post: Post,
    private readonly sources: ImportSources,
    private readonly collect: Collect = () => undefined,
  ) {}

  /** One message from the screen; anything that is not a request of the protocol is answered with an error. */
  handle(data: unknown): Promise<void> {
    const next = this.queue.then(() => this.handleOne(data));
    this.queue = next;
    return next;
  }

  private async handleOne(data: unknown): Promise<void> {
    const request = parseImportRequest(data);
    if (!request) {
      const id = typeof (data as { id?: unknown } | null)?.id === 'number' ? (data as { id: number }).id : 0;
      this.post({ type: 'error', id: Number.isInteger(id) && id >= 0 ? id : 0, message: 'not an import request' });
      return;
    }
    try {
      await this.run(request);
    } catch (e) {
      this.post({ type: 'error', id: request.id, message: (e instanceof Error ? e.message : String(e)).slice(0, 2000) });
    }
  }

  private progress(id: number, phase: ImportPhase): void {
    this.post({ type: 'progress', id, phase, ...this.counts });
  }

  private async run(r: ImportRequest): Promise<void> {
    if (r.type !== 'stage') this.prepared = null;
    switch (r.type) {
      case 'read': {
        this.read = null;
        this.source = null;
        this.checked = null;
        this.counts = { read: 0, checked: 0, prepared: 0, total: 0, voters: 0 };
        this.progress(r.id, 'read');
        const source: Source = { file: r.file, fileName: r.fileName, encoding: r.encoding, precinct: r.precinct, remembered: r.remembered, combine: r.combine ?? true };
        const storage = { getItem: () => r.remembered, setItem: () => undefined };
        const read = await this.readFile(source, (all) => recallHeaderRow(storage, all), (rows) => {
          this.counts.read = rows;
          this.progress(r.id, 'read');
        });
        if (!read.ok) {
          this.post({ type: 'read', id: r.id, result: read });
          return;
        }
        this.counts = { read: read.value.table.rows.length, checked: 0, prepared: 0, total: read.value.table.rows.length, voters: 0 };
        this.progress(r.id, 'read');
        this.post({ type: 'read', id: r.id, result: ok(this.summary(read.value)) });
        this.keep(read.value, source);
        // The file's bytes, its text and the parser's pool are garbage now.
        this.collect();
        return;
      }
      case 'header': {
        const read = this.need();
        const source = this.source;
        if (!source) throw new Error('no file has been read');
        this.checked = null;
        // Every row of the file is read again (`all` was let go after the summary), the header at `row`.
        this.counts = { read: 0, checked: 0, prepared: 0, total: 0, voters: 0 };
        const again = await this.readFile(source, () => r.row, (rows) => {
          this.counts.read = rows;
          this.progress(r.id, 'read');
        });
        if (!again.ok) {
          this.post({ type: 'read', id: r.id, result: again });
          return;
        }
        if (again.value.fileHash !== read.fileHash) throw new Error(FILE_CHANGED);
        const t = again.value.table;
        this.counts = { read: t.rows.length, checked: 0, prepared: 0, total: t.rows.length, voters: 0 };
        this.post({ type: 'read', id: r.id, result: ok(this.summary(again.value)) });
        this.keep(again.value, source);
        this.collect();
        return;
      }
      case 'row-runs':
        this.post({ type: 'row-runs', id: r.id, value: rowRunsAcrossPages((await this.rows()).table.rows, r.mapping) });
        return;
      case 'check': {
        const read = await this.rows();
        this.checked = null;
        this.counts.checked = 0;
        this.counts.prepared = 0;
        this.counts.voters = 0;
        this.progress(r.id, 'check');
        // The rows go as they are checked: another check (a changed mapping) reads the file again.
        this.rowsReleased = true;
        const result = validateVoterRows(read.table, r.mapping as VoterMapping, {
          votingDay: r.votingDay,
          release: true,
          onRows: (n) => {
            // The rows checked so far are let go (release): collected before more records are made.
            if (n % CHECK_COLLECT_ROWS === 0) this.collect();
            this.counts.checked = n;
            this.progress(r.id, 'check');
          },
        });
        this.counts.checked = read.table.rows.length;
        this.progress(r.id, 'check');
        const active = r.active ? await this.sources.activeList(r.active.database, r.active.listHash, r.active.voters) : null;
        this.checked = { result, active, database: r.active?.database ?? null };
        this.collect();
        this.post({ type: 'review', id: r.id, review: await this.review(new Map()) });
        return;
      }
      case 'keep':
        this.post({ type: 'review', id: r.id, review: await this.review(new Map(r.keep)) });
        return;
      case 'prepare':
        // Two steps: the plan's frame (rows, check) is gone before the list is built.
        this.build(r.id, this.planCollected(new Map(r.keep), r.exclude));
        return;
      case 'plan': {
        const rows = this.counts.total;
        const plan = this.planCollected(new Map(r.keep), r.exclude);
        const packed = packVoters(plan.voters);
        const planned: ImportReply = { type: 'planned', id: r.id, packed, details: plan.details, rows };
        if (!r.to) {
          this.post(planned, transferables(packed));
          return;
        }
        // Straight to the worker that builds it; the screen only hears that it went.
        r.to.postMessage(planned, transferables(packed));
        this.post({ type: 'handed', id: r.id });
        return;
      }
      case 'build':
        this.buildPlanned(r.id, r);
        return;
      case 'build-from': {
        const planned = parseImportReply(await firstMessage(r.from));
        if (planned?.type !== 'planned') throw new Error('what came to be built is not a planned list');
        this.buildPlanned(r.id, planned);
        return;
      }
      case 'read-backup': {
        const read = await readBackupToRestore(await r.file.text(), r.passphrase, r.training);
        // The packed lists' typed arrays are transferred (a list of records has none).
        const transfer = read.ok ? read.value.state.blobs.flatMap((b) => transferables(b.data as PackedVoterList)) : [];
        this.post({ type: 'backup', id: r.id, result: read }, transfer);
        return;
      }
      case 'make-backup': {
        if (!this.sources.log) throw new Error('this session cannot read the log');
        const { events, blobs } = await this.sources.log(r.database);
        const built = await buildBackup({ deviceId: r.deviceId, training: r.training, events, blobs, settings: r.settings }, r.passphrase, { createdAt: r.createdAt });
        this.post({ type: 'backup-made', id: r.id, result: built.ok ? ok({ file: new Blob([built.value], { type: 'application/json' }), events: events.length }) : built });
        return;
      }
      case 'stage': {
        const prepared = this.prepared;
        if (!prepared) throw new Error('no list has been prepared');
        const created = await this.sources.stage(r.database, prepared);
        // What IndexedDB's copies left behind, before the list is copied again for the screen.
        this.collect();
        // The packed list and index go to the screen (transferred: this side's copies are gone).
        this.prepared = null;
        this.post({ type: 'staged', id: r.id, listHash: prepared.listHash, created, packed: prepared.packed, index: prepared.index }, transferables(prepared.packed, prepared.index));
        return;
      }
    }
  }

  /** A planned list (`plan`'s answer) checked and built in this session. */
  private buildPlanned(id: number, r: { packed: unknown; details: ActivationDetails; rows: number }): void {
    const packed = checkPackedList(r.packed);
    if (!packed.ok) throw new Error(`the planned list does not hold together (${packed.error.part})`);
    if (packed.value.count !== r.details.counts.voters) throw new Error('the planned list is not as long as its details say');
    this.read = null;
    this.source = null;
    this.checked = null;
    this.counts = { read: r.rows, checked: r.rows, prepared: 0, total: r.rows, voters: packed.value.count };
    // Read in place: the list is hashed and indexed a voter at a time, never unpacked whole.
    this.build(id, { voters: new PackedVoters(packed.value), details: r.details }, packed.value);
  }

  /** `plan`, then the heap collected: the file's rows and the check's working state it let go. */
  private planCollected(keep: ReadonlyMap<number, number>, exclude: boolean): ReturnType<ImportSession['plan']> {
    const plan = this.plan(keep, exclude);
    this.collect();
    return plan;
  }

  private need(): ReadTable {
    if (!this.read) throw new Error('no file has been read');
    return this.read;
  }

  /** The file read (decoded, parsed, the header found: `headerRowFor`), its bytes held only while read. */
  private readFile(source: Source, headerRowFor: (all: readonly string[][]) => number | undefined, onRows?: (rows: number) => void) {
    const file = { name: source.fileName, arrayBuffer: () => source.file.arrayBuffer() };
    return readVoterFile(file, source.encoding, source.precinct, headerRowFor, onRows, source.combine);
  }

  /** A file read kept for the next requests, without `all` (its rows are the table's, or read again). */
  private keep(read: ReadTable, source: Source): void {
    this.read = { ...read, all: [] };
    this.source = source;
    this.rowsReleased = false;
  }

  /**
   * The table with its rows: the ones read, or — once a check let them go — the file read again
   * with the same header row (the same file: its hash is compared).
   */
  private async rows(): Promise<ReadTable> {
    const read = this.need();
    const source = this.source;
    if (!this.rowsReleased || !source) return read;
    const headerRow = read.table.headerRow ?? 1;
    const again = await this.readFile(source, () => headerRow);
    if (!again.ok || again.value.fileHash !== read.fileHash) throw new Error(FILE_CHANGED);
    this.keep(again.value, source);
    return this.need();
  }

  private summary(read: ReadTable): FileSummary {
    const rows = read.table.rows;
    return {
      kind: read.kind,
      encoding: read.encoding,
      fileName: read.fileName,
      fileHash: read.fileHash,
      warnings: read.warnings,
      ...(read.mapping ? { mapping: read.mapping } : {}),
      header: read.table.header,
      headerRow: read.table.headerRow ?? 1,
      rows: rows.length,
      candidates: read.kind === 'bundle' ? [] : headerCandidates(read.all),
      repeatedHeaders: read.table.repeatedHeaders ?? [],
      restarting: read.kind === 'bundle' ? [] : restartingColumns(read.table.header, rows),
      preview: previewIndices(rows).map((index) => ({ index, cells: rows[index]! })),
      ...(read.sheets ? { sheets: read.sheets } : {}),
    };
  }

  /** The review after the secretary's choices among duplicates (`keep`: group → kept row). */
  private async review(keep: ReadonlyMap<number, number>): Promise<Review> {
    const checked = this.checked;
    if (!checked) throw new Error('the rows have not been checked');
    const { result } = checked;
    const effective = carried(keepDuplicates(result, keep).result, checked.active);
    let diff = null;
    let issued = new Set<string>();
    if (checked.active && checked.database) {
      diff = diffVoterLists(checked.active, effective.voters);
      issued = await this.sources.issued(checked.database, [...diff.removed.map((v) => v.id), ...diff.changed.map((c) => c.id), ...diff.reidentified.map((p) => p.before.id)]);
    }
    return reviewOf({
      rowsChecked: result.rowsChecked,
      formulaCells: result.formulaCells,
      formulaCount: result.formulaCount,
      doubtfulNames: result.doubtfulNames,
      duplicates: result.duplicates,
      voters: effective.voters,
      problems: effective.problems,
      diff,
      issued,
    });
  }

  /**
   * The list to activate: the chosen duplicates kept, rows with problems left out when `exclude`
   * (refused otherwise), and what the activation event records — decided from the check. From
   * here the session is spent (issue 19, memory): the file's rows and the check's working state
   * are let go, so only the voters are held while they are hashed, packed and indexed (`build`);
   * a screen that needs the rows again (a failed activation) starts again from the file.
   */
  private plan(keep: ReadonlyMap<number, number>, exclude: boolean): { voters: readonly VoterRecord[]; details: ActivationDetails } {
    const read = this.need();
    const checked = this.checked;
    if (!checked) throw new Error('the rows have not been checked');
    const { result } = checked;
    const kept = keepDuplicates(result, keep);
    const effective = carried(kept.result, checked.active);
    const badRows = [...new Set(effective.problems.map((p) => p.row))];
    if (badRows.length > 0 && !exclude) throw new Error('rows with problems are neither fixed nor left out');
    const left = badRows.length > 0 ? excludeRows(effective, badRows) : { voters: effective.voters, excluded: [] };
    const dropped = kept.decisions.flatMap((d) => d.dropped.map((row) => ({ row, codes: ['duplicate-left-out'] })));
    // A list from several sheets: each row left out also named by its sheet and the sheet's row (the
    // event's numbers run across the sheets; `sheets` below says how).
    const parts = read.sheets?.combined ? read.sheets.parts.map(({ name, headerRow, first, count }) => ({ name, headerRow, first, count })) : null;
    const placed = (x: { row: number; codes: string[] }) => {
      const at = parts ? placeOfRow(parts, x.row) : null;
      return at ? { ...x, sheet: at.sheet, sheetRow: at.row } : x;
    };
    const excluded = [...left.excluded, ...dropped].sort((a, b) => a.row - b.row).map(placed);
    const diff = checked.active ? diffVoterLists(checked.active, effective.voters) : null;
    const details: ActivationDetails = {
      source: { kind: read.kind, fileName: read.fileName.slice(0, 260), fileHash: read.fileHash, encoding: read.encoding },
      counts: { voters: left.voters.length, rowsInFile: read.table.rows.length, excluded: excluded.length },
      excluded,
      diff: diff ? { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length } : null,
      ...(kept.decisions.length > 0 ? { duplicatesKept: kept.decisions } : {}),
      ...(kept.keptAll.length > 0 ? { duplicatesKeptAll: kept.keptAll } : {}),
      ...(result.doubtfulNames.length > 0 ? { namesConfirmed: result.doubtfulNames.map((d) => d.row) } : {}),
      ...((read.table.headerRow ?? 1) !== 1 ? { headerRow: read.table.headerRow ?? 1 } : {}),
      ...(parts ? { sheets: parts } : {}),
    };
    this.read = null;
    this.source = null;
    this.checked = null;
    return { voters: left.voters, details };
  }

  /** The planned list hashed, packed and indexed; kept here for `stage`, the screen told its hash and what the event records. */
  private build(id: number, plan: { voters: readonly VoterRecord[] | VoterColumns; details: ActivationDetails }, given?: PackedVoterList): void {
    const { details } = plan;
    const voters = Array.isArray(plan.voters) ? recordColumns(plan.voters as readonly VoterRecord[]) : (plan.voters as VoterColumns);
    const total = voters.length;
    this.counts.prepared = 0;
    this.counts.voters = total;
    this.progress(id, 'prepare');
    // The hash of the list's canonical JSON, fed to the hash voter by voter: the text itself (~50 MB
    // at 100,000 voters, and its UTF-8 copy) is never made.
    const listHash = canonicalListSha256(total, (i) => voters.peek(i));
    // Hashing made a record per voter (each dropped at once): collected before the index is built.
    this.collect();
    this.counts.prepared = Math.floor(total / 3);
    this.progress(id, 'prepare');
    const packed = given ?? packVoters(voters.records());
    this.counts.prepared = Math.floor((2 * total) / 3);
    this.progress(id, 'prepare');
    const index = new VoterSearchIndex(voters).toStored();
    // The index's working state (the built index itself is let go for its stored form), before IndexedDB copies the list.
    this.collect();
    this.counts.prepared = total;
    this.progress(id, 'prepare');
    this.prepared = { listHash, packed, index };
    this.post({ type: 'prepared', id, listHash, details });
  }
}

/** The checked list with the ids the active list gave people whose shared ПИН or document it corrects (diff.ts `carryIdentities`). */
function carried<T extends { voters: VoterRecord[] }>(result: T, active: readonly VoterRecord[] | null): T {
  if (!active) return result;
  const c = carryIdentities(active, result.voters);
  return c.carried === 0 ? result : { ...result, voters: c.voters };
}
