/**
 * What the printed acts read: the ledger's own facts (spoiled by reason, the acts) besides its
 * figures, as they stand after their corrections (a withdrawn entry left out, a corrected count in
 * place of the recorded one) — the core's query hook.
 */
export { useCorrectedLedgerFacts as useLedgerFacts } from '../../../core';
