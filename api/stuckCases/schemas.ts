// Query and bodies of /api/stuck-cases.
import { z } from 'zod';
import { identifier, requiredText } from '../../rules/text';
import { jsonParam, rangeParam, sortParam } from '../http/simpleRest';

export const STUCK_CASE_SORTS = ['firstFailedAt', 'lastFailedAt', 'caseId', 'attempts'] as const;

export const stuckCaseListQuery = z.object({
  filter: jsonParam(
    z.strictObject({
      /** false (the default): the steps still stuck; true: the ones that recovered. */
      resolved: z.boolean().optional(),
      caseId: identifier(40).optional(),
      pollCampaignId: identifier(40).optional(),
      step: z.enum(['projection', 'rules', 'effects', 'callback', 'poll']).optional(),
      permanent: z.boolean().optional(),
    }),
  ).default({}),
  range: rangeParam.optional(),
  sort: sortParam(STUCK_CASE_SORTS).default(['firstFailedAt', 'ASC']),
});

export const stuckStepParams = z.object({ id: identifier(200) });

/** Why the admin retries (kept in the audit trail). */
export const retryBody = z.object({ reason: requiredText(500) });
