/**
 * What the secretary must look at before a list is activated: cells that look like formulas, full
 * names whose split is a guess (confirmed, never silent), the same person on several rows (one kept,
 * the first by default), and the replacement's difference by name (printable).
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { KEEP_ALL_ROWS, type DiffSummary, type DuplicateGroup, type Review, type VoterRecord } from '../../../../shared/voters';
import { formatDate, formatNumber } from '../../../app/format';
import type { Language } from '../../../app/i18n';
import { plainRowNames, type RowNames } from './row-place';

const SHOWN = 200;

export function personText(v: Pick<VoterRecord, 'surname' | 'name' | 'patronymic'>): string {
  return [v.surname, v.name, v.patronymic].filter((x) => x !== '').join(' ');
}

function birthText(v: VoterRecord, lng: Language): string {
  return v.birthDate ? formatDate(v.birthDate, lng) : String(v.birthYear);
}

// Memoised: the screen's other state (its progress, its job) changes often while these stay the same.
export const FormulaCellsPanel = memo(function FormulaCellsPanel({ result, names }: { result: Pick<Review, 'formulaCount' | 'formulaCells'>; names?: RowNames }) {
  const { t, i18n } = useTranslation();
  const rows = names ?? plainRowNames(t);
  if (result.formulaCount === 0) return null;
  return (
    <div className="alert alert-warn" data-testid="import-formula-cells">
      <strong>{t('import:review.formulaTitle', { count: result.formulaCount, countText: formatNumber(result.formulaCount, i18n.language) })}</strong>
      <ul>
        {result.formulaCells.slice(0, SHOWN).map((c, i) => (
          <li key={i}>
            {rows.cellAt(c.row, t(`import:field.${c.field}`))} <code>{c.value}</code>
          </li>
        ))}
      </ul>
    </div>
  );
});

// Memoised: the screen's other state (its progress, its job) changes often while these stay the same.
export const DoubtfulNamesPanel = memo(function DoubtfulNamesPanel({
  result,
  confirmed,
  onConfirm,
  names,
}: {
  result: Pick<Review, 'doubtfulNames' | 'doubtfulCount'>;
  confirmed: boolean;
  onConfirm(v: boolean): void;
  names?: RowNames;
}) {
  const { t } = useTranslation();
  const rows = names ?? plainRowNames(t);
  if (result.doubtfulCount === 0) return null;
  return (
    <div className="review" data-testid="import-doubtful-names">
      <h3>{t('import:review.namesTitle', { count: result.doubtfulCount })}</h3>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th>{t('import:row')}</th>
              <th>{t('import:field.fullName')}</th>
              <th>{t('import:field.surname')}</th>
              <th>{t('import:field.name')}</th>
              <th>{t('import:field.patronymic')}</th>
              <th>{t('import:reason')}</th>
            </tr>
          </thead>
          <tbody>
            {result.doubtfulNames.slice(0, SHOWN).map((d) => (
              <tr key={d.row}>
                <td>{rows.cell(d.row)}</td>
                <td>{d.text}</td>
                <td>{d.split.surname}</td>
                <td>{d.split.name}</td>
                <td>{d.split.patronymic}</td>
                <td>{t(`import:review.doubt.${d.split.doubt ?? 'many-words'}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <label className="check">
        <input type="checkbox" checked={confirmed} onChange={(e) => onConfirm(e.target.checked)} data-testid="import-confirm-names" />
        {t('import:review.namesConfirm', { count: result.doubtfulCount })}
      </label>
    </div>
  );
});

// Memoised: the screen's other state (its progress, its job) changes often while these stay the same.
export const DuplicatesPanel = memo(function DuplicatesPanel({
  groups,
  count,
  choice,
  onChoose,
  names,
}: {
  /** The groups shown (the first ones); `count` is how many there are. */
  groups: DuplicateGroup[];
  count: number;
  choice: ReadonlyMap<number, number>;
  onChoose(group: number, row: number): void;
  names?: RowNames;
}) {
  const { t, i18n } = useTranslation();
  const rows = names ?? plainRowNames(t);
  const lng = i18n.language as Language;
  if (groups.length === 0) return null;
  return (
    <div className="review" data-testid="import-duplicates">
      <h3>{t('import:review.duplicatesTitle', { count })}</h3>
      <p className="hint">{t('import:review.duplicatesHint')}</p>
      {groups.slice(0, SHOWN).map((g, gi) => {
        const keepable = g.rows.filter((_, i) => g.records[i] !== null);
        const all = g.keepAll !== 'no' && (choice.get(gi) === KEEP_ALL_ROWS || (choice.get(gi) === undefined && g.keepAll === 'default'));
        const chosen = all ? KEEP_ALL_ROWS : (choice.get(gi) ?? keepable[0]);
        return (
          <fieldset key={gi} className="duplicate-group" data-testid="duplicate-group">
            <legend>
              {g.codes.map((c) => t(`import:review.dupBy.${c}`)).join(' · ')}
              {g.differ.length > 0 ? ` — ${t('import:review.differ', { fields: g.differ.map((f) => t(`import:review.differBy.${f}`)).join(', ') })}` : ''}
            </legend>
            {g.rows.map((row, i) => {
              const rec = g.records[i];
              const kept = rec !== null && (all || chosen === row);
              return (
                <label key={row} className="check">
                  <input type="radio" name={`dup-${gi}`} disabled={!rec} checked={!all && chosen === row} onChange={() => onChoose(gi, row)} data-testid={`keep-row-${row}`} />
                  {rows.row(row)}:{' '}
                  {rec
                    ? `${rec.page}/${rec.row} ${personText(rec)}, ${birthText(rec, lng)}${rec.document ? `, ${rec.document}` : ''}${rec.address ? `, ${rec.address}` : ''}`
                    : t('import:review.rowHasProblems')}
                  {kept ? ` — ${t('import:review.kept')}` : rec ? ` — ${t('import:review.leftOut')}` : ''}
                </label>
              );
            })}
            {g.keepAll !== 'no' && (
              <label className="check">
                <input type="radio" name={`dup-${gi}`} checked={all} onChange={() => onChoose(gi, KEEP_ALL_ROWS)} data-testid={`keep-all-${gi}`} />
                {/* One ПИН or document on different people (a registry error) are not namesakes. */}
                {t(g.codes.includes('duplicate-person') ? 'import:review.keepAll' : 'import:review.keepAllSharedNumber')}
              </label>
            )}
          </fieldset>
        );
      })}
    </div>
  );
});

/** The replacement's difference by name; voters who already received a ballot first. */
// Memoised: the screen's other state (its progress, its job) changes often while these stay the same.
export const DiffByName = memo(function DiffByName({ diff, issued }: { diff: DiffSummary; issued: ReadonlySet<string> }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const issuedFirst = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => Number(issued.has(b.id)) - Number(issued.has(a.id)));
  const mark = (id: string) => (issued.has(id) ? <strong className="issued-mark"> {t('import:review.issuedMark')}</strong> : null);
  const fieldValue = (field: string, value: string) => (field === 'birth' && value.length === 10 ? formatDate(value, lng) : value === '' ? '—' : value);
  return (
    <div className="diff-by-name" data-testid="import-diff-names">
      {diff.changed.length > 0 && (
        <section>
          <h4>{t('import:review.changed', { count: diff.counts.changed })}</h4>
          <ul data-testid="diff-changed">
            {issuedFirst(diff.changed.map((c) => ({ ...c, id: c.id }))).slice(0, SHOWN * 5).map((c) => (
              <li key={c.id}>
                {personText(c.after)} ({c.before.page}/{c.before.row}){mark(c.id)}:{' '}
                {c.fields.map((f) => `${t(`import:field.${f.field}`)}: ${fieldValue(f.field, f.before)} → ${fieldValue(f.field, f.after)}`).join('; ')}
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.removed.length > 0 && (
        <section>
          <h4>{t('import:review.removed', { count: diff.counts.removed })}</h4>
          <ul data-testid="diff-removed">
            {issuedFirst(diff.removed).slice(0, SHOWN * 5).map((v) => (
              <li key={v.id}>
                {personText(v)}, {birthText(v, lng)} ({v.page}/{v.row}){mark(v.id)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.reidentified.length > 0 && (
        <section>
          <h4>{t('import:review.reidentified', { count: diff.counts.reidentified })}</h4>
          <ul data-testid="diff-reidentified">
            {[...diff.reidentified]
              .sort((a, b) => Number(issued.has(b.before.id)) - Number(issued.has(a.before.id)))
              .slice(0, SHOWN * 5)
              .map((p) => (
                <li key={p.before.id}>
                  {personText(p.before)} ({p.before.page}/{p.before.row}) → {personText(p.after)} ({p.after.page}/{p.after.row}), {t(`import:review.reidentifiedBy.${p.by}`)}
                  {mark(p.before.id)}
                </li>
              ))}
          </ul>
        </section>
      )}
      {diff.added.length > 0 && (
        <section>
          <h4>{t('import:review.added', { count: diff.counts.added })}</h4>
          <ul data-testid="diff-added">
            {diff.added.slice(0, SHOWN * 5).map((v) => (
              <li key={v.id}>
                {personText(v)}, {birthText(v, lng)} ({v.page}/{v.row})
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
});
