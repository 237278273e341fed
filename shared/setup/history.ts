/**
 * The history of the setup in words a commission can read: for every event that changed the
 * setup, which fields changed from what to what. Computed from the events alone.
 */
import type { ElectionSetup } from '../election/model';
import type { StoredEvent } from '../events/envelope';
import { applySetupEvent, EMPTY_SETUP_STATE, type SetupState } from './projection';

export interface FieldChange {
  /** e.g. `precinct.address`, `members[m9001-3].name`, `candidates[c2].position` */
  path: string;
  before: string | null;
  after: string | null;
}

export interface HistoryEntry {
  eventId: string;
  type: StoredEvent['type'];
  at: string;
  actor: string | null;
  deviceId: string;
  changes: FieldChange[];
}

const SETUP_CHANGES = new Set<StoredEvent['type']>(['SetupActivated', 'ElectionUpdated', 'PrecinctUpdated', 'MembersUpdated', 'CandidatesUpdated']);

type Flat = Map<string, string>;

function flattenInto(out: Flat, prefix: string, value: unknown): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      const key = typeof v === 'object' && v !== null && 'id' in v ? String((v as { id: unknown }).id) : String(i);
      flattenInto(out, `${prefix}[${key}]`, v);
    });
    return;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flattenInto(out, prefix ? `${prefix}.${k}` : k, v);
    return;
  }
  out.set(prefix, String(value));
}

function flattenSetup(setup: ElectionSetup | null): Flat {
  const out: Flat = new Map();
  if (setup) {
    const { source: _source, ...content } = setup;
    flattenInto(out, '', content);
  }
  return out;
}

export function diffSetups(before: ElectionSetup | null, after: ElectionSetup | null): FieldChange[] {
  const a = flattenSetup(before);
  const b = flattenSetup(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths
    .filter((p) => a.get(p) !== b.get(p))
    .map((p) => ({ path: p, before: a.get(p) ?? null, after: b.get(p) ?? null }));
}

export function setupHistory(events: readonly StoredEvent[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  let state: SetupState = EMPTY_SETUP_STATE;
  for (const event of events) {
    const next = applySetupEvent(state, event);
    if (SETUP_CHANGES.has(event.type)) {
      entries.push({
        eventId: event.id,
        type: event.type,
        at: event.recordedAt,
        actor: event.actor,
        deviceId: event.deviceId,
        changes: diffSetups(state.setup, next.setup),
      });
    }
    state = next;
  }
  return entries;
}
