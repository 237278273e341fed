import { describe, expect, it } from 'vitest';
import {
  applicationCounts,
  applicationPayloadSchemas,
  applicationBodySchema,
  checkApplication,
  checkDecision,
  checkForward,
  EMPTY_APPLICATIONS,
  foldApplications,
  formDeadline,
  judgeApplication,
  precinctForm2Approved,
  registerOrder,
  type ApplicationBody,
  type ApplicationBodyInput,
} from '../../../../shared/applications';
import { err, ok, type Result } from '../../../../shared/util/result';
import type { StoredEvent } from '../../../../shared/events/envelope';
import { calendar } from '../calendar/helpers';

function ev<T extends StoredEvent['type']>(seq: number, type: T, payload: Extract<StoredEvent, { type: T }>['payload']): StoredEvent {
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    deviceId: 'dev', seq, hlc: `${String(seq).padStart(15, '0')}-000000-dev`, recordedAt: new Date(Date.UTC(2017, 8, 1) + seq * 1000).toISOString(),
    electionId: 'e', bundleHash: null, precinct: 9001, actor: 'm3', type, payload, prevHash: '0'.repeat(64), hash: '0'.repeat(64),
  } as StoredEvent;
}
const idOf = (seq: number) => `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;

const anchors = { votingDay: '2017-10-15' };
const members = [{ id: 'm1' }, { id: 'm3' }];
const now = new Date('2017-09-20T06:00:00Z');

function body(input: Partial<Omit<ApplicationBodyInput, 'applicant'>> & { applicant?: Partial<ApplicationBodyInput['applicant']> }): ApplicationBody {
  const { applicant, ...rest } = input;
  return applicationBodySchema.parse({
    form: 'form2',
    receivedAt: '2017-09-20T05:00:00Z',
    receivedBy: 'm3',
    document: { kind: 'id-card', number: 'ID 1234567' },
    details: '',
    ...rest,
    applicant: { surname: 'Үсөнова', name: 'Гүлзат', address: 'Токио, Минато 1-2', ...applicant },
  });
}

describe('Form 2 / Form 3 deadlines', () => {
  it('come from calendar items 43 and 42: 15 days before voting day, until 24:00 local', () => {
    expect(formDeadline('form2', calendar, anchors, 'Asia/Tokyo')).toEqual({ date: '2017-09-30', time: '24:00', timeZone: 'Asia/Tokyo' });
    expect(formDeadline('form3', calendar, anchors, 'Asia/Bishkek')).toEqual({ date: '2017-09-30', time: '24:00', timeZone: 'Asia/Bishkek' });
    expect(formDeadline('form3', [], anchors, 'Asia/Bishkek')).toBeNull();
  });

  it('the bundle\'s approved date for an item (data, not code) sets that form\'s deadline, the other form keeps the rule', () => {
    const approved = [{ item: 43, date: '2017-09-25' }];
    expect(formDeadline('form2', calendar, anchors, 'Asia/Tokyo', approved)).toEqual({ date: '2017-09-25', time: '24:00', timeZone: 'Asia/Tokyo' });
    expect(formDeadline('form3', calendar, anchors, 'Asia/Tokyo', approved)).toEqual({ date: '2017-09-30', time: '24:00', timeZone: 'Asia/Tokyo' });
  });

  it('Form 2 at the precinct with its own deadline from the bundle (precinct.form2) wins over the approved date and the rule; Form 3 keeps its own', () => {
    const approved = [{ item: 43, date: '2017-09-25' }];
    const own = { place: 'Consulate', deadline: { date: '2017-09-20', time: '18:00' } };
    const deadline = formDeadline('form2', calendar, anchors, 'Asia/Vladivostok', approved, own)!;
    expect(deadline).toEqual({ date: '2017-09-20', time: '18:00', timeZone: 'Asia/Vladivostok' });
    expect(formDeadline('form3', calendar, anchors, 'Asia/Vladivostok', approved, own)).toEqual({ date: '2017-09-30', time: '24:00', timeZone: 'Asia/Vladivostok' });
    // Without a time, the whole of that local day.
    expect(formDeadline('form2', calendar, anchors, 'Asia/Vladivostok', [], { deadline: { date: '2017-09-20' } })).toEqual({ date: '2017-09-20', time: '24:00', timeZone: 'Asia/Vladivostok' });
    // A place alone changes no deadline.
    expect(formDeadline('form2', calendar, anchors, 'Asia/Vladivostok', approved, { place: 'Consulate' })).toEqual({ date: '2017-09-25', time: '24:00', timeZone: 'Asia/Vladivostok' });
    // Vladivostok is UTC+10: 17:59 local is in time, 18:00 local is late.
    expect(judgeApplication(EMPTY_APPLICATIONS, body({ receivedAt: '2017-09-20T07:59:00Z' }), deadline)).toEqual({ accept: true, number: 1 });
    expect(judgeApplication(EMPTY_APPLICATIONS, body({ receivedAt: '2017-09-20T08:00:00Z' }), deadline)).toMatchObject({ accept: false, reason: 'late', local: { date: '2017-09-20', time: '18:00' } });
    expect(precinctForm2Approved(own)).toEqual({ item: 43, date: '2017-09-20' });
    expect(precinctForm2Approved({ place: 'Consulate' })).toBeUndefined();
  });

  it('an application at 23:30 local on the deadline day gets a number; at 00:05 it is refused as late', () => {
    const deadline = formDeadline('form2', calendar, anchors, 'America/New_York')!;
    // 30 Sep 2017 in New York is daylight time (UTC-4).
    expect(judgeApplication(EMPTY_APPLICATIONS, body({ receivedAt: '2017-10-01T03:30:00Z' }), deadline)).toEqual({ accept: true, number: 1 });
    expect(judgeApplication(EMPTY_APPLICATIONS, body({ receivedAt: '2017-10-01T04:05:00Z' }), deadline)).toEqual({
      accept: false,
      reason: 'late',
      deadline,
      local: { date: '2017-10-01', time: '00:05' },
    });
  });
});

/** The codes of a refused check; an allowed one has none. */
const codesOf = (r: Result<void, { code: string }[]>) => (r.ok ? [] : r.error.map((p) => p.code));

describe('checking an application', () => {
  it('a complete Form 2 has no problems', () => {
    expect(checkApplication(EMPTY_APPLICATIONS, body({}), { members, now })).toEqual(ok(undefined));
  });

  it.each([
    ['receiver-not-member', body({ receivedBy: 'stranger' })],
    ['received-in-future', body({ receivedAt: '2017-09-20T06:10:00Z' })],
    ['document-required', body({ document: null })],
    ['address-required', body({ applicant: { address: ' ' } })],
    ['already-listed', body({ applicant: { voterId: 'pin:12345678901234' } })],
    ['subject-required', body({ form: 'form3', subject: null })],
    ['details-required', body({ form: 'form3', subject: 'error', details: '' })],
    ['absence-but-listed', body({ form: 'form3', subject: 'absence', applicant: { voterId: 'pin:12345678901234' } })],
  ])('%s', (code, b) => {
    expect(codesOf(checkApplication(EMPTY_APPLICATIONS, b, { members, now }))).toEqual([code]);
  });

  it('a receipt time a few minutes ahead of the laptop clock is tolerated', () => {
    expect(checkApplication(EMPTY_APPLICATIONS, body({ receivedAt: '2017-09-20T06:04:00Z' }), { members, now })).toEqual(ok(undefined));
  });

  it('a Form 3 about an error needs what is wrong; absence does not', () => {
    expect(checkApplication(EMPTY_APPLICATIONS, body({ form: 'form3', subject: 'error', details: 'Туулган жылы 1980 эмес, 1981' }), { members, now })).toEqual(ok(undefined));
    expect(checkApplication(EMPTY_APPLICATIONS, body({ form: 'form3', subject: 'absence', document: null }), { members, now })).toEqual(ok(undefined));
  });

  it('the same person twice for the same form is refused, naming the entry; after a rejection they may apply again', () => {
    const first = ev(1, 'ListApplicationRegistered', { ...body({ applicant: { personalNumber: '12345678901234' } }), number: 1 });
    let state = foldApplications([first]);
    const again = body({ applicant: { surname: 'Усонова', personalNumber: '12345678901234' }, document: { kind: 'general-passport', number: 'AC 7654321' } });
    expect(checkApplication(state, again, { members, now })).toEqual(err([{ code: 'already-registered', field: 'applicant', number: 1, form: 'form2' }]));
    // Same document number written differently.
    const sameDoc = body({ applicant: { surname: 'Башка' }, document: { kind: 'id-card', number: 'id-1234567' } });
    expect(codesOf(checkApplication(state, sameDoc, { members, now }))).toEqual(['already-registered']);
    // …and with its series typed in Cyrillic, as a clerk on a Russian layout does (look-alikes and by sound).
    for (const number of ['ИД 1234567', 'ид-1234567', 'Іd1234567']) {
      const cyrillic = body({ applicant: { surname: 'Башка' }, document: { kind: 'id-card', number } });
      expect(codesOf(checkApplication(state, cyrillic, { members, now })), number).toEqual(['already-registered']);
    }
    // A Form 3 by the same person is another matter.
    expect(checkApplication(state, { ...again, form: 'form3', subject: 'absence' }, { members, now })).toEqual(ok(undefined));
    state = foldApplications([first, ev(2, 'ListApplicationDecided', { application: idOf(1), outcome: 'rejected', at: '2017-09-25T00:00:00Z', note: 'Паспорттун көчүрмөсү окулбайт' })]);
    expect(checkApplication(state, again, { members, now })).toEqual(ok(undefined));
  });
});

describe('the register', () => {
  const events = [
    ev(1, 'ListApplicationRegistered', { ...body({}), number: 1 }),
    ev(2, 'ListApplicationRegistered', { ...body({ form: 'form3', subject: 'absence', document: null, applicant: { surname: 'Асанов', name: 'Марат' } }), number: 1 }),
    ev(3, 'ListApplicationRegistered', { ...body({ applicant: { surname: 'Бекова', name: 'Айгүл' }, document: { kind: 'diplomatic-passport', number: 'DP 0000001' } }), number: 2 }),
    ev(4, 'ListApplicationForwarded', { application: idOf(1), to: 'cec', at: '2017-09-21T01:00:00Z', note: '' }),
    ev(5, 'ListApplicationDecided', { application: idOf(1), outcome: 'included', at: '2017-09-24T01:00:00Z', note: '' }),
    ev(6, 'ListApplicationRefused', {
      ...body({ applicant: { surname: 'Кечиккен', name: 'Адам' }, receivedAt: '2017-09-30T15:30:00Z' }),
      reason: 'late',
      deadline: { date: '2017-09-30', time: '24:00', timeZone: 'Asia/Tokyo' },
    }),
    // A second decision (another laptop before sync) does not overwrite the first.
    ev(7, 'ListApplicationDecided', { application: idOf(1), outcome: 'rejected', at: '2017-09-25T01:00:00Z', note: 'экинчи чечим' }),
    // Follow-ups about an application that is not here are ignored.
    ev(8, 'ListApplicationForwarded', { application: idOf(99), to: 'tec', at: '2017-09-21T01:00:00Z', note: '' }),
  ];
  const state = foldApplications(events);

  it('folds entries, forwarding, decisions and refusals', () => {
    expect(state.entries.map((e) => [e.form, e.number, e.applicant.surname])).toEqual([
      ['form2', 1, 'Үсөнова'],
      ['form3', 1, 'Асанов'],
      ['form2', 2, 'Бекова'],
    ]);
    expect(state.entries[0]!.forwarded).toEqual([{ to: 'cec', at: '2017-09-21T01:00:00Z', note: '', by: 'm3', eventId: idOf(4) }]);
    expect(state.entries[0]!.decision?.outcome).toBe('included');
    expect(state.refusals.map((r) => [r.applicant.surname, r.reason, r.deadline.date])).toEqual([['Кечиккен', 'late', '2017-09-30']]);
  });

  it('numbers each form on its own, prints Form 2 then Form 3', () => {
    expect(judgeApplication(state, body({}), { date: '2017-09-30', time: '24:00', timeZone: 'Asia/Tokyo' })).toEqual({ accept: true, number: 3 });
    expect(judgeApplication(state, body({ form: 'form3' }), { date: '2017-09-30', time: '24:00', timeZone: 'Asia/Tokyo' })).toEqual({ accept: true, number: 2 });
    expect(registerOrder(state).map((e) => `${e.form}-${e.number}`)).toEqual(['form2-1', 'form2-2', 'form3-1']);
  });

  it('counts per form', () => {
    expect(applicationCounts(state)).toEqual({
      form2: { registered: 2, forwarded: 1, decided: 1, refused: 1 },
      form3: { registered: 1, forwarded: 0, decided: 0, refused: 0 },
    });
  });

  it('forwarding and decisions are checked', () => {
    expect(checkForward(state, idOf(99))).toEqual({ ok: false, error: { code: 'unknown-application' } });
    expect(checkForward(state, idOf(1))).toEqual({ ok: false, error: { code: 'already-decided', outcome: 'included' } });
    expect(checkForward(state, idOf(3))).toMatchObject({ ok: true, value: { id: idOf(3) } });
    expect(checkDecision(state, idOf(3), 'rejected', 'жок')).toEqual({ ok: false, error: { code: 'note-required', min: 5 } });
    expect(checkDecision(state, idOf(3), 'rejected', 'Биометрикалык каттоодон өткөн эмес').ok).toBe(true);
    expect(checkDecision(state, idOf(3), 'included', '').ok).toBe(true);
    expect(checkDecision(state, idOf(1), 'included', '')).toEqual({ ok: false, error: { code: 'already-decided', outcome: 'included' } });
  });

  it('folding is deterministic and does not mutate the state it starts from', () => {
    expect(foldApplications(events)).toEqual(state);
    expect(EMPTY_APPLICATIONS).toEqual({ entries: [], refusals: [] });
  });
});

describe('payload schemas', () => {
  it('reject what does not fit', () => {
    const ok = { ...body({}), number: 1 };
    expect(applicationPayloadSchemas.ListApplicationRegistered.safeParse(ok).success).toBe(true);
    expect(applicationPayloadSchemas.ListApplicationRegistered.safeParse({ ...ok, number: 0 }).success).toBe(false);
    expect(applicationPayloadSchemas.ListApplicationRegistered.safeParse({ ...ok, receivedAt: '20.09.2017' }).success).toBe(false);
    expect(applicationPayloadSchemas.ListApplicationRegistered.safeParse({ ...ok, extra: 1 }).success).toBe(false);
    expect(applicationPayloadSchemas.ListApplicationRegistered.safeParse({ ...ok, applicant: { ...ok.applicant, personalNumber: '123' } }).success).toBe(false);
    expect(applicationPayloadSchemas.ListApplicationDecided.safeParse({ application: 'x', outcome: 'included', at: '2017-09-24T01:00:00Z' }).success).toBe(false);
    expect(applicationPayloadSchemas.ListApplicationForwarded.safeParse({ application: idOf(1), to: 'mayor', at: '2017-09-24T01:00:00Z' }).success).toBe(false);
  });
});
