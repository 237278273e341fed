/**
 * Any precinct: a scenario starts at any precinct of the demo bundle, in its time zone and with a
 * list of its size; the count's figures follow the list and balance; the checks judge by them.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoBundle } from '../../../../shared/election/demo';
import { verifyChains } from '../../../../shared/events/envelope';
import { ok } from '../../../../shared/util/result';
import { errorsOf, evaluate } from '../../../../shared/protocol/relations';
import { localDateTimeIn } from '../../../../shared/time/zone';
import { generateVoters } from '../../../../shared/voters/generate';
import {
  buildScenarioState,
  DEFAULT_WHERE,
  formOf,
  ledgerOf,
  scenarioById,
  scenarioPassed,
  SCENARIOS,
  scenarioWhere,
  trueCount,
  unbalancedDraft,
  withdrawnCount,
  type CheckedEvent,
} from '../../../../shared/training/scenarios';

const SELF = 'this-laptop';

describe('the figures of the count follow the list', () => {
  it('the default list of 200 keeps the figures the scenarios were written with', () => {
    expect(trueCount(200)).toEqual({
      A: 200, B: 200, C: 120, D: 0, E: 120, F: 75, G: 5, H: 0, I: 120, J: 3, K: 117,
      'L.c1': 45, 'L.c2': 40, 'L.c3': 20, 'L.c4': 7, M: 5,
    });
  });

  it('refuses a list too small for a count', () => {
    expect(() => trueCount(19)).toThrow(RangeError);
    expect(() => trueCount(20.5)).toThrow(RangeError);
  });

  const precincts = demoBundle().precincts.filter((p) => (p.voterCount ?? 0) >= 20);
  it.each(precincts.map((p) => [p.number, p.voterCount!]))('precinct %i (%i voters): the start\'s ledger and the true figures balance, no line negative', async (number, voters) => {
    const where = scenarioWhere(number, voters)!;
    expect(where).toMatchObject({ precinct: number, listSize: voters });
    const start = scenarioById('unbalanced-protocol')!.start(5, where);
    const list = { hash: 'a'.repeat(64), voters: generateVoters(start.listSize, 5) };
    const events: CheckedEvent[] = [
      { type: 'VoterListActivated', payload: { counts: { voters: list.voters.length } } },
      ...(await start.events(list)).map((e) => ({ type: e.type, payload: e.payload })),
    ];
    const count = trueCount(voters);
    for (const v of Object.values(count)) expect(v).toBeGreaterThanOrEqual(0);
    expect(errorsOf(evaluate(formOf(events), { ...count }, ledgerOf(events)))).toEqual([]);
    expect(errorsOf(evaluate(formOf(events), { ...withdrawnCount(count) }, ledgerOf(events)))).toEqual([]);
    // The scenario's mistake is a mistake at every size.
    expect(errorsOf(evaluate(formOf(events), { ...unbalancedDraft(count) }, ledgerOf(events))).length).toBeGreaterThan(0);
  });
});

describe('where a scenario plays', () => {
  it('9001 with its short list by default; a precinct of the bundle with its own zone and size; nothing else', () => {
    expect(scenarioWhere(9001)).toBe(DEFAULT_WHERE);
    expect(scenarioWhere(9001, 6707)).toEqual({ precinct: 9001, timeZone: 'Europe/Moscow', listSize: 6707 });
    expect(scenarioWhere(9034)).toEqual({ precinct: 9034, timeZone: 'America/New_York', listSize: 92 });
    expect(scenarioWhere(9019)).toEqual({ precinct: 9019, timeZone: 'Asia/Tokyo', listSize: 69 });
    expect(scenarioWhere(9999)).toBeNull();
    expect(scenarioWhere(9019, 5)).toBeNull();
  });

  it.each(SCENARIOS.map((s) => [s.id]))('%s at the consulate in New York (9034): its setup, its list, its local clock; chains verify', async (id) => {
    const where = scenarioWhere(9034)!;
    const state = await buildScenarioState(scenarioById(id)!, 7, { deviceId: SELF, newId: randomUUID }, where);
    expect(await verifyChains(state.events)).toEqual(ok(undefined));
    const setup = state.events[0]!.payload as { precinct: { number: number; timeZone: string } };
    expect(setup.precinct).toMatchObject({ number: 9034, timeZone: 'America/New_York' });
    expect(state.events.every((e) => e.precinct === 9034)).toBe(true);
    expect(state.blobs[0]!.data).toHaveLength(92);
    expect(scenarioPassed(scenarioById(id)!.check(state.events, state.context))).toBe(false);
  });

  it('the clock starts at the same local moment in New York as in Moscow (the late application: 13 October, 10:00 there)', async () => {
    const ny = await buildScenarioState(scenarioById('late-application')!, 7, { deviceId: SELF, newId: randomUUID }, scenarioWhere(9034)!);
    const msk = await buildScenarioState(scenarioById('late-application')!, 7, { deviceId: SELF, newId: randomUUID });
    expect(localDateTimeIn(new Date(ny.clock), 'America/New_York')).toMatchObject({ date: '2017-10-13', time: '10:00' });
    expect(localDateTimeIn(new Date(msk.clock), 'Europe/Moscow')).toMatchObject({ date: '2017-10-13', time: '10:00' });
    expect(Date.parse(ny.clock) - Date.parse(msk.clock)).toBe(7 * 3600_000);
  });

  it('the protocol checks judge by the precinct\'s own figures: right at 9034, the 200-voter figures are wrong there', async () => {
    const scenario = scenarioById('unbalanced-protocol')!;
    const state = await buildScenarioState(scenario, 7, { deviceId: SELF, newId: randomUUID }, scenarioWhere(9034)!);
    const sign = (values: Record<string, number>, override: unknown = null): CheckedEvent => ({
      type: 'ProtocolSigned',
      deviceId: SELF,
      payload: { values, override, version: 1, mark: 'original' },
    });
    const right = scenario.check([...state.events, sign({ ...trueCount(92) })], state.context);
    expect(scenarioPassed(right)).toBe(true);
    const other = scenario.check([...state.events, sign({ ...trueCount(200) })], state.context);
    expect(scenarioPassed(other)).toBe(false);
    const overridden = scenario.check([...state.events, sign({ ...unbalancedDraft(trueCount(92)) }, { by: 'm9034-1', reason: 'x', codes: [] })], state.context);
    expect(overridden.find((r) => r.step === 'no-override')).toMatchObject({ done: true, correct: false });
  });
});
