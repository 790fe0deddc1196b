// The working-day calendar as plain data, small enough to live in workflow state: the covered
// range plus the days that break the Monday–Friday rule (holidays on weekdays, 调休 weekend
// working days). Built from the CalendarDay table by an activity; read here, never fetched.
import { addDays, type IsoDate, weekday } from './shanghaiTime';

/** Consecutive dates, both ends included. */
export interface DateRange {
  from: IsoDate;
  through: IsoDate;
}

export interface WorkingCalendar {
  /** First and last covered dates (inclusive); null when the table has no day at all. */
  coveredFrom: IsoDate | null;
  coveredThrough: IsoDate | null;
  /** Covered days whose working status differs from Monday–Friday: true = working. */
  exceptions: Record<IsoDate, boolean>;
  /**
   * Runs of days missing inside the covered range (a year imported apart from the others):
   * uncovered like the days beyond it. Absent in calendars compacted before gaps were tolerated.
   */
  gaps?: DateRange[];
}

export interface CalendarDayRow {
  date: IsoDate;
  isWorkingDay: boolean;
}

/** The rule where the calendar says nothing else: Monday to Friday work. */
export function isMondayToFriday(date: IsoDate): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6;
}

/**
 * Compacts calendar rows (one per covered day) into a WorkingCalendar. Missing days never make
 * it fail: a table with holes or no rows at all only leaves those days uncovered.
 */
export function compactCalendar(rows: CalendarDayRow[]): WorkingCalendar {
  const sorted = [...rows].sort((a, b) => a.date.localeCompare(b.date));
  const exceptions: Record<IsoDate, boolean> = {};
  const gaps: DateRange[] = [];
  let expected: IsoDate | null = null;
  for (const row of sorted) {
    if (expected !== null && row.date !== expected) gaps.push({ from: expected, through: addDays(row.date, -1) });
    if (row.isWorkingDay !== isMondayToFriday(row.date)) exceptions[row.date] = row.isWorkingDay;
    expected = addDays(row.date, 1);
  }
  const calendar: WorkingCalendar = { coveredFrom: sorted[0]?.date ?? null, coveredThrough: sorted.at(-1)?.date ?? null, exceptions };
  return gaps.length > 0 ? { ...calendar, gaps } : calendar;
}

export function isCovered(calendar: WorkingCalendar, date: IsoDate): boolean {
  if (calendar.coveredFrom === null || calendar.coveredThrough === null) return false;
  if (date < calendar.coveredFrom || date > calendar.coveredThrough) return false;
  return !(calendar.gaps ?? []).some((gap) => date >= gap.from && date <= gap.through);
}

/**
 * Whether a date is a working day. Outside the covered range (and in its gaps) the
 * Monday–Friday rule is the best guess; callers that depend on such a day must say so (see
 * `provisional` in deadlines).
 */
export function isWorkingDay(calendar: WorkingCalendar, date: IsoDate): boolean {
  const exception = calendar.exceptions[date];
  return exception ?? isMondayToFriday(date);
}

/**
 * The part of a calendar from `from` on: what a case needs (its clocks never start before it was
 * received), a few dozen exception days instead of every year's. Days before `from` read as
 * uncovered.
 */
export function sliceCalendar(calendar: WorkingCalendar, from: IsoDate): WorkingCalendar {
  if (calendar.coveredFrom === null || calendar.coveredThrough === null || from <= calendar.coveredFrom) return calendar;
  if (from > calendar.coveredThrough) return { coveredFrom: null, coveredThrough: null, exceptions: {} };
  const exceptions = Object.fromEntries(Object.entries(calendar.exceptions).filter(([date]) => date >= from));
  const gaps = (calendar.gaps ?? []).filter((gap) => gap.through >= from).map((gap) => ({ from: gap.from < from ? from : gap.from, through: gap.through }));
  const sliced: WorkingCalendar = { coveredFrom: from, coveredThrough: calendar.coveredThrough, exceptions };
  return gaps.length > 0 ? { ...sliced, gaps } : sliced;
}
