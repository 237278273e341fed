import { describe, expect, it } from 'vitest';
import { decideInforming, decidePosting, EMPTY_POSTING, type PostingState } from '../../../../shared/posting/decide';

const members = [{ id: 'chair' }, { id: 'm4' }];
// Voting day 2017-10-15 at a precinct in Bishkek (UTC+6).
const base = { members, votingDay: '2017-10-15' as const, timeZone: 'Asia/Bishkek' };
const at = (iso: string) => ({ ...base, now: new Date(iso) });
const signed: PostingState = { ...EMPTY_POSTING, protocolSigned: true };

describe('posting decisions (items 40, 46, 70, 84, 85)', () => {
  it('a posting is stamped with the command\'s one clock reading', () => {
    const r = decidePosting(signed, { document: 'protocol-copy', place: 'Entrance', postedBy: 'm4', copyNumber: '3' }, at('2017-10-16T02:00:00Z'));
    expect(r).toEqual({ ok: true, value: { payload: { document: 'protocol-copy', place: 'Entrance', postedBy: 'm4', postedAt: '2017-10-16T02:00:00.000Z', copyNumber: '3' }, warnings: [] } });
  });

  it('a payload that does not fit names the field (no place, an unknown document)', () => {
    expect(decidePosting(signed, { document: 'protocol-copy', place: ' ', postedBy: 'm4' }, at('2017-10-16T02:00:00Z'))).toEqual({ ok: false, error: { code: 'invalid', field: 'place' } });
    expect(decidePosting(signed, { document: 'minutes', place: 'Entrance', postedBy: 'm4' }, at('2017-10-16T02:00:00Z'))).toEqual({ ok: false, error: { code: 'invalid', field: 'document' } });
  });

  it('the one who posted is a member of this commission', () => {
    expect(decidePosting(signed, { document: 'control-list', place: 'Entrance', postedBy: 'stranger' }, at('2017-09-20T02:00:00Z'))).toEqual({ ok: false, error: { code: 'not-a-member', memberId: 'stranger' } });
  });

  it('a protocol copy is posted only after the protocol is signed', () => {
    expect(decidePosting(EMPTY_POSTING, { document: 'protocol-copy', place: 'Entrance', postedBy: 'm4' }, at('2017-10-16T02:00:00Z'))).toEqual({ ok: false, error: { code: 'protocol-not-signed' } });
  });

  it('results documents are not posted before voting day in local time (23:30 local the day before is before)', () => {
    expect(decidePosting(signed, { document: 'participants-list', place: 'Entrance', postedBy: 'm4' }, at('2017-10-14T17:30:00Z'))).toEqual({ ok: false, error: { code: 'before-voting-day', document: 'participants-list' } });
    expect(decidePosting(signed, { document: 'participants-list', place: 'Entrance', postedBy: 'm4' }, at('2017-10-14T18:30:00Z')).ok).toBe(true);
  });

  it('late is said, never refused: a protocol copy 4 days after voting day, the control list on voting day', () => {
    const late = decidePosting(signed, { document: 'protocol-copy', place: 'Entrance', postedBy: 'm4' }, at('2017-10-19T02:00:00Z'));
    expect(late.ok && late.value.warnings).toEqual([{ code: 'late', document: 'protocol-copy' }]);
    const control = decidePosting(EMPTY_POSTING, { document: 'control-list', place: 'Hall', postedBy: 'm4' }, at('2017-10-15T02:00:00Z'));
    expect(control.ok && control.value.warnings).toEqual([{ code: 'late', document: 'control-list' }]);
    const inTime = decidePosting(EMPTY_POSTING, { document: 'control-list', place: 'Hall', postedBy: 'm4' }, at('2017-09-20T02:00:00Z'));
    expect(inTime.ok && inTime.value.warnings).toEqual([]);
  });

  it('the same document at the same place (spaces and case aside) once; another place is another posting', () => {
    const state: PostingState = { ...signed, posted: [{ document: 'protocol-copy', place: 'Stand at the  entrance' }] };
    expect(decidePosting(state, { document: 'protocol-copy', place: 'stand at the entrance', postedBy: 'm4' }, at('2017-10-16T02:00:00Z'))).toEqual({
      ok: false,
      error: { code: 'already-posted', document: 'protocol-copy', place: 'stand at the entrance' },
    });
    expect(decidePosting(state, { document: 'protocol-copy', place: 'Website', postedBy: 'm4' }, at('2017-10-16T02:00:00Z')).ok).toBe(true);
    expect(decidePosting(state, { document: 'participants-list', place: 'Stand at the entrance', postedBy: 'm4' }, at('2017-10-16T02:00:00Z')).ok).toBe(true);
  });
});

describe('voters informed (item 68)', () => {
  it('stamped with the command\'s clock; in time up to 10 days before voting day, late after (said, recorded)', () => {
    const inTime = decideInforming(EMPTY_POSTING, { method: 'notice', where: 'Board' }, at('2017-10-05T17:00:00Z'));
    expect(inTime).toEqual({ ok: true, value: { payload: { method: 'notice', where: 'Board', informedAt: '2017-10-05T17:00:00.000Z' }, warnings: [] } });
    const late = decideInforming(EMPTY_POSTING, { method: 'notice', where: 'Board' }, at('2017-10-05T18:00:00Z'));
    expect(late.ok && late.value.warnings).toEqual([{ code: 'inform-late', deadline: '2017-10-05' }]);
  });

  it('the same way at the same place once; a bad method names the field', () => {
    const state: PostingState = { ...EMPTY_POSTING, informed: [{ method: 'website', where: 'cec.kg' }] };
    expect(decideInforming(state, { method: 'website', where: ' CEC.kg ' }, at('2017-10-01T00:00:00Z'))).toEqual({ ok: false, error: { code: 'already-informed' } });
    expect(decideInforming(state, { method: 'media', where: 'cec.kg' }, at('2017-10-01T00:00:00Z')).ok).toBe(true);
    expect(decideInforming(state, { method: 'pigeon', where: 'cec.kg' }, at('2017-10-01T00:00:00Z'))).toEqual({ ok: false, error: { code: 'invalid', field: 'method' } });
  });
});
