/**
 * The count: the АЭУ preliminary report typed from its printout (with the time printed on it and the
 * 21:00 deadline in the precinct's time), then the manual count, and the difference line by line.
 * The manual count is the result: it pre-fills the protocol; the report only flags differences.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { aeuDifferences, compareAeu, countLines } from '../../../shared/protocol/aeu';
import { aeuDeadline, aeuReportDateDefault } from '../../../shared/protocol/ledger';
import { parseTypedDate, parseTypedTime, toTypedDate } from '../../../shared/time/typed-date';
import { localDateTimeIn, zonedToInstant } from '../../../shared/time/zone';
import { appNow, useNow } from '../../app/clock';
import { formatDateTime, formatNumber } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSession, useSetup } from '../../app/session';
import { useKnownFigures, useProtocolForm } from '../../core/protocol-queries';
import { databaseName } from '../../core';
import { typedFiguresKey, useUnsavedFigures } from '../../app/typed-figures';
import { describeFieldProblems, parseCount, recordLedger, type FieldProblem } from './record-ledger';

type Column = 'aeu' | 'manual';
type Typed = Record<string, string>;

const fromValues = (v: Record<string, number> | null | undefined): Typed =>
  Object.fromEntries(Object.entries(v ?? {}).map(([k, x]) => [k, String(x)]));

export function CountScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const form = useProtocolForm(setup);
  const known = useKnownFigures();
  const now = useNow(30_000).getTime();
  const zone = setup.precinct.timeZone;
  const lines = countLines(form);
  const [typed, setTyped] = useState<Record<Column, Typed> | null>(null);
  const local = localDateTimeIn(new Date(appNow()), zone);
  const [printedDate, setPrintedDate] = useState(() => toTypedDate(aeuReportDateDefault(new Date(appNow()), setup.election.votingDay, zone)));
  const [printedTime, setPrintedTime] = useState(local.time);
  const [message, setMessage] = useState<{ kind: 'ok' | 'warn' | 'error'; text: string } | null>(null);
  const inputs = useRef(new Map<string, HTMLInputElement>());

  // Figures typed and not saved yet, kept as they are typed (app/typed-figures): leaving for the
  // protocol or the ledger, or a reload, does not lose them. Keys '<column>:<line>'.
  const unsaved = useUnsavedFigures(typedFiguresKey(['count', databaseName(), setup.election.id, setup.precinct.number, form.id, form.version]));

  useEffect(() => {
    if (typed !== null || !known) return;
    const start = { aeu: fromValues(known.ledger.aeu?.values), manual: fromValues(known.ledger.manualCount) };
    const kept = unsaved.restore();
    for (const [k, v] of Object.entries(kept?.values ?? {})) {
      const [column, line] = k.split(':') as [string, string | undefined];
      if ((column === 'aeu' || column === 'manual') && line) start[column][line] = v;
    }
    setTyped(start);
  }, [known, typed, unsaved]);

  if (!known || !typed) return <p className="loading">{t('common:loading')}</p>;

  const n = (x: number) => formatNumber(x, lng);
  const deadline = aeuDeadline(setup.election.votingDay, zone);
  const minutesLeft = Math.ceil((deadline.getTime() - now) / 60_000);
  const aeu = known.ledger.aeu;
  const numbers = (column: Column): Record<string, number | null> =>
    Object.fromEntries(lines.map((l) => [l.key, parseCount(typed[column][l.key] ?? '')]));
  const live = compareAeu(form, nonNull(numbers('aeu')), nonNull(numbers('manual')));
  const differing = aeuDifferences(live);

  /** Blank lines are named together in one problem; a figure that is not a count, line by line. */
  function problemsOf(column: Column): FieldProblem[] {
    const text = (l: (typeof lines)[number]) => (typed?.[column][l.key] ?? '').trim();
    const blank = lines.filter((l) => text(l) === '').map((l) => l.number);
    const bad = lines.filter((l) => text(l) !== '' && parseCount(text(l)) === null);
    return [
      ...(blank.length > 0 ? [{ field: `lines:${blank.join(', ')}`, reason: 'required' as const }] : []),
      ...bad.map((l): FieldProblem => ({ field: `line:${l.number}`, reason: 'not-a-count' })),
    ];
  }

  async function save(column: Column) {
    const problems = problemsOf(column);
    let printedAt: string | null = null;
    if (column === 'aeu') {
      const date = parseTypedDate(printedDate);
      if (!date) problems.push({ field: 'printedDate', reason: printedDate.trim() ? 'invalid' : 'required' });
      // The report's time as typed off the paper: 20:40, 9:05 or 20.40.
      const time = parseTypedTime(printedTime);
      if (!time) problems.push({ field: 'printedTime', reason: printedTime.trim() ? 'invalid' : 'required' });
      if (date && time) printedAt = zonedToInstant(date, time, zone).toISOString();
    }
    if (problems.length > 0) {
      setMessage({ kind: 'error', text: describeFieldProblems(t, problems) });
      return;
    }
    const values = nonNull(numbers(column)) ?? {};
    const actor = operator?.id ?? null;
    const recorded = column === 'aeu'
      ? await recordLedger('AeuReportEntered', { printedAt, values, enteredBy: actor ?? '' }, setup, actor)
      : await recordLedger('ManualCountEntered', { values, enteredBy: actor ?? '' }, setup, actor);
    if (!recorded.ok) {
      setMessage({ kind: 'error', text: describeFieldProblems(t, recorded.error) });
      return;
    }
    // The column saved: its typed figures are in the ledger now; the other column's stay kept.
    unsaved.forget((field) => !field.startsWith(`${column}:`));
    const late = printedAt !== null && Date.parse(printedAt) >= deadline.getTime();
    setMessage({
      kind: late ? 'warn' : 'ok',
      text: column === 'aeu'
        ? `${t('count:aeuSaved')}${late ? ` ${t('count:aeuLate', { deadline: formatDateTime(deadline, lng, zone) })}` : ''}`
        : t('count:manualSaved'),
    });
  }

  const focusNext = (column: Column, index: number) => inputs.current.get(`${column}:${lines[index + 1]?.key ?? ''}`)?.focus();

  return (
    <div className="count" data-testid="count">
      <div className="screen-head">
        <h1>{t('count:title')}</h1>
        <div className="actions">
          <button type="button" onClick={() => navigate('ledger')}>
            {t('count:toLedger')}
          </button>
          <button type="button" onClick={() => navigate('print-enlarged')} data-testid="count-to-enlarged">
            {t('day:enlarged.open')}
          </button>
          <button type="button" onClick={() => navigate('protocol')} data-testid="count-to-protocol">
            {t('count:toProtocol')}
          </button>
        </div>
      </div>
      <p className={`alert ${aeu ? (aeu.late ? 'alert-warn' : 'alert-ok') : minutesLeft > 0 ? 'alert-warn' : 'alert-error'}`} data-testid="aeu-deadline">
        {aeu
          ? t(aeu.late ? 'count:aeuEnteredLate' : 'count:aeuEntered', { at: formatDateTime(aeu.printedAt, lng, zone), deadline: formatDateTime(deadline, lng, zone) })
          : minutesLeft > 0
            ? t('count:deadlineAhead', { deadline: formatDateTime(deadline, lng, zone), hours: Math.floor(minutesLeft / 60), minutes: minutesLeft % 60 })
            : t('count:deadlinePassed', { deadline: formatDateTime(deadline, lng, zone) })}
      </p>
      {message && (
        <p className={`alert alert-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="count-message">
          {message.text}
        </p>
      )}
      <section className="card">
        <div className="grid three">
          <label className="field">
            <span>{t('ledger:field.printedDate')}</span>
            <input value={printedDate} onChange={(e) => setPrintedDate(e.target.value)} data-testid="aeu-date" />
          </label>
          <label className="field">
            <span>{t('ledger:field.printedTime')}</span>
            <input value={printedTime} onChange={(e) => setPrintedTime(e.target.value)} placeholder="20:40" data-testid="aeu-time" />
          </label>
        </div>
        <table className="table count-table" data-testid="count-lines">
          <thead>
            <tr>
              <th className="num">№</th>
              <th>{t('count:line')}</th>
              <th className="num">{t('count:aeuColumn')}</th>
              <th className="num">{t('count:manualColumn')}</th>
              <th className="num">{t('count:difference')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, index) => {
              const row = live.find((r) => r.line === line.key);
              const differs = row?.difference !== null && row?.difference !== undefined && row.difference !== 0;
              return (
                <tr key={line.key} className={differs ? 'line-warn' : undefined} data-testid={`count-row-${line.number}`}>
                  <td className="num">{line.number}</td>
                  <td>{line.label[lng]}</td>
                  {(['aeu', 'manual'] as const).map((column) => (
                    <td key={column} className="num">
                      <input
                        ref={(el) => {
                          if (el) inputs.current.set(`${column}:${line.key}`, el);
                        }}
                        inputMode="numeric"
                        aria-label={`${t(column === 'aeu' ? 'count:aeuColumn' : 'count:manualColumn')} ${line.number}`}
                        value={typed[column][line.key] ?? ''}
                        data-testid={`${column}-${line.number}`}
                        onChange={(e) => {
                          const digits = e.target.value.replace(/[^\d]/gu, '');
                          setTyped({ ...typed, [column]: { ...typed[column], [line.key]: digits } });
                          unsaved.keep('values', `${column}:${line.key}`, digits);
                        }}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter') {
                            e.preventDefault();
                            focusNext(column, index);
                          }
                        }}
                      />
                    </td>
                  ))}
                  <td className="num" data-testid={`diff-${line.number}`}>
                    {row?.difference === null || row?.difference === undefined ? '' : row.difference > 0 ? `+${n(row.difference)}` : n(row.difference)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className="actions">
          <button type="button" onClick={() => void save('aeu')} data-testid="aeu-save">
            {t('count:saveAeu')}
          </button>
          <button type="button" className="primary" onClick={() => void save('manual')} data-testid="manual-save">
            {t('count:saveManual')}
          </button>
        </div>
        {differing.length > 0 && (
          <p className="alert alert-warn" data-testid="count-differences">
            {t('count:differences', { lines: differing.map((d) => d.number).join(', ') })}
          </p>
        )}
        <p className="hint">{t('count:manualPrevails')}</p>
      </section>
    </div>
  );
}

/** The figures that parsed, or null when none did. */
function nonNull(values: Record<string, number | null>): Record<string, number> | null {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(values)) if (v !== null) out[k] = v;
  return Object.keys(out).length > 0 ? out : null;
}
