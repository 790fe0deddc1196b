// When a supervised process that crashed is started again: exponential backoff (1 s doubling to
// 30 s), back to 1 s once it had run a stable minute, and a crash loop (5 crashes within 2
// minutes) named as such and retried at the cap. Plain arithmetic, no clock of its own.

export interface RestartPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** A run at least this long counts as stable: the next crash starts the backoff again. */
  stableAfterMs: number;
  crashLoopCrashes: number;
  crashLoopWindowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  crashLoopCrashes: 5,
  crashLoopWindowMs: 120_000,
};

export interface CrashHistory {
  /** Crashes since the last stable run. */
  consecutive: number;
  /** When the crashes within the crash-loop window happened (ms). */
  recentCrashes: number[];
}

export const NO_CRASHES: CrashHistory = { consecutive: 0, recentCrashes: [] };

export interface RestartDecision {
  history: CrashHistory;
  delayMs: number;
  crashLoop: boolean;
}

/** What to do after a process that started at `startedAt` crashed at `crashedAt`. */
export function afterCrash(policy: RestartPolicy, history: CrashHistory, startedAt: number, crashedAt: number): RestartDecision {
  const consecutive = crashedAt - startedAt >= policy.stableAfterMs ? 1 : history.consecutive + 1;
  const recentCrashes = [...history.recentCrashes.filter((at) => crashedAt - at < policy.crashLoopWindowMs), crashedAt];
  const crashLoop = recentCrashes.length >= policy.crashLoopCrashes;
  const backoff = Math.min(policy.firstDelayMs * 2 ** (consecutive - 1), policy.maxDelayMs);
  return { history: { consecutive, recentCrashes }, delayMs: crashLoop ? policy.maxDelayMs : backoff, crashLoop };
}
