import { describe, expect, it } from 'vitest';
import { voterIdentity } from '../../../../shared/voters/identity';
import { normalizeForSearch, parseBirthWord, parsePageRow, searchSkeleton, searchTokens, switchKeyboardLayout, VoterSearchIndex } from '../../../../shared/voters/search';
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

describe('a name with a birth year or date (namesakes told apart, issue 19)', () => {
  // 3,000 generated voters and 240 namesakes "Күлүкеев"/"Күлүкеева" with Kyrgyz names (ң ө ү), born
  // 1930–2001 on generated days: many share a year, few share a date.
  const KY_NAMES = ['Төлөгөн', 'Үсөн', 'Мөңкө', 'Айгүл', 'Чыңгыз', 'Өмүрбек', 'Бүбүсара', 'Эңкөр'];
  const base = generateVoters(3000, 77);
  const namesakes: VoterRecord[] = [];
  let state = 12345;
  const rnd = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (let i = 0; i < 240; i += 1) {
    const year = 1930 + Math.floor(rnd() * 72);
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const v = voter(500 + Math.floor(i / 20), 1 + (i % 20), i % 2 ? 'Күлүкеева' : 'Күлүкеев', KY_NAMES[i % KY_NAMES.length]!, 'Асанович');
    namesakes.push({ ...v, birthDate: i % 50 === 7 ? null : (birthDate as VoterRecord['birthDate']), birthYear: year });
  }
  // The one the member is looking for: the only Күлүкеев born on 2 June 1970.
  const target = { ...voter(600, 1, 'Күлүкеев', 'Төлөгөн', 'Үсөнович'), birthDate: '1970-06-02' as VoterRecord['birthDate'], birthYear: 1970 };
  const list = [...base, ...namesakes.filter((v) => v.birthDate !== '1970-06-02'), target];
  const idx = new VoterSearchIndex(list);
  const kulukeev = (v: VoterRecord) => v.surname.startsWith('Күлүкеев');
  const ids = (q: string) => new Set(idx.search(q, 100_000).map((h) => h.voter.id));
  const expected = (keep: (v: VoterRecord) => boolean) => new Set(list.filter((v) => kulukeev(v) && keep(v)).map((v) => v.id));

  it('reads years, dates as people type them, and what is on the way to them', () => {
    expect(parseBirthWord('1970')).toMatchObject({ from: 1970, to: 1970, date: null, monthDay: null, alsoCode: true });
    expect(parseBirthWord('1970ж.')).toMatchObject({ from: 1970, to: 1970, alsoCode: false });
    expect(parseBirthWord('1970-ж')).toMatchObject({ from: 1970, to: 1970 });
    expect(parseBirthWord('197')).toMatchObject({ from: 1970, to: 1979, alsoCode: true });
    expect(parseBirthWord('19')).toMatchObject({ from: 1900, to: 1999 });
    expect(parseBirthWord('2')).toMatchObject({ from: 2000, to: 2099 });
    for (const w of ['02.06.1970', '2.6.1970', '1970-06-02', '02/06/1970', '2-6-1970']) {
      expect([w, parseBirthWord(w)]).toEqual([w, { raw: w, from: 1970, to: 1970, date: '1970-06-02', monthDay: '-06-02', alsoCode: false }]);
    }
    expect(parseBirthWord('2.6')).toMatchObject({ from: 1900, to: 2099, date: null, monthDay: '-06-02' });
    expect(parseBirthWord('02.06.19')).toMatchObject({ from: 1900, to: 1999, monthDay: '-06-02' });
    for (const w of ['1850', '2100', '12', '5', '0', '31.02.1970', '2.13', '3/1', '12345', 'ab12']) expect([w, parseBirthWord(w)]).toEqual([w, null]);
  });

  it('"<surname> <year>" in any order, any spelling, finds exactly the namesakes born that year; the count is the true count', () => {
    const born1970 = expected((v) => v.birthYear === 1970);
    expect(born1970.size).toBeGreaterThan(1);
    for (const q of ['Күлүкеев 1970', '1970 Күлүкеев', 'кулукеев 1970', 'Kulukeev 1970', 'KÜLÜKEEV 1970', 'Күлүкеев, 1970', 'Күлүкеев 1970ж.']) {
      expect([q, ids(q)]).toEqual([q, born1970]);
      expect([q, idx.searchCounted(q, 3).total]).toEqual([q, born1970.size]);
    }
    // Without a year the namesakes are many: the year is what tells them apart.
    expect(ids('Күлүкеев').size).toBeGreaterThan(200);
    // Surname and given name and year.
    expect(ids('Күлүкеев Төлөгөн 1970')).toEqual(expected((v) => v.birthYear === 1970 && v.name === 'Төлөгөн'));
    expect(ids('Kulukeev Tologon 1970')).toEqual(expected((v) => v.birthYear === 1970 && v.name === 'Төлөгөн'));
  });

  it('a full date typed as people type it finds the one voter born that day (first), and namesakes the list gives only the year of', () => {
    const undated1970 = list.filter((v) => kulukeev(v) && v.birthDate === null && v.birthYear === 1970);
    for (const q of ['Күлүкеев 02.06.1970', 'Күлүкеев 2.6.1970', 'Күлүкеев 1970-06-02', '02.06.1970 Күлүкеев', 'kulukeev 2/6/1970', 'Күлүкеев Төлөгөн 2.6.1970']) {
      const { hits, total } = idx.searchCounted(q, 50);
      expect([q, hits[0]?.voter.id]).toEqual([q, target.id]);
      expect([q, hits.slice(1).map((h) => h.voter.id).sort()]).toEqual([q, undated1970.filter((v) => q.includes('Төлөгөн') ? v.name === 'Төлөгөн' : true).map((v) => v.id).sort()]);
      expect(total).toBe(hits.length);
    }
    expect(idx.search('Күлүкеев 03.06.1970').every((h) => h.voter.birthDate === null)).toBe(true);
    expect(idx.search('Күлүкеев 31.02.1970')).toEqual([]);
  });

  it('while the year or date is being typed the list narrows, never empties on the way', () => {
    for (const [q, keep] of [
      ['Күлүкеев 1', (v: VoterRecord) => v.birthYear < 2000],
      ['Күлүкеев 19', (v: VoterRecord) => v.birthYear < 2000],
      ['Күлүкеев 197', (v: VoterRecord) => v.birthYear >= 1970 && v.birthYear <= 1979],
      ['Күлүкеев 2.6', (v: VoterRecord) => v.birthDate === null || v.birthDate.endsWith('-06-02')],
      ['Күлүкеев 2.6.19', (v: VoterRecord) => v.birthYear < 2000 && (v.birthDate === null || v.birthDate.endsWith('-06-02'))],
      ['Күлүкеев 2.6.197', (v: VoterRecord) => v.birthYear >= 1970 && v.birthYear < 1980 && (v.birthDate === null || v.birthDate.endsWith('-06-02'))],
    ] as const) {
      const want = expected(keep);
      expect([q, ids(q)]).toEqual([q, want]);
      expect(want.has(target.id)).toBe(true);
    }
  });

  it('digits alone, documents, ПИН and page/row are read exactly as before', () => {
    const pinVoter = list[100]!;
    const docVoter = list[200]!;
    expect(idx.search(pinVoter.pin.slice(0, 9), 100_000).every((h) => h.voter.pin.startsWith(pinVoter.pin.slice(0, 9)))).toBe(true);
    expect(idx.search(pinVoter.pin)[0]!.voter.id).toBe(pinVoter.id);
    expect(idx.search(docVoter.document)[0]).toMatchObject({ voter: { id: docVoter.id }, match: 'code', score: 60 });
    // A year alone is a code prefix, as before (no voter's ПИН or document starts with 1970 here).
    expect(idx.search('1970')).toEqual([]);
    expect(idx.search('02.06.1970')).toEqual([]);
    expect(idx.search('600/1')).toEqual([{ voter: target, index: list.length - 1, score: 100, match: 'page-row' }]);
    expect(idx.search('600 1')[0]!.voter.id).toBe(target.id);
  });

  it('a name with digits that a document starts with still finds that voter (the digits are also read as before)', () => {
    const withDoc = { ...voter(700, 1, 'Күлүкеев', 'Мөңкө', '', 'ID1970555'), birthYear: 1990, birthDate: '1990-01-01' as VoterRecord['birthDate'] };
    const small = new VoterSearchIndex([...namesakes, withDoc]);
    const found = small.search('Күлүкеев 1970', 1000).map((h) => h.voter.id);
    expect(found).toContain(withDoc.id);
    expect(found.length).toBe(namesakes.filter((v) => v.birthYear === 1970).length + 1);
    // A short surname with a year: read as a document first; when none, as name and year.
    const kim = [{ ...voter(1, 1, 'Ким', 'Ирина'), birthYear: 1970, birthDate: '1970-05-05' as VoterRecord['birthDate'] }, { ...voter(1, 2, 'Ким', 'Олег'), birthYear: 1971, birthDate: '1971-05-05' as VoterRecord['birthDate'] }];
    expect(new VoterSearchIndex(kim).search('Ким 1970').map((h) => h.voter.name)).toEqual(['Ирина']);
  });
});

describe('names as lists really hold them: Latin look-alike letters, stand-ins for ң ө ү, letters lost to Windows-1251', () => {
  // Each surname as a file wrote it; the member types it properly (with or without the Kyrgyz letters).
  const HELD = [
    voter(1, 1, 'Cыдыков', 'Бакыт'), // Latin C
    voter(1, 2, 'Pыскулов', 'Талант'), // Latin P
    voter(1, 3, 'Xасанова', 'Бурул'), // Latin X
    voter(1, 4, 'Уcoнов', 'Азамат'), // Latin c and o
    voter(1, 5, 'Yсенова', 'Гүлзат'), // Latin Y for Ү
    voter(1, 6, 'Тɵлɵгɵнова', 'Айгүл'), // barred o (U+0275) for ө
    voter(1, 7, 'Жеŋишов', 'Эркин'), // eng (U+014B) for ң
    voter(1, 8, 'Тѳлѳгѳнов', 'Канат'), // fita for ө (old Kyrgyz fonts)
    voter(2, 1, '?с?нов', 'Марат'), // Үсөнов in a Windows-1251 file
    voter(2, 2, 'Же?ишова', 'Г?лзат'), // Жеңишова Гүлзат so
    voter(2, 3, 'Kurmanbekov', 'Асан'), // a Latin surname keeps its Latin reading
    voter(2, 4, 'Аsanov', 'Нурлан'), // a Latin surname with a Cyrillic А
  ];
  const held = new VoterSearchIndex(HELD);
  const reopened = new VoterSearchIndex(HELD, held.toStored());
  const found = (query: string, ix = held) => ix.search(query, 5).map((h) => `${h.voter.page}/${h.voter.row}`);

  it.each([
    ['Сыдыков', '1/1'],
    ['сыд', '1/1'],
    ['Рыскулов', '1/2'],
    ['Хасанова', '1/3'],
    ['Усонов', '1/4'],
    ['Үсенова', '1/5'],
    ['Усенова', '1/5'],
    ['Төлөгөнова', '1/6'],
    ['Тологонова', '1/6'],
    ['Жеңишов', '1/7'],
    ['Женишов', '1/7'],
    ['Төлөгөнов', '1/8'],
    ['Үсөнов', '2/1'],
    ['Усонов Марат', '2/1'],
    ['Жеңишова', '2/2'],
    ['Женишова Гулзат', '2/2'],
    ['Гүлзат', '2/2'],
    ['Kurmanbekov', '2/3'],
    ['Курманбеков', '2/3'],
    ['Asanov', '2/4'],
  ])('"%s" finds %s (also from the stored index)', (query, at) => {
    expect(found(query)).toContain(at);
    expect(found(query, reopened)).toContain(at);
  });

  it('a lost letter stands for ң, ө or ү only: "Усанов" does not find ?с?нов', () => {
    expect(found('Усанов')).not.toContain('2/1');
    expect(found('Марат')).toEqual(['2/1']);
  });

  it('an index stored before these keys existed is not taken as sound (it is rebuilt from the list)', () => {
    const old = { ...held.toStored(), format: 2 };
    expect(() => new VoterSearchIndex(HELD, old as unknown as ReturnType<typeof held.toStored>)).toThrow(RangeError);
  });
});
