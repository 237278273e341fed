/**
 * The active voter list in memory: the records (read once from their content-addressed blob) and
 * the search index built over them. Rebuilt only when the active list's hash changes.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { VoterSearchIndex, type VoterRecord } from '../../../shared/voters';
import type { VoterListRow } from '../../db/schema';
import { db } from '../../app/store';

export interface LoadedList {
  meta: VoterListRow;
  voters: VoterRecord[];
  byId: Map<string, VoterRecord>;
  index: VoterSearchIndex;
}

let cache: LoadedList | null = null;

export async function loadList(meta: VoterListRow): Promise<LoadedList> {
  if (cache?.meta.listHash === meta.listHash) return cache;
  const blob = await db.blobs.get(meta.listHash);
  if (!blob) throw new Error(`the voter list ${meta.listHash.slice(0, 12)} is missing from this laptop`);
  const voters = blob.data as VoterRecord[];
  cache = { meta, voters, byId: new Map(voters.map((v) => [v.id, v])), index: new VoterSearchIndex(voters) };
  return cache;
}

export type ListState = { state: 'loading' } | { state: 'none' } | { state: 'ready'; list: LoadedList } | { state: 'error'; message: string };

export function useVoterList(): ListState {
  const meta = useLiveQuery(async () => ((await db.projections.get('voterList'))?.value as VoterListRow | undefined) ?? null, [], undefined);
  const [state, setState] = useState<ListState>({ state: 'loading' });
  useEffect(() => {
    if (meta === undefined) return;
    if (meta === null) {
      setState({ state: 'none' });
      return;
    }
    let live = true;
    if (cache?.meta.listHash !== meta.listHash) setState({ state: 'loading' });
    loadList(meta).then(
      (list) => live && setState({ state: 'ready', list }),
      (e: unknown) => live && setState({ state: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [meta]);
  return state;
}
