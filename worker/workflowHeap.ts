// The V8 heap limit of the thread the SDK runs every cached case in. Left alone, V8 sizes it
// from the machine's memory (about 4 GiB here) and lets garbage pile up towards that before it
// collects in earnest: a worker with 500 cached cases held 1.4–1.7 GiB, most of it garbage
// (docs/performance.md, worker memory). The limit is a V8 flag, read when a thread's isolate is
// created, so it is set before the SDK starts its workflow thread; the main thread keeps its own.
import v8 from 'node:v8';

/**
 * What one cached case keeps alive in the workflow thread's heap. Measured as the live heap after
 * each major GC (`--trace-gc`): 79–81 MiB with 200 cases cached, about 0.25 MiB a case, since zod
 * is shared by the thread's cases (workflows/sharedModules.ts; 0.7 MiB a case before); rounded up.
 */
export const LIVE_MIB_PER_CACHED_CASE = 0.3;
/** The heap the workflow thread keeps alive with no case cached (the bundle, the SDK's own state): about 30 MiB measured, rounded up. */
export const BASE_WORKFLOW_HEAP_MIB = 50;
/**
 * Heap limit over live heap. V8's marking costs in proportion to the live heap, and a limit close
 * to it makes V8 collect after every few dozen MiB allocated: with 500 cases (360 MiB live) in
 * 512 MiB, a major GC every 3.5 s freeing 45 MiB with 330 ms of marking steps on the thread that
 * runs every case, and a command on an evicted case answered in 529 ms at p99 against 163 ms
 * with 200 cases cached (docs/performance.md, "The workflow thread's heap").
 */
export const GC_HEADROOM = 2;

/**
 * The smallest heap of each workflow thread in which this many cached cases fit with room for V8
 * to collect efficiently; with several threads each holds its share of the cache (the SDK spreads
 * the cases over them), rounded up.
 */
export function workflowHeapNeededMiB(maxCachedWorkflows: number, threads = 1): number {
  return Math.ceil(GC_HEADROOM * (BASE_WORKFLOW_HEAP_MIB + Math.ceil(maxCachedWorkflows / threads) * LIVE_MIB_PER_CACHED_CASE));
}

/** Problems of a heap limit with a cache size, in words for a start-up error; none when they fit. */
export function workflowHeapProblem(heapMiB: number, maxCachedWorkflows: number, threads = 1): string | null {
  const needed = workflowHeapNeededMiB(maxCachedWorkflows, threads);
  if (heapMiB >= needed) return null;
  const over = threads > 1 ? ` over WORKER_WORKFLOW_THREADS=${threads}` : '';
  return `WORKER_WORKFLOW_HEAP_MB=${heapMiB} cannot hold WORKER_MAX_CACHED_WORKFLOWS=${maxCachedWorkflows} cached cases${over} (about ${needed} MiB a thread): raise the heap or lower the cache`;
}

/** Applies to threads started from now on (the SDK's workflow thread), not to the calling one. */
export function limitWorkflowThreadHeap(heapMiB: number): void {
  v8.setFlagsFromString(`--max-old-space-size=${heapMiB}`);
}
