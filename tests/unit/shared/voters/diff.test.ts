import { describe, expect, it } from 'vitest';
import { changedFields, diffVoterLists } from '../../../../shared/voters/diff';
import { voterIdentity } from '../../../../shared/voters/identity';
import type { VoterRecord } from '../../../../shared/voters/validate';

function voter(over: Partial<VoterRecord>): VoterRecord {
  const v: VoterRecord = {
    id: '',
    page: 1,
    row: 1,
    surname: 'Асанов',
    name: 'Нурлан',
    patronymic: 'Бакытович',
    birthDate: '1980-01-01',
    birthYear: 1980,
    address: 'Бишкек',
    document: 'ID0000001',
    pin: '20101198000001',
    marks: [],
    ...over,
  };
  if (!over.id) v.id = voterIdentity(v);
  return v;
}

describe('diffVoterLists', () => {
  const a = voter({});
  const b = voter({ row: 2, surname: 'Үсөнов', document: 'ID0000002', pin: '20101198000002' });
  const c = voter({ row: 3, surname: 'Өмүрбекова', document: 'ID0000003', pin: '10101198000003', marks: ['hospital', 'custody'] });
  const d = voter({ row: 4, surname: 'Кеңешбеков', document: 'ID0000004', pin: '20101198000004' });

  it('a voter whose page and row moved is changed, not removed and added', () => {
    // In the newer list somebody was struck out above: everybody moved up one row.
    const next = [{ ...b, row: 1 }, { ...c, row: 2, marks: ['custody' as const, 'hospital' as const] }, { ...d, row: 3, address: 'Ош' }];
    const diff = diffVoterLists([a, b, c, d], next);
    expect(diff.removed).toEqual([a]);
    expect(diff.added).toEqual([]);
    expect(diff.unchanged).toBe(0);
    expect(diff.changed).toEqual([
      { id: b.id, before: b, after: next[0], fields: [{ field: 'row', before: '2', after: '1' }] },
      { id: c.id, before: c, after: next[1], fields: [{ field: 'row', before: '3', after: '2' }] },
      {
        id: d.id,
        before: d,
        after: next[2],
        fields: [
          { field: 'row', before: '4', after: '3' },
          { field: 'address', before: 'Бишкек', after: 'Ош' },
        ],
      },
    ]);
  });

  it('counts unchanged voters and lists the added ones', () => {
    const e = voter({ page: 2, row: 1, surname: 'Иванов', document: 'AN7654321', pin: '20202199000005' });
    const diff = diffVoterLists([a, b], [a, b, e]);
    expect(diff).toMatchObject({ added: [e], removed: [], changed: [], unchanged: 2, reidentified: [] });
  });

  it('reports every changed field with display values', () => {
    const after = { ...a, page: 3, name: 'Нурбек', birthDate: null, birthYear: 1981, marks: ['custody' as const] };
    expect(changedFields(a, after)).toEqual([
      { field: 'page', before: '1', after: '3' },
      { field: 'name', before: 'Нурлан', after: 'Нурбек' },
      { field: 'birth', before: '1980-01-01', after: '1981' },
      { field: 'marks', before: '', after: 'custody' },
    ]);
    expect(changedFields(a, { ...a })).toEqual([]);
  });

  it('shows a person whose id changed (a ПИН appeared) as removed + added, and pairs them in reidentified', () => {
    const withoutPin = voter({ pin: '' });
    expect(withoutPin.id).toBe('doc:ID0000001');
    const diff = diffVoterLists([withoutPin, b], [a, b]);
    expect(diff.removed).toEqual([withoutPin]);
    expect(diff.added).toEqual([a]);
    expect(diff.reidentified).toEqual([{ before: withoutPin, after: a, by: 'document' }]);
  });

  it('pairs by name and birth only when unambiguous', () => {
    const old1 = voter({ pin: '', document: '' });
    const new1 = voter({ pin: '', document: 'ID0009999' });
    expect(diffVoterLists([old1], [new1]).reidentified).toEqual([{ before: old1, after: new1, by: 'name-birth' }]);
    const twin = voter({ pin: '', document: 'ID0008888' });
    expect(diffVoterLists([old1], [new1, twin]).reidentified).toEqual([]);
  });

  it('handles empty lists', () => {
    expect(diffVoterLists([], [])).toEqual({ added: [], removed: [], changed: [], unchanged: 0, reidentified: [] });
    expect(diffVoterLists([], [a]).added).toEqual([a]);
  });
});
