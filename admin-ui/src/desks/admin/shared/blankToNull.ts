import type { FieldValues } from 'react-hook-form';

/** Cleared text inputs mean "none": the API takes null there, not "". */
export const blankToNull = (values: FieldValues): FieldValues =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === 'string' && value.trim() === '' ? null : value]));
