// What the deadline-policy endpoints accept. Exported for the OpenAPI document. Checks that
// need the whole row (warning within the limit) are in policyRules.ts.
import { z } from 'zod';
import { identifier, multiLineText } from '../../rules/text';
import { DeadlineClock, DispatchMode, LimitUnit, Urgency } from '../../prisma/generated/enums';
import { idFilter, jsonParam, rangeParam, sortParam } from '../http/simpleRest';
import { optionalReason, slug } from '../http/fields';

export const policyListFilter = z
  .object({
    id: idFilter,
    clock: z.enum(DeadlineClock),
    caseTypeCode: identifier(50).nullable(),
    categoryId: identifier(100).nullable(),
    urgency: z.enum(Urgency).nullable(),
    dispatchMode: z.enum(DispatchMode).nullable(),
    active: z.boolean(),
  })
  .partial()
  .strict();

export const POLICY_SORTABLE = ['id', 'clock', 'caseTypeCode', 'categoryId', 'urgency', 'dispatchMode', 'amount', 'active', 'updatedAt'] as const;

export const policyListQuery = z.object({
  filter: jsonParam(policyListFilter).optional(),
  range: rangeParam.optional(),
  sort: sortParam(POLICY_SORTABLE).optional(),
});

const amount = z.number().int('a whole number').min(1, 'must be positive').max(100_000);

const policyFields = {
  clock: z.enum(DeadlineClock),
  /** null: any case type (likewise category and urgency); the most specific row wins. */
  caseTypeCode: identifier(50).nullable(),
  categoryId: identifier(100).nullable(),
  urgency: z.enum(Urgency).nullable(),
  /** null: any dispatch mode; `phone` / `written`: only cases dispatched so (交办方式). */
  dispatchMode: z.enum(DispatchMode).nullable(),
  amount,
  unit: z.enum(LimitUnit),
  /** Yellow this long before due (with warnUnit) … */
  warnAmount: amount.nullable(),
  warnUnit: z.enum(LimitUnit).nullable(),
  /** … or after this share of the limit, e.g. 0.8 (three decimals at most). */
  warnRatio: z.number().gt(0, 'between 0 and 1').lt(1, 'between 0 and 1').multipleOf(0.001, 'three decimals at most').nullable(),
  description: multiLineText(500).nullable(),
  active: z.boolean(),
  reason: optionalReason,
};

export const policyCreateBody = z.object({
  ...policyFields,
  /** Defaults to a generated id. */
  id: slug.optional(),
  caseTypeCode: policyFields.caseTypeCode.default(null),
  categoryId: policyFields.categoryId.default(null),
  urgency: policyFields.urgency.default(null),
  dispatchMode: policyFields.dispatchMode.default(null),
  warnAmount: policyFields.warnAmount.default(null),
  warnUnit: policyFields.warnUnit.default(null),
  warnRatio: policyFields.warnRatio.default(null),
  description: policyFields.description.default(null),
  active: policyFields.active.default(true),
});

/** Any subset of the fields; the merged row is checked as a whole. */
export const policyUpdateBody = z.object(policyFields).partial();

export type PolicyCreateBody = z.output<typeof policyCreateBody>;
export type PolicyUpdateBody = z.output<typeof policyUpdateBody>;
