// One error shape for every response: { error: { code, message, fields? } } (errorHandler.ts
// sends it).
import type { ZodError } from 'zod';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/**
 * One reason per field. A value of the wrong type is reported as such: zod 4 still runs a
 * schema's length checks on it (a string where a list is expected is also "too big"), and that
 * second reason would hide the first.
 */
export function fieldErrors(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  const wrongType = new Set<string>();
  for (const issue of error.issues) {
    const field = issue.path.join('.') || '(body)';
    if (wrongType.has(field)) continue;
    fields[field] = issue.message;
    if (issue.code === 'invalid_type') wrongType.add(field);
  }
  return fields;
}
