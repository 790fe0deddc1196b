// Runs a workflow's I/O steps (projection writes, rules loads, notices) so that a failure never
// freezes the workflow in silence. An activity retries a few times by itself; when it still
// fails, its step is stuck: reported (StuckStep, seen on /healthz and the admin's screen) and
// left waiting while the rest of the workflow goes on (clocks keep running, commands answer).
// A transient failure is tried again with backoff; a permanent one (activities/failureClass.ts)
// waits for an admin's retry, since trying the same write again cannot help until something
// changes. A step that succeeds after being stuck reports its recovery.
import { ActivityFailure, ApplicationFailure, log, proxyActivities } from '@temporalio/workflow';
import type { Alarms } from '../alarms';
import type { StuckStepActivities } from '../../activities/stuckSteps';

const reports = proxyActivities<StuckStepActivities>({
  startToCloseTimeout: '10 seconds',
  // Best effort: when even this write fails (the database is away), /healthz says so already.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds', maximumAttempts: 3 },
});

/** Retry policy of the guarded activities themselves: about 15 s of tries before the step counts as stuck. */
export const GUARDED_ACTIVITY_RETRY = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '8 seconds', maximumAttempts: 5 } as const;

/** Waits between the workflow's own tries of a transiently stuck step. */
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 5 * 60_000;

export type GuardedStep = 'projection' | 'rules' | 'effects' | 'callback' | 'poll';

/** Whose workflow the guard runs in: a case's (petition, callback) or a poll campaign's. */
export type StuckStepOwner = { workflowId: string } & ({ caseId: string; pollCampaignId?: undefined } | { pollCampaignId: string; caseId?: undefined });

interface StuckState {
  attempts: number;
  firstFailedAt: number;
  permanent: boolean;
  /** When the step may run again by itself; null: only after a retry by hand. */
  retryAt: number | null;
  reported: boolean;
}

export interface StepGuard {
  /** Runs the step; true if it succeeded. A failed step is stuck until it succeeds. */
  attempt(step: GuardedStep, run: () => Promise<void>, details?: { pendingSeq?: number }): Promise<boolean>;
  /** Whether the step may run now: never failed, its backoff has passed, or a retry was asked. */
  ready(step: GuardedStep): boolean;
  isStuck(step: GuardedStep): boolean;
  /** The earliest time a stuck step retries by itself (ms), or null. */
  nextRetryAt(): number | null;
  /** An admin asked to retry: every stuck step becomes ready. */
  retryNow(): void;
  /** Runs the step until it succeeds, waiting between tries as a stuck step does; its result. */
  persist<T>(step: GuardedStep, run: () => Promise<T>): Promise<T>;
}

export function createStepGuard(owner: StuckStepOwner, alarms: Alarms): StepGuard {
  const stuck = new Map<GuardedStep, StuckState>();
  const subject = { workflowId: owner.workflowId, caseId: owner.caseId ?? null, pollCampaignId: owner.pollCampaignId ?? null };

  const describe = (error: ActivityFailure) => {
    const cause = error.cause;
    const permanent = cause instanceof ApplicationFailure && cause.nonRetryable === true;
    const errorType = cause instanceof ApplicationFailure ? (cause.type ?? 'ApplicationFailure') : (cause?.name ?? error.name);
    return { permanent, errorType, errorMessage: cause?.message ?? error.message };
  };

  const report = async (step: GuardedStep, state: StuckState, error: ReturnType<typeof describe>, details: { pendingSeq?: number }) => {
    try {
      await reports.reportStuckStep({
        ...subject, step, ...error, attempts: state.attempts,
        pendingSeq: details.pendingSeq ?? null, firstFailedAt: state.firstFailedAt, lastFailedAt: Date.now(), nextRetryAt: state.retryAt,
      });
      state.reported = true;
    } catch (reportError) {
      log.error('stuck step not reported', { ...subject, step, error: (reportError as Error).message });
    }
  };

  return {
    async attempt(step, run, details = {}) {
      try {
        await run();
      } catch (error) {
        if (!(error instanceof ActivityFailure)) throw error;
        const described = describe(error);
        const now = Date.now();
        const previous = stuck.get(step);
        const attempts = (previous?.attempts ?? 0) + 1;
        const state: StuckState = {
          attempts,
          firstFailedAt: previous?.firstFailedAt ?? now,
          permanent: described.permanent,
          retryAt: described.permanent ? null : now + Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempts - 1)),
          reported: previous?.reported ?? false,
        };
        stuck.set(step, state);
        log.warn('workflow step failed; it waits', { ...subject, step, attempts, permanent: described.permanent, error: described.errorMessage });
        await report(step, state, described, details);
        return false;
      }
      const recovered = stuck.get(step);
      if (recovered) {
        stuck.delete(step);
        if (recovered.reported) {
          try {
            await reports.reportStepRecovered({ ...subject, step, at: Date.now() });
          } catch (reportError) {
            log.error('recovery not reported', { ...subject, step, error: (reportError as Error).message });
          }
        }
      }
      return true;
    },

    ready(step) {
      const state = stuck.get(step);
      return !state || (state.retryAt !== null && Date.now() >= state.retryAt);
    },

    isStuck(step) {
      return stuck.has(step);
    },

    nextRetryAt() {
      const times = [...stuck.values()].map((s) => s.retryAt).filter((t): t is number => t !== null);
      return times.length > 0 ? Math.min(...times) : null;
    },

    retryNow() {
      for (const state of stuck.values()) state.retryAt = Date.now();
    },

    async persist(step, run) {
      let result: Awaited<ReturnType<typeof run>> | undefined;
      while (!(await this.attempt(step, async () => void (result = await run())))) {
        await alarms.waitFor(() => this.ready(step), stuck.get(step)?.retryAt ?? null);
      }
      return result as Awaited<ReturnType<typeof run>>;
    },
  };
}
