// Query parameters of /api/statistics/*: whole Asia/Shanghai days and calendar months.
import { z } from 'zod';
import { dateField, monthField } from './periodFields';
import { GROUP_BYS } from '../../rules/assessment/indicators';
import { daysIn } from '../../statistics/period';
import { exportFormatField } from './exportable';

/** Longer periods are a report over years, not a dashboard query; 3 years covers every 同比. */
export const MAX_PERIOD_DAYS = 3 * 366;

export const periodQuery = z
  .object({ from: dateField, to: dateField })
  .superRefine((q, ctx) => {
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'on or after from' });
    else if (daysIn(q) > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_PERIOD_DAYS} days after from` });
  });

export const indicatorsQuery = z
  .object({ groupBy: z.enum(GROUP_BYS, { error: `one of ${GROUP_BYS.join(', ')}` }), from: dateField, to: dateField, ...exportFormatField })
  .superRefine((q, ctx) => {
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'on or after from' });
    else if (daysIn(q) > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_PERIOD_DAYS} days after from` });
  });

export const assessmentQuery = z.object({
  month: monthField,
  ...exportFormatField,
});
