// Waiting for a wake-up or an instant, without ever cancelling a timer.
//
// `condition(wake, timeout)` cancels its timer when `wake` turns true first. When that timer
// fired while the workflow task was with the worker (a child's signal and the case's own deadline
// at the same instant), Temporal's time-skipping test server refuses the task ("invalid history
// builder state for action", temporalio/sdk-java#3088) and the case stalls. So a timer here, once
// armed, stays armed: a wait that ends sooner leaves it to fire later for nothing, and a later wait
// for the same instant waits on it again. No CancelTimer command is ever sent.
import { condition, patched, sleep } from '@temporalio/workflow';
import type { PatchCheck } from './patches';

/** Patch: waits arm timers they never cancel. Histories from before replay their cancelled timers. */
export const ALARMS_NEVER_CANCELLED = 'alarms-never-cancelled';

interface Alarm {
  rang: boolean;
  /** Why the timer failed (its scope was cancelled): the wait throws it, as `condition` did. */
  failure?: unknown;
}

export interface Alarms {
  /** Returns once `wake()` holds or the instant `at` (epoch ms) has come; `at` null: only `wake`. */
  waitFor(wake: () => boolean, at: number | null): Promise<void>;
}

/**
 * One per workflow run: the timers it armed and has not heard from yet, by the instant they fire.
 * `isPatched`: the run's patch check, when it takes patches under a baseline (../patches.ts).
 */
export function createAlarms(isPatched: PatchCheck = patched): Alarms {
  const pending = new Map<number, Alarm>();

  const arm = (at: number): Alarm => {
    const alarm: Alarm = { rang: false };
    pending.set(at, alarm);
    sleep(Math.max(1, at - Date.now())).then(
      () => {
        alarm.rang = true;
        pending.delete(at);
      },
      (failure: unknown) => {
        alarm.failure = failure;
        pending.delete(at);
      },
    );
    return alarm;
  };

  return {
    async waitFor(wake, at) {
      if (at === null) return condition(wake);
      if (!isPatched(ALARMS_NEVER_CANCELLED)) {
        await condition(wake, Math.max(1, at - Date.now()));
        return;
      }
      const alarm = pending.get(at) ?? arm(at);
      await condition(() => wake() || alarm.rang || alarm.failure !== undefined);
      if (alarm.failure !== undefined) throw alarm.failure;
    },
  };
}
