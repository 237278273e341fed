/** The record of postings (who, when, where) and the information notice for voters, in ky and ru. */
import { useTranslation } from 'react-i18next';
import { appNow } from '../../app/clock';
import { formatClock, formatDateTime, formatOfficialDate } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSetup } from '../../app/session';
import { DocHeader } from '../../print/DocHeader';
import { PrintFrame } from '../../print/PrintFrame';
import { Signatures } from '../../print/Signatures';
import { usePostings } from './use-postings';

export function PostingsPrintPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const postings = usePostings();
  const zone = setup.precinct.timeZone;
  const title = t('posting:recordTitle');
  const name = (id: string) => setup.members.find((m) => m.id === id)?.name ?? id;
  if (postings === undefined) {
    // Still reading: an empty, busy frame, never a record with no rows for postings that exist.
    return (
      <PrintFrame title={title} fileName={`postings-${setup.precinct.number}.pdf`} onBack={() => navigate('posting')}>
        <h1 aria-busy="true">{title}</h1>
      </PrintFrame>
    );
  }
  return (
    <PrintFrame title={title} fileName={`postings-${setup.precinct.number}.pdf`} onBack={() => navigate('posting')}>
      <DocHeader title={title} printedAt={new Date(appNow())} />
      <table className="doc-table" data-testid="postings-print">
        <thead><tr><th>№</th><th>{t('posting:col.what')}</th><th>{t('posting:col.where')}</th><th>{t('posting:col.who')}</th><th>{t('posting:col.when')}</th></tr></thead>
        <tbody>
          {postings.map((e, i) => (
            <tr key={e.id}>
              <td>{i + 1}</td>
              <td>{e.type === 'DocumentPosted' ? `${t(`posting:document.${e.payload.document}`)}${e.payload.copyNumber ? ` · ${t('posting:copyNo', { number: e.payload.copyNumber })}` : ''}` : `${t('posting:informed')}: ${t(`posting:method.${e.payload.method}`)}`}</td>
              <td>{e.type === 'DocumentPosted' ? e.payload.place : e.payload.where}</td>
              <td>{e.type === 'DocumentPosted' ? name(e.payload.postedBy) : name(e.actor ?? '')}</td>
              <td>{formatDateTime(e.type === 'DocumentPosted' ? e.payload.postedAt : e.payload.informedAt, lng, zone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Signatures members={setup.members} seal={t('voters:pages.seal')} />
    </PrintFrame>
  );
}

/** The notice to voters: time and place of voting, in Kyrgyz and in Russian whatever the UI language. */
export function VoterNoticePrintPage() {
  const { t, i18n } = useTranslation();
  const setup = useSetup();
  const p = setup.precinct;
  const hours = setup.election.votingHours;
  // The name once, when the address begins with it (as the forms' heads write the precinct).
  const place = p.address.trim().startsWith(p.name.trim()) ? p.address.trim() : [p.name, p.address].map((x) => x.trim()).filter((x) => x !== '').join(', ');
  const part = (lng: 'ky' | 'ru') => {
    const tt = i18n.getFixedT(lng);
    return (
      <section lang={lng} className="notice-part" data-testid={`notice-${lng}`}>
        <h1>{tt('posting:notice.title')}</h1>
        <p>{tt('posting:notice.body', { number: p.number, date: formatOfficialDate(setup.election.votingDay, lng), from: hours.from, to: formatClock(hours.to), place })}</p>
        <p>{tt('posting:notice.bring')}</p>
        <p>{tt('posting:notice.outside')}</p>
        <p className="doc-note">{tt('posting:notice.signed', { number: p.number })}</p>
      </section>
    );
  };
  return (
    <PrintFrame title={t('posting:notice.screenTitle')} fileName={`notice-${p.number}.pdf`} onBack={() => navigate('posting')}>
      {part('ky')}
      <hr />
      {part('ru')}
    </PrintFrame>
  );
}
