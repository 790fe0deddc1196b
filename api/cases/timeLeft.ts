// The working time a case has left on its running clock, for the console's lists
// ("剩 2 个工作日" / "超期 3 个工作日"): the sign-for clock while a unit has yet to sign,
// else the handling clock while a unit handles it; none once the result is in. While the case is
// suspended (挂起) the count stands where it was when the clocks stopped.
import type { WorkingCalendar } from '../../rules/workingCalendar';
import { workingDaysLeft } from '../../rules/limits';

export interface TimeLeft {
  clock: 'signFor' | 'handle';
  dueAt: Date;
  /** Working days after today until the due day (0 = due today); negative = working days overdue. */
  workingDays: number;
}

const HANDLING = new Set(['signed', 'subDispatched', 'returnRequested', 'arbitration']);

interface ClockedRow {
  status: string;
  signForDueAt: Date | null;
  handleDueAt: Date | null;
  suspendedAt?: Date | null;
}

/** The columns the time left is read from (a list of a few fields reads these for it, listFields.ts). */
export const CLOCK_COLUMNS = ['status', 'signForDueAt', 'handleDueAt', 'suspendedAt'] as const satisfies readonly (keyof ClockedRow)[];

export function timeLeftOf(row: ClockedRow, now: Date, calendar: WorkingCalendar): TimeLeft | null {
  const running =
    row.status === 'dispatched' && row.signForDueAt ? { clock: 'signFor' as const, dueAt: row.signForDueAt }
    : (row.status === 'dispatched' || HANDLING.has(row.status)) && row.handleDueAt ? { clock: 'handle' as const, dueAt: row.handleDueAt }
    : null;
  const asOf = row.suspendedAt && row.suspendedAt < now ? row.suspendedAt : now;
  return running && { ...running, workingDays: workingDaysLeft(asOf.getTime(), running.dueAt.getTime(), calendar) };
}
