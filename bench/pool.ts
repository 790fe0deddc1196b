// Calls run a fixed number at a time, each timed: how every step of `npm run bench` drives load.
import { log, percentile } from './stack';

export interface Run {
  concurrency: number;
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

/** Logs the first failure it is given (the run's summary counts them all). */
export function firstFailureLogger(label: string): (error: unknown) => void {
  let shown = false;
  return (error) => {
    if (!shown) log(`  ${label}: ${String(error)}`);
    shown = true;
  };
}

/** `count` calls of `work`, `concurrency` at a time; per-call latency, failures counted (not thrown). */
export async function runPool(count: number, concurrency: number, work: (n: number) => Promise<void>, onError: (error: unknown) => void): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const n = next++;
        const callStarted = performance.now();
        try {
          await work(n);
          latencies.push(performance.now() - callStarted);
        } catch (error) {
          failures += 1;
          onError(error);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { concurrency, count, perSecond: latencies.length / seconds, p50: percentile(latencies, 50) ?? NaN, p99: percentile(latencies, 99) ?? NaN, failures };
}

export const describe = (run: Run) =>
  `${String(run.concurrency).padStart(3)} at once: ${run.perSecond.toFixed(1).padStart(6)}/s, p50 ${run.p50.toFixed(0)} ms, p99 ${run.p99.toFixed(0)} ms${run.failures ? `, ${run.failures} FAILED` : ''}`;

