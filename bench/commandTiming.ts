// Where a command's time goes while the bench sends it: the worker's own workflow-task histograms
// (its Prometheus endpoint, when WORKER_METRICS_ADDRESS is set) and the pauses of this process,
// which holds the API and the local Twilio: its garbage collections and its event loop's delay.
// Measured over one run of commands, as differences of before and after.
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { labelsInclude, scrape, type Scrape } from '../tests/support/prometheus';

/**
 * The worker's histograms that split a command's workflow task (milliseconds), with the labels
 * that pick their samples: the wait for a poller, the history fetched for a case the worker no
 * longer holds (a sticky task for an evicted case), the task's run, and its completion sent back
 * (Temporal persisting the events).
 */
const WORKER_HISTOGRAMS: Record<string, { name: string; labels?: Record<string, string> }> = {
  'waiting for the worker': { name: 'temporal_workflow_task_schedule_to_start_latency' },
  'history fetched': { name: 'temporal_request_latency', labels: { operation: 'GetWorkflowExecutionHistory' } },
  replay: { name: 'temporal_workflow_task_replay_latency' },
  'task run': { name: 'temporal_workflow_task_execution_latency' },
  'completion sent': { name: 'temporal_request_latency', labels: { operation: 'RespondWorkflowTaskCompleted' } },
};

interface Histogram {
  count: number;
  sum: number;
  /** Cumulative counts by upper bound, summed over every label set. */
  buckets: Map<number, number>;
}

function histogramOf(scraped: Scrape, name: string, labels: Record<string, string> = {}): Histogram {
  const buckets = new Map<number, number>();
  for (const sample of scraped.samples) {
    if (sample.name !== `${name}_bucket` || !labelsInclude(sample, labels)) continue;
    const bound = sample.labels.le === '+Inf' ? Infinity : Number(sample.labels.le);
    buckets.set(bound, (buckets.get(bound) ?? 0) + sample.value);
  }
  return { count: scraped.sum(`${name}_count`, labels), sum: scraped.sum(`${name}_sum`, labels), buckets };
}

/** Sticky-cache misses: workflow tasks for cases the worker had to load again (a counter the SDK exports without a `_total` suffix). */
const cacheMisses = (scraped: Scrape) => scraped.sum('temporal_sticky_cache_miss');

/** The bucket bound under which 99 % of the observations between two scrapes fall. */
function p99Bound(before: Histogram, after: Histogram): number {
  const count = after.count - before.count;
  for (const bound of [...after.buckets.keys()].sort((a, b) => a - b)) {
    if ((after.buckets.get(bound) ?? 0) - (before.buckets.get(bound) ?? 0) >= 0.99 * count) return bound;
  }
  return Infinity;
}

function describeWorker(before: Scrape, after: Scrape): string {
  const histograms = Object.entries(WORKER_HISTOGRAMS).map(([label, { name, labels }]) => {
    const [from, to] = [histogramOf(before, name, labels), histogramOf(after, name, labels)];
    const count = to.count - from.count;
    if (count === 0) return `${label}: none`;
    const bound = p99Bound(from, to);
    return `${label}: ${count} × mean ${((to.sum - from.sum) / count).toFixed(0)} ms, p99 ≤ ${bound === Infinity ? '∞' : bound} ms`;
  });
  return [...histograms, `sticky-cache misses: ${cacheMisses(after) - cacheMisses(before)}`].join('; ');
}

/** Starts watching; `stop()` describes what happened since. */
export async function watchCommandTiming(workerMetricsAddress: string | undefined): Promise<{ stop(): Promise<string> }> {
  const metricsUrl = workerMetricsAddress ? `http://${workerMetricsAddress}/metrics` : undefined;
  const before = metricsUrl ? await scrape(metricsUrl) : undefined;
  const pauses: number[] = [];
  const gc = new PerformanceObserver((list) => pauses.push(...list.getEntries().map((entry) => entry.duration)));
  gc.observe({ entryTypes: ['gc'] });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  return {
    async stop() {
      loop.disable();
      gc.disconnect();
      const ms = (ns: number) => (ns / 1e6).toFixed(0);
      const thisProcess = `API and bench process: GC ${pauses.length} × ${pauses.reduce((a, b) => a + b, 0).toFixed(0)} ms (longest ${Math.max(0, ...pauses).toFixed(0)}), event-loop delay p99 ${ms(loop.percentile(99))} ms, max ${ms(loop.max)} ms`;
      if (!metricsUrl || !before) return thisProcess;
      return `${thisProcess}; worker: ${describeWorker(before, await scrape(metricsUrl))}`;
    },
  };
}
