/** What the printed acts read: the ledger's own facts (spoiled by reason, the acts) besides its figures. */
import { useLiveQuery } from 'dexie-react-hooks';
import type { LedgerFact } from '../../../shared/protocol/ledger';
import { db } from '../../app/store';
import { ledgerProjector, outPremisesProjector } from '../../db/projectors';
import { EMPTY_OUT_PREMISES_STATE, type OutPremisesState } from '../../../shared/outpremises';

export function useLedgerFacts(): LedgerFact[] {
  return useLiveQuery(() => ledgerProjector.read(db), [], []);
}

export function useOutPremisesState(): OutPremisesState {
  return useLiveQuery(() => outPremisesProjector.read(db), [], EMPTY_OUT_PREMISES_STATE);
}
