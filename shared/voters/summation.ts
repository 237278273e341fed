/**
 * Summing the list page by page before the count (calendar item 75, Art 35(5)): per page the voters
 * listed, the ballots issued (signatures) and the out-of-premises marks, and the same for the whole
 * list. A voter counts in exactly one of issued / outOfPremises (or neither): out-of-premises voting
 * is accounted separately from ballots handed out at the desk.
 */
import type { VoterRecord } from './validate';

export type VoterVoteStatus = 'none' | 'issued' | 'out-of-premises';

export interface PageSum {
  page: number;
  listed: number;
  issued: number;
  outOfPremises: number;
}

export interface PageSummary {
  /** Ascending by page; only pages that have voters. */
  pages: PageSum[];
  totals: { listed: number; issued: number; outOfPremises: number };
}

export type StatusSource =
  | ((voterId: string) => VoterVoteStatus | undefined | null)
  | ReadonlyMap<string, VoterVoteStatus>
  | Readonly<Record<string, VoterVoteStatus>>;

function lookup(source: StatusSource): (id: string) => VoterVoteStatus {
  if (typeof source === 'function') return (id) => source(id) ?? 'none';
  if (source instanceof Map) return (id) => source.get(id) ?? 'none';
  const rec = source as Readonly<Record<string, VoterVoteStatus>>;
  return (id) => (Object.prototype.hasOwnProperty.call(rec, id) ? rec[id]! : 'none');
}

export function summarizePages(voters: readonly VoterRecord[], statuses: StatusSource): PageSummary {
  const statusOf = lookup(statuses);
  const byPage = new Map<number, PageSum>();
  const totals = { listed: 0, issued: 0, outOfPremises: 0 };
  for (const v of voters) {
    let p = byPage.get(v.page);
    if (!p) {
      p = { page: v.page, listed: 0, issued: 0, outOfPremises: 0 };
      byPage.set(v.page, p);
    }
    p.listed += 1;
    totals.listed += 1;
    const s = statusOf(v.id);
    if (s === 'issued') {
      p.issued += 1;
      totals.issued += 1;
    } else if (s === 'out-of-premises') {
      p.outOfPremises += 1;
      totals.outOfPremises += 1;
    }
  }
  return { pages: [...byPage.values()].sort((a, b) => a.page - b.page), totals };
}
