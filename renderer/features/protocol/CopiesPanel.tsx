/**
 * Certified copies of the signed protocol: the copy is numbered and logged with its recipient (name,
 * role, whom they represent) before it prints; the log itself prints for the handover.
 */
import { useState } from 'react';
import { commands, contextOf } from '../../core';
import { issueCertifiedCopy } from '../../core/copies';
import { useTranslation } from 'react-i18next';
import { copyKey, nextCopyNumber, RECIPIENT_ROLES, type RecipientRole } from '../../../shared/protocol/copies';
import { NumberedTwice } from './NumberedTwice';
import type { SignedVersion } from '../../../shared/protocol/signing';
import { ChoiceField, TextField } from '../../app/fields';
import { formatDateTime } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSession, useSetup } from '../../app/session';
import { choosePrintCopy } from './ProtocolPrintPage';
import { useCopies } from '../../core/protocol-queries';
import { PRINT_VERSION_KEY } from './VersionsPanel';

export function CopiesPanel({ current }: { current: SignedVersion }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const copies = useCopies();
  const [name, setName] = useState('');
  const [role, setRole] = useState<RecipientRole>('observer');
  const [represents, setRepresents] = useState('');
  const [error, setError] = useState<string | null>(null);
  const n = nextCopyNumber(copies);

  async function issue() {
    setError(null);
    const issued = await issueCertifiedCopy(
      commands,
      { protocolHash: current.hash, version: current.version, recipientName: name, recipientRole: role, represents, issuedBy: operator?.id ?? '' },
      contextOf(setup, operator?.id ?? null),
    );
    if (!issued.ok) {
      setError(t('prints:needRecipient'));
      return;
    }
    sessionStorage.setItem(PRINT_VERSION_KEY, String(current.version));
    // The number the copy was given when it was recorded (another window may have taken the one shown).
    choosePrintCopy({ kind: 'certified', copyNumber: issued.value.event.payload.copyNumber });
    navigate('print-protocol');
  }

  return (
    <section className="card" data-testid="copies">
      <div className="screen-head">
        <h2>{t('prints:copiesTitle', { count: copies.length })}</h2>
        <div className="actions">
          <button type="button" onClick={() => navigate('protocol-prints')} data-testid="to-prints">
            {t('prints:menuTitle')}
          </button>
          <button type="button" onClick={() => navigate('print-copies')} data-testid="copies-print-log">
            {t('prints:printLog')}
          </button>
        </div>
      </div>
      {copies.length > 0 && (
        <table className="table" data-testid="copies-log">
          <tbody>
            {copies.map((c) => (
              <tr key={copyKey(c)}>
                <td className="num">{c.copyNumber}</td>
                <td>
                  {c.recipientName} · {t(`prints:role.${c.recipientRole}`)}
                  {c.represents && ` · ${c.represents}`}
                </td>
                <td>{t('prints:ofVersion', { version: c.version })}</td>
                <td>{formatDateTime(c.issuedAt, lng, setup.precinct.timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NumberedTwice copies={copies} testId="copies-numbered-twice" />
      <div className="grid three">
        <TextField label={t('prints:recipientName')} value={name} onChange={setName} testId="copy-name" />
        <ChoiceField<RecipientRole>
          label={t('prints:recipientRole')}
          value={role}
          options={RECIPIENT_ROLES.map((r) => ({ value: r, label: t(`prints:role.${r}`) }))}
          onChange={setRole}
          testId="copy-role"
        />
        <TextField label={t('prints:represents')} value={represents} onChange={setRepresents} testId="copy-represents" />
      </div>
      {error && (
        <p className="alert alert-error" role="alert" data-testid="copy-error">
          {error}
        </p>
      )}
      <button type="button" onClick={() => void issue()} data-testid="copy-issue">
        {t('prints:issueCopy', { n })}
      </button>
    </section>
  );
}
