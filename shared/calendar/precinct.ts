/** Which calendar items concern a precinct commission (УШК / УИК / PEC). */

export interface PrecinctFlags {
  /** The precinct commission is (one of) the responsible bodies. */
  precinct_role?: boolean | null;
  /** The precinct commission receives something or is trained, but is not responsible. */
  precinct_recipient?: boolean | null;
}

/** True when the item is the precinct commission's job or the commission receives something. */
export function isPrecinctItem(item: PrecinctFlags): boolean {
  return item.precinct_role === true || item.precinct_recipient === true;
}

/** The precinct items, in their original order. */
export function precinctItems<T extends PrecinctFlags>(items: readonly T[]): T[] {
  return items.filter(isPrecinctItem);
}
