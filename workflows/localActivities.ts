// Local activities whose failures read like a scheduled activity's. The SDK hands a local
// activity's failure to the workflow bare (the ApplicationFailure itself, no ActivityFailure
// around it), so code that tells an I/O step's failure from a workflow bug by `instanceof
// ActivityFailure` (the step guard, the command checks) would take it for a bug and fail the
// workflow. Wrapping here keeps one rule for both kinds.
import { RetryState } from '@temporalio/common';
import { ActivityFailure, ApplicationFailure, type LocalActivityOptions, proxyLocalActivities, TemporalFailure } from '@temporalio/workflow';

export function proxyLocalSteps<A extends object>(options: LocalActivityOptions): A {
  const activities = proxyLocalActivities<Record<string, (...args: unknown[]) => Promise<unknown>>>(options);
  return new Proxy({} as A, {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      return async (...args: unknown[]) => {
        try {
          return await activities[name]!(...args);
        } catch (error) {
          if (error instanceof ActivityFailure || !(error instanceof TemporalFailure)) throw error;
          const retryState = error instanceof ApplicationFailure && error.nonRetryable ? RetryState.NON_RETRYABLE_FAILURE : RetryState.MAXIMUM_ATTEMPTS_REACHED;
          throw new ActivityFailure(error.message, name, undefined, retryState, 'local activity', error);
        }
      };
    },
  });
}
