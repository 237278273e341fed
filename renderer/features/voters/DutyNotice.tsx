/**
 * At the desk: the operator's duty by the opening lot (item 72), and a warning beside the issue
 * button when the operator does not hold the ballot-issuing duty (the rule is `issuingWarning`).
 */
import { useQuery } from '../../core/query';
import { useTranslation } from 'react-i18next';
import { dutiesOf, EMPTY_OPENING, issuingWarning } from '../../../shared/opening';
import { useSession } from '../../app/session';
import { openingProjector } from '../../db/projectors';

export function DutyNotice() {
  const { t } = useTranslation();
  const { operator } = useSession();
  const opening = useQuery((db) => openingProjector.read(db), [], EMPTY_OPENING);
  if (!opening.duties) return <p className="hint" data-testid="desk-duty">{t('opening:desk.noLot')}</p>;
  const duties = dutiesOf(opening, operator?.id ?? null);
  const warning = issuingWarning(opening, operator?.id ?? null);
  return (
    <>
      <p className="hint" data-testid="desk-duty">{t('opening:desk.yourDuty', { duty: duties.length > 0 ? duties.map((d) => t(`opening:duty.${d}`)).join('; ') : t('opening:noDuty') })}</p>
      {warning && (
        <p className="alert alert-warn" role="status" data-testid="desk-duty-warning">
          {warning.code === 'no-duty' ? t('opening:desk.warnNoDuty') : t('opening:desk.warnOtherDuty', { duty: t(`opening:duty.${warning.duty}`) })}
        </p>
      )}
    </>
  );
}
