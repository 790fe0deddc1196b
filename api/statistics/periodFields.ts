// The period parameters of the statistics endpoints: a month (yyyy-MM) or a date range.
import { z } from 'zod';
import { identifier } from '../../rules/text';
import { isIsoDate, isIsoMonth } from '../../statistics/calendarMonths';
import { DAY_MS } from '../../rules/shanghaiTime';

/**
 * The years a period may lie in. Far wider than any hotline's records, and narrow enough that a
 * period, its 环比 and 同比 and the month after it stay where PostgreSQL's timestamps and
 * JavaScript's ISO strings agree: year 1 starts in year 0 in UTC, which PostgreSQL refuses, and
 * year 10000 has no four-digit ISO form (both were answered 500).
 */
export const STATISTICS_YEARS = { first: 1900, last: 2199 } as const;
const YEARS_MESSAGE = `a year from ${STATISTICS_YEARS.first} to ${STATISTICS_YEARS.last}`;
const inYears = (value: string) => Number(value.slice(0, 4)) >= STATISTICS_YEARS.first && Number(value.slice(0, 4)) <= STATISTICS_YEARS.last;

/** A malformed value is refused for its form; a well-formed one outside STATISTICS_YEARS for its year. */
const periodValue = (max: number, format: string, isForm: (value: string) => boolean, formMessage: string) =>
  identifier(max, { error: `required, ${format}` }).superRefine((value, ctx) => {
    if (!isForm(value)) ctx.addIssue({ code: 'custom', message: formMessage });
    else if (!inYears(value)) ctx.addIssue({ code: 'custom', message: YEARS_MESSAGE });
  });

export const monthField = periodValue(7, 'yyyy-MM', isIsoMonth, 'a month, yyyy-MM');

export const dateField = periodValue(10, 'yyyy-MM-dd', isIsoDate, 'a date, yyyy-MM-dd');

/** The longest range one request may ask for. */
export const MAX_RANGE_DAYS = 366;

/** `from`..`to`, both days included, `from` not after `to`, at most MAX_RANGE_DAYS. */
export const dateRangeFields = { from: dateField, to: dateField };

export function checkDateRange(range: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const days = (Date.parse(range.to) - Date.parse(range.from)) / DAY_MS + 1;
  if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'not before from' });
  else if (days > MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_RANGE_DAYS} days after from` });
}
