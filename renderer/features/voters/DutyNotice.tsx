/**
 * At the desk: the operator's duty by the opening lot (item 72), and a warning beside the issue
 * button when the operator does not hold the ballot-issuing duty (the rule is `issuingWarning`).
 */
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { dutiesOf, issuingWarning, type OpeningState } from '../../../shared/opening';
import { useSession } from '../../app/session';

/** The words of `issuingWarning` for this member, or null when they hold the duty (or no lot yet). */
export function dutyWarningText(t: TFunction, opening: OpeningState, memberId: string | null): string | null {
  const warning = issuingWarning(opening, memberId);
  if (!warning) return null;
  return warning.code === 'no-duty' ? t('opening:desk.warnNoDuty') : t('opening:desk.warnOtherDuty', { duty: t(`opening:duty.${warning.duty}`) });
}

/** `opening`: the desk's own reading (a card that opens starts no read of its own before the write). */
export function DutyNotice({ opening }: { opening: OpeningState }) {
  const { t } = useTranslation();
  const { operator } = useSession();
  if (!opening.duties) return <p className="hint" data-testid="desk-duty">{t('opening:desk.noLot')}</p>;
  const duties = dutiesOf(opening, operator?.id ?? null);
  const warning = dutyWarningText(t, opening, operator?.id ?? null);
  return (
    <>
      <p className="hint" data-testid="desk-duty">{t('opening:desk.yourDuty', { duty: duties.length > 0 ? duties.map((d) => t(`opening:duty.${d}`)).join('; ') : t('opening:noDuty') })}</p>
      {warning && (
        <p className="alert alert-warn" role="status" data-testid="desk-duty-warning">
          {warning}
        </p>
      )}
    </>
  );
}
