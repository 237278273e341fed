/**
 * A scenario's starting state as a complete, hash-chained event log: the demo setup of the
 * scenario's precinct, the generated list (as its blob) and the scenario's events, this laptop's in
 * its own chain and the "second laptop"'s in another. The renderer swaps the training database for
 * it in one transaction (EventStore.replaceLog), so a start or a reset is all or nothing.
 */
import { checkBundle, setupFromBundle } from '../../election/bundle';
import { demoBundle } from '../../election/demo';
import { eventPayloadSchemas, type EventType } from '../../events/catalog';
import { computeEventHash, GENESIS_HASH, type StoredEvent, type UnhashedEvent } from '../../events/envelope';
import { encodeHlc, tickHlc, type Hlc } from '../../events/hlc';
import { canonicalListSha256 } from '../../util/sha256-sync';
import { generateVoters } from '../../voters/generate';
import type { CheckContext, Scenario, ScenarioParams, ScenarioWhere } from './types';
import { DEFAULT_WHERE, MIN_SCENARIO_LIST } from './catalog';

import { OTHER_DEVICE_ID } from './device';

export { OTHER_DEVICE_ID };

export interface ScenarioLoadOptions {
  /** This laptop's device id (its later events continue this chain). */
  deviceId: string;
  newId(): string;
  /** Told when the events are being made (after the list is generated and hashed). */
  onEvents?(): void;
}

export interface ScenarioState {
  scenarioId: string;
  seed: number;
  clock: string;
  events: StoredEvent[];
  blobs: { hash: string; kind: 'voter-list'; data: unknown[] }[];
  facts: ScenarioParams;
  context: CheckContext;
}

/**
 * Where a scenario plays at a precinct of the demo bundle: its time zone and a list of its size
 * (`listSize` when given: the default 9001 keeps its short list of 200). Null for a precinct the
 * bundle does not have, or one too small for the scenarios' figures.
 */
export function scenarioWhere(precinct: number, listSize?: number): ScenarioWhere | null {
  if (precinct === DEFAULT_WHERE.precinct && listSize === undefined) return DEFAULT_WHERE;
  const p = demoBundle().precincts.find((x) => x.number === precinct);
  if (!p) return null;
  const size = listSize ?? p.voterCount ?? null;
  if (size === null || !Number.isInteger(size) || size < MIN_SCENARIO_LIST || size > 100_000) return null;
  return { precinct, timeZone: p.timeZone, listSize: size };
}

/** The facts and the check context of a scenario, recomputed from its id, seed and place (for an imported state). */
export function scenarioFacts(
  scenario: Scenario,
  seed: number,
  where: ScenarioWhere = DEFAULT_WHERE,
): Promise<{ facts: ScenarioParams; listHash: string; voters: ReturnType<typeof generateVoters> }> {
  const start = scenario.start(seed, where);
  const voters = generateVoters(start.listSize, start.seed, { votingDay: demoBundle().election.votingDay });
  // The SHA-256 of the list's canonical JSON, fed voter by voter (the text is never made whole).
  const listHash = canonicalListSha256(voters.length, (i) => voters[i]);
  return Promise.resolve({ facts: start.facts({ hash: listHash, voters }), listHash, voters });
}

export async function buildScenarioState(scenario: Scenario, seed: number, options: ScenarioLoadOptions, where: ScenarioWhere = DEFAULT_WHERE): Promise<ScenarioState> {
  const start = scenario.start(seed, where);
  const checked = await checkBundle(demoBundle());
  if (!checked.ok) throw new Error('the demo bundle failed its own checks');
  const setup = setupFromBundle(checked.value, start.precinct, 'demo', null);
  if (!setup) throw new Error(`the demo has no precinct ${start.precinct}`);
  if (setup.precinct.timeZone !== start.timeZone) throw new Error(`precinct ${start.precinct} is in ${setup.precinct.timeZone}, not ${start.timeZone}`);
  const { facts, listHash, voters } = await scenarioFacts(scenario, seed, where);
  options.onEvents?.();
  const list = { hash: listHash, voters };
  const secretary = setup.members.find((m) => m.role === 'secretary')?.id ?? null;
  const drafts: { type: EventType; payload: unknown; device: 'self' | 'other' }[] = [
    { type: 'SetupActivated', payload: setup, device: 'self' },
    {
      type: 'VoterListActivated',
      device: 'self',
      payload: {
        listHash,
        listVersion: 1,
        source: { kind: 'generated', fileName: null, fileHash: null, encoding: null },
        counts: { voters: voters.length, rowsInFile: voters.length, excluded: 0 },
        excluded: [],
        diff: null,
      },
    },
    ...(await start.events(list)),
  ];
  // The start's events are recorded a minute apart, ending a minute before the clock starts.
  const clockMs = Date.parse(start.clock);
  const heads = new Map<string, { seq: number; hash: string }>();
  let hlc: Hlc | null = null;
  const events: StoredEvent[] = [];
  for (const [i, d] of drafts.entries()) {
    const deviceId = d.device === 'self' ? options.deviceId : OTHER_DEVICE_ID;
    const at = clockMs - (drafts.length - i) * 60_000;
    hlc = tickHlc(hlc, at, deviceId);
    const head = heads.get(deviceId) ?? { seq: 0, hash: GENESIS_HASH };
    const unhashed = {
      id: options.newId(),
      deviceId,
      seq: head.seq + 1,
      hlc: encodeHlc(hlc),
      recordedAt: new Date(at).toISOString(),
      electionId: setup.election.id,
      bundleHash: setup.source.bundleHash,
      precinct: setup.precinct.number,
      actor: secretary,
      type: d.type,
      payload: eventPayloadSchemas[d.type].parse(d.payload),
      prevHash: head.hash,
    } as UnhashedEvent;
    const event = { ...unhashed, hash: await computeEventHash(unhashed) } as StoredEvent;
    heads.set(deviceId, { seq: event.seq, hash: event.hash });
    events.push(event);
  }
  return {
    scenarioId: scenario.id,
    seed,
    clock: start.clock,
    events,
    blobs: [{ hash: listHash, kind: 'voter-list', data: voters }],
    facts,
    context: { startEvents: events.length, facts },
  };
}
