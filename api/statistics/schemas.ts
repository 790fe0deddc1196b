// Query parameters of /api/statistics/*: whole Asia/Shanghai days and calendar months.
import { z } from 'zod';
import { identifier } from '../../workflows/rules/text';
import { isIsoDate } from '../../workflows/rules/shanghaiTime';
import { GROUP_BYS } from '../../statistics/indicators';
import { daysIn } from '../../statistics/period';
import { exportFormatField } from '../../statistics/export/exportable';

/** Longer periods are a report over years, not a dashboard query; 3 years covers every 同比. */
export const MAX_PERIOD_DAYS = 3 * 366;

const isoDate = identifier(10, { error: 'required' }).refine(isIsoDate, 'a date, YYYY-MM-DD');

export const periodQuery = z
  .object({ from: isoDate, to: isoDate })
  .superRefine((q, ctx) => {
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'on or after from' });
    else if (daysIn(q) > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_PERIOD_DAYS} days after from` });
  });

export const indicatorsQuery = z
  .object({ groupBy: z.enum(GROUP_BYS, { error: `one of ${GROUP_BYS.join(', ')}` }), from: isoDate, to: isoDate, ...exportFormatField })
  .superRefine((q, ctx) => {
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'on or after from' });
    else if (daysIn(q) > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_PERIOD_DAYS} days after from` });
  });

export const assessmentQuery = z.object({
  month: identifier(7, { error: 'required' }).regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM'),
  ...exportFormatField,
});
