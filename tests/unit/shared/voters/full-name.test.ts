import { describe, expect, it } from 'vitest';
import { splitFullName } from '../../../../shared/voters/full-name';

describe('splitFullName', () => {
  it.each([
    ['Асанов Бакыт Токтогул уулу', 'Асанов', 'Бакыт', 'Токтогул уулу'],
    ['Асанова Айгүл Токтогул кызы', 'Асанова', 'Айгүл', 'Токтогул кызы'],
    ['Иванов Иван Иванович', 'Иванов', 'Иван', 'Иванович'],
    ['Иванова Мария Сергеевна', 'Иванова', 'Мария', 'Сергеевна'],
    ['Сыдыкова Жаркын', 'Сыдыкова', 'Жаркын', ''],
    ['Петрова-Водкина Анна Сергеевна', 'Петрова-Водкина', 'Анна', 'Сергеевна'],
    ['Asanov Bakyt Toktogul uulu', 'Asanov', 'Bakyt', 'Toktogul uulu'],
    ['Ivanov Ivan Ivanovich', 'Ivanov', 'Ivan', 'Ivanovich'],
    ['Асанов, Бакыт, Токтогул уулу', 'Асанов', 'Бакыт', 'Токтогул уулу'],
    ['Асанов Бакыт Токтогул-уулу', 'Асанов', 'Бакыт', 'Токтогул-уулу'],
    ['Асанова-Бекова Айгүл Мамыт-кызы', 'Асанова-Бекова', 'Айгүл', 'Мамыт-кызы'],
  ])('%j is split for sure', (text, surname, name, patronymic) => {
    expect(splitFullName(text)).toEqual({ surname, name, patronymic, doubt: null });
  });

  it.each([
    ['Асанов Бакыт Токтогул', 'three-words'],
    ['Бакыт Токтогул уулу', 'kyrgyz-no-surname'],
    ['Иван Иванович Иванов', 'patronymic-first'],
    ['Асанов', 'one-word'],
    ['Асанов Бакыт Токтогул Мамыт уулу extra', 'many-words'],
    ['Мамытов Асан Бакыт Уулу Жолдош', 'many-words'],
  ])('%j is a guess (%s), never silent', (text, doubt) => {
    expect(splitFullName(text).doubt).toBe(doubt);
  });

  it('the guesses keep every word', () => {
    for (const text of ['Асанов Бакыт Токтогул', 'Бакыт Токтогул уулу', 'Иван Иванович Иванов', 'Асанов Бакыт Токтогул Мамыт уулу extra']) {
      const s = splitFullName(text);
      expect([s.surname, s.name, s.patronymic].join(' ').split(/\s+/u).filter(Boolean).sort()).toEqual(text.split(' ').sort());
    }
  });
});
