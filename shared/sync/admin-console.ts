/**
 * The operator's console's answers (center/src/console.ts serves them, the dashboard page in
 * center/web reads them): the audit log and what activating a bundle would change.
 */

/** One line of the audit log, as the API answers it. */
export interface AuditEntry {
  id: string;
  at: string;
  action: string;
  target: string | null;
  outcome: string;
  detail: Record<string, unknown>;
}

/** The difference between a bundle offered and the active one of its election. */
export interface BundleDiff {
  electionId: string;
  bundleVersion: number;
  bundleHash: string;
  precincts: number;
  active: { bundleVersion: number; bundleHash: string } | null;
  /** The same version and content as the active one: activating changes nothing. */
  unchanged: boolean;
  /** A version at or below the active one (and not the same bundle) is refused on activation. */
  versionTooLow: boolean;
  added: number[];
  removed: number[];
  changed: number[];
  votingDay: { from: string | null; to: string };
  candidates: { from: number | null; to: number };
  reportTimes: { from: string[] | null; to: string[] };
}

/** `GET /api/admin/keys`: the signing key in use, the keys kept, the chain of endorsements. */
export interface KeyList {
  activeKeyId: string;
  stored: { keyId: string; createdAt: string; retiredAt: string | null }[];
  chain: { fromKeyId: string; toKeyId: string; endorsedAt: string }[];
}
