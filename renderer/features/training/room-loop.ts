/**
 * A training laptop in the trainer's room: every two seconds it reports its scenario's check
 * (signed, renderer/sync/room-client) and carries out the trainer's newest command once (start a
 * scenario, or reset the one it plays), verified with the center key pinned at enrolment.
 */
import { roomSteps, verdictOf, type RoomCommandStatement, type RoomReportBody } from '../../../shared/training/room';
import { scenarioById } from '../../../shared/training/scenarios';
import { TRAINING } from '../../app/mode';
import { fetchRoomCommandForThisLaptop, readEventLog, readSyncState, sendRoomReportFromThisLaptop } from '../../core';
import { roomJoined } from '../../sync/room-client';
import { activeScenario, newSeed, scenarioContext, startScenario, whereOf } from './scenario-actions';

const COMMAND_KEY = 'precinct-desk.training.roomCommand';
const EVERY_MS = 2000;

const lastCommand = (): string | null => localStorage.getItem(COMMAND_KEY);

/** What this laptop reports now: the scenario it plays, each step's state and why, the verdict. */
export async function currentReport(): Promise<Omit<RoomReportBody, 'format' | 'deviceId' | 'sentAt'>> {
  const active = activeScenario();
  const scenario = active ? scenarioById(active.id) : undefined;
  if (!active || !scenario) return { scenario: null, steps: [], verdict: 'none', commandId: lastCommand() };
  const results = scenario.check(await readEventLog(), await scenarioContext(active));
  return { scenario: { id: active.id, precinct: whereOf(active).precinct }, steps: roomSteps(results), verdict: verdictOf(results), commandId: lastCommand() };
}

/** Carries out a command not carried out yet; true when the window must reload onto the new state. */
export async function carryOut(command: RoomCommandStatement): Promise<boolean> {
  if (command.id === lastCommand()) return false;
  // Marked first: a command that fails is not retried in a loop.
  localStorage.setItem(COMMAND_KEY, command.id);
  if (command.action === 'start') {
    if (!scenarioById(command.scenarioId)) return false;
    await startScenario(command.scenarioId, newSeed());
    return true;
  }
  const active = activeScenario();
  if (!active) return false;
  await startScenario(active.id, active.seed, whereOf(active));
  return true;
}

let started = false;
let busy = false;

async function tick(): Promise<void> {
  if (busy || !roomJoined()) return;
  const { enrolment } = await readSyncState();
  if (!enrolment) return;
  busy = true;
  try {
    const command = await fetchRoomCommandForThisLaptop();
    if (command && (await carryOut(command))) {
      window.location.reload();
      return;
    }
    await sendRoomReportFromThisLaptop(await currentReport());
  } catch {
    // The room's network or the center is away: the next tick tries again; nothing is lost.
  } finally {
    busy = false;
  }
}

export function startRoomLoop(): void {
  if (!TRAINING || started) return;
  started = true;
  void tick();
  setInterval(() => void tick(), EVERY_MS);
}

/** Report at once (after joining, after a step). */
export function reportSoon(): void {
  if (started) setTimeout(() => void tick(), 200);
}
