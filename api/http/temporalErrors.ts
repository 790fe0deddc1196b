// Temporal busy or out of reach, as the HTTP error to answer with: 503 with Retry-After, never
// a 500. A command whose Update timed out may still take effect: its caller learns the outcome
// by sending it again with the same Idempotency-Key (api/cases/keyedCommand.ts), which Temporal
// answers with the first try's outcome instead of applying it twice.
import { isGrpcServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { HttpError } from './errors';

/** gRPC's DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED and UNAVAILABLE: the server did not answer, or not in time. */
const NOT_ANSWERED = new Set([4, 8, 14]);
const RETRY_AFTER = { 'Retry-After': '5' };

/** The errors an error carries (`cause`), itself first; a few deep at most. */
function* causes(error: unknown): Generator<unknown> {
  for (let depth = 0; depth < 4 && error; depth++, error = (error as { cause?: unknown }).cause) yield error;
}

/** The HTTP error for Temporal not answering, or null for any other error. */
export function temporalUnavailable(error: unknown): HttpError | null {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new HttpError(503, 'unavailable', 'the case did not answer in time; the command may still take effect: send it again with the same Idempotency-Key to learn its outcome', undefined, RETRY_AFTER);
  }
  for (const cause of causes(error)) {
    if (isGrpcServiceError(cause) && NOT_ANSWERED.has(cause.code)) return new HttpError(503, 'unavailable', 'Temporal did not answer in time: try again', undefined, RETRY_AFTER);
  }
  return null;
}
