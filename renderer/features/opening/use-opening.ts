import { useQuery } from '../../core/query';
import { EMPTY_OPENING, type OpeningState } from '../../../shared/opening';
import { openingProjector, outPremisesProjector } from '../../db/projectors';

export function useOpening(): OpeningState {
  return useQuery((db) => openingProjector.read(db), [], EMPTY_OPENING);
}

/** Voters in the active electronic list, or null when no list is active. */
export function useElectronicListSize(): number | null {
  return useQuery(async (db) => ((await db.projections.get('voterList'))?.value as { voters?: number } | undefined)?.voters ?? null, [], null);
}

/** Mobile boxes the teams will take (from the drawing of the teams), each to be sealed at opening. */
export function useMobileBoxCount(): number {
  return useQuery(async (db) => (await outPremisesProjector.read(db)).drawing?.boxes.length ?? 0, [], 0);
}
