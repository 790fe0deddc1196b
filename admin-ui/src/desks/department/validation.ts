// Form rules mirroring the command schemas (rules/lifecycle/commands.ts): the API
// trims text before checking it, so text of spaces only counts as empty here too.
import { maxLength, maxValue, minValue, number, required, type Validator } from 'react-admin';

const notBlank: Validator = (value: unknown) =>
  typeof value === 'string' && value.length > 0 && value.trim().length === 0 ? 'hotline.department.validation.blank' : undefined;

const wholeNumber: Validator = (value: unknown) =>
  typeof value === 'number' && !Number.isInteger(value) ? 'hotline.department.validation.workingDays' : undefined;

/** `text(max)` in the schemas: required, not blank, at most `max` characters. */
export const requiredText = (max: number): Validator[] => [required(), notBlank, maxLength(max)];

/** An optional text of at most `max` characters. */
export const optionalText = (max: number): Validator[] => [maxLength(max)];

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
