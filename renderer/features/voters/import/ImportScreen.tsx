/**
 * Importing the precinct's final voter list: read the file (CSV in UTF-8, UTF-8 with BOM or
 * Windows-1251, or XLSX), map its columns, check every row, show the difference against the active
 * list, and activate all of it — or nothing. Rows with problems are imported only if the user
 * explicitly leaves them out, and the exclusion is recorded with the list.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  columnLetter,
  diffVoterLists,
  excludeRows,
  guessMapping,
  headerCandidates,
  keepDuplicates,
  mappingProblems,
  rowRunsAcrossPages,
  splitFullName,
  validateVoterRows,
  VOTER_FIELDS,
  type VoterDiff,
  type VoterMapping,
  type ValidationResult,
} from '../../../../shared/voters';
import { PrintFrame } from '../../../print/PrintFrame';
import { DocHeader } from '../../../print/DocHeader';
import { appNow } from '../../../app/clock';
import { DiffByName, DoubtfulNamesPanel, DuplicatesPanel, FormulaCellsPanel } from './ReviewPanels';
import { looksLikeFormula, previewIndices } from './preview-rows';
import { formatNumber } from '../../../app/format';
import type { Language } from '../../../app/i18n';
import { navigate } from '../../../app/router';
import { useSession, useSetup } from '../../../app/session';
import { contextOf, eventStore } from '../../../app/store';
import { loadList } from '../../../core/voter-list';
import { activateVoterList } from '../../../core/activate-list';
import { readVoterFile, tableAt, type ReadFile, type EncodingChoice, type FileProblem } from './read-file';
import { recallHeaderRow, recallMapping, rememberMapping } from './remembered-mapping';
import { FilePicker } from '../../../app/FilePicker';
import { db } from '../../../app/store';
import type { VoterListRow } from '../../../db/schema';

const SHOWN_PROBLEMS = 300;

export function ImportScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<EncodingChoice>('auto');
  const [read, setRead] = useState<ReadFile | null>(null);
  const [mapping, setMapping] = useState<VoterMapping | null>(null);
  const [recalled, setRecalled] = useState(false);
  const [result, setResult] = useState<ValidationResult | null>(null);
  const [exclude, setExclude] = useState(false);
  const [diff, setDiff] = useState<{ diff: VoterDiff; issuedRemoved: number; issued: Set<string> } | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [headerProblems, setHeaderProblems] = useState<FileProblem[] | null>(null);
  const [keep, setKeep] = useState<Map<number, number>>(new Map());
  const [namesConfirmed, setNamesConfirmed] = useState(false);
  const [printing, setPrinting] = useState(false);

  function resetCheck() {
    setResult(null);
    setDiff(null);
    setExclude(false);
    setKeep(new Map());
    setNamesConfirmed(false);
  }

  async function load(f: File | null, enc: EncodingChoice) {
    setRead(null);
    setMapping(null);
    setRecalled(false);
    setHeaderProblems(null);
    resetCheck();
    setDone(null);
    if (!f) return;
    const r = await readVoterFile(f, enc, setup.precinct.number, (all) => recallHeaderRow(localStorage, all));
    setRead(r);
    if (r.ok) {
      // A bundle names its columns exactly; a file's mapping is recalled or guessed.
      const remembered = r.mapping ? null : recallMapping(localStorage, r.table.header);
      setRecalled(remembered !== null);
      setMapping(r.mapping ?? remembered ?? guessMapping(r.table.header));
    }
  }

  /** The user picks another row as the header (title rows above it). */
  function pickHeader(row: number) {
    if (!read?.ok) return;
    resetCheck();
    const t2 = tableAt(read.all, read.merges, row);
    if (!t2.ok) {
      setHeaderProblems(t2.problems);
      return;
    }
    setHeaderProblems(null);
    setRead({ ...read, table: t2.table });
    const remembered = recallMapping(localStorage, t2.table.header);
    setRecalled(remembered !== null);
    setMapping(remembered ?? guessMapping(t2.table.header));
  }

  const mapProblems = useMemo(() => (mapping && read?.ok ? mappingProblems(mapping, read.table.header) : []), [mapping, read]);
  const candidates = useMemo(() => (read?.ok && read.kind !== 'bundle' ? headerCandidates(read.all) : []), [read]);
  const rowRuns = useMemo(() => (mapping && read?.ok ? rowRunsAcrossPages(read.table.rows, mapping) : false), [mapping, read]);
  const previewRows = useMemo(() => (read?.ok ? previewIndices(read.table.rows) : []), [read]);
  const kept = useMemo(() => (result ? keepDuplicates(result, keep) : null), [result, keep]);

  async function check() {
    if (!read?.ok || !mapping) return;
    if (read.kind !== 'bundle') rememberMapping(localStorage, read.table.header, mapping, read.table.headerRow ?? 1);
    const validated = validateVoterRows(read.table, mapping, { votingDay: setup.election.votingDay });
    resetCheck();
    setResult(validated);
    await compare(keepDuplicates(validated).result);
  }

  /** The difference against the active list, for the voters this import would activate. */
  async function compare(r: ValidationResult) {
    const meta = (await db.projections.get('voterList'))?.value as VoterListRow | null | undefined;
    if (meta) {
      const active = await loadList(meta);
      const d = diffVoterLists(active.voters, r.voters);
      const touched = [...d.removed.map((v) => v.id), ...d.changed.map((c) => c.id)];
      const statuses = await db.voterStatus.bulkGet(touched);
      const issued = new Set(touched.filter((_, i) => statuses[i]?.issued));
      const issuedRemoved = d.removed.filter((v) => issued.has(v.id)).length;
      setDiff({ diff: d, issuedRemoved, issued });
    } else setDiff(null);
  }

  function chooseDuplicate(group: number, row: number) {
    if (!result) return;
    const next = new Map(keep).set(group, row);
    setKeep(next);
    void compare(keepDuplicates(result, next).result);
  }

  const effective = kept?.result ?? null;
  const badRows = effective ? [...new Set(effective.problems.map((p) => p.row))] : [];
  const namesOk = !result || result.doubtfulNames.length === 0 || namesConfirmed;
  const canActivate = effective !== null && (effective.problems.length === 0 || exclude) && namesOk && !busy;

  async function activate() {
    if (!read?.ok || !effective || !kept || !result) return;
    setBusy(true);
    try {
      const left = effective.problems.length > 0 ? excludeRows(effective, badRows) : { voters: effective.voters, excluded: [] };
      const dropped = kept.decisions.flatMap((d) => d.dropped.map((row) => ({ row, codes: ['duplicate-left-out'] })));
      const excluded = [...left.excluded, ...dropped].sort((a, b) => a.row - b.row);
      await activateVoterList(
        eventStore,
        left.voters,
        {
          source: { kind: read.kind, fileName: read.fileName, fileHash: read.fileHash, encoding: read.encoding },
          counts: { voters: left.voters.length, rowsInFile: read.table.rows.length, excluded: excluded.length },
          excluded,
          diff: diff ? { added: diff.diff.added.length, removed: diff.diff.removed.length, changed: diff.diff.changed.length } : null,
          ...(kept.decisions.length > 0 ? { duplicatesKept: kept.decisions } : {}),
          ...(result.doubtfulNames.length > 0 ? { namesConfirmed: result.doubtfulNames.map((d) => d.row) } : {}),
          ...((read.table.headerRow ?? 1) !== 1 ? { headerRow: read.table.headerRow ?? 1 } : {}),
        },
        contextOf(setup, operator?.id ?? null),
      );
      setDone(t('import:activated', { count: left.voters.length }));
      navigate('voters');
    } finally {
      setBusy(false);
    }
  }

  const n = (x: number) => formatNumber(x, lng);
  if (printing && diff) {
    return (
      <PrintFrame title={t('import:review.diffPrintTitle')} fileName={`list-changes-${setup.precinct.number}.pdf`} onBack={() => setPrinting(false)}>
        <DocHeader title={t('import:review.diffPrintTitle')} printedAt={new Date(appNow())} />
        <p>{t('import:diffCounts', { added: n(diff.diff.added.length), removed: n(diff.diff.removed.length), changed: n(diff.diff.changed.length) })}</p>
        <DiffByName diff={diff.diff} issued={diff.issued} />
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
                void load(f, encoding);
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
            </select>
          </label>
        </div>
        {read && !read.ok && (
          <div className="alert alert-error" role="alert" data-testid="import-error">
            <strong>{t('import:refused', { file: file?.name ?? '' })}</strong>
            <ul>
              {read.problems.map((p, i) => (
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
            {t('import:readOk', { rows: n(read.table.rows.length), columns: read.table.header.length, encoding: read.encoding ?? 'XLSX' })}
            {read.warnings.map((w) => (
              <span key={w.code} className="alert alert-warn block">
                {t(`import:warning.${w.code}`, { ...w.params })}
              </span>
            ))}
          </p>
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
          {candidates.length > 1 && (
            <label className="field">
              <span>{t('import:review.headerRow')}</span>
              <select value={read.table.headerRow ?? 1} data-testid="header-row" onChange={(e) => pickHeader(Number(e.target.value))}>
                {candidates.map((c) => (
                  <option key={c.row} value={c.row}>
                    {t('import:review.rowN', { row: c.row })}: {c.cells.filter((x) => x.trim() !== '').join(' | ').slice(0, 120)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {(read.table.headerRow ?? 1) > 1 && (
            <p className="hint" data-testid="header-row-note">
              {t('import:review.titleRowsSkipped', { row: read.table.headerRow ?? 1 })}
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
                  {read.table.header.map((h, i) => (
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
          {rowRuns && mapping.row !== null && (
            <p className="alert alert-warn" data-testid="row-runs-on">
              {t('import:review.rowRunsOn', { header: `${columnLetter(mapping.row)}: ${(read.table.header[mapping.row] ?? '').trim() || '—'}` })}
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
                {previewRows.map((index, k) => {
                  const row = read.table.rows[index]!;
                  const gap = k > 0 && index !== previewRows[k - 1]! + 1;
                  const split = mapping.fullName !== null ? splitFullName((row[mapping.fullName] ?? '').trim().replace(/\s+/gu, ' ')) : null;
                  return (
                    <tr key={index} className={gap ? 'gap-above' : undefined} data-testid="preview-row">
                      <td className="muted">{(read.table.headerRow ?? 1) + 1 + index}</td>
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
            <button type="button" className="primary" disabled={mapProblems.length > 0} onClick={() => void check()} data-testid="import-check">
              {t('import:check')}
            </button>
          </div>
        </section>
      )}

      {result && effective && kept && (
        <section className="card" data-testid="import-result">
          <FormulaCellsPanel result={result} />
          <DuplicatesPanel groups={result.duplicates} choice={keep} onChoose={chooseDuplicate} />
          <DoubtfulNamesPanel result={result} confirmed={namesConfirmed} onConfirm={setNamesConfirmed} />
          {effective.problems.length === 0 ? (
            <p className="alert alert-ok">{t('import:allGood', { count: n(effective.voters.length) })}</p>
          ) : (
            <>
              <p className="alert alert-error" data-testid="import-problems-summary">
                {t('import:problemsSummary', { problems: n(effective.problems.length), rows: n(badRows.length) })}
              </p>
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
                    {effective.problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
                      <tr key={i}>
                        <td>{p.row}</td>
                        <td>{p.field ? t(`import:field.${p.field}`) : '—'}</td>
                        <td>
                          {t(`import:problem.${p.code}`, { ...p.params, value: p.value ?? '' })}
                          {p.value ? <span className="muted"> «{p.value}»</span> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <label className="check">
                <input type="checkbox" checked={exclude} onChange={(e) => setExclude(e.target.checked)} data-testid="import-exclude" />
                {t('import:excludeRows', { rows: n(badRows.length), remaining: n(effective.voters.length) })}
              </label>
            </>
          )}
          {diff && (
            <div className="diff" data-testid="import-diff">
              <h3>{t('import:diffTitle')}</h3>
              <p>{t('import:diffCounts', { added: n(diff.diff.added.length), removed: n(diff.diff.removed.length), changed: n(diff.diff.changed.length) })}</p>
              {diff.issuedRemoved > 0 && <p className="alert alert-warn">{t('import:issuedRemoved', { count: n(diff.issuedRemoved) })}</p>}
              <DiffByName diff={diff.diff} issued={diff.issued} />
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
