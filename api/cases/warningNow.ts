// The warning light as the clock has it now. The workflow turns a case red when its alarm fires,
// and at a midnight when thousands of deadlines end together that takes minutes to reach every
// case (docs/performance.md, the midnight burst): until then the projection still says green or
// yellow for a case whose deadline has passed. What the office sees must not lag the clock, so an
// open case past a deadline it owes (`nextDueAt`) is red in every answer whatever its row says,
// and the overdue filter (redAt) finds it; a red row stays red (an extension keeps a missed
// deadline red). A green row past the yellow point of a clock still green (`nextYellowAt`) is
// yellow: the yellow points of working-day limits end at midnight too.
// The `warningLevel` filter, sorting and the metrics keep the workflow's own level: as the clock
// has it, a unit's red cases at 1M cases took 361 ms (p50) instead of 37 ms at p99, the red
// branch and the unit's subtree leaving PostgreSQL no index to walk in order (docs/performance.md).
import type { db } from '../../prisma/client';
import type { WarningLevel } from '../../rules/limits';

interface WarnedRow {
  warningLevel: WarningLevel;
  /** The earliest deadline a unit owes on the case; null when none runs (finished cases owe none). */
  nextDueAt: Date | null;
  /** When a running duty clock still green turns yellow; null when none will, or not yet projected. */
  nextYellowAt: Date | null;
}

/** The columns the light is read from (a list of a few fields reads these for it, listFields.ts). */
export const LIGHT_COLUMNS = ['warningLevel', 'nextDueAt', 'nextYellowAt'] as const satisfies readonly (keyof WarnedRow)[];

/**
 * The case's light at `now`, as the workflow's alarms decide it (rules/limits.ts warningLevel):
 * red once `nextDueAt` has passed (strictly after), yellow from `nextYellowAt` on for a green
 * row, else its row's level.
 */
export function warningLevelAt(row: WarnedRow, now: Date): WarningLevel {
  if (row.nextDueAt !== null && row.nextDueAt < now) return 'red';
  if (row.warningLevel === 'green' && row.nextYellowAt !== null && row.nextYellowAt <= now) return 'yellow';
  return row.warningLevel;
}

/**
 * Red at `now`: the row says so, or a deadline the case owes has passed. Beside a light filter
 * without red (the board's list of green rows past due) only the deadline can make it red, and
 * saying so lets PostgreSQL walk the deadline's index alone: 58 ms at p50 at 1M cases with the OR.
 */
export function redAt(now: Date, levels?: readonly WarningLevel[]): db.Prisma.CaseWhereInput {
  if (levels && !levels.includes('red')) return { nextDueAt: { lt: now } };
  return { OR: [{ warningLevel: 'red' }, { nextDueAt: { lt: now } }] };
}

/** Not red at `now`, spelled out: `NOT` over a null deadline would drop the cases that owe none. */
export function notRedAt(now: Date): db.Prisma.CaseWhereInput {
  return { warningLevel: { not: 'red' }, OR: [{ nextDueAt: null }, { nextDueAt: { gte: now } }] };
}

/**
 * Lit by the clock at `now`: a deadline owed or a yellow point has passed, whether or not its
 * alarm has run. The supervisor's board reads the green rows so lit (rules/supervisorBoard.ts);
 * the deadline's branch also finds rows projected before `nextYellowAt` existed.
 */
export function litByClockAt(now: Date): db.Prisma.CaseWhereInput {
  return { OR: [{ nextYellowAt: { lte: now } }, { nextDueAt: { lt: now } }] };
}

export function notLitByClockAt(now: Date): db.Prisma.CaseWhereInput {
  return { AND: [{ OR: [{ nextYellowAt: null }, { nextYellowAt: { gt: now } }] }, { OR: [{ nextDueAt: null }, { nextDueAt: { gte: now } }] }] };
}
