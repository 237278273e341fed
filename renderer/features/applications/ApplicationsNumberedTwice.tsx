/**
 * What two laptops of the precinct did to the Form 2 / Form 3 register before they exchanged records:
 * a number given to two applications (shared/applications `numbersGivenTwice`), one applicant entered
 * twice (`applicantsEnteredTwice`). Said above the register on the screen and on its printed copy,
 * naming each application; every entry is kept.
 */
import { useTranslation } from 'react-i18next';
import { applicantsEnteredTwice, numbersGivenTwice, type ApplicationsState } from '../../../shared/applications';
import { formatDateTime } from '../../app/format';
import { ListNotice } from '../../ui/list-notice';

export function ApplicationsNumberedTwice({ state, timeZone, print = false, testId }: { state: Pick<ApplicationsState, 'entries'>; timeZone: string; print?: boolean; testId: string }) {
  const { t, i18n } = useTranslation();
  const twice = numbersGivenTwice(state);
  const entered = applicantsEnteredTwice(state);
  if (twice.length === 0 && entered.length === 0) return null;
  const nameOf = (e: ApplicationsState['entries'][number]) => [e.applicant.surname, e.applicant.name, e.applicant.patronymic].filter(Boolean).join(' ');
  return (
    <ListNotice print={print} block testId={testId}>
      {twice.map((n) => (
        <p key={`${n.form}-${n.number}`}>
          {t('applications:numberedTwice', {
            entry: `${t(`applications:formShort.${n.form}`)}-${n.number}`,
            count: n.entries.length,
            rows: n.entries
              .map((e) =>
                t('applications:numberedTwiceRow', {
                  name: nameOf(e),
                  received: formatDateTime(e.receivedAt, i18n.language, timeZone),
                }),
              )
              .join('; '),
          })}
        </p>
      ))}
      {entered.map((x) => (
        <p key={x.entries[0]?.id}>
          {t('applications:enteredTwice', {
            name: x.entries[0] ? nameOf(x.entries[0]) : '',
            form: t(`applications:form.${x.form}`),
            count: x.entries.length,
            numbers: x.entries.map((e) => `${t(`applications:formShort.${e.form}`)}-${e.number}`).join(', '),
          })}
        </p>
      ))}
    </ListNotice>
  );
}
