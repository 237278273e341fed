/** The head of every printed form: the commission, the form's title, the election, the precinct and when it was printed. */
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../app/format';
import type { Language } from '../app/i18n';
import { localized } from '../app/localized';
import { useSession, useSetup } from '../app/session';

export function DocHeader({ title, printedAt }: { title: string; printedAt: Date }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  return (
    <header className="doc-header">
      <div className="doc-kicker">{t('calendar:docKicker', { number: setup.precinct.number })}</div>
      <h1>{title}</h1>
      <div className="doc-sub">{localized(setup.election.name, lng)}</div>
      <dl className="doc-facts">
        <dt>{t('fields:election.votingDay')}</dt>
        <dd>{formatDate(setup.election.votingDay, lng)}</dd>
        <dt>{t('fields:section.precinct')}</dt>
        <dd>
          № {setup.precinct.number} · {setup.precinct.name} · {setup.precinct.address}
        </dd>
        <dt>{t('fields:precinct.territorialCommission')}</dt>
        <dd>{setup.precinct.territorialCommission}</dd>
        <dt>{t('calendar:printedAt')}</dt>
        <dd>
          {formatDateTime(printedAt, lng, setup.precinct.timeZone)} ({setup.precinct.timeZone}){operator ? ` · ${operator.name}` : ''}
        </dd>
      </dl>
    </header>
  );
}
