// Client-side mirrors of the API's field rules (api/http/fields.ts), with translated messages.
import { maxLength, minValue, number, regex, required } from 'react-admin';

export const requiredText = (max: number) => [required(), maxLength(max)];
export const slugRule = regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'hotline.admin.validation.slug');
export const phoneRule = regex(/^\+?\d{5,20}$/, 'hotline.admin.validation.phone');
export const sortOrderRule = [number(), minValue(0)];
export const reasonRule = maxLength(500);
