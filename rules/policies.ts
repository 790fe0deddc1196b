// Picks the time limit of each clock for one case from the policy rows an admin maintains.
// A row applies when each of its case type / category / urgency / dispatch mode is empty or
// matches; among those, the most specific wins: urgency first (an emergency's minutes beat any
// type's days), then dispatch mode (电话交办's 3 working days beat a complaint's 15), then case
// type, then the deepest category.
import type { LimitUnit, TimeLimit, WarningPoint } from './limits';
import { DEADLINE_CLOCKS, type DeadlineClock, type DispatchMode } from './vocabulary';

export { DEADLINE_CLOCKS, type DeadlineClock } from './vocabulary';

export interface PolicyRow {
  id: string;
  clock: DeadlineClock;
  caseTypeCode: string | null;
  categoryId: string | null;
  urgency: string | null;
  /** Absent on rows read before the dimension existed: any mode. */
  dispatchMode?: DispatchMode | null;
  amount: number;
  unit: LimitUnit;
  warnAmount: number | null;
  warnUnit: LimitUnit | null;
  warnRatio: number | null;
}

export interface CaseProfile {
  caseTypeCode: string;
  /** The case's category and its ancestors, root first. */
  categoryLineage: string[];
  urgency: string;
  /** How the case is (to be) dispatched; absent: `system`. */
  dispatchMode?: DispatchMode;
}

export interface ClockPolicy {
  policyId: string;
  limit: TimeLimit;
  warning: WarningPoint;
}

export type ClockPolicies = Record<DeadlineClock, ClockPolicy>;

export class MissingPolicyError extends Error {}

function specificity(row: PolicyRow, profile: CaseProfile): number | null {
  if (row.urgency !== null && row.urgency !== profile.urgency) return null;
  const mode = row.dispatchMode ?? null;
  if (mode !== null && mode !== (profile.dispatchMode ?? 'system')) return null;
  if (row.caseTypeCode !== null && row.caseTypeCode !== profile.caseTypeCode) return null;
  let categoryDepth = 0;
  if (row.categoryId !== null) {
    const index = profile.categoryLineage.indexOf(row.categoryId);
    if (index < 0) return null;
    categoryDepth = index + 1;
  }
  return (row.urgency !== null ? 10_000 : 0) + (mode !== null ? 5_000 : 0) + (row.caseTypeCode !== null ? 1_000 : 0) + categoryDepth;
}

export function resolveClockPolicy(rows: PolicyRow[], clock: DeadlineClock, profile: CaseProfile): ClockPolicy {
  let best: { row: PolicyRow; score: number } | undefined;
  for (const row of rows) {
    if (row.clock !== clock) continue;
    const score = specificity(row, profile);
    // Ties keep the first row by id, so the choice does not depend on query order.
    if (score !== null && (!best || score > best.score || (score === best.score && row.id < best.row.id))) best = { row, score };
  }
  if (!best) throw new MissingPolicyError(`no ${clock} policy applies to ${profile.caseTypeCode} / ${profile.categoryLineage.at(-1) ?? 'no category'} / ${profile.urgency}${profile.dispatchMode ? ` / ${profile.dispatchMode}` : ''}`);
  const { row } = best;
  return {
    policyId: row.id,
    limit: { amount: row.amount, unit: row.unit },
    warning: {
      before: row.warnAmount !== null && row.warnUnit !== null ? { amount: row.warnAmount, unit: row.warnUnit } : undefined,
      ratio: row.warnRatio ?? undefined,
    },
  };
}

export function resolveClockPolicies(rows: PolicyRow[], profile: CaseProfile): ClockPolicies {
  return Object.fromEntries(DEADLINE_CLOCKS.map((clock) => [clock, resolveClockPolicy(rows, clock, profile)])) as ClockPolicies;
}
