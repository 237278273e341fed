/** A short list of search hits to pick one voter from (page/row, name, birth year). */
import type { KeyboardEvent } from 'react';
import type { SearchHit, VoterRecord } from '../../shared/voters';
import { fullName } from './voter-name';

export function VoterHits({ hits, onPick, testId }: { hits: readonly SearchHit[]; onPick(voter: VoterRecord): void; testId: string }) {
  if (hits.length === 0) return null;
  return (
    <ul className="lookup-hits">
      {hits.map((h) => (
        <li key={h.voter.id}>
          <button type="button" className="voter-row" onClick={() => onPick(h.voter)} data-testid={testId}>
            <span className="pr">
              {h.voter.page}/{h.voter.row}
            </span>
            <span className="nm">{fullName(h.voter)}</span>
            <span className="by">{h.voter.birthYear}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * The search box's Enter: takes the first voter found, as Enter on the desk opens its first result
 * (in a form, Enter would submit it with nobody chosen). Nothing found: Enter does what it did.
 */
export function pickFirstOnEnter(hits: readonly SearchHit[], onPick: (voter: VoterRecord) => void): (e: KeyboardEvent<HTMLInputElement>) => void {
  return (e) => {
    const first = hits[0];
    if (e.key !== 'Enter' || !first) return;
    e.preventDefault();
    onPick(first.voter);
  };
}
