// What /api/policies answers: the stored row, its warning ratio as a number (a Decimal in the
// database), as clients and the rules use it.
import type { DeadlinePolicy } from '../../prisma/generated/browser';
import type { PolicyShape } from './policyRules';

export function presentPolicy(row: DeadlinePolicy): PolicyShape & Omit<DeadlinePolicy, 'warnRatio'> {
  return { ...row, warnRatio: row.warnRatio === null ? null : Number(row.warnRatio) };
}

export type PolicyAnswer = ReturnType<typeof presentPolicy>;
