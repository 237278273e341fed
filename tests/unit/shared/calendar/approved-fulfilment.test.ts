import { describe, expect, it } from 'vitest';
import calendarJson from '../../../../data/calendar-2017.json' with { type: 'json' };
import { approvedDatesSchema, computeCalendar, parseCalendar, withApproved } from '../../../../shared/calendar';
import { FULFILLED_BY, fulfilledByFacts, listFacts, NO_FACTS, type CommissionFacts } from '../../../../shared/calendar/fulfilment';
import { electionSchema } from '../../../../shared/election/model';
import { informDeadline, judgePostedInTime, postingDeadline, postingPayloadSchemas } from '../../../../shared/posting/events';
import { decideInforming, EMPTY_POSTING } from '../../../../shared/posting/decide';

const items = parseCalendar(calendarJson);
const computed = new Map(computeCalendar(items, { votingDay: '2017-10-15', electionCalled: '2017-06-14' }).map((c) => [c.n, c.timing]));

describe('CEC-approved dates from the bundle', () => {
  it('item 46: approved 24 Sep is shown and used; the rule’s 25 Sep is flagged', () => {
    const r = withApproved(computed.get(46)!, { item: 46, date: '2017-09-24' });
    expect(r.approved).toBe(true);
    expect(r.timing).toMatchObject({ kind: 'deadline', date: '2017-09-24' });
    expect(r.disagreement).toEqual({ ruleDate: '2017-09-25', ruleFrom: undefined });
  });
  it('item 63: approved 12–13 Oct against the rule’s 13–14 Oct', () => {
    const r = withApproved(computed.get(63)!, { item: 63, date: '2017-10-13', from: '2017-10-12' });
    expect(r.timing).toMatchObject({ kind: 'window', from: '2017-10-12', to: '2017-10-13' });
    expect(r.disagreement).toEqual({ ruleDate: '2017-10-14', ruleFrom: '2017-10-13' });
  });
  it('an approved date equal to the rule’s is not flagged; no approved date leaves the rule alone', () => {
    const r = withApproved(computed.get(68)!, { item: 68, date: '2017-10-05' });
    expect(r.disagreement).toBeNull();
    expect(r.timing).toMatchObject({ kind: 'deadline', date: '2017-10-05', bound: 'not_later' });
    expect(withApproved(computed.get(68)!, undefined)).toEqual({ timing: computed.get(68), approved: false, disagreement: null });
  });
  it('every CEC date of the 2017 plan that differs from the rule is flagged', () => {
    const flagged = items.filter((i) => i.date_2017 && computed.get(i.n)).filter((i) => withApproved(computed.get(i.n)!, { item: i.n, date: i.date_2017!, ...(i.date_2017_from ? { from: i.date_2017_from } : {}) }).disagreement).map((i) => i.n);
    expect(flagged).toContain(46);
    expect(flagged).toContain(63);
    expect(flagged).not.toContain(68);
  });
  it('the bundle’s list is checked: bad dates, reversed spans, an item twice are refused', () => {
    expect(approvedDatesSchema.safeParse([{ item: 46, date: '2017-09-31' }]).success).toBe(false);
    expect(approvedDatesSchema.safeParse([{ item: 63, date: '2017-10-12', from: '2017-10-13' }]).success).toBe(false);
    expect(approvedDatesSchema.safeParse([{ item: 46, date: '2017-09-24' }, { item: 46, date: '2017-09-25' }]).success).toBe(false);
    expect(approvedDatesSchema.safeParse([{ item: 46, date: '2017-09-24', extra: 1 }]).success).toBe(false);
    const election = { id: 'e', type: 'presidential', name: { ky: 'x', ru: 'x', en: 'x' }, votingDay: '2017-10-15' };
    expect(electionSchema.safeParse({ ...election, calendarApproved: [{ item: 46, date: '2017-09-24' }] }).success).toBe(true);
    expect(electionSchema.safeParse({ ...election, calendarApproved: [{ item: 46, date: 'soon' }] }).success).toBe(false);
  });
});

describe('items done from the recorded events', () => {
  const none: CommissionFacts = NO_FACTS;
  it('every item of the table is a commission item of the plan', () => {
    for (const n of Object.keys(FULFILLED_BY).map(Number)) {
      const item = items.find((i) => i.n === n);
      expect(item?.precinct_role === true || item?.precinct_recipient === true, `item ${n}`).toBe(true);
    }
  });
  it('72 needs the whole opening; 84/85 the posting of that document; 82 the signing', () => {
    expect(fulfilledByFacts(72, none)).toBe(false);
    expect(fulfilledByFacts(72, { ...none, types: new Set(['OpeningActDrawnUp']) })).toBe(false);
    expect(fulfilledByFacts(72, { ...none, openingDone: true })).toBe(true);
    expect(fulfilledByFacts(84, { ...none, posted: new Set(['participants-list']) })).toBe(false);
    expect(fulfilledByFacts(85, { ...none, posted: new Set(['participants-list']) })).toBe(true);
    expect(fulfilledByFacts(82, { ...none, types: new Set(['ProtocolDraftSaved']) })).toBe(false);
    expect(fulfilledByFacts(82, { ...none, types: new Set(['ProtocolSigned']) })).toBe(true);
    expect(fulfilledByFacts(36, none)).toBeNull();
  });
  it('42 from a Form 3 application, 43 from a Form 2 one; 63 from the ballots received', () => {
    expect(fulfilledByFacts(42, { ...none, applicationForms: new Set(['form2']) })).toBe(false);
    expect(fulfilledByFacts(43, { ...none, applicationForms: new Set(['form2']) })).toBe(true);
    expect(fulfilledByFacts(42, { ...none, applicationForms: new Set(['form3']) })).toBe(true);
    expect(fulfilledByFacts(63, { ...none, types: new Set(['BallotsReceived']) })).toBe(true);
    expect(fulfilledByFacts(63, { ...none, types: new Set(['BallotsSpoiled']) })).toBe(false);
  });
  it('39 from any list received, 49 from a list received after the clarification period, 47 from the marked part', () => {
    // Voting day 15 Oct: the clarification period ends 30 Sep.
    const early = listFacts(['2017-09-01'], '2017-10-15', 0);
    expect([fulfilledByFacts(39, { ...none, lists: early }), fulfilledByFacts(49, { ...none, lists: early }), fulfilledByFacts(47, { ...none, lists: early })]).toEqual([true, false, false]);
    expect(listFacts(['2017-09-30'], '2017-10-15', 0).final).toBe(false);
    const final = listFacts(['2017-09-01', '2017-10-12'], '2017-10-15', 44);
    expect([fulfilledByFacts(39, { ...none, lists: final }), fulfilledByFacts(49, { ...none, lists: final }), fulfilledByFacts(47, { ...none, lists: final })]).toEqual([true, true, true]);
    expect(listFacts([], '2017-10-15', 0)).toEqual({ any: false, final: false, marked: false });
  });
  it('76 from a logged copy of the act on ballots issued (not of the other act); 86 from the recorded handover', () => {
    expect(fulfilledByFacts(76, none)).toBe(false);
    expect(fulfilledByFacts(76, { ...none, types: new Set(['ActCopyIssued']), actCopies: new Set(['ballots']) })).toBe(false);
    expect(fulfilledByFacts(76, { ...none, types: new Set(['ActCopyIssued']), actCopies: new Set(['issued']) })).toBe(true);
    expect(fulfilledByFacts(86, { ...none, types: new Set(['HandoverItemMarked']) })).toBe(false);
    expect(fulfilledByFacts(86, { ...none, types: new Set(['HandoverRecorded']) })).toBe(true);
  });
});

describe('posting rules', () => {
  it('84/85 within 3 days after voting day, local time; voters informed 10 days before', () => {
    expect(judgePostedInTime('participants-list', '2017-10-18T23:30:00+06:00', '2017-10-15', 'Asia/Bishkek')).toBe('in-time');
    expect(judgePostedInTime('participants-list', '2017-10-18T18:30:00Z', '2017-10-15', 'Asia/Bishkek')).toBe('late');
    expect(judgePostedInTime('protocol-copy', '2017-10-14T12:00:00Z', '2017-10-15', 'Asia/Bishkek')).toBe('early');
    expect(judgePostedInTime('control-list', '2017-09-25T10:00:00+06:00', '2017-10-15', 'Asia/Bishkek')).toBe('in-time');
    expect(judgePostedInTime('control-list', '2017-09-26T10:00:00+06:00', '2017-10-15', 'Asia/Bishkek')).toBe('late');
    expect(judgePostedInTime('preliminary-list', '2017-09-30T23:30:00+06:00', '2017-10-15', 'Asia/Bishkek')).toBe('in-time');
    expect(judgePostedInTime('preliminary-list', '2017-10-01T00:30:00+06:00', '2017-10-15', 'Asia/Bishkek')).toBe('late');
    expect(judgePostedInTime('outpremises-register', '2017-10-13T23:00:00+06:00', '2017-10-15', 'Asia/Bishkek')).toBe('in-time');
    expect(judgePostedInTime('outpremises-register', '2017-10-14T08:00:00+06:00', '2017-10-15', 'Asia/Bishkek')).toBe('late');
    expect(informDeadline('2017-10-15')).toBe('2017-10-05');
  });
  it('an approved date in the bundle sets the deadline: item 68 (informing), item 46 (control list), item 85', () => {
    const approved = [{ item: 68, date: '2017-10-03' }, { item: 46, date: '2017-09-24' }, { item: 85, date: '2017-10-17' }];
    expect(informDeadline('2017-10-15', approved)).toBe('2017-10-03');
    expect(informDeadline('2017-10-15', [{ item: 46, date: '2017-09-24' }])).toBe('2017-10-05');
    // The rule says 25 Sep (20 days before); the CEC approved 24 Sep, so the 25th is late.
    expect(judgePostedInTime('control-list', '2017-09-25T10:00:00+06:00', '2017-10-15', 'Asia/Bishkek', approved)).toBe('late');
    expect(judgePostedInTime('control-list', '2017-09-24T10:00:00+06:00', '2017-10-15', 'Asia/Bishkek', approved)).toBe('in-time');
    expect(judgePostedInTime('participants-list', '2017-10-18T10:00:00+06:00', '2017-10-15', 'Asia/Bishkek', approved)).toBe('late');
    expect(judgePostedInTime('participants-list', '2017-10-14T10:00:00+06:00', '2017-10-15', 'Asia/Bishkek', approved)).toBe('early');
    expect(postingDeadline('protocol-copy', '2017-10-15', approved)).toBe('2017-10-18');
  });
  it('informing voters after the approved date for item 68 is said late; before it, not', () => {
    const ctx = { votingDay: '2017-10-15', timeZone: 'Asia/Bishkek', approved: [{ item: 68, date: '2017-10-03' }] };
    const on4th = decideInforming(EMPTY_POSTING, { method: 'notice', where: 'Entrance' }, { ...ctx, now: new Date('2017-10-04T06:00:00Z') });
    expect(on4th.ok && on4th.value.warnings).toEqual([{ code: 'inform-late', deadline: '2017-10-03' }]);
    const on3rd = decideInforming(EMPTY_POSTING, { method: 'notice', where: 'Entrance' }, { ...ctx, now: new Date('2017-10-03T06:00:00Z') });
    expect(on3rd.ok && on3rd.value.warnings).toEqual([]);
  });
  it('refuses a posting without a place or with an unknown document', () => {
    const ok = { document: 'protocol-copy', place: 'Stand at the entrance', postedBy: 'm1', postedAt: '2017-10-16T09:00:00+06:00' };
    expect(postingPayloadSchemas.DocumentPosted.safeParse(ok).success).toBe(true);
    expect(postingPayloadSchemas.DocumentPosted.safeParse({ ...ok, place: ' ' }).success).toBe(false);
    expect(postingPayloadSchemas.DocumentPosted.safeParse({ ...ok, document: 'poster' }).success).toBe(false);
    expect(postingPayloadSchemas.DocumentPosted.safeParse({ ...ok, postedAt: 'yesterday' }).success).toBe(false);
  });
});
