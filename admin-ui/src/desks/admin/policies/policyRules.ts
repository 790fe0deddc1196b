// Client mirrors of the policy rules the API checks (api/policies/schemas.ts, policyRules.ts).
import { maxValue, minValue, number, required, type Validator } from 'react-admin';

const integer = (): Validator => (value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? 'hotline.admin.validation.wholeNumber' : undefined);

export { DEADLINE_CLOCKS as CLOCKS, DISPATCH_MODES, URGENCIES } from '../../../../../rules/vocabulary';
export { LIMIT_UNITS } from '../../../../../rules/limits';

export const amountRule = [required(), number(), integer(), minValue(1), maxValue(100_000)];
export const warnAmountRule = [number(), integer(), minValue(1), maxValue(100_000)];

/** A warning length goes with its unit; in working days it needs a working-day limit. */
export const warnUnitRule: Validator = (value: unknown, values: { warnAmount?: unknown; unit?: unknown }) => {
  const hasAmount = values.warnAmount !== null && values.warnAmount !== undefined && values.warnAmount !== '';
  if (hasAmount !== (value !== null && value !== undefined && value !== '')) return 'hotline.admin.policy.validation.warnPair';
  if (value === 'workingDays' && values.unit !== 'workingDays') return 'hotline.admin.policy.validation.warnWorkingDays';
  return undefined;
};

export const warnRatioRule: Validator = (value: unknown) => {
  if (value === null || value === undefined || value === '') return undefined;
  return typeof value === 'number' && value > 0 && value < 1 && Math.abs(Math.round(value * 1000) - value * 1000) < 1e-6 ? undefined : 'hotline.admin.policy.validation.ratio';
};
