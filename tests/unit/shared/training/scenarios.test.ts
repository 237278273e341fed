import { describe, expect, it } from 'vitest';
import { eventPayloadSchemas, type EventType } from '../../../../shared/events/catalog';
import { demoBundle } from '../../../../shared/election/demo';
import { generateVoters } from '../../../../shared/voters/generate';
import {
  AEU_REPORT,
  POWER_CUT_DRAFT,
  SCENARIOS,
  TRUE_COUNT,
  UNBALANCED_DRAFT,
  WITHDRAWN_COUNT,
  WRONG_SIGNED,
  formOf,
  scenarioById,
  scenarioPassed,
  wrongSignedHash,
  type CheckedEvent,
  type ScenarioList,
  type StepResult,
} from '../../../../shared/training/scenarios';
import { errorsOf, evaluate } from '../../../../shared/protocol/relations';

const SEED = 7;
const LIST_HASH = 'a'.repeat(64);

async function begin(id: string, seed = SEED) {
  const scenario = scenarioById(id)!;
  const start = scenario.start(seed);
  const voters = generateVoters(start.listSize, start.seed);
  const list: ScenarioList = { hash: LIST_HASH, voters };
  const bundle = demoBundle();
  const setup: CheckedEvent = { type: 'SetupActivated', payload: { candidates: bundle.candidates, againstAll: true }, deviceId: 'self' };
  const listEvent: CheckedEvent = { type: 'VoterListActivated', payload: { listHash: LIST_HASH }, deviceId: 'self' };
  const loaded = await start.events(list);
  const events: CheckedEvent[] = [setup, listEvent, ...loaded.map((e) => ({ type: e.type, payload: e.payload, deviceId: e.device }))];
  const context = { startEvents: events.length, facts: start.facts(list) };
  return {
    scenario,
    start,
    list,
    loaded,
    facts: context.facts,
    check: (...trainee: [EventType, Record<string, unknown>][]): StepResult[] =>
      scenario.check([...events, ...trainee.map(([type, payload]) => ({ type, payload, deviceId: 'self' }))], context),
    /** The same, with events from given devices (another laptop's, pulled). */
    checkFrom: (...trainee: [EventType, Record<string, unknown>, string][]): StepResult[] =>
      scenario.check([...events, ...trainee.map(([type, payload, deviceId]) => ({ type, payload, deviceId }))], { ...context, deviceId: 'self' }),
  };
}

const byStep = (results: StepResult[]) => Object.fromEntries(results.map((r) => [r.step, r]));
const member = 'm9001-3';
const signed = (values: Record<string, number>, extra: Record<string, unknown> = {}) => ({
  formId: 'kg-2017-presidential-pec', formVersion: 1, version: 1, mark: 'original', values, membersPresent: ['m9001-1', 'm9001-2', 'm9001-3'],
  override: null, acknowledged: [], changes: [], supersedes: null, signedAt: '2017-10-15T23:00:00+03:00', hash: 'b'.repeat(64), ...extra,
});
const override = { by: 'm9001-1', reason: 'пересчёт невозможен ночью', codes: ['ballot-balance'] };

describe('training scenarios: the catalog', () => {
  it('has at least the eight scenarios of the issue, with unique ids and steps', () => {
    expect(SCENARIOS.map((s) => s.id)).toEqual([
      'late-application', 'not-in-list', 'double-issue', 'unbalanced-protocol', 'aeu-differs', 'withdrawn-candidate', 'power-cut', 'correction',
    ]);
    for (const s of SCENARIOS) {
      expect(new Set(s.steps.map((x) => x.id)).size).toBe(s.steps.length);
      expect(s.titleKey.startsWith('scenarios:')).toBe(true);
    }
    expect(scenarioById('nope')).toBeUndefined();
  });

  it.each(SCENARIOS.map((s) => [s.id]))('%s: a deterministic start whose events fit the catalog schemas, and nothing done yet', async (id) => {
    const a = await begin(id);
    const b = await begin(id);
    expect(a.loaded).toEqual(b.loaded);
    expect(a.facts).toEqual(b.facts);
    expect(Number.isNaN(Date.parse(a.start.clock))).toBe(false);
    for (const e of a.loaded) expect(eventPayloadSchemas[e.type].safeParse(e.payload).success, `${e.type}`).toBe(true);
    const results = a.check();
    expect(results.map((r) => r.step)).toEqual(a.scenario.steps.map((s) => s.id));
    expect(scenarioPassed(results)).toBe(false);
    for (const r of results) expect(r.detailKey.startsWith('scenarios:detail.')).toBe(true);
  });

  it('a different seed picks a different voter', async () => {
    const a = await begin('late-application', 1);
    const b = await begin('late-application', 2);
    expect(a.facts.voterId).not.toBe(b.facts.voterId);
  });
});

describe('(1) late out-of-premises application', () => {
  const refusal = (facts: Record<string, string | number>, code = 'application-late') => ({
    voterId: facts.voterId, voterName: facts.voterName, receivedAt: '2017-10-13T10:00:00+03:00', receivedBy: member, code, params: {}, reasonText: 'Мөөнөтү өтүп кеткен', decision: 'commission',
  });
  it('passes when the application is refused as late', async () => {
    const s = await begin('late-application');
    const p = refusal(s.facts);
    expect(eventPayloadSchemas.OutOfPremisesApplicationRefused.safeParse(p).success).toBe(true);
    expect(scenarioPassed(s.check(['OutOfPremisesApplicationRefused', p]))).toBe(true);
  });
  it('a refusal the app recorded by itself (no commission decision) is not the trainee refusing', async () => {
    const s = await begin('late-application');
    const { decision: _decision, ...automatic } = refusal(s.facts);
    expect(eventPayloadSchemas.OutOfPremisesApplicationRefused.safeParse(automatic).success).toBe(true);
    const r = byStep(s.check(['OutOfPremisesApplicationRefused', automatic]));
    expect(r.refuse).toMatchObject({ done: false, correct: false, detailKey: 'scenarios:detail.refusal-missing' });
    expect(scenarioPassed(s.check(['OutOfPremisesApplicationRefused', automatic]))).toBe(false);
  });
  it('a refusal recorded on another laptop is not the trainee\'s', async () => {
    const s = await begin('late-application');
    expect(scenarioPassed(s.checkFrom(['OutOfPremisesApplicationRefused', refusal(s.facts), 'another-laptop']))).toBe(false);
    expect(scenarioPassed(s.checkFrom(['OutOfPremisesApplicationRefused', refusal(s.facts), 'self']))).toBe(true);
  });
  it('a backdated received time registers the late application: both steps fail', async () => {
    const s = await begin('late-application');
    const r = byStep(s.check(['OutOfPremisesApplicationRegistered', { number: 1, voterId: s.facts.voterId, receivedAt: '2017-10-12T18:00:00+03:00' }]));
    expect(r.refuse!.correct).toBe(false);
    expect(r['not-registered']).toMatchObject({ done: true, correct: false, detailKey: 'scenarios:detail.registered-late' });
  });
  it('accepts a refusal naming the voter without the list id', async () => {
    const s = await begin('late-application');
    expect(scenarioPassed(s.check(['OutOfPremisesApplicationRefused', { ...refusal(s.facts), voterId: null }]))).toBe(true);
  });
  it('fails the refusal step for another reason code', async () => {
    const s = await begin('late-application');
    const r = byStep(s.check(['OutOfPremisesApplicationRefused', refusal(s.facts, 'other')]));
    expect(r.refuse).toMatchObject({ done: true, correct: false, detailKey: 'scenarios:detail.refusal-wrong-reason', terms: { code: 'outpremises:refusalCode.other' } });
    expect(r['not-registered']!.correct).toBe(true);
  });
  it('fails both steps when the late application is registered', async () => {
    const s = await begin('late-application');
    const r = byStep(s.check(['OutOfPremisesApplicationRegistered', { number: 1, voterId: s.facts.voterId }]));
    expect(r.refuse).toMatchObject({ done: true, correct: false, detailKey: 'scenarios:detail.registered-instead' });
    expect(r['not-registered']).toMatchObject({ done: true, correct: false });
  });
  it('a refusal of someone else does not count', async () => {
    const s = await begin('late-application');
    const r = byStep(s.check(['OutOfPremisesApplicationRefused', { ...refusal(s.facts), voterId: 'pin:0', voterName: 'Башка Адам' }]));
    expect(r.refuse!.done).toBe(false);
  });
});

describe('(2) a voter not in the list', () => {
  const incident = (outcome: string, kind = 'not-in-list') => ({ kind, person: 'Жээнбеков Талант', document: '', outcome, note: '' });
  it.each(['no-ballot', 'referred'])('passes with outcome %s', async (outcome) => {
    const s = await begin('not-in-list');
    expect(scenarioPassed(s.check(['DeskIncidentRecorded', incident(outcome)]))).toBe(true);
  });
  it('fails the outcome when recorded as found in the list', async () => {
    const s = await begin('not-in-list');
    const r = byStep(s.check(['DeskIncidentRecorded', incident('found-in-list')]));
    expect(r.outcome).toMatchObject({ done: true, correct: false });
    expect(r.record!.correct).toBe(true);
  });
  it('fails the record step for the wrong kind', async () => {
    const s = await begin('not-in-list');
    expect(byStep(s.check(['DeskIncidentRecorded', incident('no-ballot', 'no-document')])).record).toMatchObject({ done: true, correct: false });
  });
  it('fails when a ballot is issued anyway', async () => {
    const s = await begin('not-in-list');
    const r = byStep(s.check(['DeskIncidentRecorded', incident('no-ballot')], ['BallotIssued', { voterId: 'pin:1' }]));
    expect(r['no-ballot']).toMatchObject({ done: true, correct: false, detailKey: 'scenarios:detail.ballot-issued' });
  });
  it('the person told to the trainee is not in the generated list', async () => {
    const s = await begin('not-in-list');
    expect(s.list.voters.some((v) => `${v.surname} ${v.name}` === s.facts.person)).toBe(false);
  });
});

describe('(3) a ballot issued twice on two laptops', () => {
  it('starts with the same voter issued on two devices', async () => {
    const s = await begin('double-issue');
    expect(s.loaded.map((e) => [e.type, e.device])).toEqual([['BallotIssued', 'other'], ['BallotIssued', 'self']]);
  });
  const resolve = (voterId: unknown, text = 'Шайлоочу эки жолу келген, экинчи бюллетень жокко чыгарылды') => ({ incident: `double-issue:${String(voterId)}:e2`, resolution: text });
  it('passes when the incident is resolved with a written decision', async () => {
    const s = await begin('double-issue');
    expect(scenarioPassed(s.check(['IncidentResolved', resolve(s.facts.voterId)]))).toBe(true);
  });
  it('fails a one-word resolution', async () => {
    const s = await begin('double-issue');
    expect(byStep(s.check(['IncidentResolved', resolve(s.facts.voterId, 'болду')])).resolve).toMatchObject({ done: true, correct: false });
  });
  it('a resolution of another voter does not count', async () => {
    const s = await begin('double-issue');
    expect(byStep(s.check(['IncidentResolved', resolve('pin:other')])).resolve!.done).toBe(false);
  });
  it('fails when the voter is issued a third ballot', async () => {
    const s = await begin('double-issue');
    const r = byStep(s.check(['IncidentResolved', resolve(s.facts.voterId)], ['BallotIssued', { voterId: s.facts.voterId }]));
    expect(r['no-reissue']).toMatchObject({ done: true, correct: false });
  });
});

describe('(4) a protocol that does not balance', () => {
  it('the draft is out by two ballots on the ballot balance', async () => {
    const s = await begin('unbalanced-protocol');
    const errors = errorsOf(evaluate(formOf([]), UNBALANCED_DRAFT));
    expect(errors.map((e) => [e.code, e.left - e.right])).toEqual([['ballot-balance', -2]]);
    expect(errorsOf(evaluate(formOf([]), TRUE_COUNT))).toEqual([]);
    expect(s.facts).toMatchObject({ wrongLine: 6, difference: 2 });
  });
  it('passes when the corrected, balanced protocol is signed without an override', async () => {
    const s = await begin('unbalanced-protocol');
    expect(scenarioPassed(s.check(['ProtocolSigned', signed({ ...TRUE_COUNT })]))).toBe(true);
  });
  it('fails when the unbalanced figures are signed over with an override', async () => {
    const s = await begin('unbalanced-protocol');
    const r = byStep(s.check(['ProtocolSigned', signed({ ...UNBALANCED_DRAFT }, { override })]));
    expect(r.balanced).toMatchObject({ done: true, correct: false, detailKey: 'scenarios:detail.signed-unbalanced' });
    // The finding behind it is the one the protocol screen shows for the signed figures, with its arithmetic.
    expect(r.balanced!.notes).toEqual([{ key: 'protocol:finding.ballot-balance', params: expect.objectContaining({ difference: 2 }) as unknown }]);
    expect(r['no-override']).toMatchObject({ done: true, correct: false });
  });
  it('fails a balance forced by changing another line', async () => {
    const s = await begin('unbalanced-protocol');
    const r = byStep(s.check(['ProtocolSigned', signed({ ...UNBALANCED_DRAFT, B: 202, A: 202 })]));
    expect(r.balanced).toMatchObject({ done: true, correct: false, detailKey: 'scenarios:detail.signed-wrong-lines' });
  });
  it('a draft alone is not done', async () => {
    const s = await begin('unbalanced-protocol');
    expect(byStep(s.check(['ProtocolDraftSaved', { values: { ...TRUE_COUNT } }])).balanced!.done).toBe(false);
  });
});

describe('(5) АЭУ report differs from the manual count', () => {
  const manual = (values: Record<string, number>) => ({ values, enteredBy: member, countedAt: '2017-10-15T22:00:00+03:00' });
  it('the start holds the АЭУ report, which differs from the true count', async () => {
    const s = await begin('aeu-differs');
    expect(s.loaded.at(-1)!.type).toBe('AeuReportEntered');
    expect(s.loaded.filter((e) => e.type === 'BallotIssued')).toHaveLength(TRUE_COUNT.C!);
    expect(AEU_REPORT.I).not.toBe(TRUE_COUNT.I);
    expect(s.facts.manual_L_c1).toBe(TRUE_COUNT['L.c1']);
  });
  it('passes with the manual count entered and signed', async () => {
    const s = await begin('aeu-differs');
    expect(scenarioPassed(s.check(['ManualCountEntered', manual({ ...TRUE_COUNT })], ['ProtocolSigned', signed({ ...TRUE_COUNT })]))).toBe(true);
  });
  it('fails the manual step when the АЭУ figures are typed as the manual count', async () => {
    const s = await begin('aeu-differs');
    const r = byStep(s.check(['ManualCountEntered', manual({ ...AEU_REPORT })], ['ProtocolSigned', signed({ ...TRUE_COUNT })]));
    expect(r.manual).toMatchObject({ done: true, correct: false });
    expect(r['signed-manual']!.correct).toBe(true);
  });
  it('fails the signing step when the protocol carries the АЭУ figures', async () => {
    const s = await begin('aeu-differs');
    const r = byStep(s.check(['ManualCountEntered', manual({ ...TRUE_COUNT })], ['ProtocolSigned', signed({ ...AEU_REPORT })]));
    expect(r['signed-manual']).toMatchObject({ done: true, correct: false, detailKey: 'scenarios:detail.signed-aeu-figures' });
  });
  it('not signed yet is not done', async () => {
    const s = await begin('aeu-differs');
    expect(byStep(s.check(['ManualCountEntered', manual({ ...TRUE_COUNT })]))['signed-manual']!.done).toBe(false);
  });
});

describe('(6) a candidate withdrawn after printing', () => {
  it('the expected figures balance and give the candidate 0', () => {
    expect(errorsOf(evaluate(formOf([]), WITHDRAWN_COUNT))).toEqual([]);
    expect(WITHDRAWN_COUNT['L.c3']).toBe(0);
  });
  it('the start marks the candidate withdrawn in the election model', async () => {
    const s = await begin('withdrawn-candidate');
    const update = s.loaded.find((e) => e.type === 'CandidatesUpdated')!;
    const c3 = (update.payload as { candidates: { id: string; withdrawn?: { date: string } }[] }).candidates.find((c) => c.id === 'c3');
    expect(c3?.withdrawn?.date).toBe('2017-10-11');
    expect(String(s.facts.candidate)).toContain('Бекова');
  });
  it('passes with the candidate at 0 and their marks among the invalid ballots', async () => {
    const s = await begin('withdrawn-candidate');
    expect(scenarioPassed(s.check(['ProtocolSigned', signed({ ...WITHDRAWN_COUNT })]))).toBe(true);
  });
  it('fails when the votes are counted for the withdrawn candidate', async () => {
    const s = await begin('withdrawn-candidate');
    const r = byStep(s.check(['ProtocolSigned', signed({ ...TRUE_COUNT })]));
    expect(r['zero-line']).toMatchObject({ done: true, correct: false, params: { count: 20 } });
  });
  it('fails the balance when the line is zeroed but the marks vanish', async () => {
    const s = await begin('withdrawn-candidate');
    const r = byStep(s.check(['ProtocolSigned', signed({ ...TRUE_COUNT, 'L.c3': 0 }, { override })]));
    expect(r['zero-line']!.correct).toBe(true);
    expect(r.balanced!.correct).toBe(false);
    expect(r['no-override']!.correct).toBe(false);
  });
});

describe('(7) a power cut in the middle of the count', () => {
  it('the draft has blanks to complete', async () => {
    const s = await begin('power-cut');
    const d = s.loaded.find((e) => e.type === 'ProtocolDraftSaved')!;
    expect(Object.values((d.payload as { values: Record<string, number | null> }).values)).toContain(null);
    expect(POWER_CUT_DRAFT.A).toBe(TRUE_COUNT.A);
  });
  it('passes when the draft is kept and the rest completed', async () => {
    const s = await begin('power-cut');
    expect(scenarioPassed(s.check(['ProtocolDraftSaved', { values: { ...TRUE_COUNT } }], ['ProtocolSigned', signed({ ...TRUE_COUNT })]))).toBe(true);
  });
  it('fails when the drafted lines were typed again differently', async () => {
    const s = await begin('power-cut');
    const r = byStep(s.check(['ProtocolSigned', signed({ ...TRUE_COUNT, C: 119, E: 124, G: 6 })]));
    expect(r['kept-draft']).toMatchObject({ done: true, correct: false, params: { lines: '3, 5, 7' } });
  });
});

describe('(8) a protocol corrected after signing', () => {
  const corrected = async (mark = 'corrected') => ({ version: 2, supersedes: await wrongSignedHash(), mark, reason: '1 жана 2-талапкерлердин добуштары алмашып калган', by: 'm9001-1' });
  it('starts with a signed version 1 carrying the wrong figures', async () => {
    const s = await begin('correction');
    const v1 = s.loaded.find((e) => e.type === 'ProtocolSigned')!;
    expect((v1.payload as { values: unknown }).values).toEqual(WRONG_SIGNED);
  });
  it.each(['corrected', 'repeated'])('passes with a correction marked %s and version 2 signed with the right figures', async (mark) => {
    const s = await begin('correction');
    const hash = await wrongSignedHash();
    expect(scenarioPassed(s.check(['ProtocolCorrected', await corrected(mark)], ['ProtocolSigned', signed({ ...TRUE_COUNT }, { version: 2, mark, supersedes: hash })]))).toBe(true);
  });
  it('fails when version 2 keeps the wrong figures', async () => {
    const s = await begin('correction');
    const hash = await wrongSignedHash();
    const r = byStep(s.check(['ProtocolCorrected', await corrected()], ['ProtocolSigned', signed({ ...WRONG_SIGNED }, { version: 2, mark: 'corrected', supersedes: hash })]));
    expect(r.figures).toMatchObject({ done: true, correct: false, params: { lines: '12, 13' } });
  });
  it('fails a version 2 not linked to version 1', async () => {
    const s = await begin('correction');
    const r = byStep(s.check(['ProtocolCorrected', { ...(await corrected()), supersedes: 'c'.repeat(64) }], ['ProtocolSigned', signed({ ...TRUE_COUNT }, { version: 2, mark: 'original' })]));
    expect(r.opened!.correct).toBe(false);
    expect(r['signed-v2']!.correct).toBe(false);
  });
  it('no correction opened is not done', async () => {
    const s = await begin('correction');
    expect(byStep(s.check()).opened!.done).toBe(false);
  });
});

describe('training scenarios: their words', () => {
  it.each(['ky', 'ru', 'en'])('every title, description, step and detail key exists in locales/%s/scenarios.json', async (lng) => {
    const { readFileSync } = await import('node:fs');
    const words = JSON.parse(readFileSync(`locales/${lng}/scenarios.json`, 'utf8')) as Record<string, unknown>;
    const lookup = (key: string) => key.replace(/^scenarios:/u, '').split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], words);
    // A counted detail is a plural key: its "_other" form stands for it.
    const has = (key: string) => lookup(key) ?? lookup(`${key}_other`);
    for (const s of SCENARIOS) {
      for (const key of [s.titleKey, s.summaryKey, s.descriptionKey, ...s.steps.map((x) => x.key)]) expect(typeof has(key), key).toBe('string');
      const a = await begin(s.id);
      for (const r of a.check()) expect(typeof has(r.detailKey), r.detailKey).toBe('string');
    }
    const source = readFileSync('shared/training/scenarios/catalog.ts', 'utf8');
    for (const m of source.matchAll(/, '([a-z-]+)'(?:, \{[^}]*\})?\)/gu)) {
      if (['self', 'other', 'ky'].includes(m[1]!)) continue;
      expect(typeof has(`detail.${m[1]!}`), m[1]).toBe('string');
    }
  });
});

describe('the election model: a withdrawn candidate', () => {
  it('old candidates without the field parse as before; a withdrawal needs a real date', async () => {
    const { candidateSchema } = await import('../../../../shared/election/model');
    const old = candidateSchema.parse({ id: 'c1', position: 1, surname: 'А', name: 'Б' });
    expect(old).not.toHaveProperty('withdrawn');
    expect(candidateSchema.parse({ id: 'c1', position: 1, surname: 'А', name: 'Б', withdrawn: { date: '2017-10-11' } }).withdrawn).toEqual({ date: '2017-10-11', note: '' });
    expect(candidateSchema.safeParse({ id: 'c1', position: 1, surname: 'А', name: 'Б', withdrawn: { date: '2017-13-11' } }).success).toBe(false);
  });
});
