// Time limits and the deadlines they give. Pure functions: the workflow calls them with the
// time Temporal gives it, the API with the wall clock; both get the same answer.
//
// Working days count from the day after receipt (次日起算): day 1 is the first working day
// strictly after the receipt date (so a case received on a holiday starts on the next working
// day), and the deadline is the end of the Nth working day, Asia/Shanghai. Minutes, hours and
// calendar days run around the clock from the moment of receipt.
import { addDays, DAY_MS, endOfShanghaiDay, type IsoDate, shanghaiDate, startOfShanghaiDay, weekday } from './shanghaiTime';
import { exceptionsNetBetween, isCovered, isWorkingDay, type WorkingCalendar } from './workingCalendar';

export const LIMIT_UNITS = ['minutes', 'hours', 'calendarDays', 'workingDays'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];

export interface TimeLimit {
  amount: number;
  unit: LimitUnit;
}

export interface Deadline {
  /** Epoch milliseconds; the limit is met up to and including this instant. */
  dueAt: number;
  /**
   * True when the count ran past the calendar's covered days (beyond its last day, or through
   * a gap in it), so the Monday–Friday rule stood in for the State Council's notice: the date
   * may move once that year is entered.
   */
  provisional: boolean;
}

const UNIT_MS: Record<Exclude<LimitUnit, 'workingDays'>, number> = { minutes: 60_000, hours: 3_600_000, calendarDays: DAY_MS };

export function assertValidLimit(limit: TimeLimit): void {
  if (!Number.isInteger(limit.amount) || limit.amount < 0) throw new RangeError(`a time limit must be a whole number ≥ 0, got ${limit.amount}`);
}

/** The Nth working day after `date` (N ≥ 1), and whether the count left the calendar. */
export function nthWorkingDayAfter(calendar: WorkingCalendar, date: IsoDate, n: number): { date: IsoDate; provisional: boolean } {
  let current = date;
  let counted = 0;
  let provisional = false;
  while (counted < n) {
    current = addDays(current, 1);
    if (!isCovered(calendar, current)) provisional = true;
    if (isWorkingDay(calendar, current)) counted++;
  }
  return { date: current, provisional };
}

export function deadlineFrom(start: number, limit: TimeLimit, calendar: WorkingCalendar): Deadline {
  assertValidLimit(limit);
  if (limit.unit !== 'workingDays') return { dueAt: start + limit.amount * UNIT_MS[limit.unit], provisional: false };
  if (limit.amount === 0) return { dueAt: endOfShanghaiDay(shanghaiDate(start)), provisional: !isCovered(calendar, shanghaiDate(start)) };
  const { date, provisional } = nthWorkingDayAfter(calendar, shanghaiDate(start), limit.amount);
  return { dueAt: endOfShanghaiDay(date), provisional };
}

/** An extension adds working days after the current due date (its day is not counted again). */
export function extendDeadline(dueAt: number, workingDays: number, calendar: WorkingCalendar): Deadline {
  return deadlineFrom(dueAt, { amount: workingDays, unit: 'workingDays' }, calendar);
}

/**
 * The same Shanghai time of day on the Nth working day after the instant's date (N ≥ 0): how a
 * suspension (挂起) moves a deadline or a warning point later by the working days it lasted. An
 * end-of-day deadline lands on the end of the Nth working day after its own, as an extension does.
 */
export function shiftByWorkingDays(instant: number, workingDays: number, calendar: WorkingCalendar): Deadline {
  if (workingDays === 0) return { dueAt: instant, provisional: false };
  const day = shanghaiDate(instant);
  const { date, provisional } = nthWorkingDayAfter(calendar, day, workingDays);
  return { dueAt: startOfShanghaiDay(date) + (instant - startOfShanghaiDay(day)), provisional };
}

/**
 * The same time of day N working days before the day of `dueAt` (N ≥ 0): a deadline due at the
 * end of Monday, 2 working days earlier, is due at the end of the Thursday before (with the
 * calendar's holidays and 调休 working days). Whether the count left the calendar, too.
 */
export function workingDaysBefore(dueAt: number, workingDays: number, calendar: WorkingCalendar): Deadline {
  const day = shanghaiDate(dueAt);
  let current = day;
  let counted = 0;
  let provisional = false;
  while (counted < workingDays) {
    current = addDays(current, -1);
    if (!isCovered(calendar, current)) provisional = true;
    if (isWorkingDay(calendar, current)) counted++;
  }
  return { dueAt: dueAt - (startOfShanghaiDay(day) - startOfShanghaiDay(current)), provisional };
}

/**
 * Working days after `from` up to and including `through` (0 when `through` is not later).
 * Counted by whole weeks plus the calendar's exceptions (found by binary search), not day by
 * day, so that a deadline years away (a supervisor's override) costs a case list row no more
 * than one next week.
 */
export function workingDaysBetween(calendar: WorkingCalendar, from: IsoDate, through: IsoDate): number {
  const days = Math.round((Date.parse(`${through}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
  if (days <= 0) return 0;
  let count = Math.floor(days / 7) * 5;
  // Whole weeks keep the weekday, so the days left over follow `from`'s weekday: counted by number, not by date.
  const fromWeekday = weekday(from);
  for (let offset = 1; offset <= days % 7; offset++) {
    const day = (fromWeekday + offset) % 7;
    if (day !== 0 && day !== 6) count++;
  }
  return count + exceptionsNetBetween(calendar, from, through);
}

/**
 * Working days from `now` to `dueAt`, for lists ("剩 2 个工作日" / "超期 3 个工作日"):
 * positive = working days left after today until the due day (0 = due today), negative = whole
 * working days overdue since the due day.
 */
export function workingDaysLeft(now: number, dueAt: number, calendar: WorkingCalendar): number {
  const today = shanghaiDate(now);
  const dueDay = shanghaiDate(dueAt);
  if (now <= dueAt) return workingDaysBetween(calendar, today, dueDay);
  return -Math.max(workingDaysBetween(calendar, dueDay, today), 1);
}

export interface WarningPoint {
  /** Amount before the due time at which the light turns yellow (working days: whole days). */
  before?: TimeLimit;
  /** Fraction of the limit's span after which the light turns yellow, e.g. 0.8. */
  ratio?: number;
}

/**
 * When the light turns yellow. `before` (e.g. 1 working day before due: the end of the
 * (N-1)th working day) wins when it leaves a meaningful window; for limits too short for that
 * (a 1-working-day sign-for), the ratio of the span applies.
 */
export function yellowAt(start: number, limit: TimeLimit, deadline: Deadline, warning: WarningPoint, calendar: WorkingCalendar): number {
  const byRatio = warning.ratio !== undefined ? start + Math.floor((deadline.dueAt - start) * warning.ratio) : undefined;
  let byBefore: number | undefined;
  if (warning.before) {
    if (warning.before.unit === 'workingDays' && limit.unit === 'workingDays') {
      const remaining = limit.amount - warning.before.amount;
      byBefore = remaining >= 1 ? deadlineFrom(start, { amount: remaining, unit: 'workingDays' }, calendar).dueAt : undefined;
    } else if (warning.before.unit !== 'workingDays') {
      const candidate = deadline.dueAt - warning.before.amount * UNIT_MS[warning.before.unit];
      byBefore = candidate > start ? candidate : undefined;
    }
  }
  return byBefore ?? byRatio ?? deadline.dueAt;
}

export type WarningLevel = 'green' | 'yellow' | 'red';

export function warningLevel(now: number, yellowFrom: number, dueAt: number): WarningLevel {
  if (now > dueAt) return 'red';
  if (now >= yellowFrom) return 'yellow';
  return 'green';
}

/** Start of a Shanghai day as an instant (re-exported for callers that build inputs). */
export { startOfShanghaiDay };
