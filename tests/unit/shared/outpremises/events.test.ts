import { describe, expect, it } from 'vitest';
import { eventPayloadSchemas } from '../../../../shared/events/catalog';
import {
  APPLICATION_RULE,
  OUT_PREMISES_EVENT_TYPES,
  VISITING_RULE,
  isOutPremisesEventType,
  outPremisesPayloadSchemas,
} from '../../../../shared/outpremises';
import { item } from '../calendar/helpers';
import { LIST } from './helpers';

const valid = {
  OutOfPremisesApplicationRegistered: {
    number: 1,
    voterId: 'pin:20101198000001',
    listHash: LIST,
    page: 1,
    row: 3,
    receivedAt: '2017-10-12T23:30:00+06:00',
    receivedBy: 'm-sec',
    address: 'Чүй көчөсү, 1',
    reason: 'illness',
  },
  OutOfPremisesApplicationRefused: {
    voterId: null,
    voterName: 'Асанов Нурлан',
    receivedAt: '2017-10-13T00:05:00+06:00',
    receivedBy: 'm-sec',
    code: 'application-late',
    params: { deadlineDate: '2017-10-12', localDate: '2017-10-13', localTime: '00:05' },
    reasonText: 'Арыз мөөнөтүнөн кеч берилди',
  },
  OutOfPremisesApplicationWithdrawn: { number: 1, voterId: 'v1', reason: 'came-to-room' },
  MobileTeamsDrawn: {
    drawnAt: '2017-10-13T15:00:00Z',
    boxes: [{ box: 1, seal: 'S-1' }],
    teams: [{ team: 1, memberIds: ['m-3', 'm-4'], operatorName: 'Оператор', boxes: [1] }],
  },
  MobileBallotsHanded: { team: 1, count: 20, handedAt: '2017-10-14T07:30:00+06:00', handedBy: 'm-sec', receivedBy: 'm-3' },
  MobileTeamDeparted: { team: 1, departedAt: '2017-10-14T07:45:00+06:00' },
  MobileVisitRecorded: { team: 1, number: 1, voterId: 'v1', visitedAt: '2017-10-14T10:00:00+06:00', outcome: 'voted', ballotsIssued: 1, ballotsSpoiled: 0, box: 1 },
  MobileTeamReturned: { team: 1, returnedAt: '2017-10-14T20:10:00+06:00', ballotsReturned: 19 },
  MobileDiscrepancyExplained: { team: 1, difference: 1, explanation: 'Бир бюллетень жоголду, акт түзүлдү' },
} as const;

describe('out-of-premises payload schemas', () => {
  it('has one valid example per event type, and every example parses', () => {
    expect(Object.keys(valid).sort()).toEqual([...OUT_PREMISES_EVENT_TYPES].sort());
    for (const type of OUT_PREMISES_EVENT_TYPES) {
      const r = outPremisesPayloadSchemas[type].safeParse(valid[type]);
      expect(r.success, type).toBe(true);
    }
  });

  it('fills defaults (reasonText, note, outcomeText, box, seals, params)', () => {
    expect(outPremisesPayloadSchemas.OutOfPremisesApplicationRegistered.parse(valid.OutOfPremisesApplicationRegistered)).toMatchObject({ reasonText: '', note: '' });
    expect(outPremisesPayloadSchemas.MobileTeamReturned.parse(valid.MobileTeamReturned).seals).toEqual([]);
    const { box: _box, ...noBox } = valid.MobileVisitRecorded;
    expect(outPremisesPayloadSchemas.MobileVisitRecorded.parse(noBox)).toMatchObject({ box: null, outcomeText: '' });
    const { params: _p, ...noParams } = valid.OutOfPremisesApplicationRefused;
    expect(outPremisesPayloadSchemas.OutOfPremisesApplicationRefused.parse(noParams).params).toEqual({});
  });

  it.each([
    ['OutOfPremisesApplicationRegistered', { extra: 1 }, 'unknown key (strict)'],
    ['OutOfPremisesApplicationRegistered', { number: 0 }, 'number 0'],
    ['OutOfPremisesApplicationRegistered', { listHash: 'abc' }, 'list hash'],
    ['OutOfPremisesApplicationRegistered', { receivedAt: '2017-10-12 23:30' }, 'not an ISO instant'],
    ['OutOfPremisesApplicationRegistered', { receivedAt: '2017-10-12T23:30:00' }, 'an instant without offset'],
    ['OutOfPremisesApplicationRegistered', { address: '   ' }, 'blank address'],
    ['OutOfPremisesApplicationRegistered', { address: 'x'.repeat(401) }, 'address too long'],
    ['OutOfPremisesApplicationRegistered', { reason: 'vacation' }, 'unknown reason'],
    ['OutOfPremisesApplicationRegistered', { reason: 'other' }, 'other without text'],
    ['OutOfPremisesApplicationRegistered', { note: 'x'.repeat(1001) }, 'note too long'],
    ['OutOfPremisesApplicationRegistered', { receivedBy: 'a b' }, 'member id with a space'],
    ['OutOfPremisesApplicationRefused', { code: 'bored' }, 'unknown refusal code'],
    ['OutOfPremisesApplicationRefused', { reasonText: '' }, 'refusal without words'],
    ['OutOfPremisesApplicationRefused', { params: Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`k${i}`, i])) }, 'too many params'],
    ['OutOfPremisesApplicationRefused', { params: { a: { nested: true } } }, 'nested params'],
    ['OutOfPremisesApplicationWithdrawn', { reason: 'other' }, 'other without text'],
    ['MobileTeamsDrawn', { boxes: [{ box: 4, seal: 'S' }] }, 'box 4'],
    ['MobileTeamsDrawn', { boxes: [] }, 'no boxes'],
    ['MobileTeamsDrawn', { boxes: [1, 2, 3, 1].map((box) => ({ box, seal: `S${box}` })) }, 'four boxes'],
    ['MobileTeamsDrawn', { teams: [] }, 'no teams'],
    ['MobileBallotsHanded', { count: 0 }, 'zero ballots'],
    ['MobileBallotsHanded', { count: 2.5 }, 'fractional ballots'],
    ['MobileVisitRecorded', { ballotsIssued: 2 }, 'two ballots issued'],
    ['MobileVisitRecorded', { ballotsSpoiled: -1 }, 'negative spoiled'],
    ['MobileVisitRecorded', { outcome: 'other' }, 'other outcome without text'],
    ['MobileVisitRecorded', { outcome: 'asleep' }, 'unknown outcome'],
    ['MobileTeamReturned', { ballotsReturned: -1 }, 'negative returned'],
    ['MobileDiscrepancyExplained', { explanation: 'short' }, 'explanation under 10 characters'],
    ['MobileDiscrepancyExplained', { explanation: 'x'.repeat(2001) }, 'explanation too long'],
  ] as const)('%s rejects %j (%s)', (type, change, _label) => {
    const payload: Record<string, unknown> = { ...valid[type], ...change };
    expect(outPremisesPayloadSchemas[type].safeParse(payload).success).toBe(false);
  });

  it('are in the event catalog, each with its own schema (no name taken twice)', () => {
    const catalog = eventPayloadSchemas as Record<string, unknown>;
    for (const type of OUT_PREMISES_EVENT_TYPES) expect(catalog[type]).toBe(outPremisesPayloadSchemas[type]);
    expect(new Set(Object.keys(eventPayloadSchemas)).size).toBe(Object.keys(eventPayloadSchemas).length);
    expect(eventPayloadSchemas.MobileVisitRecorded.safeParse(valid.MobileVisitRecorded).success).toBe(true);
    expect(isOutPremisesEventType('MobileVisitRecorded')).toBe(true);
    expect(isOutPremisesEventType('BallotIssued')).toBe(false);
    expect(isOutPremisesEventType('toString')).toBe(false);
  });

  it('the deadline and window rules are those of calendar items 69 and 71', () => {
    expect(APPLICATION_RULE).toEqual(item(69).rule);
    expect(VISITING_RULE).toEqual(item(71).rule);
  });
});
