/** The opening act (item 72): duties by lot, the safe, the lists compared, the boxes and their seals. */
import { useTranslation } from 'react-i18next';
import { appNow } from '../../app/clock';
import { formatDateTime, formatNumber } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSetup } from '../../app/session';
import { localDateIn } from '../../../shared/time/zone';
import { formatDate } from '../../app/format';
import { DocHeader } from '../../print/DocHeader';
import { PrintFrame } from '../../print/PrintFrame';
import { Signatures } from '../../print/Signatures';
import { useMobileBoxes, useOpening } from './use-opening';

export function OpeningActPrintPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const state = useOpening();
  const mobile = useMobileBoxes();
  const zone = setup.precinct.timeZone;
  const now = new Date(appNow());
  const at = (iso: string) => formatDateTime(iso, lng, zone);
  const name = (id: string) => setup.members.find((m) => m.id === id)?.name ?? id;
  const title = t('opening:act.title');
  return (
    <PrintFrame title={title} fileName={`opening-act-${setup.precinct.number}.pdf`} onBack={() => navigate('opening')}>
      <DocHeader title={title} printedAt={now} />
      {state.act ? (
        <p className="doc-note" data-testid="opening-act-heading">
          {t('opening:act.heading', { number: state.act.actNumber, date: formatDate(localDateIn(new Date(state.act.at), zone), lng) })}
        </p>
      ) : (
        <p className="doc-note" data-testid="opening-act-draft">{t('opening:act.notYet')}</p>
      )}
      <h2>{t('opening:act.dutiesTitle')}</h2>
      {state.duties ? (
        <>
          <table className="doc-table" data-testid="opening-act-duties">
            <thead>
              <tr>
                <th>{t('opening:lot.member')}</th>
                <th>{t('opening:lot.duty')}</th>
              </tr>
            </thead>
            <tbody>
              {state.duties.assignments.map((a) => (
                <tr key={a.memberId}>
                  <td>{name(a.memberId)}</td>
                  <td>{t(`opening:duty.${a.duty}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="doc-note">
            {t(state.duties.method === 'paper' ? 'opening:act.lotMethodPaper' : 'opening:act.lotMethodLaptop')} {at(state.duties.at)}
          </p>
          {state.duties.absent.length > 0 && <p className="doc-note">{t('opening:act.absentMembers', { names: state.duties.absent.map(name).join(', ') })}</p>}
        </>
      ) : (
        <p>{t('opening:act.none')}</p>
      )}
      <p data-testid="opening-act-safe">
        {state.safe ? t('opening:act.safeLine', { at: at(state.safe.at), state: t(state.safe.sealIntact ? 'opening:safe.intact' : 'opening:safe.broken') }) : `${t('opening:step.safe')}: ${t('opening:act.none')}`}
        {state.safe?.note ? ` ${state.safe.note}` : ''}
      </p>
      <p data-testid="opening-act-lists">
        {state.lists
          ? t('opening:act.listsLine', { at: at(state.lists.at), paper: formatNumber(state.lists.paperVoters, lng), electronic: formatNumber(state.lists.electronicVoters, lng) })
          : `${t('opening:step.lists')}: ${t('opening:act.none')}`}
      </p>
      <h2>{t('opening:act.boxesTitle')}</h2>
      <table className="doc-table" data-testid="opening-act-boxes">
        <thead>
          <tr>
            <th>{t('opening:act.boxCol')}</th>
            <th>{t('opening:act.sealsCol')}</th>
            <th>{t('opening:act.timeCol')}</th>
          </tr>
        </thead>
        <tbody>
          {state.boxes.map((b) => (
            <tr key={String(b.box)}>
              <td>{b.box === 'stationary' ? t('opening:box.stationary') : t('opening:box.mobile', { number: b.box })}</td>
              <td>{b.seals.join(', ')}</td>
              <td>{at(b.at)}</td>
            </tr>
          ))}
          {mobile.out.map((b) => (
            <tr key={`out-${b.box}`} data-testid={`opening-act-box-out-${b.box}`}>
              <td>{t('opening:box.mobile', { number: b.box })}</td>
              <td>{b.seal ?? '—'}</td>
              <td>{t('opening:act.boxOut', { team: b.team, at: at(b.departedAt) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Signatures members={setup.members} roles={['chair', 'deputy', 'secretary', 'member']} seal={t('voters:pages.seal')} />
    </PrintFrame>
  );
}
