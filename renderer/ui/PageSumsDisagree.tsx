/**
 * Page sums of signatures that two laptops of the precinct entered, each without knowing the other's,
 * with different totals (shared/protocol/ledger `pageSumsDisagreement`): said where the page sums
 * and the protocol are shown, until the sums are entered again or one entry is corrected.
 */
import { useTranslation } from 'react-i18next';
import type { PageSumsHead } from '../../shared/protocol/ledger';
import { formatDateTime, formatNumber } from '../app/format';
import type { Language } from '../app/i18n';
import { useSetup } from '../app/session';

export function PageSumsDisagree({ heads }: { heads: readonly PageSumsHead[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  if (heads.length < 2) return null;
  const latest = heads[heads.length - 1]!;
  const entries = heads
    .map((h) =>
      t('ledger:pageSumsDisagree.entry', {
        total: formatNumber(h.total, lng),
        pages: formatNumber(h.pages, lng),
        member: setup.members.find((m) => m.id === h.enteredBy)?.name ?? h.enteredBy,
        laptop: h.device === null ? '—' : h.device.slice(0, 8),
        time: formatDateTime(h.at, lng, setup.precinct.timeZone),
      }),
    )
    .join('; ');
  return (
    <p className="alert alert-warn" role="status" data-testid="pagesums-disagree">
      {t('ledger:pageSumsDisagree.text', { entries, latest: formatNumber(latest.total, lng) })}
    </p>
  );
}
