/**
 * A trip sheet per mobile team: members, operator, box and seal; the ballots handed to the team (how
 * many, when, by whom, to whom, with both signatures); each departure and return with the seals as
 * found on return; each visit with the voter's address and a signature column, then the register's
 * entries not visited yet, their time, outcome and signature left blank to fill in on the way; ballots taken /
 * issued / spoiled / returned; the members' signatures. The teams' working copy: it carries names
 * and addresses (the posted register does not).
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { entryByNumber, reconcileTeams } from '../../../shared/outpremises';
import { appNow } from '../../app/clock';
import { formatDateTime } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSetup } from '../../app/session';
import { DocHeader } from '../../print/DocHeader';
import { PrintFrame } from '../../print/PrintFrame';
import { useVoterList } from '../../core/voter-list';
import { fullName } from '../../ui/voter-name';
import { useOutPremisesState } from '../../core';

export function TripSheetsPrintPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const state = useOutPremisesState();
  const list = useVoterList();
  const printedAt = useMemo(() => new Date(appNow()), []);
  const zone = setup.precinct.timeZone;
  const name = (id: string) => setup.members.find((m) => m.id === id)?.name ?? id;
  const byId = list.state === 'ready' ? list.list.byId : null;
  const rec = reconcileTeams(state);
  // An entry is its number and its voter: one number given by two laptops is two entries to visit.
  const visited = new Set(state.visits.map((v) => `${v.number}|${v.voterId}`));
  const toVisit = state.entries.filter((e) => e.withdrawn === null && !visited.has(`${e.number}|${e.voterId}`));
  return (
    <PrintFrame title={t('outpremises:trip.print')} fileName={`trip-sheets-${setup.precinct.number}.pdf`} onBack={() => navigate('outpremises')}>
      {state.teams.length === 0 && (
        <>
          <DocHeader title={t('outpremises:trip.docTitle')} printedAt={printedAt} />
          <p data-testid="trip-no-teams">{t('outpremises:trip.noTeams')}</p>
        </>
      )}
      {state.teams.map((team) => {
        const r = rec.find((x) => x.team === team.team);
        const visits = state.visits.filter((v) => v.team === team.team);
        return (
          <section key={team.team} className="trip-sheet" data-testid={`trip-sheet-${team.team}`}>
            <DocHeader title={t('outpremises:trip.title', { team: team.team })} printedAt={printedAt} />
            <p>
              {t('outpremises:trip.members')}: {team.memberIds.map(name).join(', ')} · {t('outpremises:teams.operator')}: {team.operatorName} ·{' '}
              {team.boxes.map((b) => `${t('outpremises:teams.box', { box: b })} (${state.drawing?.boxes.find((x) => x.box === b)?.seal ?? ''})`).join(', ')}
            </p>
            <div className="trip-facts" data-testid={`trip-handings-${team.team}`}>
              {team.handings.map((h, i) => (
                <div key={i} className="trip-handing">
                  <p>{t('outpremises:trip.handed', { count: h.count, at: formatDateTime(h.handedAt, lng, zone), by: name(h.handedBy), to: name(h.receivedBy) })}</p>
                  <div className="signatures trip-handing-signatures">
                    <div className="signature-line">
                      <span>{t('outpremises:trip.handedBy')}</span>
                      <span className="line" />
                      <span>{name(h.handedBy)}</span>
                    </div>
                    <div className="signature-line">
                      <span>{t('outpremises:trip.receivedBy')}</span>
                      <span className="line" />
                      <span>{name(h.receivedBy)}</span>
                    </div>
                  </div>
                </div>
              ))}
              {team.trips.map((trip, i) => (
                <p key={i} data-testid={`trip-times-${team.team}`}>
                  {t('outpremises:trip.departed', { at: trip.departedAt ? formatDateTime(trip.departedAt, lng, zone) : '—' })}
                  {' · '}
                  {trip.returned
                    ? t('outpremises:trip.returned', {
                        at: formatDateTime(trip.returned.returnedAt, lng, zone),
                        seals: trip.returned.seals.map((x) => `${t('outpremises:teams.box', { box: x.box })}: ${x.seal}`).join(', ') || '—',
                      })
                    : t('outpremises:trip.notReturned')}
                </p>
              ))}
            </div>
            <table className="doc-table">
              <thead>
                <tr>
                  <th>№</th>
                  <th>{t('outpremises:colVoter')}</th>
                  <th>{t('outpremises:address')}</th>
                  <th>{t('outpremises:teams.time')}</th>
                  <th>{t('outpremises:teams.outcome')}</th>
                  <th>{t('outpremises:trip.voterSignature')}</th>
                </tr>
              </thead>
              <tbody>
                {visits.map((v) => {
                  const voter = byId?.get(v.voterId);
                  return (
                    <tr key={v.eventId}>
                      <td>{v.number}</td>
                      <td>{voter ? fullName(voter) : v.voterId}</td>
                      <td>{entryByNumber(state, v.number, v.voterId)?.address ?? ''}</td>
                      <td>{formatDateTime(v.visitedAt, lng, zone)}</td>
                      <td>{t(`outpremises:outcome.${v.outcome}`)}</td>
                      <td />
                    </tr>
                  );
                })}
                {/* The entries no team has visited yet: the rows the team fills in by hand on the way. */}
                {toVisit.map((e) => {
                  const voter = byId?.get(e.voterId);
                  return (
                    <tr key={`to-visit-${e.eventId}`} className="to-fill" data-testid={`trip-to-visit-${team.team}`}>
                      <td>{e.number}</td>
                      <td>{voter ? fullName(voter) : e.voterId}</td>
                      <td>{e.address}</td>
                      <td />
                      <td />
                      <td />
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {r && (
              <p className="doc-note" data-testid={`trip-ledger-${team.team}`}>
                {t('outpremises:teams.ledger', { taken: r.taken, issued: r.issued, spoiled: r.spoiled, returned: r.returned })}{' '}
                {t(`outpremises:teams.status.${r.status}`, { difference: r.difference })}
                {r.explanation ? ` — ${r.explanation.explanation}` : ''}
              </p>
            )}
            <div className="signatures">
              {team.memberIds.map((id) => (
                <div key={id} className="signature-line">
                  <span>{t('outpremises:trip.member')}</span>
                  <span className="line" />
                  <span>{name(id)}</span>
                </div>
              ))}
            </div>
          </section>
        );
      })}
    </PrintFrame>
  );
}
