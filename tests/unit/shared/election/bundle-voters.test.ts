import { describe, expect, it } from 'vitest';
import { checkBundle, sealBundle, type ElectionBundleInput } from '../../../../shared/election/bundle';
import { demoBundle } from '../../../../shared/election/demo';
import { tableFromFieldColumns, validateVoterRows } from '../../../../shared/voters';

const columns = ['page', 'row', 'surname', 'name', 'patronymic', 'birth', 'pin'] as const;
const rows = [
  ['1', '1', 'Үсөнова', 'Гүлзат', 'Бакытовна', '1985-03-12', '21203198500011'],
  ['1', '2', 'Асанов', 'Нурлан', '', '1970', ''],
];

function withLists(voterLists: unknown): unknown {
  return { ...demoBundle(), voterLists };
}

describe('voter lists in the election bundle', () => {
  it('are accepted, sealed with the rest, and read as an exactly mapped table', async () => {
    const sealed = await sealBundle(withLists([{ precinct: 9001, columns: [...columns], rows }]) as ElectionBundleInput);
    const checked = await checkBundle(sealed);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const list = checked.value.bundle.voterLists![0]!;
    const { table, mapping } = tableFromFieldColumns(list.columns, list.rows);
    expect(mapping.surname).toBe(2);
    expect(mapping.address).toBeNull();
    const result = validateVoterRows(table, mapping, { votingDay: '2017-10-15' });
    expect(result.problems).toEqual([]);
    expect(result.voters.map((v) => [v.id, v.surname, v.birthYear])).toEqual([
      ['pin:21203198500011', 'Үсөнова', 1985],
      [expect.stringMatching(/^nb:/u), 'Асанов', 1970],
    ]);
  });

  it('a changed voter row breaks the seal', async () => {
    const sealed = (await sealBundle(withLists([{ precinct: 9001, columns: [...columns], rows }]) as ElectionBundleInput)) as { voterLists: { rows: string[][] }[] };
    sealed.voterLists[0]!.rows[1]![2] = 'Башка';
    const checked = await checkBundle(sealed);
    expect(checked.ok ? [] : checked.error.map((p) => p.code)).toEqual(['tampered']);
  });

  it.each([
    ['unknown-precinct', [{ precinct: 1234, columns: [...columns], rows }], 'voterLists.0.precinct'],
    ['duplicate-voter-list', [{ precinct: 9001, columns: [...columns], rows }, { precinct: 9001, columns: [...columns], rows }], 'voterLists.1.precinct'],
    ['duplicate-column', [{ precinct: 9001, columns: ['page', 'page'], rows: [] }], 'voterLists.0.columns.1'],
    ['ragged-row', [{ precinct: 9001, columns: [...columns], rows: [['1', '1']] }], 'voterLists.0.rows.0'],
    ['invalid-value', [{ precinct: 9001, columns: ['page', 'shoe-size'], rows: [] }], 'voterLists.0.columns.1'],
  ])('%s is refused with the path of the problem', async (code, lists, path) => {
    const checked = await checkBundle(withLists(lists));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.error).toContainEqual(expect.objectContaining({ code, path }));
  });
});
