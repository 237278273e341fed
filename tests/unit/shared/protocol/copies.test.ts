import { describe, expect, it } from 'vitest';
import { copiesOfVersion, copyPayloadSchemas, foldCopies, nextCopyNumber, numbersGivenTwice, type CertifiedCopy } from '../../../../shared/protocol/copies';

const h1 = 'a'.repeat(64);
const h2 = 'b'.repeat(64);
const copy = (copyNumber: number, protocolHash = h1, recipientName = 'Байкоочу Айгүл'): CertifiedCopy =>
  copyPayloadSchemas.CertifiedCopyIssued.parse({
    protocolHash, version: protocolHash === h1 ? 1 : 2, copyNumber, recipientName, recipientRole: 'observer', issuedAt: '2017-10-16T01:30:00+09:00', issuedBy: 'sec',
  });

describe('certified copies', () => {
  it('logs copies once each, numbers the next, and tells the versions apart', () => {
    let log: CertifiedCopy[] = [];
    for (const c of [copy(1), copy(2, h1, 'Прокси'), copy(2, h1, 'Прокси'), copy(3, h2)]) log = foldCopies(log, c);
    expect(log.map((c) => c.copyNumber)).toEqual([1, 2, 3]);
    expect(log[1]?.recipientName).toBe('Прокси');
    expect(nextCopyNumber(log)).toBe(4);
    expect(nextCopyNumber([])).toBe(1);
    expect(copiesOfVersion(log, h2).map((c) => c.copyNumber)).toEqual([3]);
    expect(numbersGivenTwice(log)).toEqual([]);
  });

  it('two laptops that each gave copy No. 2 before they synced: both copies stay logged, the number named', () => {
    // Each copy was handed to a person: dropping one after the merge lost a certified copy from the log.
    let log: CertifiedCopy[] = [];
    for (const c of [copy(1), copy(2, h1, 'Прокси'), copy(2, h1, 'Байкоочу Бакыт')]) log = foldCopies(log, c);
    expect(log.map((c) => [c.copyNumber, c.recipientName])).toEqual([[1, 'Байкоочу Айгүл'], [2, 'Прокси'], [2, 'Байкоочу Бакыт']]);
    expect(numbersGivenTwice(log)).toEqual([2]);
    expect(nextCopyNumber(log)).toBe(3);
  });

  it('refuses a copy without a recipient, with an unknown role or a bad hash', () => {
    const base = { protocolHash: h1, version: 1, copyNumber: 1, recipientName: 'X', recipientRole: 'observer', issuedAt: '2017-10-16T01:30:00+09:00', issuedBy: 'sec' };
    const s = copyPayloadSchemas.CertifiedCopyIssued;
    expect(s.safeParse(base).success).toBe(true);
    expect(s.safeParse({ ...base, recipientName: '  ' }).success).toBe(false);
    expect(s.safeParse({ ...base, recipientRole: 'friend' }).success).toBe(false);
    expect(s.safeParse({ ...base, protocolHash: 'x' }).success).toBe(false);
  });
});
