/**
 * Every scenario played on its right path and on each typical mistake: the verdict, and every step's
 * message put into words from the locales (ky, ru, en) with no raw code, key or placeholder left.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n, type ResourceLanguage } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoBundle } from '../../../../shared/election/demo';
import type { EventType } from '../../../../shared/events/catalog';
import {
  AEU_REPORT,
  POWER_CUT_DRAFT,
  TRUE_COUNT,
  UNBALANCED_DRAFT,
  WITHDRAWN_COUNT,
  WRONG_SIGNED,
  scenarioById,
  scenarioPassed,
  wrongSignedHash,
  type CheckedEvent,
  type StepResult,
} from '../../../../shared/training/scenarios';
import { generateVoters } from '../../../../shared/voters/generate';
import { stepDetail, stepNotes } from '../../../../renderer/features/training/step-text';

const LANGS = ['ky', 'ru', 'en'] as const;
const SELF = 'this-laptop';

type Play = [EventType, Record<string, unknown>];
interface Case {
  name: string;
  passed: boolean;
  /** The trainee's events, given the scenario's facts. */
  play(facts: Record<string, string | number>): Promise<Play[]> | Play[];
}

const member = 'm9001-3';
const signed = (values: Record<string, number | null>, extra: Record<string, unknown> = {}): Play => [
  'ProtocolSigned',
  {
    formId: 'kg-2017-presidential-pec', formVersion: 1, version: 1, mark: 'original', values, membersPresent: ['m9001-1', 'm9001-2', 'm9001-3'],
    override: null, acknowledged: [], changes: [], supersedes: null, signedAt: '2017-10-15T23:00:00+03:00', hash: 'b'.repeat(64), ...extra,
  },
];
const override = { override: { by: 'm9001-1', reason: 'Кайра эсептөө мүмкүн эмес', codes: ['ballot-balance'] } };
const refusal = (f: Record<string, string | number>, extra: Record<string, unknown> = {}): Play => [
  'OutOfPremisesApplicationRefused',
  { voterId: f.voterId, voterName: f.voterName, receivedAt: '2017-10-13T10:00:00+03:00', receivedBy: member, code: 'application-late', params: {}, reasonText: 'Мөөнөтү өтүп кеткен', decision: 'commission', ...extra },
];
const incident = (outcome: string, kind = 'not-in-list'): Play => ['DeskIncidentRecorded', { kind, person: 'Жээнбеков Талант', document: '', outcome, note: '' }];
const resolution = (f: Record<string, string | number>, text = 'Шайлоочу эки жолу келген, экинчи бюллетень жокко чыгарылды'): Play => ['IncidentResolved', { incident: `double-issue:${String(f.voterId)}:e2`, resolution: text }];
const manual = (values: Record<string, number>): Play => ['ManualCountEntered', { values, enteredBy: member, countedAt: '2017-10-15T22:00:00+03:00' }];
const corrected = async (mark = 'corrected', supersedes?: string): Promise<Play> => [
  'ProtocolCorrected',
  { version: 2, supersedes: supersedes ?? (await wrongSignedHash()), mark, reason: '1 жана 2-талапкерлердин добуштары алмашып калган', by: 'm9001-1' },
];

const CASES: Record<string, Case[]> = {
  'late-application': [
    { name: 'refused by the commission as late', passed: true, play: (f) => [refusal(f)] },
    { name: 'a refusal the app recorded by itself is not the trainee refusing', passed: false, play: (f) => [refusal(f, { decision: undefined })] },
    { name: 'mistake: refused for another reason', passed: false, play: (f) => [refusal(f, { code: 'other' })] },
    { name: 'mistake: backdated and registered', passed: false, play: (f) => [['OutOfPremisesApplicationRegistered', { number: 1, voterId: f.voterId, receivedAt: '2017-10-12T18:00:00+03:00' }]] },
    { name: 'idle', passed: false, play: () => [] },
  ],
  'not-in-list': [
    { name: 'recorded, no ballot', passed: true, play: () => [incident('no-ballot')] },
    { name: 'recorded, referred', passed: true, play: () => [incident('referred')] },
    { name: 'mistake: recorded as found in the list', passed: false, play: () => [incident('found-in-list')] },
    { name: 'mistake: wrong kind', passed: false, play: () => [incident('no-ballot', 'no-document')] },
    { name: 'mistake: a ballot issued', passed: false, play: () => [incident('no-ballot'), ['BallotIssued', { voterId: 'pin:1' }]] },
    { name: 'idle', passed: false, play: () => [] },
  ],
  'double-issue': [
    { name: 'resolved in writing', passed: true, play: (f) => [resolution(f)] },
    { name: 'mistake: a one-word resolution', passed: false, play: (f) => [resolution(f, 'болду')] },
    { name: 'mistake: a third ballot', passed: false, play: (f) => [resolution(f), ['BallotIssued', { voterId: f.voterId }]] },
    { name: 'idle', passed: false, play: () => [] },
  ],
  'unbalanced-protocol': [
    { name: 'line 6 corrected, signed', passed: true, play: () => [signed({ ...TRUE_COUNT })] },
    { name: "mistake: signed over the error with the chair's override", passed: false, play: () => [signed({ ...UNBALANCED_DRAFT }, override)] },
    { name: 'mistake: balance forced on another line', passed: false, play: () => [signed({ ...UNBALANCED_DRAFT, B: 202, A: 202 })] },
    { name: 'idle (a draft only)', passed: false, play: () => [['ProtocolDraftSaved', { values: { ...TRUE_COUNT } }]] },
  ],
  'aeu-differs': [
    { name: 'manual count entered and signed', passed: true, play: () => [manual({ ...TRUE_COUNT }), signed({ ...TRUE_COUNT })] },
    { name: 'mistake: АЭУ figures as the manual count', passed: false, play: () => [manual({ ...AEU_REPORT }), signed({ ...TRUE_COUNT })] },
    { name: 'mistake: АЭУ figures signed', passed: false, play: () => [manual({ ...TRUE_COUNT }), signed({ ...AEU_REPORT })] },
    { name: 'idle', passed: false, play: () => [] },
  ],
  'withdrawn-candidate': [
    { name: 'line at 0, marks invalid, signed', passed: true, play: () => [signed({ ...WITHDRAWN_COUNT })] },
    { name: 'mistake: votes counted for the withdrawn candidate', passed: false, play: () => [signed({ ...TRUE_COUNT })] },
    { name: 'mistake: zeroed, marks vanished, override', passed: false, play: () => [signed({ ...TRUE_COUNT, 'L.c3': 0 }, override)] },
    { name: 'idle', passed: false, play: () => [] },
  ],
  'power-cut': [
    { name: 'draft kept, completed, signed', passed: true, play: () => [signed({ ...TRUE_COUNT })] },
    { name: 'mistake: drafted lines typed again differently', passed: false, play: () => [signed({ ...TRUE_COUNT, C: 119, E: 124, G: 6 })] },
    { name: 'mistake: signed with blanks over an override', passed: false, play: () => [signed({ ...POWER_CUT_DRAFT } as Record<string, number | null>, override)] },
    { name: 'idle', passed: false, play: () => [] },
  ],
  correction: [
    { name: 'corrected and version 2 signed', passed: true, play: async () => [await corrected(), signed({ ...TRUE_COUNT }, { version: 2, mark: 'corrected', supersedes: await wrongSignedHash() })] },
    { name: 'mistake: version 2 keeps the wrong figures', passed: false, play: async () => [await corrected(), signed({ ...WRONG_SIGNED }, { version: 2, mark: 'corrected', supersedes: await wrongSignedHash() })] },
    { name: 'mistake: version 2 not linked', passed: false, play: async () => [await corrected('corrected', 'c'.repeat(64)), signed({ ...TRUE_COUNT }, { version: 2, mark: 'original' })] },
    { name: 'idle', passed: false, play: () => [] },
  ],
};

async function play(id: string, c: Case): Promise<StepResult[]> {
  const scenario = scenarioById(id)!;
  const start = scenario.start(11);
  const voters = generateVoters(start.listSize, start.seed);
  const list = { hash: 'a'.repeat(64), voters };
  const bundle = demoBundle();
  const events: CheckedEvent[] = [
    { type: 'SetupActivated', payload: { candidates: bundle.candidates, againstAll: true }, deviceId: SELF },
    { type: 'VoterListActivated', payload: { listHash: list.hash, counts: { voters: voters.length } }, deviceId: SELF },
    ...(await start.events(list)).map((e) => ({ type: e.type, payload: e.payload, deviceId: e.device === 'self' ? SELF : 'training-second-laptop' })),
  ];
  const facts = start.facts(list);
  const trainee = (await c.play(facts)).map(([type, payload]) => ({ type, payload, deviceId: SELF }));
  return scenario.check([...events, ...trainee], { startEvents: events.length, facts, deviceId: SELF });
}

const instances = {} as Record<(typeof LANGS)[number], i18n>;
beforeAll(async () => {
  for (const lng of LANGS) {
    const dir = join(__dirname, '../../../../locales', lng);
    const resources: ResourceLanguage = {};
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) resources[file.replace(/\.json$/u, '')] = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ResourceLanguage;
    const inst = i18next.createInstance();
    await inst.init({ lng, resources: { [lng]: resources }, interpolation: { escapeValue: false }, saveMissing: false });
    instances[lng] = inst;
  }
});

/** A code or key left in the words: "ballot-balance", "L.c1", "scenarios:…", "{{x}}", "undefined". */
const RAW = /\b[a-z]+(?:-[a-z]+)+\b|\bL\.c\d|[a-z]+:[a-z]|\{\{|\bundefined\b|\bNaN\b/u;

describe.each(Object.entries(CASES))('scenario %s', (id, cases) => {
  it.each(cases.map((c) => [c.name, c]))('%s', async (_name, c) => {
    const results = await play(id, c);
    expect(scenarioPassed(results)).toBe(c.passed);
    if (!c.passed && c.name.startsWith('mistake')) expect(results.some((r) => r.done && !r.correct), 'a mistake is caught, not merely pending').toBe(true);
    for (const lng of LANGS) {
      const t = instances[lng].t.bind(instances[lng]) as (key: string, params?: Record<string, unknown>) => string;
      for (const r of results) {
        for (const text of [stepDetail(t, r), ...stepNotes(t, r)]) {
          expect(text, `${lng} ${r.step}`).not.toMatch(RAW);
          expect(text.length).toBeGreaterThan(3);
        }
      }
    }
  });
});

/**
 * Checks that never mislead: every step of every scenario is shown failing by at least one typical
 * mistake above (a check that can only say ✔ or "pending" would pass a trainee who did it wrong).
 */
describe.each(Object.entries(CASES))('scenario %s: every check can fail', (id, cases) => {
  it.each(scenarioById(id)!.steps.map((s) => [s.id]))('step %s is judged wrong by a mistake', async (step) => {
    const wrongBy: string[] = [];
    for (const c of cases.filter((x) => !x.passed)) {
      const results = await play(id, c);
      if (results.some((r) => r.step === step && r.done && !r.correct)) wrongBy.push(c.name);
    }
    expect(wrongBy, `no mistake makes step ${step} of ${id} fail`).not.toEqual([]);
    // And the right path never marks it wrong.
    for (const c of cases.filter((x) => x.passed)) expect((await play(id, c)).find((r) => r.step === step), c.name).toMatchObject({ done: true, correct: true });
  });
});
