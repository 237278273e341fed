import { describe, expect, it } from 'vitest';
import { numberInWords } from '../../../../shared/i18n/number-words';

describe('figures in words (protocol paper)', () => {
  it('Kyrgyz', () => {
    expect(numberInWords(0, 'ky')).toBe('нөл');
    expect(numberInWords(69, 'ky')).toBe('алтымыш тогуз');
    expect(numberInWords(100, 'ky')).toBe('бир жүз');
    expect(numberInWords(1011, 'ky')).toBe('бир миң он бир');
    expect(numberInWords(6707, 'ky')).toBe('алты миң жети жүз жети');
    expect(numberInWords(18580, 'ky')).toBe('он сегиз миң беш жүз сексен');
    expect(numberInWords(2_000_045, 'ky')).toBe('эки миллион кырк беш');
  });
  it('Russian: feminine thousands, the unit noun by the plural category', () => {
    expect(numberInWords(0, 'ru')).toBe('ноль');
    expect(numberInWords(1, 'ru')).toBe('один');
    expect(numberInWords(1001, 'ru')).toBe('одна тысяча один');
    expect(numberInWords(2002, 'ru')).toBe('две тысячи два');
    expect(numberInWords(5000, 'ru')).toBe('пять тысяч');
    expect(numberInWords(11_000, 'ru')).toBe('одиннадцать тысяч');
    expect(numberInWords(21_000, 'ru')).toBe('двадцать одна тысяча');
    expect(numberInWords(6707, 'ru')).toBe('шесть тысяч семьсот семь');
    expect(numberInWords(3_014_512, 'ru')).toBe('три миллиона четырнадцать тысяч пятьсот двенадцать');
  });
  it('English', () => {
    expect(numberInWords(69, 'en')).toBe('sixty-nine');
    expect(numberInWords(1_000_100, 'en')).toBe('one million one hundred');
  });
  it('refuses what it cannot write', () => {
    expect(numberInWords(-1, 'ru')).toBeNull();
    expect(numberInWords(1.5, 'ky')).toBeNull();
    expect(numberInWords(1_000_000_000, 'en')).toBeNull();
  });
});
