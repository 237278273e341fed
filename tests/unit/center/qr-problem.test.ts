/** The operator's console says which election or precinct read from a protocol's QR codes the center does not hold. */
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../../center/web/i18n';
import { qrProblem } from '../../../center/web/qr-problem';

describe('a protocol QR refused as not found, in words', () => {
  it.each([
    ['en', 'The codes are of election «kg-2099-local», which this center does not hold', 'The codes are of precinct No. 9999 of election «kg-2017-pres»'],
    ['ru', 'Коды относятся к выборам «kg-2099-local», которых в этом центре нет', 'Коды относятся к участку № 9999 выборов «kg-2017-pres»'],
    ['ky', 'Коддор «kg-2099-local» шайлоосуна тиешелүү, бул борбордо андай шайлоо жок', 'Коддор «kg-2017-pres» шайлоосунун № 9999 участогуна тиешелүү'],
  ] as const)('%s', async (lng, election, precinct) => {
    await setLanguage(lng);
    expect(qrProblem({ code: 'not-found', detail: 'election kg-2099-local' })).toContain(election);
    expect(qrProblem({ code: 'not-found', detail: 'precinct 9999 of election kg-2017-pres' })).toContain(precinct);
  });
});
