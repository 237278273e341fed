/** Puts a bundle or form problem into words: which field, what is wrong. */
import type { TFunction } from 'i18next';
import type { BundleProblem } from '../../../shared/election/bundle';

const LIST_ITEMS: Record<string, string> = {
  candidates: 'fields:item.candidate',
  precincts: 'fields:item.precinct',
  members: 'fields:item.member',
  turnoutReportTimes: 'fields:item.reportTime',
};

const SECTION_OF_LIST: Record<string, string> = { candidates: 'candidate', precincts: 'precinct', members: 'member' };

/** `candidates.2.position` → "Candidate 3 › ballot position". */
export function describePath(path: string, t: TFunction): string {
  if (!path) return t('fields:wholeFile');
  const parts = path.split('.');
  const words: string[] = [];
  let section = 'bundle';
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] ?? '';
    const next = parts[i + 1];
    if (LIST_ITEMS[part] && next !== undefined && /^\d+$/u.test(next)) {
      words.push(t(LIST_ITEMS[part] ?? '', { n: Number(next) + 1 }));
      section = SECTION_OF_LIST[part] ?? section;
      i += 1;
      continue;
    }
    if (part === 'election' || part === 'precinct') {
      section = part;
      words.push(t(`fields:section.${part}`));
      continue;
    }
    const key = `fields:${section}.${part}`;
    words.push(t(key, { defaultValue: part }));
  }
  return words.join(' › ');
}

export function describeProblem(problem: BundleProblem, t: TFunction): { field: string; message: string } {
  // A problem inside the protocol form says itself which line or relation it concerns.
  if (problem.form) return { field: t('fields:bundle.protocolForm'), message: t(`protocol:formProblem.${problem.form.code}`, problem.form.params) };
  return {
    field: describePath(problem.path, t),
    message: t(`errors:bundle.${problem.code}`, { detail: problem.detail ?? '' }),
  };
}
