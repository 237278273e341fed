/** Every out-of-premises problem a check can give is said in words in ky, ru and en — never "Problem: box-required". */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUT_PREMISES_PROBLEM_CODES } from '../../../../shared/outpremises';

describe('out-of-premises problem texts', () => {
  for (const lng of ['ky', 'ru', 'en'] as const) {
    it(`${lng}: a text for every problem code`, () => {
      const problems = (JSON.parse(readFileSync(`locales/${lng}/outpremises.json`, 'utf8')) as { problem: Record<string, string> }).problem;
      const missing = OUT_PREMISES_PROBLEM_CODES.filter((code) => problems[code] === undefined && problems[`${code}_one`] === undefined);
      expect(missing).toEqual([]);
    });
  }
});
