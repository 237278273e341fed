import { describe, expect, it } from 'vitest';
import { looksLikeFormula, previewIndices } from '../../../../renderer/features/voters/import/preview-rows';

describe('previewIndices', () => {
  it('first rows, middle rows and the last rows, blank rows skipped', () => {
    const rows = Array.from({ length: 100 }, (_, i) => (i === 99 ? [''] : [String(i)]));
    expect(previewIndices(rows)).toEqual([0, 1, 2, 3, 4, 48, 49, 50, 96, 97, 98]);
  });
  it('a short file shows every row once', () => {
    expect(previewIndices([['a'], ['b'], ['c']])).toEqual([0, 1, 2]);
  });
});

describe('looksLikeFormula', () => {
  it.each([
    ['=HYPERLINK("x")', true],
    ['+996', true],
    ['@SUM(A1)', true],
    ['-1+2', true],
    ['-', false],
    ['Асанов', false],
  ])('%j → %s', (text, expected) => expect(looksLikeFormula(text)).toBe(expected));
});
