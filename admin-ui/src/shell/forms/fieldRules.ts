// Client-side mirrors of the API's field rules (rules/text.ts, api/http/fields.ts) for every form
// of the console, with translated messages: a value the API would refuse shows on its input
// before anything is sent. The API trims text before checking it, so spaces alone count as empty.
import { maxLength, minValue, number, regex, required, type Validator } from 'react-admin';

const notBlank: Validator = (value: unknown) =>
  typeof value === 'string' && value.length > 0 && value.trim().length === 0 ? 'hotline.validation.blank' : undefined;

/** `requiredText(max)` / `requiredLine(max)` of the API: required, not blank, at most `max` characters. */
export const requiredText = (max: number): Validator[] => [required(), notBlank, maxLength(max)];
/** An optional text of at most `max` characters. */
export const optionalText = (max: number): Validator[] => [maxLength(max)];
export const slugRule = regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'hotline.validation.slug');
export const phoneRule = regex(/^\+?\d{5,20}$/, 'hotline.validation.phone');
export const sortOrderRule = [number(), minValue(0)];
/** An optional reason for an audited change (the API's `reason`: at most 500 characters). */
export const reasonRule = maxLength(500);
