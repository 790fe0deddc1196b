// What the opinion poll endpoints accept (民意调查, issue 20). Exported for the OpenAPI document.
import { z } from 'zod';
import { clockTime, endClockTime, identifier, requiredLine } from '../../rules/text';
import { isIsoDate } from '../../rules/shanghaiTime';
import { blockedNumber } from '../telephony/blockedCallerSchemas';
import { optionalReason } from '../http/fields';
import { jsonParam, rangeParam, sortParam } from '../http/simpleRest';
import { pollQuestionsSchema } from '../../telephony/poll/questions';

export const POLL_STATUSES = ['draft', 'running', 'paused', 'finished', 'cancelled'] as const;

const isoDate = identifier(10).refine(isIsoDate, 'a date, yyyy-MM-dd');

/** The most numbers one campaign calls. */
export const MAX_POLL_NUMBERS = 5000;

export const pollTargetsBody = z.union([
  z.strictObject({ numbers: z.array(blockedNumber).min(1, 'at least 1 number').max(MAX_POLL_NUMBERS, `at most ${MAX_POLL_NUMBERS} numbers`) }),
  // The citizens of the cases closed between these Shanghai dates (inclusive).
  z.strictObject({
    closedCases: z
      .strictObject({ from: isoDate, to: isoDate })
      .refine((p) => p.from <= p.to, { message: 'from on or before to', path: ['to'] }),
  }),
], { error: 'either { numbers: [...] } or { closedCases: { from, to } }' });

export const pollCreationBody = z.strictObject({
  title: requiredLine(60),
  questions: pollQuestionsSchema,
  targets: pollTargetsBody,
  /** Default: the rule setting poll.callingHours. */
  callingHours: z
    .strictObject({ start: clockTime(), end: endClockTime() })
    .refine((h) => h.start < h.end, { message: 'start before end', path: ['end'] })
    .optional(),
  /** Default: the rule setting poll.maxAttempts. */
  maxAttempts: z.number().int('a whole number').min(1, 'at least 1').max(10, 'at most 10').optional(),
});

export const pollCommandBody = z.strictObject({ reason: optionalReason });

export const pollIdParams = z.object({ id: identifier(36).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a poll id (UUID)') });

export const pollListFilter = z.strictObject({ status: z.enum(POLL_STATUSES).optional() });
export const POLL_SORTABLE = ['createdAt', 'title', 'status'] as const;
export const pollListQuery = z.object({
  filter: jsonParam(pollListFilter).default({}),
  range: rangeParam.default([0, 24]),
  sort: sortParam(POLL_SORTABLE).default(['createdAt', 'DESC']),
});
