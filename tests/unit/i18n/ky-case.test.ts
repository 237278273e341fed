import { describe, expect, it } from 'vitest';
import { kyCase } from '../../../shared/i18n/ky-case';

describe('Kyrgyz case suffixes after interpolations', () => {
  it('durations take the ablative and genitive the CEC writes', () => {
    expect(kyCase('5 календардык күн', 'abl')).toBe('5 календардык күндөн');
    expect(kyCase('2 календардык күн', 'gen')).toBe('2 календардык күндүн');
    expect(kyCase('24 саат', 'gen')).toBe('24 сааттын');
    expect(kyCase('1 ай', 'gen')).toBe('1 айдын');
    expect(kyCase('3 ай', 'abl')).toBe('3 айдан');
  });
  it('times and numbers take the suffix of their last spoken word', () => {
    expect(kyCase('20:00', 'dat')).toBe('20:00гө');
    expect(kyCase('21:00', 'abl')).toBe('21:00дөн');
    expect(kyCase('08:30', 'abl')).toBe('08:30дан');
    expect(kyCase('06:15', 'dat')).toBe('06:15ке');
    expect(kyCase('13', 'dat')).toBe('13кө');
    expect(kyCase('40', 'gen')).toBe('40тын');
    expect(kyCase('2', 'gen')).toBe('2нин');
  });
  it('words ending in a soft sign or vowel', () => {
    expect(kyCase('15-октябрь', 'dat')).toBe('15-октябрга');
    expect(kyCase('жума', 'gen')).toBe('жуманын');
  });
});
