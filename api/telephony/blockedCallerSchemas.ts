// What the caller blocklist's endpoints accept (issue 20). Exported for the OpenAPI document.
import { z } from 'zod';
import { identifier } from '../../rules/text';
import { dialableNumber } from '../../lib/phoneNumbers';
import { idFilter, jsonParam, rangeParam, sortParam } from '../http/simpleRest';
import { optionalReason, reason } from '../http/fields';
import { CALLER_BLOCK_STATUSES } from '../../lib/callerBlocks';

/** As typed (+8613912345678, 13912345678, 0531-88881234), kept in E.164 as Twilio sends From. */
export const blockedNumber = identifier(30)
  .regex(/^\+?[\d\s()-]{5,25}$/, 'a phone number: digits, optionally with a leading +')
  .transform(dialableNumber)
  .refine((n) => /^\+[1-9]\d{5,14}$/.test(n), 'a phone number in E.164 (+8613912345678) or a mainland number');

const days = z.number().int('a whole number of days').min(1, 'at least 1 day');

export const blockProposalBody = z.strictObject({
  number: blockedNumber,
  reason,
  /** Default: the rule setting ivr.blockDefaultDays; at most ivr.blockMaxDays. */
  days: days.optional(),
});

export const blockApprovalBody = z.strictObject({ comment: optionalReason });
export const blockRejectionBody = z.strictObject({ comment: reason });
export const blockLiftBody = z.strictObject({ reason });

export const blockIdParams = z.object({ id: identifier(36).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a block id (UUID)') });

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).max(5)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

export const blockListFilter = z
  .object({
    id: idFilter,
    status: oneOrMany(z.enum(CALLER_BLOCK_STATUSES)),
    number: blockedNumber,
  })
  .partial()
  .strict();

export type BlockListFilter = z.output<typeof blockListFilter>;

export const BLOCK_SORTABLE = ['proposedAt', 'reviewedAt', 'expiresAt', 'number'] as const;

export const blockListQuery = z.object({
  filter: jsonParam(blockListFilter).default({}),
  range: rangeParam.default([0, 24]),
  sort: sortParam(BLOCK_SORTABLE).default(['proposedAt', 'DESC']),
});
