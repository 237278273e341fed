import type { Candidate } from '../../../../shared/election/model';
import { KG_2017_PRESIDENTIAL_FORM } from '../../../../shared/protocol/builtin';
import { expandForm, type ExpandedForm } from '../../../../shared/protocol/form';
import type { Result } from '../../../../shared/util/result';

export function candidate(id: string, position: number, surname: string): Candidate {
  return { id, position, surname, name: 'Test', patronymic: '', birthYear: null, nominatedBy: '' };
}

/** Three candidates given out of ballot order on purpose. */
export const CANDIDATES: Candidate[] = [candidate('c-b', 2, 'Бекова'), candidate('c-c', 3, 'Сатыбалдиев'), candidate('c-a', 1, 'Абдыкеров')];

export function builtinForm(againstAll = true, candidates: Candidate[] = CANDIDATES): ExpandedForm {
  return expandForm(KG_2017_PRESIDENTIAL_FORM, candidates, againstAll);
}

/**
 * A consistent protocol for the built-in form with CANDIDATES:
 * list 1 000, received 1 001, room 600, outside 40, cancelled 355, spoiled 6,
 * mobile 40, stationary 600, invalid 10, valid 630 = 300 + 200 + 100 + 30 against all.
 */
export function goodValues(): Record<string, number> {
  return {
    A: 1000, B: 1001, C: 600, D: 40, E: 640, F: 355, G: 6, H: 40, I: 600, J: 10, K: 630,
    'L.c-a': 300, 'L.c-b': 200, 'L.c-c': 100, M: 30,
  };
}

/** The refusals of a check that returns `Result<void, R[]>`: none when allowed (a refusal is never an empty list). */
export function refusalsOf<R>(checked: Result<void, R[]>): R[] {
  if (checked.ok) return [];
  if (checked.error.length === 0) throw new Error('a refusal with no reasons');
  return checked.error;
}
