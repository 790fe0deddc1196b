// Sends a case command as a Temporal Update, idempotent by the caller's Idempotency-Key.
//
// Temporal keeps the outcome of every completed Update by its ID, so a key maps to an Update ID
// and a retry gets the first attempt's answer instead of applying the command twice. One outcome
// must not be kept: `unavailable` (the database did not answer the command's checks) changed
// nothing, and a caller who retries after it must get a fresh try, not the same 503 for ever.
// Each fresh try therefore takes the next ID in the key's sequence (`id`, `id#2`, `id#3`, …); a
// request walks past the IDs that ended `unavailable` and answers with the first other outcome,
// or runs the command under the first unused ID — at most one fresh try per request.
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';

/** Past this many tries under one key the request is refused as unavailable without a new try. */
export const MAX_TRIES_PER_KEY = 1_000;

export function isUnavailableRefusal(error: unknown): boolean {
  return error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === 'unavailable';
}

const triedUpdateId = (baseId: string, tryNumber: number) => (tryNumber === 1 ? baseId : `${baseId}#${tryNumber}`);

/**
 * The SDK reports an Update ID the workflow does not know as WorkflowNotFoundError (the server's
 * NOT_FOUND). So does a missing workflow: the fresh try then finds that out and says so.
 */
const isUnknownUpdate = (error: unknown) => error instanceof WorkflowNotFoundError;

export async function executeKeyedUpdate<Ret, Args extends [unknown]>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Ret, Args>,
  args: Args,
  baseId: string,
): Promise<Ret> {
  for (let tryNumber = 1; ; tryNumber++) {
    const updateId = triedUpdateId(baseId, tryNumber);
    try {
      // An earlier request's try under this ID: its outcome (waiting for it if still running).
      return await handle.getUpdateHandle<Ret>(updateId).result();
    } catch (error) {
      if (isUnavailableRefusal(error) && tryNumber < MAX_TRIES_PER_KEY) continue;
      if (!isUnknownUpdate(error)) throw error;
    }
    // Not tried yet: this request's one fresh try. (Two requests racing here send the same ID,
    // and Temporal runs it once.)
    return handle.executeUpdate(update, { args, updateId });
  }
}
