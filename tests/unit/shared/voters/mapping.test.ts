import { describe, expect, it } from 'vitest';
import { emptyMapping, guessField, guessMapping, mappingProblems, REQUIRED_FIELDS, VOTER_FIELDS } from '../../../../shared/voters/mapping';

const ALL = { page: 0, row: 1, surname: 2, name: 3, patronymic: 4, birth: 5, address: 6, document: 7, pin: 8, marks: 9 };

describe('guessMapping', () => {
  it('Kyrgyz headers', () => {
    expect(
      guessMapping(['Барак', 'Катар', 'Фамилиясы', 'Аты', 'Атасынын аты', 'Туулган жылы', 'Дареги', 'Паспорт', 'ПИН', 'Атайын белгилер']),
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
    expect(guessMapping(['  БАРАК  №', '№ п/п', 'Фамилия*', 'имя', 'ОТЧЕСТВО', 'Год  рождения', 'адрес места жительства', 'Серия и номер паспорта', 'Персональный идентификационный номер', 'Примечание'])).toEqual(ALL);
  });

  it.each([
    ['Туулган күнү', 'birth'],
    ['Дата рожд.', 'birth'],
    ['Г.р.', 'birth'],
    ['Жашаган жери', 'address'],
    ['Паспорттун сериясы жана номери', 'document'],
    ['Жеке номер (ПИН)', 'pin'],
    ['ИНН (ПИН)', 'pin'],
    ['№', 'row'],
    ['Барак №', 'page'],
    ['№ строки', 'row'],
    ['Атасынын аты', 'patronymic'],
    ['Аты', 'name'],
    ['Фамилия, имя, отчество', null],
    ['Аты-жөнү', null],
    ['ФИО', null],
    ['Full name', null],
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

  it('VOTER_FIELDS are the ten fields in screen order', () => {
    expect(VOTER_FIELDS).toEqual(['page', 'row', 'surname', 'name', 'patronymic', 'birth', 'address', 'document', 'pin', 'marks']);
  });
});
