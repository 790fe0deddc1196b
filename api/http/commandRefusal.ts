// A command the case's workflow refused (its Update failed with a CommandRefusal), as the HTTP
// error to answer with: 400 bad input, 403 not your role or unit, 409 not now, 503 its checks
// could not reach the database.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { HttpError } from './errors';

const REFUSAL_STATUS: Record<string, number> = { invalidInput: 400, forbidden: 403, invalidState: 409, unavailable: 503 };

/** The HTTP error for a refused command, or null when the error is something else. */
export function commandRefusal(error: unknown): HttpError | null {
  if (!(error instanceof WorkflowUpdateFailedError) || !(error.cause instanceof ApplicationFailure)) return null;
  const status = REFUSAL_STATUS[error.cause.type ?? ''];
  if (!status) return null;
  const fields = (error.cause.details?.[0] as Record<string, string> | undefined) ?? undefined;
  return new HttpError(status, error.cause.type!, error.cause.message, fields);
}
