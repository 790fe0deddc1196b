// Validators for fields that only some answers require (mirroring the commands' zod refinements).
import type { Validator } from 'react-admin';
import type { FieldValues } from 'react-hook-form';

/** Required when `applies(values)`, with the given message key. */
export const requiredWhen = (applies: (values: FieldValues) => boolean, message: string): Validator =>
  (value, values) => (applies(values) && (value === undefined || value === null || String(value).trim() === '') ? message : undefined);
