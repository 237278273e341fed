/**
 * The head of every printed form: the commission, the form's title, the election, the precinct, and
 * when it was printed — the full official date and the precinct's local time (no time-zone id and no
 * operator: neither belongs on a commission's paper). A form drawn up at a recorded time (an act, the
 * protocol) says so itself; "printed" is always the moment of printing.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatOfficialDate, formatOfficialDateTime } from '../app/format';
import type { Language } from '../app/i18n';
import { localized } from '../app/localized';
import { useSetup } from '../app/session';

/** "№ 9001 · Москва ш." — the name once, when the address begins with it. */
export function precinctLine(precinct: { number: number; name: string; address: string }): string {
  const name = precinct.name.trim();
  const address = precinct.address.trim();
  const parts = address === '' ? [name] : address.startsWith(name) ? [address] : [name, address];
  return [`№ ${precinct.number}`, ...parts.filter((p) => p !== '')].join(' · ');
}

/** `mark`: the copy's mark, set at the right of the kicker line (e.g. "Copy No. 1"). */
export function DocHeader({ title, printedAt, mark }: { title: string; printedAt: Date; mark?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  return (
    <header className="doc-header">
      <div className="doc-kicker">
        {t('calendar:docKicker', { number: setup.precinct.number })}
        {mark}
      </div>
      <h1>{title}</h1>
      <div className="doc-sub">{localized(setup.election.name, lng)}</div>
      <dl className="doc-facts">
        <dt>{t('fields:election.votingDay')}</dt>
        <dd>{formatOfficialDate(setup.election.votingDay, lng)}</dd>
        <dt>{t('fields:section.precinct')}</dt>
        <dd>{precinctLine(setup.precinct)}</dd>
        <dt>{t('fields:precinct.territorialCommission')}</dt>
        <dd>{setup.precinct.territorialCommission}</dd>
        <dt>{t('calendar:printedAt')}</dt>
        <dd data-testid="doc-printed-at">{t('prints:localTime', { at: formatOfficialDateTime(printedAt, lng, setup.precinct.timeZone) })}</dd>
      </dl>
    </header>
  );
}
