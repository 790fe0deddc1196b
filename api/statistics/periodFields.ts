// The period parameters of the statistics endpoints: a month (yyyy-MM) or a date range.
import { z } from 'zod';
import { identifier } from '../../workflows/rules/text';
import { isIsoDate, isIsoMonth } from '../../statistics/calendarMonths';
import { DAY_MS } from '../../workflows/rules/shanghaiTime';

export const monthField = identifier(7, { error: 'required, yyyy-MM' }).refine(isIsoMonth, 'a month, yyyy-MM');

const dateField = identifier(10, { error: 'required, yyyy-MM-dd' }).refine(isIsoDate, 'a date, yyyy-MM-dd');

/** The longest range one request may ask for. */
export const MAX_RANGE_DAYS = 366;

/** `from`..`to`, both days included, `from` not after `to`, at most MAX_RANGE_DAYS. */
export const dateRangeFields = { from: dateField, to: dateField };

export function checkDateRange(range: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const days = (Date.parse(range.to) - Date.parse(range.from)) / DAY_MS + 1;
  if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'not before from' });
  else if (days > MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_RANGE_DAYS} days after from` });
}
