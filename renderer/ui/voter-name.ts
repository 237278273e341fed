/** A voter's full name as the list writes it: surname, name, patronymic. */
import type { VoterRecord } from '../../shared/voters';

export function fullName(v: Pick<VoterRecord, 'surname' | 'name' | 'patronymic'>): string {
  return [v.surname, v.name, v.patronymic].filter(Boolean).join(' ');
}
