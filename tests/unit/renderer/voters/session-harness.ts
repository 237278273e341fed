/**
 * The import worker's session driven without a Worker (issue 19): every message it sends kept with
 * what it transferred, and read back as the window parses it (a message outside the protocol fails
 * the test).
 */
import { ImportSession, type Collect, type ImportSources } from '../../../../renderer/features/voters/import/import-session';
import { parseImportReply } from '../../../../shared/voters';

export function sessionHarness(sources: Partial<ImportSources> = {}, collect?: Collect) {
  const sent: unknown[] = [];
  const transfers: Transferable[][] = [];
  const session = new ImportSession(
    (m, t) => {
      sent.push(m);
      transfers.push(t ?? []);
    },
    { activeList: async () => [], issued: async () => new Set(), stage: async () => true, ...sources },
    collect,
  );
  const parse = (m: unknown) => {
    const parsed = parseImportReply(m);
    if (!parsed) throw new Error(`outside the protocol: ${JSON.stringify(m).slice(0, 200)}`);
    return parsed;
  };
  const replies = () => sent.map(parse);
  const last = () => parse(sent.at(-1));
  return { session, sent, transfers, replies, last };
}
