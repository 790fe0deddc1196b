// What a verification of the audit hash chains reports (GET /api/audit/verify). No imports:
// the console reads these types too.
export type BrokenKind = 'hashMismatch' | 'gap' | 'prevMismatch' | 'headMismatch';

export interface BrokenLink {
  chainKey: string;
  /** The link that is wrong or missing. */
  chainSeq: number;
  /** The row found there (the next one for a gap; the last one for a head mismatch); null when the chain has no row. */
  auditEventId: string | null;
  kind: BrokenKind;
  /** gap: the chainSeq due; prevMismatch: the previous row's hash; hashMismatch: the recomputed hash; headMismatch: the head's `seq:hash`. */
  expected: string;
  /** What the row (or, for headMismatch, the chain's last row as `seq:hash`) says. */
  found: string;
}

export interface ChainReport {
  chainKey: string;
  rows: number;
  ok: boolean;
  brokenLink: BrokenLink | null;
}

export interface VerifyAllReport {
  ok: boolean;
  chains: number;
  rows: number;
  brokenChains: number;
  /** The first broken link of each broken chain, at most `maxBroken` of them. */
  broken: BrokenLink[];
}
