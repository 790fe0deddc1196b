// Whether a deadline-policy row makes sense on its own (the warning fits inside the limit, in
// a way rules/limits.ts can honour) and among the others (one active row per key;
// every case type and urgency keeps a row for every clock, or such cases could not start).
import { Urgency } from '../../prisma/generated/enums';
import type { LimitUnit } from '../../rules/limits';
import { MissingPolicyError, resolveClockPolicy, type DeadlineClock, type PolicyRow } from '../../rules/policies';

const URGENCIES = Object.values(Urgency);

export interface PolicyShape extends PolicyRow {
  active: boolean;
}

/** Nominal length of one unit; a working day counts as one day (it is never shorter). */
const NOMINAL_MINUTES: Record<LimitUnit, number> = { minutes: 1, hours: 60, calendarDays: 1440, workingDays: 1440 };

/**
 * The longest limit, nominally: a year. Working days are counted one by one (limits.ts), in
 * every case's workflow and for every row of the case list, so a limit of 100,000 working days
 * (four centuries) would stall both.
 */
const MAX_LIMIT_MINUTES = 366 * 1440;

/** Field → problem for a row that cannot work; empty when it can. */
export function policyProblems(policy: PolicyShape): Record<string, string> {
  const problems: Record<string, string> = {};
  if (policy.amount * NOMINAL_MINUTES[policy.unit] > MAX_LIMIT_MINUTES) problems.amount = 'at most a year';
  if ((policy.warnAmount === null) !== (policy.warnUnit === null)) {
    problems[policy.warnAmount === null ? 'warnAmount' : 'warnUnit'] = 'warnAmount and warnUnit go together';
    return problems;
  }
  if (policy.warnAmount !== null && policy.warnUnit !== null) {
    // limits.ts counts a working-day warning only back from a working-day deadline.
    if (policy.warnUnit === 'workingDays' && policy.unit !== 'workingDays') {
      problems.warnUnit = 'a warning in working days needs a limit in working days';
    } else if (policy.warnAmount * NOMINAL_MINUTES[policy.warnUnit] >= policy.amount * NOMINAL_MINUTES[policy.unit] && policy.warnRatio === null) {
      // A warning as long as the limit leaves no green time; limits.ts then falls back to the ratio.
      problems.warnAmount = 'must be shorter than the limit (or give a warnRatio for limits this short)';
    }
  }
  return problems;
}

export function sameKey(a: PolicyShape, b: PolicyShape): boolean {
  return a.clock === b.clock && a.caseTypeCode === b.caseTypeCode && a.categoryId === b.categoryId && a.urgency === b.urgency && (a.dispatchMode ?? null) === (b.dispatchMode ?? null);
}

/** The active row `candidate` would duplicate (same clock and key), if any. */
export function duplicateOf(candidate: PolicyShape, others: PolicyShape[]): PolicyShape | undefined {
  return candidate.active ? others.find((other) => other.id !== candidate.id && other.active && sameKey(other, candidate)) : undefined;
}

/** "caseType/urgency" pairs of cases without a category that no active row of `clock` covers. */
export function uncovered(rows: PolicyShape[], clock: DeadlineClock, caseTypeCodes: string[]): string[] {
  const active = rows.filter((row) => row.active);
  const missing: string[] = [];
  for (const caseTypeCode of caseTypeCodes) {
    for (const urgency of URGENCIES) {
      // A category row only narrows a case that has the category; cases without one need these.
      try {
        resolveClockPolicy(active, clock, { caseTypeCode, categoryLineage: [], urgency });
      } catch (error) {
        if (!(error instanceof MissingPolicyError)) throw error;
        missing.push(`${caseTypeCode}/${urgency}`);
      }
    }
  }
  return missing;
}

/** What a change of the rows leaves uncovered that was covered before (for the clocks it touches). */
export function newlyUncovered(before: PolicyShape[], after: PolicyShape[], clocks: DeadlineClock[], caseTypeCodes: string[]): string[] {
  return [...new Set(clocks)].flatMap((clock) => {
    const already = new Set(uncovered(before, clock, caseTypeCodes));
    return uncovered(after, clock, caseTypeCodes).filter((pair) => !already.has(pair)).map((pair) => `${clock}: ${pair}`);
  });
}
