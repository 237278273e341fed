/**
 * Form 2 / Form 3 numbers given to two applications — two laptops of the precinct each gave the next
 * number before they exchanged records (shared/applications `numbersGivenTwice`): said above the
 * register on the screen and on its printed copy, naming each application under the number. Every
 * application is kept.
 */
import { useTranslation } from 'react-i18next';
import { numbersGivenTwice, type ApplicationsState } from '../../../shared/applications';
import { formatDateTime } from '../../app/format';

export function ApplicationsNumberedTwice({ state, timeZone, print = false, testId }: { state: Pick<ApplicationsState, 'entries'>; timeZone: string; print?: boolean; testId: string }) {
  const { t, i18n } = useTranslation();
  const twice = numbersGivenTwice(state);
  if (twice.length === 0) return null;
  return (
    <div className={print ? 'doc-note' : 'alert alert-warn'} {...(print ? {} : { role: 'status' })} data-testid={testId}>
      {twice.map((n) => (
        <p key={`${n.form}-${n.number}`}>
          {t('applications:numberedTwice', {
            entry: `${t(`applications:formShort.${n.form}`)}-${n.number}`,
            count: n.entries.length,
            rows: n.entries
              .map((e) =>
                t('applications:numberedTwiceRow', {
                  name: [e.applicant.surname, e.applicant.name, e.applicant.patronymic].filter(Boolean).join(' '),
                  received: formatDateTime(e.receivedAt, i18n.language, timeZone),
                }),
              )
              .join('; '),
          })}
        </p>
      ))}
    </div>
  );
}
