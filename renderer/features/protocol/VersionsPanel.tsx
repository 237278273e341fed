/**
 * The protocol's history: every signed version (original, repeated, corrected) with its hash, when
 * it was signed, what it superseded and why; and opening a correction of the version in force (the
 * chair or the secretary, with a reason), which becomes version n + 1 once signed.
 */
import { useState } from 'react';
import { contextOf, recordFact } from '../../core';
import { useTranslation } from 'react-i18next';
import { openCorrection, type ProtocolState } from '../../../shared/protocol/signing';
import { formatDateTime } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSession, useSetup } from '../../app/session';

/** The signed version a print page shows; the version in force when none is chosen. */
export const PRINT_VERSION_KEY = 'precinct-desk.print.protocolVersion';

export function VersionsPanel({ state }: { state: ProtocolState }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const [reason, setReason] = useState('');
  const [mark, setMark] = useState<'repeated' | 'corrected'>('repeated');
  const [error, setError] = useState<string | null>(null);
  if (state.signed.length === 0) return null;

  async function open() {
    setError(null);
    const r = openCorrection(state, operator ?? null, reason, mark);
    if (!r.ok) {
      setError(r.error.map((e) => t(`protocol:correction.${e.code}`, { ...e, ...('min' in e ? { count: e.min } : {}) })).join(' '));
      return;
    }
    await recordFact('ProtocolCorrected', r.value, contextOf(setup, operator?.id ?? null));
    setReason('');
  }

  return (
    <section className="card" data-testid="protocol-versions">
      <h2>{t('protocolScreen:versions.title')}</h2>
      <table className="table">
        <tbody>
          {[...state.signed].reverse().map((v) => (
            <tr key={v.hash} className={v.supersededBy ? 'muted' : undefined} data-testid={`version-${v.version}`}>
              <td className="num">{v.version}</td>
              <td>
                <strong>{t(`protocol:mark.${v.mark}`)}</strong> · {formatDateTime(v.signedAt, lng, setup.precinct.timeZone)} · <code>{v.hash.slice(0, 12)}…</code>
                {v.correction && <div className="small">{t('protocolScreen:versions.reason', { reason: v.correction.reason })}</div>}
                <div className="small">{v.supersededBy ? t('protocolScreen:versions.superseded') : t('protocolScreen:versions.inForce')}</div>
              </td>
              <td>
                <button
                  type="button"
                  onClick={() => {
                    sessionStorage.setItem(PRINT_VERSION_KEY, String(v.version));
                    navigate('print-protocol');
                  }}
                  data-testid={`version-print-${v.version}`}
                >
                  {t('protocolScreen:versions.print')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {state.current && !state.correction && (
        <div className="correction">
          <h3>{t('protocolScreen:versions.correctTitle')}</h3>
          <p className="hint">{t('protocolScreen:versions.correctHint')}</p>
          <label className="field">
            <span>{t('protocolScreen:versions.correctReason')}</span>
            <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="correction-reason" />
          </label>
          <label className="field">
            <span>{t('protocolScreen:versions.mark')}</span>
            <select value={mark} onChange={(e) => setMark(e.target.value as 'repeated' | 'corrected')} data-testid="correction-mark">
              <option value="repeated">{t('protocol:mark.repeated')}</option>
              <option value="corrected">{t('protocol:mark.corrected')}</option>
            </select>
          </label>
          {error && (
            <p className="alert alert-error" role="alert" data-testid="correction-error">
              {error}
            </p>
          )}
          <button type="button" onClick={() => void open()} data-testid="correction-open">
            {t('protocolScreen:versions.open')}
          </button>
        </div>
      )}
    </section>
  );
}
