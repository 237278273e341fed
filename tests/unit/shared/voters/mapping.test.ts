import { describe, expect, it } from 'vitest';
import { emptyMapping, guessField, guessMapping, isRunningNumberHeader, rowRunsAcrossPages, mappingProblems, REQUIRED_FIELDS, VOTER_FIELDS } from '../../../../shared/voters/mapping';

const ALL = { page: 0, row: 1, fullName: null, surname: 2, name: 3, patronymic: 4, birth: 5, address: 6, document: 7, pin: 8, marks: 9 };

describe('guessMapping', () => {
  it('Kyrgyz headers', () => {
    expect(
      guessMapping(['Барак', 'Катар', 'Фамилиясы', 'Аты', 'Атасынын аты', 'Туулган жылы', 'Дареги', 'Паспорт', 'ПИН', 'Атайын белгилер']),
    ).toEqual(ALL);
  });

  it('Kyrgyz headers in the possessive, with ЖИН', () => {
    expect(
      guessMapping(['Тизменин барагы', 'Сабы', 'Фамилиясы', 'Аты', 'Атасынын аты', 'Туулган күнү', 'Катталган жери', 'Паспорту', 'ЖИН', 'Белгилер']),
    ).toEqual(ALL);
  });

  it('Russian headers', () => {
    expect(
      guessMapping(['Страница', 'Строка', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Адрес', 'Документ', 'ИНН', 'Особые отметки']),
    ).toEqual(ALL);
  });

  it('English headers', () => {
    expect(
      guessMapping(['Page', 'Row', 'Surname', 'Name', 'Patronymic', 'Date of birth', 'Address', 'Passport', 'Personal number', 'Marks']),
    ).toEqual(ALL);
    expect(guessMapping(['Page No.', 'Line', 'Last name', 'First name', 'Middle name', 'Year of birth', 'Residence', 'ID', 'PIN', 'Notes'])).toEqual(ALL);
  });

  it('ignores case, spaces and punctuation', () => {
    expect(guessMapping(['  БАРАК  №', 'номер строки', 'Фамилия*', 'имя', 'ОТЧЕСТВО', 'Год  рождения', 'адрес места жительства', 'Серия и номер паспорта', 'Персональный идентификационный номер', 'Примечание'])).toEqual(ALL);
  });

  it.each([
    ['Туулган күнү', 'birth'],
    ['Дата рожд.', 'birth'],
    ['Г.р.', 'birth'],
    ['Жашаган жери', 'address'],
    ['Паспорттун сериясы жана номери', 'document'],
    ['Жеке номер (ПИН)', 'pin'],
    ['ИНН (ПИН)', 'pin'],
    ['№', null],
    ['№ п/п', null],
    ['Р/с', null],
    ['п/п', null],
    ['N', null],
    ['#', null],
    ['Барак №', 'page'],
    ['№ строки', 'row'],
    ['Атасынын аты', 'patronymic'],
    ['Аты', 'name'],
    ['Фамилия, имя, отчество', 'fullName'],
    ['Фамилиясы, аты, атасынын аты', 'fullName'],
    ['Аты-жөнү', 'fullName'],
    ['Фамилия, имя и отчество', 'fullName'],
    ['Фамилия, имя, отчество (при наличии)', 'fullName'],
    ['Фамилиясы, аты жана атасынын аты', 'fullName'],
    ['Surname, name and patronymic', 'fullName'],
    ['ФИО', 'fullName'],
    ['Ф.И.О.', 'fullName'],
    ['Full name', 'fullName'],
    // Kyrgyz possessive forms and abbreviations as registry exports and hand-kept lists write them.
    ['Тизменин барагы', 'page'],
    ['Барагы', 'page'],
    ['Беттин №', 'page'],
    ['Бети', 'page'],
    ['Сабы', 'row'],
    ['Саптын №', 'row'],
    ['ЖИН', 'pin'],
    ['Жеке идентификациялык номери (ЖИН)', 'pin'],
    ['Место регистрации', 'address'],
    ['Катталган жери', 'address'],
    ['Колу', null],
    ['', null],
  ])('%j → %s', (header, field) => {
    expect(guessField(header)).toBe(field);
  });

  it('gives each field the first column that names it, and no column twice', () => {
    const m = guessMapping(['Фамилия', 'Фамилия (латиницей)', 'Имя', 'Дата рождения']);
    expect(m).toMatchObject({ surname: 0, name: 2, birth: 3, page: null });
  });
});

describe('mappingProblems', () => {
  it('a full mapping has none', () => {
    expect(mappingProblems(ALL)).toEqual([]);
    expect(mappingProblems(ALL, new Array(10).fill('h'))).toEqual([]);
  });

  it('missing-required-column for page, row, surname, name and birth', () => {
    expect(REQUIRED_FIELDS).toEqual(['page', 'row', 'surname', 'name', 'birth']);
    expect(mappingProblems(emptyMapping())).toEqual(REQUIRED_FIELDS.map((field) => ({ code: 'missing-required-column', field })));
    expect(mappingProblems(guessMapping(['Барак', 'Катар', 'Фамилиясы', 'Аты', 'Дареги']))).toEqual([{ code: 'missing-required-column', field: 'birth' }]);
  });

  it('column-used-twice names both fields and the column (1-based)', () => {
    expect(mappingProblems({ ...ALL, address: 2 })).toEqual([{ code: 'column-used-twice', field: 'address', params: { column: 3, otherField: 'surname' } }]);
  });

  it('column-out-of-range when the header is given', () => {
    expect(mappingProblems({ ...ALL, marks: 12 }, new Array(10).fill('h'))).toEqual([{ code: 'column-out-of-range', field: 'marks', params: { column: 13 } }]);
  });

  it('VOTER_FIELDS are the eleven fields in screen order', () => {
    expect(VOTER_FIELDS).toEqual(['page', 'row', 'fullName', 'surname', 'name', 'patronymic', 'birth', 'address', 'document', 'pin', 'marks']);
  });
});

describe('the running number is never the list row (issue 16)', () => {
  it('"№, Барак, Катар": row is Катар, not the running number', () => {
    const header = ['№', 'Барак', 'Катар', 'Фамилиясы', 'Аты', 'Туулган күнү'];
    expect(guessMapping(header)).toMatchObject({ page: 1, row: 2, surname: 3, name: 4, birth: 5 });
    expect(guessMapping(['№ п/п', 'Р/с', 'Страница', 'Строка'])).toMatchObject({ page: 2, row: 3 });
  });

  it('mapping "№" as row or page by hand is refused, naming the column', () => {
    const header = ['№', 'Барак', 'Катар', 'Фамилиясы', 'Аты', 'Туулган күнү'];
    const m = { ...emptyMapping(), page: 1, row: 0, surname: 3, name: 4, birth: 5 };
    expect(mappingProblems(m, header)).toEqual([{ code: 'row-is-running-number', field: 'row', params: { column: 1, header: '№' } }]);
    expect(mappingProblems({ ...m, row: 2, page: 0 }, ['Р/с', ...header.slice(1)])).toEqual([
      { code: 'row-is-running-number', field: 'page', params: { column: 1, header: 'Р/с' } },
    ]);
  });
});

describe('running-number headers in their other spellings (issue 16)', () => {
  it.each(['№', '№ п/п', 'N п/п', 'п/п', 'Р/с', '№№', 'Порядковый №', 'Порядковый номер', '№ по порядку', 'Иреттик №', 'Иреттик номери', 'No.', '#', 'S/N'])(
    '%j is a running number: never guessed, refused as the row',
    (h) => {
      expect(isRunningNumberHeader(h)).toBe(true);
      const header = [h, 'Барак', 'Катар', 'Фамилиясы', 'Аты', 'Туулган күнү'];
      expect(guessMapping(header)).toMatchObject({ page: 1, row: 2 });
      expect(mappingProblems({ ...emptyMapping(), page: 1, row: 0, surname: 3, name: 4, birth: 5 }, header)).toEqual([
        { code: 'row-is-running-number', field: 'row', params: { column: 1, header: h } },
      ]);
    },
  );

  it.each(['Катар', 'Катар №', '№ катар', 'Строка', '№ строки', 'Барак №', '№ страницы', 'Page', 'P', 'Row no', 'Номер'])('%j is not a running number', (h) => {
    expect(isRunningNumberHeader(h)).toBe(false);
  });
});

describe('full-name column', () => {
  it('stands for surname and name; parts mapped beside it are refused', () => {
    const m = { ...emptyMapping(), page: 0, row: 1, fullName: 2, birth: 3 };
    expect(mappingProblems(m)).toEqual([]);
    expect(mappingProblems({ ...m, name: 4 })).toEqual([{ code: 'full-name-and-parts', field: 'name' }]);
    expect(guessMapping(['Барак', 'Катар', 'Фамилиясы, аты, атасынын аты', 'Туулган күнү'])).toMatchObject({ fullName: 2, surname: null, name: null });
  });
});

describe('a row column that never starts again on a new page (issue 16)', () => {
  const m = { page: 1, row: 2 };
  it('a running number under any header is seen from its values', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [String(i + 1), String(Math.floor(i / 10) + 1), String(i + 1)]);
    expect(rowRunsAcrossPages(rows, m)).toBe(true);
    expect(rowRunsAcrossPages(rows, { page: 1, row: 0 })).toBe(true);
  });
  it("the list's own row (1… on every page) and a one-page list are not", () => {
    const rows = Array.from({ length: 30 }, (_, i) => [String(i + 1), String(Math.floor(i / 10) + 1), String((i % 10) + 1)]);
    expect(rowRunsAcrossPages(rows, m)).toBe(false);
    expect(rowRunsAcrossPages(rows.slice(0, 10), m)).toBe(false);
    expect(rowRunsAcrossPages(rows, { page: 1, row: null })).toBe(false);
  });
});
