import { describe, expect, it } from 'vitest';
import { voterIdentity } from '../../../../shared/voters/identity';
import { normalizeForSearch, parsePageRow, searchSkeleton, searchTokens, switchKeyboardLayout, VoterSearchIndex } from '../../../../shared/voters/search';
import type { VoterRecord } from '../../../../shared/voters/validate';
import { generateVoters } from '../../../../shared/voters/generate';

let seq = 0;
function voter(page: number, row: number, surname: string, name: string, patronymic = '', document = '', pin = ''): VoterRecord {
  seq += 1;
  const v: VoterRecord = {
    id: '',
    page,
    row,
    surname,
    name,
    patronymic,
    birthDate: '1980-01-01',
    birthYear: 1980,
    address: 'Бишкек',
    document: document || `ID${String(seq).padStart(7, '0')}`,
    pin,
    marks: [],
  };
  v.id = voterIdentity(v);
  return v;
}

const VOTERS = [
  voter(1, 1, 'Асанов', 'Нурлан', 'Бакытович', 'AN1234567', '20101198000001'),
  voter(1, 2, 'Асанова', 'Айгүл', 'Нурлановна'),
  voter(1, 3, 'Мамбетов', 'Асан', 'Үсөнович'),
  voter(1, 4, 'Нурланов', 'Асан'),
  voter(1, 5, 'Усонов', 'Бакыт'), // written with look-alikes in the file
  voter(2, 1, 'Асан уулу', 'Темирлан'),
  voter(2, 2, 'Абдыкадыров', 'Жаныбек', 'Жумабаевич'),
  voter(2, 3, 'Кеңешбеков', 'Чыңгыз', 'Өмүрбекович'),
  voter(2, 4, 'Иванов', 'Сергей', 'Петрович'),
  voter(2, 5, 'Фёдорова', 'Наталья', 'Юрьевна'),
  voter(2, 6, 'Цой', 'Владимир'),
  voter(3, 1, 'Хасанов', 'Исхак'),
  voter(3, 2, 'Жээнбеков', 'Сооронбай'),
  voter(3, 3, 'Салтыков-Щедрин', 'Михаил'),
  voter(12, 5, 'Үсөнов', 'Чыңгыз', 'Бакытович', 'ID7654321', '20506199000011'),
];
const index = new VoterSearchIndex(VOTERS);
const names = (query: string, limit?: number) => index.search(query, limit).map((h) => `${h.voter.surname} ${h.voter.name}`);

describe('normalisation', () => {
  it.each([
    [['Үсөнов', 'Усонов', 'Usonov', 'Üsönov', 'усөнов'], 'usonov'],
    [['Жаныбек', 'Janybek', 'Zhanybek', 'Джаныбек', 'Dzhanybek', 'Djanybek'], 'janibek'],
    [['Чыңгыз', 'Чингиз', 'Chyngyz', 'Tchyngyz', 'Chingiz', 'Чынгыз'], 'ciniz'],
    [['Жээнбеков', 'Jeenbekov', 'Zheenbekov', 'Жеенбеков'], 'jenbekov'],
    [['Кеңешбеков', 'Keneshbekov', 'Keñeşbekov', 'Kengeshbekov'], 'kenesbekov'],
    [['Өмүрбеков', 'Omurbekov', 'Ömürbekov'], 'omurbekov'],
    [['Айгүл', 'Aigul', 'Aygul', 'Aigül'], 'aigul'],
    [['Фёдоров', 'Федоров', 'Fedorov'], 'fedorov'],
    [['Хасанов', 'Khasanov', 'Hasanov'], 'hasanov'],
    [['Исхак', 'Iskhak'], 'isak'],
    [['Цой', 'Tsoi', 'Tsoy'], 'coi'],
    [['Шамшиев', 'Shamshiev', 'Şamşiev'], 'samsiev'],
    [['Щукин', 'Shchukin'], 'sukin'],
    [['Юлия', 'Yuliya', 'Iuliia'], 'ulia'],
    [['Евгений', 'Yevgeniy', 'Evgenii'], 'evgeni'],
    [['Мария', 'Mariya', 'Maria'], 'maria'],
    [['Чолпон', 'Cholpon', 'Çolpon'], 'colpon'],
    [['Асель', 'Asel'], 'asel'],
    [['Александр', 'Aleksandr', 'Alexandr'], 'aleksandr'],
  ])('%j → %s', (spellings, skeleton) => {
    for (const s of spellings) expect([s, searchSkeleton(s)]).toEqual([s, skeleton]);
  });

  it('splits at spaces, hyphens and punctuation; lower-cases', () => {
    expect(searchTokens('Салтыков-Щедрин  М.Е.')).toEqual(['saltikov', 'sedrin', 'm', 'e']);
    expect(normalizeForSearch('  Нурлан УУЛУ ')).toBe('nurlan ulu');
    expect(normalizeForSearch('!!')).toBe('');
  });

  it('switches the keyboard layout both ways', () => {
    expect(switchKeyboardLayout('fcfyjd')).toBe('асанов');
    expect(switchKeyboardLayout('Fcfyjd Ye')).toBe('Асанов Ну');
    expect(switchKeyboardLayout('фыф')).toBe('asa');
  });

  it('reads page and row in many spellings', () => {
    for (const q of ['12/5', '12-5', '12 5', '12.5', '12:5', 'б12 к5', 'Б 12 К 5', 'p12 r5', 'P12R5', 'бет 12 катар 5', 'стр. 12 строка 5', 'page 12 row 5']) {
      expect([q, parsePageRow(q)]).toEqual([q, { page: 12, row: 5 }]);
    }
    for (const q of ['12', 'асан', '12/5/1', 'AN12 5']) expect([q, parsePageRow(q)]).toEqual([q, null]);
  });
});

describe('VoterSearchIndex', () => {
  it('"асан" finds Асанов and ranks an exact surname first, then surname prefixes, then names', () => {
    expect(names('асан')).toEqual(['Асан уулу Темирлан', 'Асанов Нурлан', 'Асанова Айгүл', 'Мамбетов Асан', 'Нурланов Асан']);
  });

  it('"усон" (typed with у/о on a Russian keyboard) finds Үсөнов', () => {
    expect(names('усон')).toEqual(['Усонов Бакыт', 'Үсөнов Чыңгыз', 'Мамбетов Асан']);
  });

  it('"Usonov" in Latin letters finds Үсөнов (and the patronymic Үсөнович, ranked after surnames)', () => {
    expect(names('Usonov')).toEqual(['Усонов Бакыт', 'Үсөнов Чыңгыз', 'Мамбетов Асан']);
  });

  it('typing the Kyrgyz letters puts the exact spelling first', () => {
    expect(names('Үсөнов')).toEqual(['Үсөнов Чыңгыз', 'Усонов Бакыт', 'Мамбетов Асан']);
  });

  it('"нурлан асан" in reverse order finds Асанов Нурлан (name beats patronymic: Асанова Айгүл Нурлановна last)', () => {
    expect(names('нурлан асан')).toEqual(['Асанов Нурлан', 'Нурланов Асан', 'Асанова Айгүл']);
    expect(names('асан нурлан')).toEqual(['Асанов Нурлан', 'Нурланов Асан', 'Асанова Айгүл']);
    expect(names('асан нур бак')).toEqual(['Асанов Нурлан']);
  });

  it('"доолотов доолот": the voter named Доолот comes before a Доолотов whose only match is the surname twice', () => {
    const list = [
      voter(9, 19, 'Доолотов', 'Медер', 'Өмүрбекович'),
      voter(9, 20, 'Доолотов', 'Сооронбай', 'Доолотович'),
      voter(10, 3, 'Доолотов', 'Дөөлөт', 'Азаматович'),
      voter(10, 4, 'Асан уулу', 'Нурлан'),
      voter(10, 5, 'Асанов', 'Нурлан'),
    ];
    const ix = new VoterSearchIndex(list);
    const found = (q: string) => ix.search(q).map((h) => `${h.voter.surname} ${h.voter.name}`);
    expect(found('доолотов доолот')).toEqual(['Доолотов Дөөлөт', 'Доолотов Сооронбай', 'Доолотов Медер']);
    expect(found('доолот доолотов')).toEqual(['Доолотов Дөөлөт', 'Доолотов Сооронбай', 'Доолотов Медер']);
    // Two words of one compound surname are two different words.
    expect(found('асан уулу нурлан')).toEqual(['Асан уулу Нурлан']);
    expect(found('асан нурлан')[0]).toBe('Асан уулу Нурлан');
  });

  it('all tokens must match', () => {
    expect(names('асан zzz')).toEqual([]);
  });

  it('finds Latin spellings of Kyrgyz and Russian names', () => {
    expect(names('Zhanybek')).toEqual(['Абдыкадыров Жаныбек']);
    expect(names('Janybek')).toEqual(['Абдыкадыров Жаныбек']);
    expect(names('Chyngyz')).toEqual(['Кеңешбеков Чыңгыз', 'Үсөнов Чыңгыз']);
    expect(names('Tchyngyz Usonov')).toEqual(['Үсөнов Чыңгыз']);
    expect(names('Чингиз')).toEqual(['Кеңешбеков Чыңгыз', 'Үсөнов Чыңгыз']);
    expect(names('Jeenbekov')).toEqual(['Жээнбеков Сооронбай']);
    expect(names('Fedorova')).toEqual(['Фёдорова Наталья']);
    expect(names('федорова')).toEqual(['Фёдорова Наталья']);
    expect(names('Tsoi')).toEqual(['Цой Владимир']);
    expect(names('Khasanov')).toEqual(['Хасанов Исхак']);
    expect(names('щедрин')).toEqual(['Салтыков-Щедрин Михаил']);
  });

  it('a Latin token ending in the first letter of a digraph also tries the digraph', () => {
    expect(names('Zh')).toContain('Абдыкадыров Жаныбек');
    expect(names('Z')).toContain('Абдыкадыров Жаныбек');
    expect(names('K')).toContain('Хасанов Исхак');
    expect(names('Ts')).toEqual(['Цой Владимир', 'Кеңешбеков Чыңгыз', 'Үсөнов Чыңгыз']); // ц and ч share 'c'
  });

  it('retries with the keyboard layout switched when nothing is found', () => {
    expect(names('fcfyjd')).toEqual(['Асанов Нурлан', 'Асанова Айгүл']);
  });

  it('finds by document prefix, with or without the series, Latin or Cyrillic series letters', () => {
    expect(names('AN12')).toEqual(['Асанов Нурлан']);
    expect(names('an 123')).toEqual(['Асанов Нурлан']);
    expect(names('ан1234567')).toEqual(['Асанов Нурлан']);
    expect(names('7654')).toEqual(['Үсөнов Чыңгыз']);
    expect(index.search('ID7654321')[0]).toMatchObject({ match: 'code', score: 60 });
  });

  it('finds by ПИН prefix', () => {
    expect(names('2050619')).toEqual(['Үсөнов Чыңгыз']);
    expect(names('20101198000001')).toEqual(['Асанов Нурлан']);
  });

  it('"12/5" and its spellings find page 12 row 5', () => {
    for (const q of ['12/5', '12-5', '12 5', 'б12 к5', 'p12 r5']) {
      const hits = index.search(q);
      expect([q, hits.map((h) => `${h.voter.page}/${h.voter.row} ${h.voter.surname}`), hits[0]?.match]).toEqual([q, ['12/5 Үсөнов'], 'page-row']);
    }
  });

  it('a page and row that do not exist are searched as text', () => {
    expect(index.search('99/1')).toEqual([]);
  });

  it('respects the limit and returns nothing for an empty query', () => {
    expect(names('а', 2)).toHaveLength(2);
    expect(index.search('   ')).toEqual([]);
    expect(index.search('асан', 0)).toEqual([]);
  });

  it('returns the voter, its index in the list and the score', () => {
    const [hit] = index.search('Кеңешбеков');
    expect(hit).toEqual({ voter: VOTERS[7], index: 7, score: 37, match: 'name' });
  });

  it('works on an empty list', () => {
    expect(new VoterSearchIndex([]).search('асан')).toEqual([]);
  });

  it('repeated queries give the same answers (per-query counters are reset)', () => {
    const first = names('асан нурлан');
    for (let i = 0; i < 5; i += 1) names('а');
    expect(names('асан нурлан')).toEqual(first);
  });

  it('a short query answered again (remembered) is answered as a fresh index answers it; a caller changing its list changes nothing', () => {
    const many = generateVoters(3000, 23);
    const used = new VoterSearchIndex(many);
    const short = ['а', 'А', 'a', 'ас', 'ID', '1', '7', 'fc', 'ж', 'zq'];
    for (const q of short) used.searchCounted(q, 200);
    for (const q of short) {
      const again = used.searchCounted(q, 200);
      const fresh = new VoterSearchIndex(many).searchCounted(q, 200);
      expect([q, again.total, again.hits]).toEqual([q, fresh.total, fresh.hits]);
      again.hits.reverse();
      again.hits.pop();
      expect(used.searchCounted(q, 200).hits).toEqual(fresh.hits);
      // Another limit is its own answer.
      expect(used.searchCounted(q, 3).hits).toEqual(fresh.hits.slice(0, 3));
    }
  });
});

describe('the count of all matches (the desk shows it, not the length of a capped list)', () => {
  const many = generateVoters(3000, 19);
  const big = new VoterSearchIndex(many);
  const queries = ['а', 'ас', 'асан', 'нур бак', 'b', 'kun', 'ID', '1', '12/5', 'уулу', 'fcfy', 'zzzzqx'];

  it('total is the number of voters the uncapped search finds, whatever the limit', () => {
    let capped = 0;
    for (const q of queries) {
      const all = big.search(q, 1_000_000);
      for (const limit of [1, 8, 200]) {
        const { hits, total } = big.searchCounted(q, limit);
        expect([q, limit, total]).toEqual([q, limit, all.length]);
        expect(hits).toEqual(all.slice(0, limit));
        if (total > limit) capped += 1;
      }
    }
    // The property is tested where it matters: queries with more matches than the cap.
    expect(capped).toBeGreaterThan(5);
  });

  it('a page/row hit counts one; nothing found counts zero; the layout switch counts its own hits', () => {
    expect(big.searchCounted(`${many[10]!.page}/${many[10]!.row}`, 200).total).toBe(1);
    expect(big.searchCounted('zzzzqx', 200)).toEqual({ hits: [], total: 0 });
    const switched = big.searchCounted('fcfy', 200);
    expect(switched.total).toBe(big.searchCounted('асан', 1_000_000).total);
  });
});
