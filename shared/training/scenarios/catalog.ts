/**
 * The eight training scenarios (issue 7). Each starts from the demo precinct 9001 (Europe/Moscow)
 * of the 2017 presidential election with a generated list, and checks the trainee's own events
 * (those after the starting state) step by step.
 */
import { expandForm, candidateLineKey, type ExpandedForm } from '../../protocol/form';
import { KG_2017_PRESIDENTIAL_FORM } from '../../protocol/builtin';
import { errorsOf, evaluate } from '../../protocol/relations';
import { protocolHash } from '../../protocol/signing';
import { demoBundle, DEMO_ELECTION_ID } from '../../election/demo';
import { candidateSchema, type Candidate } from '../../election/model';
import type { VoterRecord } from '../../voters/validate';
import type { CheckContext, CheckedEvent, Scenario, ScenarioEvent, ScenarioList, ScenarioParams, ScenarioStart, StepResult } from './types';

export const SCENARIO_PRECINCT = 9001;
export const SCENARIO_LIST_SIZE = 200;
const FORM = KG_2017_PRESIDENTIAL_FORM;
const SECRETARY = `m${SCENARIO_PRECINCT}-3`;
const CHAIR = `m${SCENARIO_PRECINCT}-1`;
const MEMBERS = [1, 2, 3, 4, 5].map((i) => `m${SCENARIO_PRECINCT}-${i}`);

// ---------------------------------------------------------------------------------------------
// Helpers

type Payload = Record<string, unknown>;
const payloadOf = (e: CheckedEvent): Payload => (typeof e.payload === 'object' && e.payload !== null ? (e.payload as Payload) : {});
const traineeEvents = (events: readonly CheckedEvent[], ctx: CheckContext): CheckedEvent[] => events.slice(ctx.startEvents);
const ofType = (events: readonly CheckedEvent[], type: string): Payload[] => events.filter((e) => e.type === type).map(payloadOf);
const last = <T>(list: readonly T[]): T | undefined => list[list.length - 1];

const result = (step: string, done: boolean, correct: boolean, detailKey: string, params: ScenarioParams = {}): StepResult => ({
  step,
  done,
  correct: done && correct,
  detailKey: `scenarios:detail.${detailKey}`,
  params,
});

/** Picks a voter from the list deterministically (never the first rows, which trainees look at first). */
export function pickVoter(voters: readonly VoterRecord[], seed: number, salt: number): VoterRecord {
  if (voters.length === 0) throw new RangeError('the scenario needs a list');
  const index = (Math.abs(seed * 31 + salt * 7919) % Math.max(1, voters.length - 10)) + Math.min(10, voters.length - 1);
  return voters[Math.min(index, voters.length - 1)]!;
}
const fullName = (v: VoterRecord): string => [v.surname, v.name, v.patronymic].filter((s) => s !== '').join(' ');

function demoCandidates(): { candidates: Candidate[]; againstAll: boolean } {
  const b = demoBundle();
  return {
    candidates: b.candidates.map((c) => candidateSchema.parse(c)),
    againstAll: b.againstAll ?? true,
  };
}

/** The protocol form with the candidates of the last setup or candidate update in the log (the demo's when none). */
export function formOf(events: readonly CheckedEvent[]): ExpandedForm {
  let { candidates, againstAll } = demoCandidates();
  for (const e of events) {
    const p = payloadOf(e);
    if (e.type === 'SetupActivated' || e.type === 'CandidatesUpdated') {
      if (Array.isArray(p.candidates)) candidates = p.candidates as Candidate[];
      if (typeof p.againstAll === 'boolean') againstAll = p.againstAll;
    }
  }
  return expandForm(FORM, candidates, againstAll);
}

/** The true figures of the count every protocol scenario is built on (they balance). */
export const TRUE_COUNT: Readonly<Record<string, number>> = {
  A: 200, B: 200, C: 120, D: 0, E: 120, F: 75, G: 5,
  H: 0, I: 120, J: 3, K: 117,
  'L.c1': 45, 'L.c2': 40, 'L.c3': 20, 'L.c4': 7, M: 5,
};
const COUNT_LINES = ['H', 'I', 'J', 'K', 'L.c1', 'L.c2', 'L.c3', 'L.c4', 'M'] as const;

const valuesOf = (p: Payload): Record<string, number> =>
  typeof p.values === 'object' && p.values !== null ? (p.values as Record<string, number>) : {};
const differing = (values: Record<string, unknown>, expected: Readonly<Record<string, number>>, lines: readonly string[] = Object.keys(expected)): string[] =>
  lines.filter((k) => values[k] !== expected[k]);
const errorCodes = (form: ExpandedForm, values: Record<string, unknown>): string[] =>
  errorsOf(evaluate(form, values as Record<string, number>)).map((f) => f.code);

function signedPayload(values: Record<string, number>, hash: string, extra: Partial<Payload> = {}): Payload {
  return {
    formId: FORM.id,
    formVersion: FORM.version,
    version: 1,
    mark: 'original',
    values,
    membersPresent: MEMBERS,
    override: null,
    acknowledged: [],
    changes: [],
    supersedes: null,
    signedAt: '2017-10-15T23:30:00+03:00',
    hash,
    ...extra,
  };
}

const draft = (values: Record<string, number | null>, version = 1): ScenarioEvent => ({
  type: 'ProtocolDraftSaved',
  device: 'self',
  payload: { formId: FORM.id, formVersion: FORM.version, version, values, acknowledged: [], changes: [] },
});

/**
 * The ballot ledger matching TRUE_COUNT: the receipt, a ballot issued in the room to each of the
 * first C voters of the list, the spoiled ballots, the page sums and the cancelled unused ballots —
 * so the protocol screen pre-fills lines 1–7 with the true figures.
 */
function ledger(list: ScenarioList): ScenarioEvent[] {
  const issued: ScenarioEvent[] = list.voters
    .slice(0, TRUE_COUNT.C)
    .map((v) => ({ type: 'BallotIssued', device: 'self', payload: { voterId: v.id, page: v.page, row: v.row, listHash: list.hash } }));
  return [
    ...issued,
    { type: 'BallotsReceived', device: 'self', payload: { actNumber: '17', actDate: '2017-10-13', count: TRUE_COUNT.B, receivedBy: CHAIR, handedBy: '', serials: '' } },
    { type: 'BallotsSpoiled', device: 'self', payload: { count: TRUE_COUNT.G, reason: 'voter-mistake', note: '' } },
    { type: 'ListPageSumsEntered', device: 'self', payload: { total: TRUE_COUNT.C, pages: 10, at: '2017-10-15T20:40:00+03:00', enteredBy: SECRETARY } },
    { type: 'UnusedBallotsCancelled', device: 'self', payload: { count: TRUE_COUNT.F, actNumber: '3', at: '2017-10-15T20:50:00+03:00', packetNumber: '' } },
  ];
}

function start(seed: number, clock: string, facts: ScenarioStart['facts'], events: ScenarioStart['events']): ScenarioStart {
  return { precinct: SCENARIO_PRECINCT, listSize: SCENARIO_LIST_SIZE, seed, clock, facts, events };
}
const noFacts = (): ScenarioParams => ({});
const steps = (scenario: string, ids: readonly string[]) => ids.map((id) => ({ id, key: `scenarios:${scenario}.steps.${id}` }));
const meta = (id: string) => ({ id, titleKey: `scenarios:${id}.title`, summaryKey: `scenarios:${id}.summary`, descriptionKey: `scenarios:${id}.description` });

// ---------------------------------------------------------------------------------------------
// (1) A late out-of-premises application

const lateApplication: Scenario = {
  ...meta('late-application'),
  steps: steps('late-application', ['refuse', 'not-registered']),
  start: (seed) =>
    start(
      seed,
      // 13 October 2017, 10:00 in Moscow: the deadline (3 days before, 12 October 24:00) has passed.
      '2017-10-13T07:00:00.000Z',
      (list) => {
        const v = pickVoter(list.voters, seed, 1);
        return { voterId: v.id, voterName: fullName(v), surname: v.surname, page: v.page, row: v.row };
      },
      () => Promise.resolve([]),
    ),
  check(events, ctx) {
    const own = traineeEvents(events, ctx);
    const voterId = String(ctx.facts.voterId);
    const surname = String(ctx.facts.surname).toLocaleLowerCase('ky');
    const isVoter = (p: Payload) => p.voterId === voterId || (p.voterId == null && typeof p.voterName === 'string' && p.voterName.toLocaleLowerCase('ky').includes(surname));
    const refusals = ofType(own, 'OutOfPremisesApplicationRefused').filter(isVoter);
    const registered = ofType(own, 'OutOfPremisesApplicationRegistered').filter((p) => p.voterId === voterId);
    const refusal = last(refusals);
    const out: StepResult[] = [];
    if (registered.length > 0 && !refusal) out.push(result('refuse', true, false, 'registered-instead', { number: Number(registered[0]!.number) }));
    else if (!refusal) out.push(result('refuse', false, false, 'refusal-missing'));
    else if (refusal.code !== 'application-late') out.push(result('refuse', true, false, 'refusal-wrong-reason', { code: String(refusal.code) }));
    else out.push(result('refuse', true, true, 'refused-late'));
    if (registered.length > 0) out.push(result('not-registered', true, false, 'registered-late', { number: Number(registered[0]!.number) }));
    else out.push(result('not-registered', refusal !== undefined, true, refusal ? 'not-registered' : 'waiting'));
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// (2) A voter not in the list

const PERSONS = ['Жээнбеков Талант', 'Сыдыкова Айнура', 'Мамытов Эрлан', 'Осмонова Чолпон'];
const notInList: Scenario = {
  ...meta('not-in-list'),
  steps: steps('not-in-list', ['record', 'outcome', 'no-ballot']),
  start: (seed) =>
    start(
      seed,
      '2017-10-15T08:30:00.000Z',
      (list) => {
        const names = new Set(list.voters.map((v) => `${v.surname} ${v.name}`));
        const person = PERSONS.find((p) => !names.has(p)) ?? `${PERSONS[0]!} (${seed})`;
        return { person, document: `ID${String(1_000_000 + (Math.abs(seed) % 8_999_999))}` };
      },
      () => Promise.resolve([]),
    ),
  check(events, ctx) {
    const own = traineeEvents(events, ctx);
    const incident = last(ofType(own, 'DeskIncidentRecorded'));
    const issued = ofType(own, 'BallotIssued');
    const out: StepResult[] = [];
    if (!incident) out.push(result('record', false, false, 'incident-missing'));
    else if (incident.kind !== 'not-in-list') out.push(result('record', true, false, 'incident-wrong-kind', { kind: String(incident.kind) }));
    else out.push(result('record', true, true, 'incident-recorded'));
    if (!incident) out.push(result('outcome', false, false, 'waiting'));
    else if (incident.outcome === 'no-ballot' || incident.outcome === 'referred') out.push(result('outcome', true, true, 'outcome-right', { outcome: String(incident.outcome) }));
    else out.push(result('outcome', true, false, 'outcome-wrong', { outcome: String(incident.outcome) }));
    if (issued.length > 0) out.push(result('no-ballot', true, false, 'ballot-issued', { count: issued.length }));
    else out.push(result('no-ballot', incident !== undefined, true, incident ? 'no-ballot-issued' : 'waiting'));
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// (3) A ballot issued twice on two laptops

const MIN_RESOLUTION = 20;
const doubleIssue: Scenario = {
  ...meta('double-issue'),
  steps: steps('double-issue', ['resolve', 'no-reissue']),
  start: (seed) =>
    start(
      seed,
      '2017-10-15T09:15:00.000Z',
      (list) => {
        const v = pickVoter(list.voters, seed, 3);
        return { voterId: v.id, voterName: fullName(v), page: v.page, row: v.row };
      },
      (list) => {
        const v = pickVoter(list.voters, seed, 3);
        const issue = { voterId: v.id, page: v.page, row: v.row, listHash: list.hash };
        // The second laptop's issue first: this laptop's last start event is then the latest of the
        // start, so the trainee's events (on this laptop's clock) always come after it.
        return Promise.resolve([
          { type: 'BallotIssued', device: 'other', payload: issue },
          { type: 'BallotIssued', device: 'self', payload: issue },
        ]);
      },
    ),
  check(events, ctx) {
    const own = traineeEvents(events, ctx);
    const voterId = String(ctx.facts.voterId);
    const resolution = last(ofType(own, 'IncidentResolved').filter((p) => typeof p.incident === 'string' && p.incident.startsWith(`double-issue:${voterId}:`)));
    const reissued = ofType(own, 'BallotIssued').filter((p) => p.voterId === voterId);
    const out: StepResult[] = [];
    if (!resolution) out.push(result('resolve', false, false, 'resolution-missing'));
    else if (String(resolution.resolution).trim().length < MIN_RESOLUTION) out.push(result('resolve', true, false, 'resolution-too-short', { min: MIN_RESOLUTION }));
    else out.push(result('resolve', true, true, 'resolution-recorded'));
    if (reissued.length > 0) out.push(result('no-reissue', true, false, 'reissued'));
    else out.push(result('no-reissue', resolution !== undefined, true, resolution ? 'not-reissued' : 'waiting'));
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// (4) A protocol that does not balance (line 6 typed two more than the cancelled ballots)

export const UNBALANCED_DRAFT: Readonly<Record<string, number>> = { ...TRUE_COUNT, F: TRUE_COUNT.F! + 2 };

function checkSignedBalanced(events: readonly CheckedEvent[], ctx: CheckContext, expected: Readonly<Record<string, number>>, stepPrefix = ''): StepResult[] {
  const own = traineeEvents(events, ctx);
  const form = formOf(events);
  const signed = last(ofType(own, 'ProtocolSigned'));
  const out: StepResult[] = [];
  if (!signed) {
    out.push(result(`${stepPrefix}balanced`, false, false, 'not-signed'));
    out.push(result(`${stepPrefix}no-override`, false, false, 'waiting'));
    return out;
  }
  const values = valuesOf(signed);
  const errors = errorCodes(form, values);
  const wrong = differing(values, expected);
  if (errors.length > 0) out.push(result(`${stepPrefix}balanced`, true, false, 'signed-unbalanced', { codes: errors.join(', ') }));
  else if (wrong.length > 0) out.push(result(`${stepPrefix}balanced`, true, false, 'signed-wrong-lines', { lines: wrong.join(', ') }));
  else out.push(result(`${stepPrefix}balanced`, true, true, 'signed-balanced'));
  if (signed.override != null) out.push(result(`${stepPrefix}no-override`, true, false, 'override-used'));
  else out.push(result(`${stepPrefix}no-override`, true, true, 'no-override'));
  return out;
}

const unbalanced: Scenario = {
  ...meta('unbalanced-protocol'),
  steps: steps('unbalanced-protocol', ['balanced', 'no-override']),
  start: (seed) =>
    start(seed, '2017-10-15T19:00:00.000Z', () => ({ wrongLine: 6, wrongValue: UNBALANCED_DRAFT.F!, difference: 2 }), (list) =>
      Promise.resolve([...ledger(list), draft({ ...UNBALANCED_DRAFT })]),
    ),
  check: (events, ctx) => checkSignedBalanced(events, ctx, TRUE_COUNT),
};

// ---------------------------------------------------------------------------------------------
// (5) The АЭУ report differs from the manual count

export const AEU_REPORT: Readonly<Record<string, number>> = { ...TRUE_COUNT, I: 118, K: 120, 'L.c1': 52, 'L.c2': 36 };

const aeuDiffers: Scenario = {
  ...meta('aeu-differs'),
  steps: steps('aeu-differs', ['manual', 'signed-manual']),
  start: (seed) =>
    start(
      seed,
      '2017-10-15T19:00:00.000Z',
      () => Object.fromEntries(COUNT_LINES.map((k) => [`manual_${k.replace('.', '_')}`, TRUE_COUNT[k]!])),
      (list) =>
        Promise.resolve([
          ...ledger(list),
          { type: 'AeuReportEntered', device: 'self', payload: { printedAt: '2017-10-15T20:35:00+03:00', values: { ...AEU_REPORT }, enteredBy: SECRETARY } },
        ]),
    ),
  check(events, ctx) {
    const own = traineeEvents(events, ctx);
    const manual = last(ofType(own, 'ManualCountEntered'));
    const signed = last(ofType(own, 'ProtocolSigned'));
    const out: StepResult[] = [];
    if (!manual) out.push(result('manual', false, false, 'manual-missing'));
    else {
      const wrong = differing(valuesOf(manual), TRUE_COUNT, COUNT_LINES);
      out.push(wrong.length === 0 ? result('manual', true, true, 'manual-right') : result('manual', true, false, 'manual-wrong-lines', { lines: wrong.join(', ') }));
    }
    if (!signed) out.push(result('signed-manual', false, false, 'not-signed'));
    else {
      const values = valuesOf(signed);
      const aeu = COUNT_LINES.filter((k) => AEU_REPORT[k] !== TRUE_COUNT[k] && values[k] === AEU_REPORT[k]);
      const wrong = differing(values, TRUE_COUNT);
      if (aeu.length > 0) out.push(result('signed-manual', true, false, 'signed-aeu-figures', { lines: aeu.join(', ') }));
      else if (wrong.length > 0) out.push(result('signed-manual', true, false, 'signed-wrong-lines', { lines: wrong.join(', ') }));
      else out.push(result('signed-manual', true, true, 'signed-manual'));
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// (6) A candidate withdrawn after the ballots were printed: the marks for them count for nobody.
// domain.md §9.1 leaves the treatment unconfirmed; the scenario follows the provisional rule that
// a mark for the withdrawn candidate makes the ballot invalid (line 10), the candidate's line is 0.

export const WITHDRAWN_CANDIDATE = 'c3';
/** Item 23: a candidate may withdraw until 3 days before voting day; the ballots were printed by 5 October. */
export const WITHDRAWN_ON = '2017-10-11';
export const WITHDRAWN_COUNT: Readonly<Record<string, number>> = {
  ...TRUE_COUNT,
  J: TRUE_COUNT.J! + TRUE_COUNT['L.c3']!,
  K: TRUE_COUNT.K! - TRUE_COUNT['L.c3']!,
  'L.c3': 0,
};

const withdrawn: Scenario = {
  ...meta('withdrawn-candidate'),
  steps: steps('withdrawn-candidate', ['zero-line', 'balanced', 'no-override']),
  start: (seed) =>
    start(
      seed,
      '2017-10-15T19:00:00.000Z',
      () => {
        const c = demoCandidates().candidates.find((x) => x.id === WITHDRAWN_CANDIDATE)!;
        return { candidate: `${c.position}. ${c.surname} ${c.name}`, marks: TRUE_COUNT['L.c3']!, invalidBefore: TRUE_COUNT.J! };
      },
      (list) => {
        const { candidates, againstAll } = demoCandidates();
        const marked = candidates.map((c) => (c.id === WITHDRAWN_CANDIDATE ? { ...c, withdrawn: { date: WITHDRAWN_ON, note: '' } } : c));
        return Promise.resolve([{ type: 'CandidatesUpdated', device: 'self', payload: { candidates: marked, againstAll } }, ...ledger(list)]);
      },
    ),
  check(events, ctx) {
    const signed = last(ofType(traineeEvents(events, ctx), 'ProtocolSigned'));
    const key = candidateLineKey('L', WITHDRAWN_CANDIDATE);
    const zero: StepResult = !signed
      ? result('zero-line', false, false, 'not-signed')
      : valuesOf(signed)[key] === 0
        ? result('zero-line', true, true, 'withdrawn-zero')
        : result('zero-line', true, false, 'withdrawn-counted', { value: Number(valuesOf(signed)[key] ?? 0) });
    return [zero, ...checkSignedBalanced(events, ctx, WITHDRAWN_COUNT)];
  },
};

// ---------------------------------------------------------------------------------------------
// (7) A power cut in the middle of the count: the draft holds lines 1–9; the trainee goes on.

export const POWER_CUT_DRAFT: Readonly<Record<string, number | null>> = {
  ...TRUE_COUNT,
  J: null, K: null, 'L.c1': null, 'L.c2': null, 'L.c3': null, 'L.c4': null, M: null,
};

const powerCut: Scenario = {
  ...meta('power-cut'),
  steps: steps('power-cut', ['kept-draft', 'balanced', 'no-override']),
  start: (seed) =>
    start(seed, '2017-10-15T19:40:00.000Z', noFacts, (list) => Promise.resolve([...ledger(list), draft({ ...POWER_CUT_DRAFT })])),
  check(events, ctx) {
    const signed = last(ofType(traineeEvents(events, ctx), 'ProtocolSigned'));
    const kept = Object.entries(POWER_CUT_DRAFT).filter(([, v]) => v !== null).map(([k]) => k);
    let first: StepResult;
    if (!signed) first = result('kept-draft', false, false, 'not-signed');
    else {
      const changed = kept.filter((k) => valuesOf(signed)[k] !== POWER_CUT_DRAFT[k]);
      first = changed.length === 0 ? result('kept-draft', true, true, 'draft-kept') : result('kept-draft', true, false, 'draft-changed', { lines: changed.join(', ') });
    }
    return [first, ...checkSignedBalanced(events, ctx, TRUE_COUNT)];
  },
};

// ---------------------------------------------------------------------------------------------
// (8) A protocol corrected after signing: version 1 moved 4 votes from candidate 1 to candidate 2.

export const WRONG_SIGNED: Readonly<Record<string, number>> = { ...TRUE_COUNT, 'L.c1': 41, 'L.c2': 44 };

export async function wrongSignedHash(): Promise<string> {
  return protocolHash({ electionId: DEMO_ELECTION_ID, precinct: SCENARIO_PRECINCT, formId: FORM.id, formVersion: FORM.version, version: 1, mark: 'original', values: { ...WRONG_SIGNED } });
}

const correction: Scenario = {
  ...meta('correction'),
  steps: steps('correction', ['opened', 'signed-v2', 'figures']),
  start: (seed) =>
    start(seed, '2017-10-16T06:00:00.000Z', () => ({ lines: 'L.c1, L.c2', wrong1: WRONG_SIGNED['L.c1']!, wrong2: WRONG_SIGNED['L.c2']!, right1: TRUE_COUNT['L.c1']!, right2: TRUE_COUNT['L.c2']! }), async (list) => [
      ...ledger(list),
      { type: 'ProtocolSigned', device: 'self', payload: signedPayload({ ...WRONG_SIGNED }, await wrongSignedHash()) },
    ]),
  check(events, ctx) {
    const own = traineeEvents(events, ctx);
    const v1 = ofType(events.slice(0, ctx.startEvents), 'ProtocolSigned').find((p) => p.version === 1);
    const opened = last(ofType(own, 'ProtocolCorrected'));
    const signed = last(ofType(own, 'ProtocolSigned').filter((p) => typeof p.version === 'number' && p.version >= 2));
    const out: StepResult[] = [];
    if (!opened) out.push(result('opened', false, false, 'correction-missing'));
    else if (opened.version !== 2 || (v1 && opened.supersedes !== v1.hash)) out.push(result('opened', true, false, 'correction-wrong-version', { version: Number(opened.version) }));
    else out.push(result('opened', true, true, 'correction-opened', { mark: String(opened.mark) }));
    if (!signed) out.push(result('signed-v2', false, false, 'not-signed'));
    else if ((signed.mark !== 'corrected' && signed.mark !== 'repeated') || (v1 && signed.supersedes !== v1.hash)) out.push(result('signed-v2', true, false, 'v2-not-marked', { mark: String(signed.mark) }));
    else out.push(result('signed-v2', true, true, 'v2-signed', { mark: String(signed.mark) }));
    if (!signed) out.push(result('figures', false, false, 'waiting'));
    else {
      const wrong = differing(valuesOf(signed), TRUE_COUNT);
      const errors = errorCodes(formOf(events), valuesOf(signed));
      if (wrong.length > 0) out.push(result('figures', true, false, 'signed-wrong-lines', { lines: wrong.join(', ') }));
      else if (errors.length > 0) out.push(result('figures', true, false, 'signed-unbalanced', { codes: errors.join(', ') }));
      else out.push(result('figures', true, true, 'figures-corrected'));
    }
    return out;
  },
};

export const SCENARIOS: readonly Scenario[] = [lateApplication, notInList, doubleIssue, unbalanced, aeuDiffers, withdrawn, powerCut, correction];

export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

/** Whether every step is done and correct. */
export const scenarioPassed = (results: readonly StepResult[]): boolean => results.length > 0 && results.every((r) => r.done && r.correct);

export type { ScenarioList };
