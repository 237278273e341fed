/**
 * Importing the precinct's final voter list: read the file (CSV in UTF-8, UTF-8 with BOM or
 * Windows-1251, or XLSX), map its columns, check every row, show the difference against the active
 * list, and activate all of it — or nothing. Rows with problems are imported only if the user
 * explicitly leaves them out, and the exclusion is recorded with the list.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  diffVoterLists,
  excludeRows,
  guessMapping,
  mappingProblems,
  validateVoterRows,
  VOTER_FIELDS,
  type VoterDiff,
  type VoterMapping,
  type ValidationResult,
} from '../../../../shared/voters';
import { formatNumber } from '../../../app/format';
import type { Language } from '../../../app/i18n';
import { navigate } from '../../../app/router';
import { useSession, useSetup } from '../../../app/session';
import { contextOf, eventStore } from '../../../app/store';
import { loadList } from '../list-store';
import { activateVoterList } from './activate-list';
import { readVoterFile, type ReadFile, type EncodingChoice } from './read-file';
import { recallMapping, rememberMapping } from './remembered-mapping';
import { FilePicker } from '../../../app/FilePicker';
import { db } from '../../../app/store';
import type { VoterListRow } from '../../../db/schema';

const PREVIEW_ROWS = 8;
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
  const [diff, setDiff] = useState<{ diff: VoterDiff; issuedRemoved: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  async function load(f: File | null, enc: EncodingChoice) {
    setRead(null);
    setMapping(null);
    setRecalled(false);
    setResult(null);
    setDiff(null);
    setExclude(false);
    setDone(null);
    if (!f) return;
    const r = await readVoterFile(f, enc, setup.precinct.number);
    setRead(r);
    if (r.ok) {
      // A bundle names its columns exactly; a file's mapping is recalled or guessed.
      const remembered = r.mapping ? null : recallMapping(localStorage, r.table.header);
      setRecalled(remembered !== null);
      setMapping(r.mapping ?? remembered ?? guessMapping(r.table.header));
    }
  }

  const mapProblems = useMemo(() => (mapping ? mappingProblems(mapping) : []), [mapping]);

  async function check() {
    if (!read?.ok || !mapping) return;
    if (read.kind !== 'bundle') rememberMapping(localStorage, read.table.header, mapping);
    const validated = validateVoterRows(read.table, mapping, { votingDay: setup.election.votingDay });
    setResult(validated);
    setExclude(false);
    const meta = (await db.projections.get('voterList'))?.value as VoterListRow | null | undefined;
    if (meta) {
      const active = await loadList(meta);
      const d = diffVoterLists(active.voters, validated.voters);
      const removedIds = new Set(d.removed.map((v) => v.id));
      const issuedRemoved = (await db.voterStatus.bulkGet([...removedIds])).filter((s) => s?.issued).length;
      setDiff({ diff: d, issuedRemoved });
    } else setDiff(null);
  }

  const badRows = result ? [...new Set(result.problems.map((p) => p.row))] : [];
  const canActivate = result !== null && (result.problems.length === 0 || exclude) && !busy;

  async function activate() {
    if (!read?.ok || !result) return;
    setBusy(true);
    try {
      const kept = result.problems.length > 0 ? excludeRows(result, badRows) : { voters: result.voters, excluded: [] };
      await activateVoterList(
        eventStore,
        kept.voters,
        {
          source: { kind: read.kind, fileName: read.fileName, fileHash: read.fileHash, encoding: read.encoding },
          counts: { voters: kept.voters.length, rowsInFile: read.table.rows.length, excluded: kept.excluded.length },
          excluded: kept.excluded,
          diff: diff ? { added: diff.diff.added.length, removed: diff.diff.removed.length, changed: diff.diff.changed.length } : null,
        },
        contextOf(setup, operator?.id ?? null),
      );
      setDone(t('import:activated', { count: kept.voters.length }));
      navigate('voters');
    } finally {
      setBusy(false);
    }
  }

  const n = (x: number) => formatNumber(x, lng);
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
                      {h || `#${i + 1}`}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          {mapProblems.length > 0 && (
            <ul className="alert alert-error" data-testid="mapping-problems">
              {mapProblems.map((p, i) => (
                <li key={i}>{t(`import:problem.${p.code}`, { field: p.field ? t(`import:field.${p.field}`) : '' })}</li>
              ))}
            </ul>
          )}
          <div className="table-scroll">
            <table className="table preview">
              <thead>
                <tr>
                  {VOTER_FIELDS.filter((f) => mapping[f] !== null && mapping[f] !== undefined).map((f) => (
                    <th key={f}>{t(`import:field.${f}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {read.table.rows.slice(0, PREVIEW_ROWS).map((row, r) => (
                  <tr key={r}>
                    {VOTER_FIELDS.filter((f) => mapping[f] !== null && mapping[f] !== undefined).map((f) => (
                      <td key={f}>{row[mapping[f] as number] ?? ''}</td>
                    ))}
                  </tr>
                ))}
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

      {result && (
        <section className="card" data-testid="import-result">
          {result.problems.length === 0 ? (
            <p className="alert alert-ok">{t('import:allGood', { count: n(result.voters.length) })}</p>
          ) : (
            <>
              <p className="alert alert-error" data-testid="import-problems-summary">
                {t('import:problemsSummary', { problems: n(result.problems.length), rows: n(badRows.length) })}
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
                    {result.problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
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
                {t('import:excludeRows', { rows: n(badRows.length), remaining: n(result.voters.length) })}
              </label>
            </>
          )}
          {diff && (
            <div className="diff" data-testid="import-diff">
              <h3>{t('import:diffTitle')}</h3>
              <p>{t('import:diffCounts', { added: n(diff.diff.added.length), removed: n(diff.diff.removed.length), changed: n(diff.diff.changed.length) })}</p>
              {diff.issuedRemoved > 0 && <p className="alert alert-warn">{t('import:issuedRemoved', { count: n(diff.issuedRemoved) })}</p>}
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
