/**
 * Importing the precinct's final voter list: read the file (CSV in UTF-8, UTF-8 with BOM or
 * Windows-1251, or XLSX), map its columns, check every row, show the difference against the active
 * list, and activate all of it — or nothing. Rows with problems are imported only if the user
 * explicitly leaves them out, and the exclusion is recorded with the list.
 *
 * The reading, the check, the comparison and the list's preparation (hash, packed form, search
 * index) run in the import worker (issue 19): this screen shows their progress with counts and can
 * cancel (the worker is stopped; nothing is stored). It writes the activation itself, in one
 * transaction, from the prepared list.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  columnLetter,
  guessMapping,
  restartsFrom,
  mappingProblems,
  splitFullName,
  openStaged,
  VOTER_FIELDS,
  type ActivationDetails,
  type FileProblem,
  type FileSummary,
  type Review,
  type VoterMapping,
} from '../../../../shared/voters';
import { inSlices } from '../../../../shared/util/steps';
import { PrintFrame } from '../../../print/PrintFrame';
import { DocHeader } from '../../../print/DocHeader';
import { appNow } from '../../../app/clock';
import { DiffByName, DoubtfulNamesPanel, DuplicatesPanel, FormulaCellsPanel } from './ReviewPanels';
import { rowNames, sheetsRestartingPages } from './row-place';
import { looksLikeFormula } from './preview-rows';
import { formatNumber } from '../../../app/format';
import type { Language } from '../../../app/i18n';
import { navigate } from '../../../app/router';
import { useSession, useSetup } from '../../../app/session';
import { contextOf, databaseName, discardStaged, readActiveListRef } from '../../../core';
import { primeList } from '../../../core/voter-list';
import { activateStagedList } from '../../../core/activate-list';
import { commands } from '../../../core/bus';
import type { EncodingChoice } from './read-file';
import { MAPPINGS_KEY, recallMapping, rememberMapping } from './remembered-mapping';
import { FilePicker } from '../../../app/FilePicker';
import { ImportCancelled, ImportWorker } from './import-client';
import { ImportProgressPanel, ProgressStore, type Job } from './ImportProgress';
import type { Result } from '../../../../shared/util/result';

type ReadState = Result<FileSummary, FileProblem[]>;

/** Two painted frames: the progress at 100 % is seen before the screen is left. */
function painted(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

export function ImportScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<EncodingChoice>('auto');
  const [read, setRead] = useState<ReadState | null>(null);
  const [mapping, setMapping] = useState<VoterMapping | null>(null);
  const [recalled, setRecalled] = useState(false);
  const [review, setReview] = useState<Review | null>(null);
  const [exclude, setExclude] = useState(false);
  const [job, setJob] = useState<Job | null>(null);
  const [progress] = useState(() => new ProgressStore());
  const [failure, setFailure] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [headerProblems, setHeaderProblems] = useState<FileProblem[] | null>(null);
  const [keep, setKeep] = useState<Map<number, number>>(new Map());
  const [namesConfirmed, setNamesConfirmed] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [rowRuns, setRowRuns] = useState(false);
  /** A workbook's list over several sheets with the same columns is taken whole unless the secretary unticks it. */
  const [combine, setCombine] = useState(true);
  const worker = useRef<ImportWorker | null>(null);

  // An activation under way (from "Activate" to the desk): it is not cancelled by leaving the screen.
  const activating = useRef(false);
  const mounted = useRef(true);
  // The worker goes with the screen, but an activation the member asked for runs to its end: the
  // screen left (a click on the menu) while the list was being stored dropped it in silence, where
  // the cancel button is disabled because storing cannot be cancelled halfway.
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (!activating.current) worker.current?.terminate();
    };
  }, []);

  function resetCheck() {
    setReview(null);
    setExclude(false);
    setKeep(new Map());
    setNamesConfirmed(false);
  }

  /** A job of the worker: its progress shown, its failure reported; a cancellation is not a failure. */
  async function run<T>(kind: Job, work: (w: ImportWorker) => Promise<T>): Promise<T | null> {
    const w = worker.current;
    if (!w) return null;
    setJob(kind);
    setFailure(null);
    try {
      return await work(w);
    } catch (e) {
      if (!(e instanceof ImportCancelled)) setFailure(e instanceof Error ? e.message : String(e));
      return null;
    } finally {
      if (worker.current === w) setJob(null);
    }
  }

  async function load(f: File | null, enc: EncodingChoice, whole: boolean = combine) {
    setCombine(whole);
    worker.current?.terminate();
    worker.current = null;
    setRead(null);
    setMapping(null);
    setRecalled(false);
    setHeaderProblems(null);
    resetCheck();
    setDone(null);
    setCancelled(false);
    setFailure(null);
    progress.set(null);
    if (!f) return;
    const w = new ImportWorker((p) => {
      if (worker.current === w) progress.set((prev) => ({ ...p, stored: prev?.stored ?? 0 }));
    });
    worker.current = w;
    let remembered: string | null = null;
    try {
      remembered = localStorage.getItem(MAPPINGS_KEY);
    } catch {
      // Without the remembered mappings the header is found as for a new layout.
    }
    const r = await run('read', (x) => x.read({ type: 'read', file: f, fileName: f.name, encoding: enc, precinct: setup.precinct.number, remembered, combine: whole }));
    if (!r || worker.current !== w) return;
    setRead(r);
    if (r.ok) {
      // A bundle names its columns exactly; a file's mapping is recalled or guessed.
      const kept = r.value.mapping ? null : recallMapping(localStorage, r.value.header);
      setRecalled(kept !== null);
      setMapping((r.value.mapping as VoterMapping | undefined) ?? kept ?? guessMapping(r.value.header, restartsFrom(r.value.restarting)));
    }
  }

  function cancel() {
    worker.current?.terminate();
    worker.current = null;
    setJob(null);
    setRead(null);
    setMapping(null);
    setHeaderProblems(null);
    resetCheck();
    progress.set(null);
    setCancelled(true);
  }

  /** The user picks another row as the header (title rows above it). */
  async function pickHeader(row: number) {
    if (!read?.ok) return;
    resetCheck();
    const r = await run('read', (w) => w.header(row));
    if (!r) return;
    if (!r.ok) {
      setHeaderProblems(r.error);
      return;
    }
    setHeaderProblems(null);
    setRead(r);
    const remembered = recallMapping(localStorage, r.value.header);
    setRecalled(remembered !== null);
    setMapping(remembered ?? guessMapping(r.value.header, restartsFrom(r.value.restarting)));
  }

  const summary = read?.ok ? read.value : null;
  const names = useMemo(() => rowNames(t, summary?.sheets), [t, summary]);
  const restarting = useMemo(() => (review ? sheetsRestartingPages(summary?.sheets, review.problems) : []), [review, summary]);
  const mapProblems = useMemo(() => (mapping && summary ? mappingProblems(mapping, summary.header, restartsFrom(summary.restarting)) : []), [mapping, summary]);

  // Whether the chosen row column ever starts again on a new page: asked of the worker (it has the rows).
  useEffect(() => {
    setRowRuns(false);
    const w = worker.current;
    if (!w || !mapping || !summary || mapping.page === null || mapping.row === null) return;
    let live = true;
    w.rowRuns({ type: 'row-runs', mapping }).then(
      (v) => live && setRowRuns(v),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [mapping, summary]);

  async function check() {
    if (!summary || !mapping) return;
    if (summary.kind !== 'bundle') rememberMapping(localStorage, summary.header, mapping, summary.headerRow);
    resetCheck();
    const active = await readActiveListRef();
    const r = await run('check', (w) => w.check({ type: 'check', mapping, votingDay: setup.election.votingDay, active }));
    if (r) setReview(r);
  }

  async function chooseDuplicate(group: number, row: number) {
    const next = new Map(keep).set(group, row);
    setKeep(next);
    const r = await run('check', (w) => w.keep([...next]));
    if (r) setReview(r);
  }

  const namesOk = !review || review.doubtfulCount === 0 || namesConfirmed;
  const canActivate = review !== null && (review.problemCount === 0 || exclude) && namesOk && job === null;

  async function activate() {
    if (!review) return;
    const reader = worker.current;
    if (!reader) return;
    activating.current = true;
    try {
      await activateList(review, reader);
    } finally {
      activating.current = false;
    }
  }

  async function activateList(review: Review, reader: ImportWorker) {
    // A fresh worker builds the list from its packed form and stores it, and the worker that read
    // and checked the file goes once the list is handed over (issue 19: its heap — the file's text,
    // rows and the check — while the list was stored was the import's peak of memory). The list
    // goes from worker to worker over a channel of their own: relayed through this window it was
    // deserialised, checked and serialised again on the UI thread, the import's longest task.
    let received: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => {
      received = resolve;
    });
    const w: ImportWorker = new ImportWorker((p) => {
      received();
      if (worker.current === w) progress.set((prev) => ({ ...p, stored: prev?.stored ?? 0 }));
    });
    const channel = new MessageChannel();
    const building = w.buildFrom(channel.port2);
    // Settled below, or dropped with the worker when the hand-over does not happen.
    building.catch(() => undefined);
    const handed = await run('prepare', async (x) => {
      await x.handOver([...keep], review.problemCount > 0 && exclude, channel.port1);
      return true;
    });
    // Cancelled (or refused) while deciding the list: nothing is written.
    if (!handed || worker.current !== reader) {
      w.terminate();
      return;
    }
    worker.current = w;
    setJob('prepare');
    let prepared: { listHash: string; details: ActivationDetails };
    try {
      // The reader goes once the builder has the list (its first progress: the build begun) or failed.
      await Promise.race([arrived, building]);
      reader.terminate();
      prepared = await building;
    } catch (e) {
      reader.terminate();
      // Cancelled: nothing is written. Failed: the file is read again for another try.
      if (e instanceof ImportCancelled || worker.current !== w) return;
      w.terminate();
      worker.current = null;
      setJob(null);
      await load(file, encoding);
      setFailure(e instanceof Error ? e.message : String(e));
      return;
    }
    if (worker.current !== w) return;
    setJob('store');
    let staged = false;
    try {
      // The list is stored by the worker (cloning it for IndexedDB here froze the window for
      // seconds) and handed over packed; this window checks and opens it a slice per task (no task
      // of this window runs long), then records the event — only if the list is stored — in one
      // transaction.
      const reply = await w.stage(databaseName());
      staged = true;
      // The worker's part is done: it goes now, before this window opens the list (issue 19: the
      // worker's heap — the voters, their packed form and index — and the list opened here were
      // held at once, the import's peak of memory).
      w.terminate();
      if (worker.current === w) worker.current = null;
      if (reply.listHash !== prepared.listHash) throw new Error('the import worker stored another list');
      const opened = await inSlices(openStaged(reply, prepared.details.counts.voters));
      if (!opened.ok) throw new Error(`the import worker prepared a list that does not hold together (${JSON.stringify(opened.error)})`);
      await activateStagedList(commands, prepared.details, contextOf(setup, operator?.id ?? null), prepared.listHash);
      staged = false;
      // The desk opens this list from memory, not by reading back what was just written.
      const list = opened.value;
      primeList(prepared.listHash, () => list);
      const voters = list.voters;
      progress.set((p) => (p ? { ...p, stored: voters.length } : p));
      setDone(t('import:activated', { count: voters.length }));
      setJob(null);
      await painted();
      // Left meanwhile: the member is elsewhere, and finds the list on the desk.
      if (mounted.current) navigate('voters');
    } catch (e) {
      // What this import stored for an activation that did not happen is removed again (kept when
      // an event names that list: the same list activated before).
      if (staged) await discardStaged(prepared.listHash).catch(() => undefined);
      // The worker let the file's rows go when it prepared the list: for another try the file is
      // read again (the mapping is remembered), the failure shown.
      w.terminate();
      if (worker.current === w) worker.current = null;
      setJob(null);
      await load(file, encoding);
      setFailure(e instanceof Error ? e.message : String(e));
    }
  }

  const n = (x: number) => formatNumber(x, lng);
  const diff = review?.diff ?? null;
  const issued = useMemo(() => new Set(diff?.issued ?? []), [diff]);
  if (printing && diff) {
    return (
      <PrintFrame title={t('import:review.diffPrintTitle')} fileName={`list-changes-${setup.precinct.number}.pdf`} onBack={() => setPrinting(false)}>
        <DocHeader title={t('import:review.diffPrintTitle')} printedAt={new Date(appNow())} />
        <p>{t('import:diffCounts', { added: n(diff.counts.added), removed: n(diff.counts.removed), changed: n(diff.counts.changed) })}</p>
        <DiffByName diff={diff} issued={issued} />
      </PrintFrame>
    );
  }
  const mappedFields = mapping ? VOTER_FIELDS.filter((f) => mapping[f] !== null && mapping[f] !== undefined) : [];
  return (
    <div className="import" data-testid="import">
      <h1>{t('import:title')}</h1>
      <section className="card">
        <div className="grid">
          <div className="field">
            <span>{t('import:file')}</span>
            <FilePicker
              accept=".csv,.txt,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              testId="voter-file"
              onFile={(f) => {
                setFile(f);
                void load(f, encoding, true);
              }}
            />
          </div>
          <label className="field">
            <span>{t('import:encoding')}</span>
            <select
              value={encoding}
              data-testid="voter-encoding"
              onChange={(e) => {
                const enc = e.target.value as EncodingChoice;
                setEncoding(enc);
                void load(file, enc);
              }}
            >
              <option value="auto">{t('import:encodingAuto')}</option>
              <option value="utf-8">UTF-8</option>
              <option value="windows-1251">Windows-1251</option>
              <option value="ibm866">DOS (866)</option>
            </select>
          </label>
        </div>
        {read && !read.ok && (
          <div className="alert alert-error" role="alert" data-testid="import-error">
            <strong>{t('import:refused', { file: file?.name ?? '' })}</strong>
            <ul>
              {read.error.map((p, i) => (
                <li key={i}>
                  {p.code === 'bundle-invalid'
                    ? t('import:problem.bundle-invalid', { problem: t(`errors:bundle.${String(p.params?.problem)}`), path: p.params?.path ?? '' })
                    : t(`import:problem.${p.code}`, { ...p.params })}
                </li>
              ))}
            </ul>
          </div>
        )}
        {read?.ok && (
          <p className="hint" data-testid="import-read">
            {t('import:readOk', { rows: n(read.value.rows), columns: read.value.header.length, encoding: read.value.encoding === 'ibm866' ? 'DOS (866)' : (read.value.encoding ?? 'XLSX') })}
            {read.value.warnings.map((w) => (
              <span key={w.code} className="alert alert-warn block" data-testid={`import-warning-${w.code}`}>
                {t(`import:warning.${w.code}`, { ...w.params })}
              </span>
            ))}
          </p>
        )}
        {read?.ok && read.value.sheets && (
          <div className="hint" data-testid="import-sheets">
            <label className="check">
              <input type="checkbox" checked={read.value.sheets.combined} disabled={job !== null} onChange={(e) => void load(file, encoding, e.target.checked)} data-testid="import-sheets-combine" />
              {t('import:sheets.combine', { count: read.value.sheets.parts.length })}
            </label>
            <ul>
              {read.value.sheets.parts.map((p) => (
                <li key={p.name}>{t('import:sheets.part', { sheet: p.name, count: p.rows })}</li>
              ))}
            </ul>
          </div>
        )}
      </section>

      {read?.ok && mapping && (
        <section className="card" data-testid="mapping">
          <h2>{t('import:mappingTitle')}</h2>
          {recalled && (
            <p className="hint" data-testid="mapping-recalled">
              {t('import:mappingRecalled')}
            </p>
          )}
          {read.value.candidates.length > 1 && (
            <label className="field">
              <span>{t('import:review.headerRow')}</span>
              <select value={read.value.headerRow} data-testid="header-row" disabled={job !== null} onChange={(e) => void pickHeader(Number(e.target.value))}>
                {read.value.candidates.map((c) => (
                  <option key={c.row} value={c.row}>
                    {t('import:review.rowN', { row: c.row })}: {c.cells.filter((x) => x.trim() !== '').join(' | ').slice(0, 120)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {read.value.headerRow > 1 && (
            <p className="hint" data-testid="header-row-note">
              {t('import:review.titleRowsSkipped', { row: read.value.headerRow })}
            </p>
          )}
          {read.value.repeatedHeaders.length > 0 && (
            <p className="hint" data-testid="repeated-headers-note">
              {t('import:review.repeatedHeadersSkipped', {
                count: read.value.repeatedHeaders.length,
                rows: read.value.repeatedHeaders.slice(0, 10).join(', ') + (read.value.repeatedHeaders.length > 10 ? ', …' : ''),
              })}
            </p>
          )}
          {headerProblems && (
            <ul className="alert alert-error" data-testid="header-problems">
              {headerProblems.map((p, i) => (
                <li key={i}>{t(`import:problem.${p.code}`, { ...p.params })}</li>
              ))}
            </ul>
          )}
          <div className="grid">
            {VOTER_FIELDS.map((field) => (
              <label key={field} className="field">
                <span>{t(`import:field.${field}`)}</span>
                <select
                  value={mapping[field] ?? ''}
                  data-testid={`map-${field}`}
                  onChange={(e) => setMapping({ ...mapping, [field]: e.target.value === '' ? null : Number(e.target.value) })}
                >
                  <option value="">{t('import:notInFile')}</option>
                  {read.value.header.map((h, i) => (
                    <option key={i} value={i}>
                      {columnLetter(i)}: {h.trim() || '—'}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          {mapProblems.length > 0 && (
            <ul className="alert alert-error" data-testid="mapping-problems">
              {mapProblems.map((p, i) => (
                <li key={i}>{t(`import:problem.${p.code}`, { ...p.params, field: p.field ? t(`import:field.${p.field}`) : '' })}</li>
              ))}
            </ul>
          )}
          {mapProblems.some((p) => p.code === 'missing-required-column' && (p.field === 'page' || p.field === 'row')) && (
            <p className="alert alert-warn" data-testid="no-page-row">
              {t('import:review.noPageRow')}
            </p>
          )}
          {rowRuns && mapping.row !== null && (
            <p className="alert alert-warn" data-testid="row-runs-on">
              {t('import:review.rowRunsOn', { header: `${columnLetter(mapping.row)}: ${(read.value.header[mapping.row] ?? '').trim() || '—'}` })}
            </p>
          )}
          <p className="hint">{t('import:review.previewHint')}</p>
          <div className="table-scroll">
            <table className="table preview" data-testid="mapping-preview">
              <thead>
                <tr>
                  <th>{t('import:row')}</th>
                  {mappedFields.map((f) => (
                    <th key={f}>{t(`import:field.${f}`)}</th>
                  ))}
                  {mapping.fullName !== null && <th>{t('import:review.splitAs')}</th>}
                </tr>
              </thead>
              <tbody>
                {read.value.preview.map(({ index, cells: row }, k) => {
                  const gap = k > 0 && index !== read.value.preview[k - 1]!.index + 1;
                  const split = mapping.fullName !== null ? splitFullName((row[mapping.fullName] ?? '').trim().replace(/\s+/gu, ' ')) : null;
                  return (
                    <tr key={index} className={gap ? 'gap-above' : undefined} data-testid="preview-row">
                      <td className="muted">{names.cell(read.value.headerRow + 1 + index)}</td>
                      {mappedFields.map((f) => {
                        const text = row[mapping[f] as number] ?? '';
                        const formula = looksLikeFormula(text);
                        return (
                          <td key={f} className={formula ? 'formula-cell' : undefined} title={formula ? t('import:review.formulaCell') : undefined}>
                            {text}
                            {formula ? ' ⚠' : ''}
                          </td>
                        );
                      })}
                      {split && (
                        <td className={split.doubt ? 'formula-cell' : undefined}>
                          {split.surname} / {split.name} / {split.patronymic || '—'}
                          {split.doubt ? ' ?' : ''}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="actions">
            <button type="button" className="primary" disabled={mapProblems.length > 0 || job !== null} onClick={() => void check()} data-testid="import-check">
              {t('import:check')}
            </button>
          </div>
        </section>
      )}

      <ImportProgressPanel store={progress} job={job} cancelled={cancelled} failure={failure} onCancel={cancel} />

      {review && (
        <section className="card" data-testid="import-result">
          <FormulaCellsPanel result={review} names={names} />
          <DuplicatesPanel groups={review.duplicates} count={review.duplicateCount} choice={keep} onChoose={(g, r) => void chooseDuplicate(g, r)} names={names} />
          <DoubtfulNamesPanel result={review} confirmed={namesConfirmed} onConfirm={setNamesConfirmed} names={names} />
          {review.problemCount === 0 ? (
            <p className="alert alert-ok">{t('import:allGood', { count: review.voters })}</p>
          ) : (
            <>
              <p className="alert alert-error" data-testid="import-problems-summary">
                {t('import:problemsSummary', { problems: n(review.problemCount), rows: n(review.badRows) })}
              </p>
              {restarting.length > 0 && (
                <p className="alert alert-warn" data-testid="import-pages-restart">
                  {t('import:sheets.pagesRestart', { sheets: restarting.map((x) => `«${x}»`).join(', '), count: restarting.length })}
                </p>
              )}
              <div className="table-scroll">
                <table className="table" data-testid="import-problems">
                  <thead>
                    <tr>
                      <th>{t('import:row')}</th>
                      <th>{t('import:fieldCol')}</th>
                      <th>{t('import:reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {review.problems.map((p, i) => (
                      <tr key={i}>
                        <td>{names.cell(p.row)}</td>
                        <td>{p.field ? t(`import:field.${p.field}`) : '—'}</td>
                        <td>
                          {t(`import:problem.${p.code}`, { ...p.params, ...(typeof p.params?.rows === 'string' ? { rows: names.list(p.params.rows) } : {}), value: p.value ?? '' })}
                          {p.value ? <span className="muted"> «{p.value}»</span> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <label className="check">
                <input type="checkbox" checked={exclude} onChange={(e) => setExclude(e.target.checked)} data-testid="import-exclude" />
                {t('import:excludeRows', { rows: n(review.badRows), remaining: n(review.voters) })}
              </label>
            </>
          )}
          {diff && (
            <div className="diff" data-testid="import-diff">
              <h3>{t('import:diffTitle')}</h3>
              <p>{t('import:diffCounts', { added: n(diff.counts.added), removed: n(diff.counts.removed), changed: n(diff.counts.changed) })}</p>
              {diff.issuedRemoved > 0 && <p className="alert alert-warn">{t('import:issuedRemoved', { count: diff.issuedRemoved })}</p>}
              <DiffByName diff={diff} issued={issued} />
              <button type="button" onClick={() => setPrinting(true)} data-testid="import-diff-print">
                {t('common:print')}
              </button>
            </div>
          )}
          {done && <p className="alert alert-ok">{done}</p>}
          <div className="actions">
            <button type="button" onClick={() => navigate('voters')}>
              {t('common:cancel')}
            </button>
            <button type="button" className="primary" disabled={!canActivate} onClick={() => void activate()} data-testid="import-activate">
              {t('import:activate')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
