import { describe, expect, it } from 'vitest';
import type { VoterBallotStatus } from '../../../../shared/ballots/issue';
import {
  EMPTY_OUT_PREMISES_STATE,
  checkApplication,
  checkRefusal,
  checkWithdrawal,
  nextApplicationNumber,
  refusalCodeFor,
} from '../../../../shared/outpremises';
import { Desk, application, codes, context, payloadOf, problemsOf, voted } from './helpers';

const ctx = context();
const IN_TIME = '2017-10-10T10:00:00+06:00';

describe('register: numbering in order of receipt', () => {
  it('numbers entries 1, 2, 3 and pins voter, list place, receiver, address, reason and note', () => {
    const desk = new Desk();
    desk.register(1, '2017-10-01T09:00:00+06:00');
    desk.register(5, '2017-10-02T09:00:00+06:00', { reason: 'other', reasonText: 'вахта', note: 'кабат 3' });
    desk.register(3, '2017-10-02T09:00:00+06:00');
    expect(desk.state.entries.map((e) => [e.number, e.voterId])).toEqual([
      [1, 'v1'],
      [2, 'v5'],
      [3, 'v3'],
    ]);
    expect(desk.state.entries[1]).toMatchObject({ page: 1, row: 5, receivedBy: 'm-sec', address: 'Чүй көчөсү, 5', reason: 'other', reasonText: 'вахта', note: 'кабат 3', withdrawn: null, recordedBy: 'm-sec' });
    expect(nextApplicationNumber(desk.state)).toBe(4);
    expect(desk.state.activeByVoter).toEqual({ v1: 1, v5: 2, v3: 3 });
  });

  it('refuses an application received before the last entry (received-out-of-order), naming it', () => {
    const desk = new Desk();
    desk.register(1, '2017-10-05T12:00:00+06:00');
    const p = problemsOf(checkApplication(desk.state, application(2, '2017-10-05T11:59:00+06:00'), ctx));
    expect(p).toEqual([{ code: 'received-out-of-order', params: { number: 1, localDate: '2017-10-05', localTime: '12:00' }, field: 'receivedAt' }]);
  });

  it('trims text and fills defaults in the payload it returns', () => {
    const payload = payloadOf(checkApplication(EMPTY_OUT_PREMISES_STATE, application(1, IN_TIME, { address: '  Ош көчөсү 2  ' }), ctx));
    expect(payload).toEqual({
      number: 1,
      voterId: 'v1',
      listHash: 'a'.repeat(64),
      page: 1,
      row: 1,
      receivedAt: IN_TIME,
      receivedBy: 'm-sec',
      address: 'Ош көчөсү 2',
      reason: 'age',
      reasonText: '',
      note: '',
    });
  });
});

describe('register: every refusal code', () => {
  it('no-list: no active list', () => {
    expect(codes(problemsOf(checkApplication(EMPTY_OUT_PREMISES_STATE, application(1, IN_TIME, { listHash: null, voter: null }), ctx)))).toEqual(['no-list']);
  });

  it('not-in-list: a person not in the active list cannot be registered', () => {
    expect(problemsOf(checkApplication(EMPTY_OUT_PREMISES_STATE, application(1, IN_TIME, { voter: null }), ctx))).toEqual([{ code: 'not-in-list', params: {}, field: 'voterId' }]);
  });

  it('unknown-member: the receiver is not a member of the commission', () => {
    expect(problemsOf(checkApplication(EMPTY_OUT_PREMISES_STATE, application(1, IN_TIME, { receivedBy: 'm-x' }), ctx))).toEqual([{ code: 'unknown-member', params: { memberId: 'm-x' }, field: 'receivedBy' }]);
  });

  it('reason-text-required: "other" needs words (and only that code, not a schema echo)', () => {
    expect(codes(problemsOf(checkApplication(EMPTY_OUT_PREMISES_STATE, application(1, IN_TIME, { reason: 'other', reasonText: '  ' }), ctx)))).toEqual(['reason-text-required']);
  });

  it('in-future: received after the app clock', () => {
    const p = problemsOf(checkApplication(EMPTY_OUT_PREMISES_STATE, application(1, '2017-10-10T10:00:00+06:00'), context({ now: new Date('2017-10-10T09:59:00+06:00') })));
    expect(p).toEqual([{ code: 'in-future', params: { localDate: '2017-10-10', localTime: '10:00' }, field: 'receivedAt' }]);
  });

  it('application-late with deadline and local date/time; application-early before the commission was formed', () => {
    expect(problemsOf(checkApplication(EMPTY_OUT_PREMISES_STATE, application(1, '2017-10-13T09:00:00+06:00'), ctx))).toEqual([
      {
        code: 'application-late',
        params: { deadlineDate: '2017-10-12', deadlineTime: '24:00', localDate: '2017-10-13', localTime: '09:00', timeZone: 'Asia/Bishkek' },
        field: 'receivedAt',
      },
    ]);
    const formed = context({ formedAt: '2017-09-20T10:00:00+06:00' });
    expect(problemsOf(checkApplication(EMPTY_OUT_PREMISES_STATE, application(1, '2017-09-20T09:00:00+06:00'), formed))).toEqual([
      { code: 'application-early', params: { formedDate: '2017-09-20', formedTime: '10:00', localDate: '2017-09-20', localTime: '09:00' }, field: 'receivedAt' },
    ]);
    expect(checkApplication(EMPTY_OUT_PREMISES_STATE, application(1, '2017-09-20T10:00:00+06:00'), formed).ok).toBe(true);
  });

  it('already-registered names the existing entry number', () => {
    const desk = new Desk();
    desk.register(1, '2017-10-01T09:00:00+06:00');
    desk.register(2, '2017-10-01T10:00:00+06:00');
    expect(problemsOf(checkApplication(desk.state, application(2, IN_TIME), ctx))).toEqual([{ code: 'already-registered', params: { number: 2 }, field: 'voterId' }]);
  });

  it('issued-in-room: a voter holding a ballot issued in the room', () => {
    const room: VoterBallotStatus = { voterId: 'v1', page: 1, issued: { eventId: 'e', at: '2017-10-10T09:00:00.000Z', by: 'm-3', deviceId: 'd' }, undone: [] };
    expect(problemsOf(checkApplication(EMPTY_OUT_PREMISES_STATE, application(1, IN_TIME), ctx, room))).toEqual([
      { code: 'issued-in-room', params: { at: '2017-10-10T09:00:00.000Z', by: 'm-3', localDate: '2017-10-10', localTime: '15:00' }, field: 'voterId' },
    ]);
  });

  it('invalid-field for what the schema refuses (empty address), several problems at once', () => {
    const p = problemsOf(checkApplication(EMPTY_OUT_PREMISES_STATE, application(1, '2017-10-14T09:00:00+06:00', { address: ' ', receivedBy: 'nobody' }), ctx));
    expect(codes(p)).toEqual(['unknown-member', 'application-late', 'invalid-field']);
    expect(p[2]).toEqual({ code: 'invalid-field', params: { field: 'address', issue: 'too_small' }, field: 'address' });
  });

  it('an unparseable receivedAt is an invalid-field, not a crash', () => {
    expect(problemsOf(checkApplication(EMPTY_OUT_PREMISES_STATE, application(1, 'yesterday'), ctx))).toEqual([{ code: 'invalid-field', params: { field: 'receivedAt', issue: 'invalid_format' }, field: 'receivedAt' }]);
  });
});

describe('refusals: recorded as events, no number, in the refusals list', () => {
  it('records a late application with the check params, and the register numbering is untouched', () => {
    const desk = new Desk();
    desk.register(1, '2017-10-01T09:00:00+06:00');
    const late = application(2, '2017-10-13T00:05:00+06:00');
    const problems = problemsOf(checkApplication(desk.state, late, ctx));
    const payload = payloadOf(
      checkRefusal({ voterId: 'v2', voterName: 'Асанова Айгүл', receivedAt: late.receivedAt, receivedBy: 'm-sec', problem: problems[0] ?? null, reasonText: 'Мөөнөт өтүп кеткен' }, ctx),
    );
    expect(payload).toMatchObject({ code: 'application-late', params: { deadlineDate: '2017-10-12', localDate: '2017-10-13', localTime: '00:05' } });
    desk.record('OutOfPremisesApplicationRefused', payload);
    expect(desk.state.refusals).toHaveLength(1);
    expect(desk.state.refusals[0]).toMatchObject({ voterId: 'v2', voterName: 'Асанова Айгүл', code: 'application-late' });
    expect(desk.state.entries).toHaveLength(1);
    expect(nextApplicationNumber(desk.state)).toBe(2);
    expect(desk.state.activeByVoter.v2).toBeUndefined();
  });

  it('maps problem codes to refusal codes; anything else is "other"; a person not in the list has no voterId', () => {
    expect(refusalCodeFor('already-registered')).toBe('already-registered');
    expect(refusalCodeFor('not-in-list')).toBe('not-in-list');
    expect(refusalCodeFor('application-early')).toBe('application-early');
    expect(refusalCodeFor('in-future')).toBe('other');
    const r = payloadOf(checkRefusal({ voterId: null, voterName: 'Белгисиз', receivedAt: IN_TIME, receivedBy: 'm-sec', problem: null, reasonText: 'Тизмеде жок' }, ctx));
    expect(r).toMatchObject({ voterId: null, code: 'other', params: {} });
  });

  it('refuses a refusal by an unknown member or without words', () => {
    const p = problemsOf(checkRefusal({ voterId: null, voterName: 'X', receivedAt: IN_TIME, receivedBy: 'm-x', problem: null, reasonText: '' }, ctx));
    expect(codes(p)).toEqual(['unknown-member', 'invalid-field']);
  });
});

describe('withdrawal: keeps the number, frees the voter', () => {
  it('withdraws with a reason; the entry keeps its number and the next number goes on', () => {
    const desk = new Desk();
    desk.register(1, '2017-10-01T09:00:00+06:00');
    desk.register(2, '2017-10-01T10:00:00+06:00');
    desk.record('OutOfPremisesApplicationWithdrawn', payloadOf(checkWithdrawal(desk.state, { number: 1, reason: 'changed-mind' })));
    expect(desk.state.entries.map((e) => [e.number, e.withdrawn?.reason ?? null])).toEqual([
      [1, 'changed-mind'],
      [2, null],
    ]);
    expect(desk.state.activeByVoter).toEqual({ v2: 2 });
    expect(nextApplicationNumber(desk.state)).toBe(3);
    // The voter may apply again (in time): a new number.
    desk.register(1, '2017-10-02T09:00:00+06:00');
    expect(desk.state.activeByVoter.v1).toBe(3);
  });

  it('entry-not-found, entry-withdrawn, reason-text-required, entry-voted', () => {
    const desk = new Desk();
    expect(problemsOf(checkWithdrawal(desk.state, { number: 9, reason: 'changed-mind' }))).toEqual([{ code: 'entry-not-found', params: { number: 9 }, field: 'number' }]);
    desk.register(1, '2017-10-01T09:00:00+06:00');
    desk.register(2, '2017-10-01T10:00:00+06:00');
    expect(codes(problemsOf(checkWithdrawal(desk.state, { number: 1, reason: 'other', reasonText: ' ' })))).toEqual(['reason-text-required']);
    desk.record('OutOfPremisesApplicationWithdrawn', payloadOf(checkWithdrawal(desk.state, { number: 1, reason: 'came-to-room' })));
    expect(problemsOf(checkWithdrawal(desk.state, { number: 1, reason: 'changed-mind' }))).toEqual([
      { code: 'entry-withdrawn', params: { number: 1, at: desk.ctx.now.toISOString() }, field: 'number' },
    ]);
    desk.drawTeams();
    desk.hand(1, 5, 'm-3');
    desk.visit(voted(1, 2, '2017-10-14T10:00:00+06:00', 1));
    expect(problemsOf(checkWithdrawal(desk.state, { number: 2, reason: 'changed-mind' }))).toEqual([
      { code: 'entry-voted', params: { number: 2, team: 1, at: '2017-10-14T10:00:00+06:00' }, field: 'number' },
    ]);
  });
});
