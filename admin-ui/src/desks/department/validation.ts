// Form rules of the department's commands mirroring their schemas (rules/lifecycle/commands.ts);
// text rules are shell/forms/fieldRules.ts'.
import { maxValue, minValue, number, required, type Validator } from 'react-admin';

const wholeNumber: Validator = (value: unknown) =>
  typeof value === 'number' && !Number.isInteger(value) ? 'hotline.department.validation.workingDays' : undefined;

/** `requestExtension.workingDays`: an integer from 1 to 60. */
export const extensionWorkingDays: Validator[] = [
  required(),
  number(),
  wholeNumber,
  minValue(1, 'hotline.department.validation.workingDays'),
  maxValue(60, 'hotline.department.validation.workingDays'),
];

/** `recordContact.contactedAt`: required and not in the future (the workflow also refuses one before dispatch). */
export const contactTime: Validator[] = [
  required(),
  (value: unknown) => (value !== null && value !== undefined && value !== '' && new Date(value as string).getTime() > Date.now() + 60_000 ? 'hotline.department.validation.contactInFuture' : undefined),
];

/** A yes/no answer the command requires. */
export const requiredChoice: Validator[] = [required()];
