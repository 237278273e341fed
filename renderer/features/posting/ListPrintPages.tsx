/**
 * The voter lists for posting (items 40, 46 — the list for inspection; item 85 — the list of voters
 * who took part): the posted columns only (shared/posting/lists), printed page by page as the paper
 * list is paged, each page numbered "page N of M" with its place for the signatures and the seal.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { voterVoteStatuses } from '../../../shared/figures';
import { listForPosting, postedListCsv, type PostedList, type PostedListKind } from '../../../shared/posting/lists';
import { appNow } from '../../app/clock';
import { formatNumber } from '../../app/format';
import type { Language } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSetup } from '../../app/session';
import { useBallotFacts } from '../../core';
import { DocHeader } from '../../print/DocHeader';
import { PrintFrame } from '../../print/PrintFrame';
import { platform } from '../../platform';
import { useVoterList } from '../../core/voter-list';

const KIND_KEY = 'precinct-desk.print.posted-list';

function PostedPages({ list }: { list: PostedList }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const inspection = list.kind !== 'participants-list';
  const chair = setup.members.find((m) => m.role === 'chair');
  const secretary = setup.members.find((m) => m.role === 'secretary');
  if (list.total === 0) return <p className="doc-note" data-testid="posted-empty">{t(`day:posted.empty.${list.kind}`)}</p>;
  return (
    <>
      <p className="doc-note" data-testid="posted-total">{t('day:posted.total', { total: formatNumber(list.total, lng), pages: formatNumber(list.pages.length, lng) })}</p>
      {list.pages.map((p, i) => (
        <section key={p.page} className="posted-page" data-testid="posted-page">
          <div className="posted-page-head">
            {t('day:posted.pageOf', { n: i + 1, of: list.pages.length, listPage: p.page, precinct: setup.precinct.number })}
          </div>
          <table className="doc-table">
            <thead>
              <tr>
                <th className="col-n">{t('day:posted.row')}</th>
                <th>{t('day:posted.fullName')}</th>
                {inspection && <th className="num">{t('day:posted.birthYear')}</th>}
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr key={r.row}>
                  <td className="col-n">{r.row}</td>
                  <td>{r.fullName}</td>
                  {inspection && <td className="num">{r.birthYear}</td>}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="posted-page-foot">
            <span>{t('common:role.chair')}: {chair?.name ?? ''} ____________</span>
            <span>{t('common:role.secretary')}: {secretary?.name ?? ''} ____________</span>
            <span className="seal-place">{t('day:posted.seal')}</span>
          </div>
        </section>
      ))}
    </>
  );
}

/** Items 40 and 46: the preliminary or the control list for inspection. */
export function PostedListPrintPage() {
  const { t } = useTranslation();
  const setup = useSetup();
  const loaded = useVoterList();
  const [kind, setKind] = useState<PostedListKind>(() => (sessionStorage.getItem(KIND_KEY) === 'preliminary-list' ? 'preliminary-list' : 'control-list'));
  const choose = (k: PostedListKind) => {
    sessionStorage.setItem(KIND_KEY, k);
    setKind(k);
  };
  const list = useMemo(() => (loaded.state === 'ready' ? listForPosting(loaded.list.voters, kind) : null), [loaded, kind]);
  const printedAt = useMemo(() => new Date(appNow()), []);
  const title = t(`day:posted.title.${kind}`);
  const tools = (
    <select value={kind} onChange={(e) => choose(e.target.value === 'preliminary-list' ? 'preliminary-list' : 'control-list')} aria-label={t('day:posted.which')} data-testid="posted-kind">
      <option value="preliminary-list">{t('day:posted.title.preliminary-list')}</option>
      <option value="control-list">{t('day:posted.title.control-list')}</option>
    </select>
  );
  return (
    <PrintFrame title={title} fileName={`${kind}-${setup.precinct.number}.pdf`} tools={tools} onBack={() => navigate('posting')}>
      <DocHeader title={title} printedAt={printedAt} />
      <p className="doc-note">{t('day:posted.inspectionNote')}</p>
      {loaded.state === 'none' && <p className="doc-note" data-testid="posted-no-list">{t('day:posted.noList')}</p>}
      {list && <PostedPages list={list} />}
    </PrintFrame>
  );
}

/** Item 85: the list of voters who took part, for posting within 3 days after voting day. */
export function ParticipantsPrintPage() {
  const { t } = useTranslation();
  const setup = useSetup();
  const loaded = useVoterList();
  const facts = useBallotFacts();
  const tookPart = useMemo(() => (facts ? new Set(voterVoteStatuses(facts).keys()) : undefined), [facts]);
  const list = useMemo(() => (loaded.state === 'ready' && tookPart ? listForPosting(loaded.list.voters, 'participants-list', tookPart) : null), [loaded, tookPart]);
  const printedAt = useMemo(() => new Date(appNow()), []);
  const title = t('day:posted.title.participants-list');
  const [saved, setSaved] = useState<string | null>(null);
  // Item 85 allows the list or its copy: also as a file, with the same columns as the print (names only).
  async function exportCsv() {
    if (!list) return;
    const data = postedListCsv(list, { page: t('day:posted.listPage'), row: t('day:posted.row'), fullName: t('day:posted.fullName'), birthYear: t('day:posted.birthYear') });
    const result = await platform.saveFile({ suggestedName: `participants-${setup.precinct.number}.csv`, mimeType: 'text/csv', data });
    setSaved(result.status === 'saved' ? result.fileName : null);
  }
  const tools = (
    <button type="button" disabled={!list} onClick={() => void exportCsv()} data-testid="participants-export">
      {t('day:posted.exportCsv')}
    </button>
  );
  return (
    <PrintFrame title={title} fileName={`participants-${setup.precinct.number}.pdf`} tools={tools} onBack={() => navigate('posting')}>
      {saved && <p className="no-print alert alert-ok" role="status" data-testid="participants-exported">{t('day:posted.exported', { name: saved })}</p>}
      <DocHeader title={title} printedAt={printedAt} />
      <p className="doc-note">{t('day:posted.participantsNote')}</p>
      {loaded.state === 'none' && <p className="doc-note" data-testid="posted-no-list">{t('day:posted.noList')}</p>}
      {list && <PostedPages list={list} />}
    </PrintFrame>
  );
}
