// The V8 heap limit of the thread the SDK runs every cached case in. Left alone, V8 sizes it
// from the machine's memory (about 4 GiB here) and lets garbage pile up towards that before it
// collects in earnest: a worker with 500 cached cases held 1.4–1.7 GiB, most of it garbage
// (docs/performance.md, worker memory). The limit is a V8 flag, read when a thread's isolate is
// created, so it is set before the SDK starts its workflow thread; the main thread keeps its own.
import v8 from 'node:v8';

/** What one cached case keeps alive in the workflow thread's heap: about 0.7 MiB measured, rounded up. */
export const LIVE_MIB_PER_CACHED_CASE = 0.8;
/** The heap the workflow thread needs with no case cached (the bundle, the SDK's own state), rounded up. */
export const BASE_WORKFLOW_HEAP_MIB = 100;

/** The smallest heap in which this many cached cases fit. */
export function workflowHeapNeededMiB(maxCachedWorkflows: number): number {
  return Math.ceil(BASE_WORKFLOW_HEAP_MIB + maxCachedWorkflows * LIVE_MIB_PER_CACHED_CASE);
}

/** Problems of a heap limit with a cache size, in words for a start-up error; none when they fit. */
export function workflowHeapProblem(heapMiB: number, maxCachedWorkflows: number): string | null {
  const needed = workflowHeapNeededMiB(maxCachedWorkflows);
  if (heapMiB >= needed) return null;
  return `WORKER_WORKFLOW_HEAP_MB=${heapMiB} cannot hold WORKER_MAX_CACHED_WORKFLOWS=${maxCachedWorkflows} cached cases (about ${needed} MiB): raise the heap or lower the cache`;
}

/** Applies to threads started from now on (the SDK's workflow thread), not to the calling one. */
export function limitWorkflowThreadHeap(heapMiB: number): void {
  v8.setFlagsFromString(`--max-old-space-size=${heapMiB}`);
}
