/**
 * What the printed acts read: the ledger's own facts (spoiled by reason, the acts) besides its
 * figures, as they stand after their corrections (a withdrawn entry left out, a corrected count in
 * place of the recorded one).
 */
import { useQuery } from '../../../core/query';
import { correctedFacts, type LedgerFact } from '../../../../shared/protocol/ledger';
import { readLedgerFacts } from '../../../core/ledger';

export function useLedgerFacts(): LedgerFact[] {
  return useQuery(async (db) => correctedFacts(await readLedgerFacts(db)), [], []);
}
