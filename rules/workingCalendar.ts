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

/** The calendar's exceptions in date order, with the running sum of what each adds (+1) or takes (-1). */
interface ExceptionIndex {
  dates: IsoDate[];
  /** runningSum[i]: the net change of dates[0] … dates[i - 1]. */
  runningSum: number[];
}

// Built once per calendar: a page of 500 case rows asks for 500 counts, and walking the 557
// exception days of each took 17 ms of a board list at p50 (docs/performance.md). Keyed by the
// exceptions record, which nothing changes once compactCalendar or sliceCalendar has built it.
const exceptionIndexes = new WeakMap<Record<IsoDate, boolean>, ExceptionIndex>();

function exceptionIndexOf(calendar: WorkingCalendar): ExceptionIndex {
  let index = exceptionIndexes.get(calendar.exceptions);
  if (!index) {
    const dates = Object.keys(calendar.exceptions).sort();
    const runningSum = [0];
    for (const date of dates) runningSum.push(runningSum.at(-1)! + (calendar.exceptions[date] ? 1 : -1));
    index = { dates, runningSum };
    exceptionIndexes.set(calendar.exceptions, index);
  }
  return index;
}

/** How many of the sorted `dates` are on or before `date`. */
function countThrough(dates: IsoDate[], date: IsoDate): number {
  let low = 0;
  let high = dates.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (dates[middle]! <= date) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * What the calendar's exceptions after `from` up to and including `through` change in a count of
 * Monday–Friday days: a working weekend day adds one, a holiday on a weekday takes one.
 */
export function exceptionsNetBetween(calendar: WorkingCalendar, from: IsoDate, through: IsoDate): number {
  const { dates, runningSum } = exceptionIndexOf(calendar);
  return runningSum[countThrough(dates, through)]! - runningSum[countThrough(dates, from)]!;
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
