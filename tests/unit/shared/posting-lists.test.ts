import { describe, expect, it } from 'vitest';
import { listForPosting, postedListCsv } from '../../../shared/posting/lists';
import type { VoterRecord } from '../../../shared/voters/validate';

const voter = (id: string, page: number, row: number, surname: string, patronymic = ''): VoterRecord => ({
  id, page, row, surname, name: 'Айгүл', patronymic, birthDate: '1980-03-04', birthYear: 1980, address: 'Ош ш., Ленин к., 5-үй, 12-батир',
  document: 'ID1234567', pin: '21234198000123', marks: ['hospital'],
});
const voters = [voter('c', 2, 1, 'Бекова'), voter('a', 1, 2, 'Асанова', 'Маратовна'), voter('b', 1, 1, 'Алиева')];

describe('lists posted for the public (items 40, 46, 85)', () => {
  it('the list for inspection: every voter by page and row, name and year of birth only', () => {
    const list = listForPosting(voters, 'control-list');
    expect(list.total).toBe(3);
    expect(list.pages.map((p) => [p.page, p.rows.map((r) => r.row)])).toEqual([[1, [1, 2]], [2, [1]]]);
    expect(list.pages[0]?.rows[1]).toEqual({ page: 1, row: 2, fullName: 'Асанова Айгүл Маратовна', birthYear: 1980 });
  });
  it('no identifying data of the list reaches the posted copy', () => {
    const text = JSON.stringify([listForPosting(voters, 'preliminary-list'), listForPosting(voters, 'participants-list', new Set(['a', 'b', 'c']))]);
    for (const secret of ['21234198000123', 'ID1234567', 'Ленин', '1980-03-04', 'hospital']) expect(text).not.toContain(secret);
  });
  it('the list of voters who took part: only they, without the year of birth; pages with nobody are left out', () => {
    const list = listForPosting(voters, 'participants-list', new Set(['a', 'zz']));
    expect(list).toEqual({ kind: 'participants-list', total: 1, pages: [{ page: 1, rows: [{ page: 1, row: 2, fullName: 'Асанова Айгүл Маратовна', birthYear: null }] }] });
    expect(listForPosting(voters, 'participants-list').total).toBe(0);
  });

  it('as CSV: the printed columns only (no year for item 85), a name with a comma or quote quoted, BOM and CRLF', () => {
    const header = { page: 'Барак', row: 'Сап', fullName: 'Аты-жөнү', birthYear: 'Туулган жылы' };
    const odd = [...voters, voter('d', 2, 2, 'Бекова, "Кичи"')];
    const participants = postedListCsv(listForPosting(odd, 'participants-list', new Set(['a', 'd'])), header);
    expect(participants).toBe('\uFEFFБарак,Сап,Аты-жөнү\r\n1,2,Асанова Айгүл Маратовна\r\n2,2,"Бекова, ""Кичи"" Айгүл"\r\n');
    const control = postedListCsv(listForPosting(voters, 'control-list'), header);
    expect(control.split('\r\n')[0]).toBe('\uFEFFБарак,Сап,Аты-жөнү,Туулган жылы');
    expect(control.split('\r\n')[1]).toBe('1,1,Алиева Айгүл,1980');
    for (const secret of ['21234198000123', 'ID1234567', 'Ленин', '1980-03-04', 'hospital']) expect(control + participants).not.toContain(secret);
  });
});
