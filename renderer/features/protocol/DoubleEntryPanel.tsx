/**
 * Optional double entry: a first member types the paper protocol and submits it; the form clears and
 * another member types it again. Equal entries are agreed; differing lines are listed with both
 * figures and settled against the paper (the agreed figure typed per line) by the chair or secretary.
 */
import { useState } from 'react';
import { contextOf, recordFact } from '../../core';
import { useTranslation } from 'react-i18next';
import { checkSecondEntry, doubleEntryStatus, resolveEntries } from '../../../shared/protocol/double-entry';
import type { ExpandedForm } from '../../../shared/protocol/form';
import { isCount } from '../../../shared/protocol/relations';
import type { ProtocolState } from '../../../shared/protocol/signing';
import { formatNumber } from '../../app/format';
import type { Language } from '../../app/i18n';
import { useSession, useSetup } from '../../app/session';

const RESOLVERS = ['chair', 'deputy', 'secretary'];

export function DoubleEntryPanel(props: {
  form: ExpandedForm;
  state: ProtocolState;
  version: number;
  enabled: boolean;
  onEnable: (on: boolean) => void;
  values: Record<string, number | null>;
  onAgreed: (values: Record<string, number>) => void;
  onClear: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const { form, state, version } = props;
  const status = doubleEntryStatus(form, state.entries, version);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const name = (id: string) => setup.members.find((m) => m.id === id)?.name ?? id;
  const lineNumber = (key: string) => form.lines.find((l) => l.key === key)?.number ?? key;
  const lineLabel = (key: string) => form.lines.find((l) => l.key === key)?.label[lng] ?? key;
  const n = (x: number | null) => (x === null ? '—' : formatNumber(x, lng));

  async function submit(entry: 1 | 2) {
    setError(null);
    if (!operator) return;
    const blank = form.lines.filter((l) => !isCount(props.values[l.key]));
    if (blank.length > 0) {
      setError(t('protocolScreen:double.incomplete', { lines: blank.map((l) => l.number).join(', ') }));
      return;
    }
    if (entry === 2) {
      const checked = checkSecondEntry(status, operator.id);
      if (!checked.ok) {
        setError(t(`protocolScreen:double.refusal.${checked.error.code}`, { name: operator.name }));
        return;
      }
    }
    const values = Object.fromEntries(form.lines.map((l) => [l.key, props.values[l.key] as number]));
    await recordFact('ProtocolEntrySubmitted', { version, entry, by: operator.id, values }, contextOf(setup, operator.id));
    if (entry === 1) props.onClear();
    else {
      const second = doubleEntryStatus(form, { version, first: state.entries?.first ?? null, second: { by: operator.id, values }, resolved: null }, version);
      if (second.stage === 'agreed') props.onAgreed(second.values);
    }
  }

  async function resolve() {
    setError(null);
    if (!state.entries || !operator) return;
    if (!RESOLVERS.includes(operator.role)) {
      setError(t('protocolScreen:double.refusal.role'));
      return;
    }
    const picks = Object.fromEntries(Object.entries(chosen).map(([k, v]) => [k, /^\d+$/u.test(v) ? Number(v) : null]));
    const r = resolveEntries(form, state.entries, picks);
    if (!r.ok) {
      const lines = r.error.flatMap((e) => ('lines' in e ? e.lines : [])).map(lineNumber).join(', ');
      setError(t('protocolScreen:double.refusal.line-unresolved', { lines }));
      return;
    }
    await recordFact('ProtocolEntriesResolved', { version, by: operator.id, values: r.value }, contextOf(setup, operator.id));
    props.onAgreed(r.value);
  }

  if (!props.enabled && status.stage === 'none') {
    return (
      <label className="check double-entry-toggle">
        <input type="checkbox" checked={false} onChange={(e) => props.onEnable(e.target.checked)} data-testid="double-entry" />
        <span>{t('protocolScreen:double.enable')}</span>
      </label>
    );
  }
  return (
    <section className="card double-entry" data-testid="double-entry-panel">
      <h2>{t('protocolScreen:double.title')}</h2>
      {status.stage === 'none' && (
        <>
          <p className="hint">{t('protocolScreen:double.firstHint', { name: operator?.name ?? '' })}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void submit(1)} data-testid="entry-1-submit">
              {t('protocolScreen:double.submitFirst')}
            </button>
            <button type="button" onClick={() => props.onEnable(false)}>
              {t('protocolScreen:double.disable')}
            </button>
          </div>
        </>
      )}
      {status.stage === 'waiting-second' && (
        <>
          <p className="alert alert-warn" data-testid="entry-waiting">
            {t('protocolScreen:double.secondHint', { first: name(status.first.by) })}
          </p>
          <button type="button" className="primary" onClick={() => void submit(2)} data-testid="entry-2-submit">
            {t('protocolScreen:double.submitSecond')}
          </button>
        </>
      )}
      {status.stage === 'differs' && (
        <>
          <p className="alert alert-error" data-testid="entry-differs">
            {t('protocolScreen:double.differs', { count: status.differences.length, first: name(state.entries?.first?.by ?? ''), second: name(state.entries?.second?.by ?? '') })}
          </p>
          <table className="table" data-testid="entry-differences">
            <thead>
              <tr>
                <th className="num">№</th>
                <th>{t('count:line')}</th>
                <th className="num">{t('protocolScreen:double.first')}</th>
                <th className="num">{t('protocolScreen:double.second')}</th>
                <th className="num">{t('protocolScreen:double.agreed')}</th>
              </tr>
            </thead>
            <tbody>
              {status.differences.map((d) => (
                <tr key={d.line} className="line-warn">
                  <td className="num">{lineNumber(d.line)}</td>
                  <td>{lineLabel(d.line)}</td>
                  <td className="num">
                    <button type="button" className="link" onClick={() => setChosen({ ...chosen, [d.line]: String(d.first ?? '') })}>
                      {n(d.first)}
                    </button>
                  </td>
                  <td className="num">
                    <button type="button" className="link" onClick={() => setChosen({ ...chosen, [d.line]: String(d.second ?? '') })}>
                      {n(d.second)}
                    </button>
                  </td>
                  <td className="num">
                    <input
                      inputMode="numeric"
                      value={chosen[d.line] ?? ''}
                      onChange={(e) => setChosen({ ...chosen, [d.line]: e.target.value.replace(/[^\d]/gu, '') })}
                      aria-label={t('protocolScreen:double.agreed')}
                      data-testid={`agreed-${lineNumber(d.line)}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">{t('protocolScreen:double.resolveHint')}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void resolve()} data-testid="entries-resolve">
              {t('protocolScreen:double.resolve')}
            </button>
            <button type="button" onClick={() => void submit(1)}>
              {t('protocolScreen:double.restart')}
            </button>
          </div>
        </>
      )}
      {status.stage === 'agreed' && (
        <p className="alert alert-ok" data-testid="entry-agreed">
          {t('protocolScreen:double.agreedNote')}
        </p>
      )}
      {error && (
        <p className="alert alert-error" role="alert" data-testid="double-entry-error">
          {error}
        </p>
      )}
    </section>
  );
}
