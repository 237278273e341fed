/**
 * Signing before the polls close: a secretary signing at 14:00 by mistake (or a laptop whose clock is
 * wrong) is asked to confirm, with the closing time in the precinct's zone; after the close, or once
 * confirmed, it signs. The demo's all-day hours close at midnight: a practice day signs with the
 * confirmation. Without the hours given (a caller that does not judge them) nothing changes.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { VotingHours } from '../../../../shared/ballots/hours';
import type { Member } from '../../../../shared/election/model';
import { evaluate } from '../../../../shared/protocol/relations';
import { BEFORE_CLOSE_KEY, checkSigning, decideSigning, emptyProtocolState, pollsCloseAfter, type SigningInput } from '../../../../shared/protocol/signing';
import { builtinForm, goodValues, refusalsOf } from './helpers';

const form = builtinForm();
const members: Member[] = [
  { id: 'chair', name: 'Төрага', role: 'chair' },
  { id: 'sec', name: 'Катчы', role: 'secretary' },
  { id: 'm3', name: 'Мүчө 3', role: 'member' },
];
// Bishkek (UTC+6): 20:00 local is 14:00Z.
const law: VotingHours = { votingDay: '2017-10-15', from: '08:00', to: '20:00', timeZone: 'Asia/Bishkek' };
const allDay: VotingHours = { ...law, from: '00:00', to: '24:00' };

function input(signedAt: string, over: Partial<SigningInput> = {}): SigningInput {
  const values = goodValues();
  return {
    state: emptyProtocolState(), form, electionId: 'e', precinct: 9001, values, findings: evaluate(form, values),
    members, membersPresent: ['chair', 'sec'], acknowledged: [], override: null, signedAt, hours: law, ...over,
  };
}

describe('signing before the polls close', () => {
  it('asks a signature at 14:00 on voting day to be confirmed, naming the closing time', () => {
    expect(refusalsOf(checkSigning(input('2017-10-15T14:00:00+06:00')))).toEqual([
      { code: 'signing-before-close', closes: '2017-10-15T14:00:00.000Z', signedAt: '2017-10-15T14:00:00+06:00' },
    ]);
    // The day before voting day (a clock a day behind) too.
    expect(refusalsOf(checkSigning(input('2017-10-14T23:00:00+06:00'))).map((r) => r.code)).toEqual(['signing-before-close']);
  });

  it('signs once confirmed, and keeps the confirmation with the acknowledged warnings', () => {
    const signed = decideSigning(input('2017-10-15T14:00:00+06:00', { acknowledged: [BEFORE_CLOSE_KEY] }));
    expect(signed.ok).toBe(true);
    if (signed.ok) expect(signed.value.acknowledged).toContain(BEFORE_CLOSE_KEY);
  });

  it('asks nothing once voting has closed: 20:00 sharp, the night, the next day', () => {
    for (const at of ['2017-10-15T20:00:00+06:00', '2017-10-15T23:40:00+06:00', '2017-10-16T01:10:00+06:00']) {
      expect(checkSigning(input(at)).ok).toBe(true);
    }
  });

  it('all-day hours close at midnight; without hours nothing is judged', () => {
    expect(refusalsOf(checkSigning(input('2017-10-15T23:00:00+06:00', { hours: allDay }))).map((r) => r.code)).toEqual(['signing-before-close']);
    expect(checkSigning(input('2017-10-16T00:00:00+06:00', { hours: allDay })).ok).toBe(true);
    expect(checkSigning(input('2017-10-15T14:00:00+06:00', { hours: undefined })).ok).toBe(true);
    expect(pollsCloseAfter(new Date('2017-10-15T13:59:59Z'), law)).toBe('2017-10-15T14:00:00.000Z');
    expect(pollsCloseAfter(new Date('2017-10-15T14:00:00Z'), law)).toBeNull();
  });

  it('is said in ky, ru and en with the closing time and the signing time', () => {
    for (const lng of ['ky', 'ru', 'en']) {
      const read = (ns: string) => JSON.parse(readFileSync(new URL(`../../../../locales/${lng}/${ns}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
      const refusal = (read('protocol').signing as Record<string, string>)['signing-before-close'] ?? '';
      const screen = read('protocolScreen') as Record<string, string>;
      for (const text of [refusal, screen.beforeClose ?? '']) expect(text).toMatch(/\{\{closes\}\}[\s\S]*\{\{now\}\}/u);
      expect(screen.beforeCloseConfirm?.length ?? 0).toBeGreaterThan(10);
    }
  });
});
