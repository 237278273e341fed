/**
 * The eight training scenarios (issue 7). Each starts from a precinct of the demo bundle (by default
 * 9001, Europe/Moscow, with 200 voters; any precinct with a list of its size and its own time zone)
 * of the 2017 presidential election with a generated list, and checks the trainee's own events
 * (those after the starting state) step by step. The figures of the count are derived from the
 * list's size (trueCount), the clock from the precinct's local time.
 */
import { expandForm, candidateLineKey, type ExpandedForm } from '../../protocol/form';
import { KG_2017_PRESIDENTIAL_FORM } from '../../protocol/builtin';
import { foldLedger, LEDGER_FACT_TYPES, type LedgerFact, type LedgerFigures } from '../../protocol/ledger';
import { errorsOf, evaluate, type Finding } from '../../protocol/relations';
import { protocolHash } from '../../protocol/signing';
import { demoBundle, DEMO_ELECTION_ID } from '../../election/demo';
import { candidateSchema, type Candidate } from '../../election/model';
import type { VoterRecord } from '../../voters/validate';
import { zonedToInstant } from '../../time/zone';
import type { IsoDate, TimeOfDay } from '../../time/date';
import { OTHER_DEVICE_ID } from './device';
import type { CheckContext, CheckedEvent, Scenario, ScenarioEvent, ScenarioList, ScenarioParams, ScenarioStart, ScenarioWhere, StepNote, StepResult } from './types';

export const SCENARIO_PRECINCT = 9001;
export const SCENARIO_LIST_SIZE = 200;
/** Where a scenario plays unless the trainer picks another precinct. */
export const DEFAULT_WHERE: ScenarioWhere = { precinct: SCENARIO_PRECINCT, timeZone: 'Europe/Moscow', listSize: SCENARIO_LIST_SIZE };
/** The smallest list the scenarios' figures work with (the smallest precinct abroad had 22 voters). */
export const MIN_SCENARIO_LIST = 20;
const FORM = KG_2017_PRESIDENTIAL_FORM;
// The demo's members of a precinct (shared/election/demo.ts): chair m<n>-1, secretary m<n>-3.
const secretaryOf = (where: ScenarioWhere): string => `m${where.precinct}-3`;
const chairOf = (where: ScenarioWhere): string => `m${where.precinct}-1`;
const membersOf = (where: ScenarioWhere): string[] => [1, 2, 3, 4, 5].map((i) => `m${where.precinct}-${i}`);
/** A moment given in the precinct's own time (the calendar's times are local). */
const localAt = (where: ScenarioWhere, date: IsoDate, time: TimeOfDay): string => zonedToInstant(date, time, where.timeZone).toISOString();

// ---------------------------------------------------------------------------------------------
// Helpers

type Payload = Record<string, unknown>;
const payloadOf = (e: CheckedEvent): Payload => (typeof e.payload === 'object' && e.payload !== null ? (e.payload as Payload) : {});
/**
 * The trainee's own events: after the start, recorded on this laptop (never the scenario's second
 * laptop, nor, when the laptop's id is known, anything pulled from another one).
 */
const traineeEvents = (events: readonly CheckedEvent[], ctx: CheckContext): CheckedEvent[] =>
  events.slice(ctx.startEvents).filter((e) => e.deviceId !== OTHER_DEVICE_ID && (ctx.deviceId === undefined || e.deviceId === undefined || e.deviceId === ctx.deviceId));
const ofType = (events: readonly CheckedEvent[], type: string): Payload[] => events.filter((e) => e.type === type).map(payloadOf);
const last = <T>(list: readonly T[]): T | undefined => list[list.length - 1];

const result = (
  step: string,
  done: boolean,
  correct: boolean,
  detailKey: string,
  params: ScenarioParams = {},
  terms: Record<string, string> = {},
  notes: readonly StepNote[] = [],
): StepResult => ({
  step,
  done,
  correct: done && correct,
  detailKey: `scenarios:detail.${detailKey}`,
  params,
  terms,
  notes,
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

/**
 * The true figures of the count every protocol scenario is built on, for a list of `listSize`
 * voters (they balance): every ballot received, 60 % issued in the room, about 2.5 % spoiled and
 * invalid, the valid ones shared 45 : 40 : 20 : 7 between the candidates, the rest against all.
 */
export function trueCount(listSize: number): Readonly<Record<string, number>> {
  if (!Number.isInteger(listSize) || listSize < MIN_SCENARIO_LIST) throw new RangeError(`a scenario needs a list of at least ${MIN_SCENARIO_LIST} voters`);
  const A = listSize;
  const B = listSize;
  const C = Math.round(A * 0.6);
  const G = Math.max(1, Math.round(A / 40));
  const F = B - C - G;
  const J = Math.max(1, Math.round(C / 40));
  const K = C - J;
  const share = (n: number): number => Math.floor((K * n) / 117);
  const L = { 'L.c1': share(45), 'L.c2': share(40), 'L.c3': share(20), 'L.c4': share(7) };
  const M = K - L['L.c1'] - L['L.c2'] - L['L.c3'] - L['L.c4'];
  return { A, B, C, D: 0, E: C, F, G, H: 0, I: C, J, K, ...L, M };
}

/** The figures of the default list (200 voters). */
export const TRUE_COUNT: Readonly<Record<string, number>> = trueCount(SCENARIO_LIST_SIZE);

/** The size of the list the scenario's start activated (the figures the checks expect follow it). */
function listSizeOf(events: readonly CheckedEvent[]): number {
  for (const e of events) {
    if (e.type !== 'VoterListActivated') continue;
    const counts = payloadOf(e).counts as { voters?: unknown } | undefined;
    if (typeof counts?.voters === 'number' && counts.voters >= MIN_SCENARIO_LIST) return counts.voters;
  }
  return SCENARIO_LIST_SIZE;
}
const countOf = (events: readonly CheckedEvent[]): Readonly<Record<string, number>> => trueCount(listSizeOf(events));
const COUNT_LINES = ['H', 'I', 'J', 'K', 'L.c1', 'L.c2', 'L.c3', 'L.c4', 'M'] as const;

const valuesOf = (p: Payload): Record<string, number> =>
  typeof p.values === 'object' && p.values !== null ? (p.values as Record<string, number>) : {};
const differing = (values: Record<string, unknown>, expected: Readonly<Record<string, number>>, lines: readonly string[] = Object.keys(expected)): string[] =>
  lines.filter((k) => values[k] !== expected[k]);
/** Line keys as the printed form numbers them ("L.c1" → 12). */
const lineNumbers = (form: ExpandedForm, keys: readonly string[]): string =>
  keys.map((k) => String(form.lines.find((l) => l.key === k)?.number ?? k)).join(', ');

/**
 * The ballot ledger as the protocol screen builds it from the log (acts, page sums, the desk's
 * issues, the list), so the check judges the signed figures by the same relations the screen shows.
 */
export function ledgerOf(events: readonly CheckedEvent[]): LedgerFigures {
  const facts: LedgerFact[] = [];
  const issued = new Set<string>();
  let listSize: number | null = null;
  for (const e of events) {
    const p = payloadOf(e);
    if ((LEDGER_FACT_TYPES as readonly string[]).includes(e.type)) facts.push({ type: e.type, payload: p } as unknown as LedgerFact);
    else if (e.type === 'BallotIssued' && typeof p.voterId === 'string') issued.add(p.voterId);
    else if (e.type === 'BallotIssueUndone' && typeof p.voterId === 'string') issued.delete(p.voterId);
    else if (e.type === 'VoterListActivated') {
      const counts = p.counts as { voters?: unknown } | undefined;
      listSize = typeof counts?.voters === 'number' ? counts.voters : null;
    }
  }
  return foldLedger(facts, { issuedRoom: issued.size, listPageSums: null, issuedOutside: 0, listSize });
}

/** The errors the protocol screen shows for these figures. */
const errorFindings = (form: ExpandedForm, values: Record<string, unknown>, ledger: LedgerFigures): Finding[] =>
  errorsOf(evaluate(form, values as Record<string, number>, ledger));
const findingNotes = (findings: readonly Finding[]): StepNote[] => findings.map((f) => ({ key: f.messageKey, params: f.params }));

function signedPayload(where: ScenarioWhere, values: Record<string, number>, hash: string, extra: Partial<Payload> = {}): Payload {
  return {
    formId: FORM.id,
    formVersion: FORM.version,
    version: 1,
    mark: 'original',
    values,
    membersPresent: membersOf(where),
    override: null,
    acknowledged: [],
    changes: [],
    supersedes: null,
    signedAt: localAt(where, '2017-10-15', '23:30'),
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
function ledger(list: ScenarioList, where: ScenarioWhere): ScenarioEvent[] {
  const count = trueCount(list.voters.length);
  const issued: ScenarioEvent[] = list.voters
    .slice(0, count.C)
    .map((v) => ({ type: 'BallotIssued', device: 'self', payload: { voterId: v.id, page: v.page, row: v.row, listHash: list.hash } }));
  return [
    ...issued,
    { type: 'BallotsReceived', device: 'self', payload: { actNumber: '17', actDate: '2017-10-13', count: count.B, receivedBy: chairOf(where), handedBy: '', serials: '' } },
    { type: 'BallotsSpoiled', device: 'self', payload: { count: count.G, reason: 'voter-mistake', note: '' } },
    { type: 'ListPageSumsEntered', device: 'self', payload: { total: count.C, pages: Math.max(1, Math.ceil(list.voters.length / 20)), at: localAt(where, '2017-10-15', '20:40'), enteredBy: secretaryOf(where) } },
    { type: 'UnusedBallotsCancelled', device: 'self', payload: { count: count.F, actNumber: '3', at: localAt(where, '2017-10-15', '20:50'), packetNumber: '' } },
  ];
}

function start(where: ScenarioWhere, seed: number, clock: string, facts: ScenarioStart['facts'], events: ScenarioStart['events']): ScenarioStart {
  return { precinct: where.precinct, listSize: where.listSize, timeZone: where.timeZone, seed, clock, facts, events };
}
const noFacts = (): ScenarioParams => ({});
const steps = (scenario: string, ids: readonly string[]) => ids.map((id) => ({ id, key: `scenarios:${scenario}.steps.${id}` }));
const meta = (id: string) => ({ id, titleKey: `scenarios:${id}.title`, summaryKey: `scenarios:${id}.summary`, descriptionKey: `scenarios:${id}.description` });

// ---------------------------------------------------------------------------------------------
// (1) A late out-of-premises application

const lateApplication: Scenario = {
  ...meta('late-application'),
  steps: steps('late-application', ['refuse', 'not-registered']),
  start: (seed, where = DEFAULT_WHERE) =>
    start(
      where,
      seed,
      // 13 October 2017, 10:00 at the precinct: the deadline (3 days before, 12 October 24:00) has passed.
      localAt(where, '2017-10-13', '10:00'),
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
    // Only a refusal the trainee decided counts: one the app recorded by itself on pressing
    // "register" (older versions did) is not the commission refusing.
    const refusals = ofType(own, 'OutOfPremisesApplicationRefused').filter((p) => isVoter(p) && p.decision === 'commission');
    const registered = ofType(own, 'OutOfPremisesApplicationRegistered').filter((p) => p.voterId === voterId);
    const refusal = last(refusals);
    const out: StepResult[] = [];
    if (registered.length > 0 && !refusal) out.push(result('refuse', true, false, 'registered-instead', { number: Number(registered[0]!.number) }));
    else if (!refusal) out.push(result('refuse', false, false, 'refusal-missing'));
    else if (refusal.code !== 'application-late') out.push(result('refuse', true, false, 'refusal-wrong-reason', {}, { code: `outpremises:refusalCode.${String(refusal.code)}` }));
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
  start: (seed, where = DEFAULT_WHERE) =>
    start(
      where,
      seed,
      localAt(where, '2017-10-15', '11:30'),
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
    else if (incident.kind !== 'not-in-list') out.push(result('record', true, false, 'incident-wrong-kind', {}, { kind: `voters:incident.kind.${String(incident.kind)}` }));
    else out.push(result('record', true, true, 'incident-recorded'));
    if (!incident) out.push(result('outcome', false, false, 'waiting'));
    else if (incident.outcome === 'no-ballot' || incident.outcome === 'referred') out.push(result('outcome', true, true, 'outcome-right', {}, { outcome: `voters:incident.outcome.${String(incident.outcome)}` }));
    else out.push(result('outcome', true, false, 'outcome-wrong', {}, { outcome: `voters:incident.outcome.${String(incident.outcome)}` }));
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
  start: (seed, where = DEFAULT_WHERE) =>
    start(
      where,
      seed,
      localAt(where, '2017-10-15', '12:15'),
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
    else if (String(resolution.resolution).trim().length < MIN_RESOLUTION) out.push(result('resolve', true, false, 'resolution-too-short', { min: MIN_RESOLUTION, count: MIN_RESOLUTION }));
    else out.push(result('resolve', true, true, 'resolution-recorded'));
    if (reissued.length > 0) out.push(result('no-reissue', true, false, 'reissued'));
    else out.push(result('no-reissue', resolution !== undefined, true, resolution ? 'not-reissued' : 'waiting'));
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// (4) A protocol that does not balance (line 6 typed two more than the cancelled ballots)

export const unbalancedDraft = (count: Readonly<Record<string, number>>): Readonly<Record<string, number>> => ({ ...count, F: count.F! + 2 });
export const UNBALANCED_DRAFT: Readonly<Record<string, number>> = unbalancedDraft(TRUE_COUNT);

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
  const errors = errorFindings(form, values, ledgerOf(events));
  const wrong = differing(values, expected);
  if (errors.length > 0) out.push(result(`${stepPrefix}balanced`, true, false, 'signed-unbalanced', {}, {}, findingNotes(errors)));
  else if (wrong.length > 0) out.push(result(`${stepPrefix}balanced`, true, false, 'signed-wrong-lines', { lines: lineNumbers(form, wrong) }));
  else out.push(result(`${stepPrefix}balanced`, true, true, 'signed-balanced'));
  if (signed.override != null) out.push(result(`${stepPrefix}no-override`, true, false, 'override-used'));
  else out.push(result(`${stepPrefix}no-override`, true, true, 'no-override'));
  return out;
}

const unbalanced: Scenario = {
  ...meta('unbalanced-protocol'),
  steps: steps('unbalanced-protocol', ['balanced', 'no-override']),
  start: (seed, where = DEFAULT_WHERE) =>
    start(where, seed, localAt(where, '2017-10-15', '22:00'), (list) => ({ wrongLine: 6, wrongValue: unbalancedDraft(trueCount(list.voters.length)).F!, difference: 2 }), (list) =>
      Promise.resolve([...ledger(list, where), draft({ ...unbalancedDraft(trueCount(list.voters.length)) })]),
    ),
  check: (events, ctx) => checkSignedBalanced(events, ctx, countOf(events)),
};

// ---------------------------------------------------------------------------------------------
// (5) The АЭУ report differs from the manual count

/** What the АЭУ printed: two ballots fewer in the box, three more valid, seven more for candidate 1, four fewer for 2. */
export const aeuReport = (c: Readonly<Record<string, number>>): Readonly<Record<string, number>> => ({
  ...c,
  I: c.I! - 2,
  K: c.K! + 3,
  'L.c1': c['L.c1']! + 7,
  'L.c2': Math.max(0, c['L.c2']! - 4),
});
export const AEU_REPORT: Readonly<Record<string, number>> = aeuReport(TRUE_COUNT);

const aeuDiffers: Scenario = {
  ...meta('aeu-differs'),
  steps: steps('aeu-differs', ['manual', 'signed-manual']),
  start: (seed, where = DEFAULT_WHERE) =>
    start(
      where,
      seed,
      localAt(where, '2017-10-15', '22:00'),
      (list) => Object.fromEntries(COUNT_LINES.map((k) => [`manual_${k.replace('.', '_')}`, trueCount(list.voters.length)[k]!])),
      (list) =>
        Promise.resolve([
          ...ledger(list, where),
          { type: 'AeuReportEntered', device: 'self', payload: { printedAt: localAt(where, '2017-10-15', '20:35'), values: { ...aeuReport(trueCount(list.voters.length)) }, enteredBy: secretaryOf(where) } },
        ]),
    ),
  check(events, ctx) {
    const truth = countOf(events);
    const report = aeuReport(truth);
    const own = traineeEvents(events, ctx);
    const manual = last(ofType(own, 'ManualCountEntered'));
    const signed = last(ofType(own, 'ProtocolSigned'));
    const out: StepResult[] = [];
    if (!manual) out.push(result('manual', false, false, 'manual-missing'));
    else {
      const wrong = differing(valuesOf(manual), truth, COUNT_LINES);
      out.push(wrong.length === 0 ? result('manual', true, true, 'manual-right') : result('manual', true, false, 'manual-wrong-lines', { lines: lineNumbers(formOf(events), wrong) }));
    }
    if (!signed) out.push(result('signed-manual', false, false, 'not-signed'));
    else {
      const values = valuesOf(signed);
      const aeu = COUNT_LINES.filter((k) => report[k] !== truth[k] && values[k] === report[k]);
      const wrong = differing(values, truth);
      if (aeu.length > 0) out.push(result('signed-manual', true, false, 'signed-aeu-figures', { lines: lineNumbers(formOf(events), aeu) }));
      else if (wrong.length > 0) out.push(result('signed-manual', true, false, 'signed-wrong-lines', { lines: lineNumbers(formOf(events), wrong) }));
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
export const withdrawnCount = (c: Readonly<Record<string, number>>): Readonly<Record<string, number>> => ({
  ...c,
  J: c.J! + c['L.c3']!,
  K: c.K! - c['L.c3']!,
  'L.c3': 0,
});
export const WITHDRAWN_COUNT: Readonly<Record<string, number>> = withdrawnCount(TRUE_COUNT);

const withdrawn: Scenario = {
  ...meta('withdrawn-candidate'),
  steps: steps('withdrawn-candidate', ['zero-line', 'balanced', 'no-override']),
  start: (seed, where = DEFAULT_WHERE) =>
    start(
      where,
      seed,
      localAt(where, '2017-10-15', '22:00'),
      (list) => {
        const c = demoCandidates().candidates.find((x) => x.id === WITHDRAWN_CANDIDATE)!;
        const count = trueCount(list.voters.length);
        return { candidate: `${c.position}. ${c.surname} ${c.name}`, marks: count['L.c3']!, invalidBefore: count.J! };
      },
      (list) => {
        const { candidates, againstAll } = demoCandidates();
        const marked = candidates.map((c) => (c.id === WITHDRAWN_CANDIDATE ? { ...c, withdrawn: { date: WITHDRAWN_ON, note: '' } } : c));
        return Promise.resolve([{ type: 'CandidatesUpdated', device: 'self', payload: { candidates: marked, againstAll } }, ...ledger(list, where)]);
      },
    ),
  check(events, ctx) {
    const signed = last(ofType(traineeEvents(events, ctx), 'ProtocolSigned'));
    const key = candidateLineKey('L', WITHDRAWN_CANDIDATE);
    const zero: StepResult = !signed
      ? result('zero-line', false, false, 'not-signed')
      : valuesOf(signed)[key] === 0
        ? result('zero-line', true, true, 'withdrawn-zero')
        : result('zero-line', true, false, 'withdrawn-counted', { count: Number(valuesOf(signed)[key] ?? 0) });
    return [zero, ...checkSignedBalanced(events, ctx, withdrawnCount(countOf(events)))];
  },
};

// ---------------------------------------------------------------------------------------------
// (7) A power cut in the middle of the count: the draft holds lines 1–9; the trainee goes on.

export const powerCutDraft = (c: Readonly<Record<string, number>>): Readonly<Record<string, number | null>> => ({
  ...c,
  J: null, K: null, 'L.c1': null, 'L.c2': null, 'L.c3': null, 'L.c4': null, M: null,
});
export const POWER_CUT_DRAFT: Readonly<Record<string, number | null>> = powerCutDraft(TRUE_COUNT);

const powerCut: Scenario = {
  ...meta('power-cut'),
  steps: steps('power-cut', ['kept-draft', 'balanced', 'no-override']),
  start: (seed, where = DEFAULT_WHERE) =>
    start(where, seed, localAt(where, '2017-10-15', '22:40'), noFacts, (list) => Promise.resolve([...ledger(list, where), draft({ ...powerCutDraft(trueCount(list.voters.length)) })])),
  check(events, ctx) {
    const truth = countOf(events);
    const cutDraft = powerCutDraft(truth);
    const signed = last(ofType(traineeEvents(events, ctx), 'ProtocolSigned'));
    const kept = Object.entries(cutDraft).filter(([, v]) => v !== null).map(([k]) => k);
    let first: StepResult;
    if (!signed) first = result('kept-draft', false, false, 'not-signed');
    else {
      const changed = kept.filter((k) => valuesOf(signed)[k] !== cutDraft[k]);
      first = changed.length === 0 ? result('kept-draft', true, true, 'draft-kept') : result('kept-draft', true, false, 'draft-changed', { lines: lineNumbers(formOf(events), changed) });
    }
    return [first, ...checkSignedBalanced(events, ctx, truth)];
  },
};

// ---------------------------------------------------------------------------------------------
// (8) A protocol corrected after signing: version 1 moved 4 votes from candidate 1 to candidate 2.

export const wrongSigned = (c: Readonly<Record<string, number>>): Readonly<Record<string, number>> => {
  const moved = Math.min(4, c['L.c1']!);
  return { ...c, 'L.c1': c['L.c1']! - moved, 'L.c2': c['L.c2']! + moved };
};
export const WRONG_SIGNED: Readonly<Record<string, number>> = wrongSigned(TRUE_COUNT);

export async function wrongSignedHash(where: ScenarioWhere = DEFAULT_WHERE): Promise<string> {
  return protocolHash({ electionId: DEMO_ELECTION_ID, precinct: where.precinct, formId: FORM.id, formVersion: FORM.version, version: 1, mark: 'original', values: { ...wrongSigned(trueCount(where.listSize)) } });
}

const correction: Scenario = {
  ...meta('correction'),
  steps: steps('correction', ['opened', 'signed-v2', 'figures']),
  start: (seed, where = DEFAULT_WHERE) =>
    start(
      where,
      seed,
      localAt(where, '2017-10-16', '09:00'),
      (list) => {
        const c = trueCount(list.voters.length);
        const w = wrongSigned(c);
        return { lines: 'L.c1, L.c2', wrong1: w['L.c1']!, wrong2: w['L.c2']!, right1: c['L.c1']!, right2: c['L.c2']! };
      },
      async (list) => [
        ...ledger(list, where),
        { type: 'ProtocolSigned', device: 'self', payload: signedPayload(where, { ...wrongSigned(trueCount(list.voters.length)) }, await wrongSignedHash({ ...where, listSize: list.voters.length })) },
      ],
    ),
  check(events, ctx) {
    const truth = countOf(events);
    const own = traineeEvents(events, ctx);
    const v1 = ofType(events.slice(0, ctx.startEvents), 'ProtocolSigned').find((p) => p.version === 1);
    const opened = last(ofType(own, 'ProtocolCorrected'));
    const signed = last(ofType(own, 'ProtocolSigned').filter((p) => typeof p.version === 'number' && p.version >= 2));
    const out: StepResult[] = [];
    if (!opened) out.push(result('opened', false, false, 'correction-missing'));
    else if (opened.version !== 2 || (v1 && opened.supersedes !== v1.hash)) out.push(result('opened', true, false, 'correction-wrong-version', { version: Number(opened.version) }));
    else out.push(result('opened', true, true, 'correction-opened', {}, { mark: `protocol:mark.${String(opened.mark)}` }));
    if (!signed) out.push(result('signed-v2', false, false, 'not-signed'));
    else if ((signed.mark !== 'corrected' && signed.mark !== 'repeated') || (v1 && signed.supersedes !== v1.hash)) out.push(result('signed-v2', true, false, 'v2-not-marked', {}, { mark: `protocol:mark.${String(signed.mark)}` }));
    else out.push(result('signed-v2', true, true, 'v2-signed', {}, { mark: `protocol:mark.${String(signed.mark)}` }));
    if (!signed) out.push(result('figures', false, false, 'waiting'));
    else {
      const wrong = differing(valuesOf(signed), truth);
      const errors = errorFindings(formOf(events), valuesOf(signed), ledgerOf(events));
      if (wrong.length > 0) out.push(result('figures', true, false, 'signed-wrong-lines', { lines: lineNumbers(formOf(events), wrong) }));
      else if (errors.length > 0) out.push(result('figures', true, false, 'signed-unbalanced', {}, {}, findingNotes(errors)));
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
