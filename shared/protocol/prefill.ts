/**
 * What the app already knows of the protocol's lines, and the changes the commission makes to it.
 *
 * A line whose definition names a `source` is pre-filled from that source when the figure is known:
 * the list's size, the ballots received by act, issued in the room (the act on ballots issued:
 * signatures once the page sums are entered, else the desk), issued outside (the register),
 * cancelled by act, spoiled, and the manual count's figures. The commission may write another figure
 * (the paper and the count prevail over the laptop), but only with a recorded reason: the reason is
 * kept in the draft and the signed protocol, and prints with it.
 */
import type { ExpandedForm, LineSource } from './form';
import { issuedByAct, type LedgerFigures } from './ledger';
import { MIN_REASON } from './events';
import { isCount, type LineValues } from './relations';

export interface KnownValue {
  value: number;
  source: LineSource;
  /** The room's figures (`desk`, `took-part`) counted by the signatures on the list's pages, once entered. */
  by?: 'signatures';
}

/** The figure a source gives for a line, or null while it is not known. */
function figureOf(source: LineSource, key: string, ledger: LedgerFigures): number | null {
  switch (source) {
    case 'list':
      return ledger.listSize;
    case 'received':
      return ledger.receipts.length > 0 ? ledger.received : null;
    // Ballots issued in the room are the act's (item 76): the signatures summed on the list's pages
    // once entered (Art 37(3)), the desk's record until then — one reading, `issuedByAct`, for the
    // screen, the act, the printed protocol and the center.
    case 'desk':
      return issuedByAct(ledger).room;
    case 'outside':
      return ledger.issuedOutside;
    case 'took-part':
      return issuedByAct(ledger).total;
    case 'cancelled':
      return ledger.cancelled;
    case 'spoiled':
      return ledger.spoiled;
    case 'count':
      return ledger.manualCount?.[key] ?? null;
    default: {
      const never: never = source;
      return never;
    }
  }
}

/** Every line the app can fill, by line key. */
export function knownValues(form: ExpandedForm, ledger: LedgerFigures): Record<string, KnownValue> {
  const out: Record<string, KnownValue> = {};
  for (const line of form.lines) {
    if (!line.source) continue;
    const value = figureOf(line.source, line.key, ledger);
    if (value === null) continue;
    const bySignatures = (line.source === 'desk' || line.source === 'took-part') && issuedByAct(ledger).from === 'signatures';
    out[line.key] = { value, source: line.source, ...(bySignatures ? { by: 'signatures' as const } : {}) };
  }
  return out;
}

export interface ChangedLine {
  line: string;
  known: number;
  value: number;
}

/** Lines whose typed figure is a count that differs from what the app knows. */
export function changedLines(form: ExpandedForm, known: Record<string, KnownValue>, values: LineValues): ChangedLine[] {
  const out: ChangedLine[] = [];
  for (const line of form.lines) {
    const k = known[line.key];
    const v = values[line.key];
    if (k && isCount(v) && v !== k.value) out.push({ line: line.key, known: k.value, value: v });
  }
  return out;
}

export interface LineChange extends ChangedLine {
  reason: string;
}

/**
 * The changes with their reasons, in form order; `missing` names the changed lines whose reason is
 * shorter than MIN_REASON characters.
 */
export function lineChanges(changed: readonly ChangedLine[], reasons: Readonly<Record<string, string>>): { changes: LineChange[]; missing: string[] } {
  const changes: LineChange[] = [];
  const missing: string[] = [];
  for (const c of changed) {
    const reason = (reasons[c.line] ?? '').trim();
    if (reason.length < MIN_REASON) missing.push(c.line);
    changes.push({ ...c, reason });
  }
  return { changes, missing };
}
