// The working-day calendar as plain data, small enough to live in workflow state: the covered
// range plus the days that break the Monday–Friday rule (holidays on weekdays, 调休 weekend
// working days). Built from the CalendarDay table by an activity; read here, never fetched.
import { addDays, type IsoDate, weekday } from './shanghaiTime';

export interface WorkingCalendar {
  /** First and last covered dates (inclusive). */
  coveredFrom: IsoDate;
  coveredThrough: IsoDate;
  /** Covered days whose working status differs from Monday–Friday: true = working. */
  exceptions: Record<IsoDate, boolean>;
}

export interface CalendarDayRow {
  date: IsoDate;
  isWorkingDay: boolean;
}

const isWeekdayDefault = (date: IsoDate) => {
  const day = weekday(date);
  return day !== 0 && day !== 6;
};

/** Compacts full calendar rows (one per covered day, contiguous) into a WorkingCalendar. */
export function compactCalendar(rows: CalendarDayRow[]): WorkingCalendar {
  if (rows.length === 0) throw new Error('the working-day calendar is empty');
  const sorted = [...rows].sort((a, b) => a.date.localeCompare(b.date));
  const exceptions: Record<IsoDate, boolean> = {};
  let expected = sorted[0]!.date;
  for (const row of sorted) {
    if (row.date !== expected) throw new Error(`the working-day calendar has a gap: ${expected} is missing`);
    if (row.isWorkingDay !== isWeekdayDefault(row.date)) exceptions[row.date] = row.isWorkingDay;
    expected = addDays(row.date, 1);
  }
  return { coveredFrom: sorted[0]!.date, coveredThrough: sorted[sorted.length - 1]!.date, exceptions };
}

export function isCovered(calendar: WorkingCalendar, date: IsoDate): boolean {
  return date >= calendar.coveredFrom && date <= calendar.coveredThrough;
}

/**
 * Whether a date is a working day. Outside the covered range the Monday–Friday rule is the
 * best guess; callers that depend on such a day must say so (see `provisional` in deadlines).
 */
export function isWorkingDay(calendar: WorkingCalendar, date: IsoDate): boolean {
  const exception = calendar.exceptions[date];
  return exception ?? isWeekdayDefault(date);
}
