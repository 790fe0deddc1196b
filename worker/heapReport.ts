// On SIGUSR2 the worker reports its memory: after a full garbage collection of the main thread
// when Node runs with --expose-gc, the resident size and the main thread's V8 heap by space, logged and, when HEAP_REPORT_FILE is set, written there as JSON (the
// benchmark reads it). An operator sends `kill -USR2 <pid>` to see where a worker's memory goes.
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';
import type { Logger } from '../config/logger';

const MiB = 1024 * 1024;
const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

export interface HeapReport {
  at: string;
  /** Whether a full collection ran first (Node started with --expose-gc). */
  collected: boolean;
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  arrayBuffersMiB: number;
  /**
   * What the process holds outside the main thread's V8 heap: the workflow threads' own heaps
   * (the SDK runs workflows in worker threads), the SDK's Rust core, buffers, code.
   */
  outsideHeapMiB: number;
  spaces: { name: string; usedMiB: number; sizeMiB: number }[];
}

export function heapReport(): HeapReport {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const memory = process.memoryUsage();
  return {
    at: new Date().toISOString(),
    collected: gc !== undefined,
    rssMiB: mib(memory.rss),
    heapUsedMiB: mib(memory.heapUsed),
    heapTotalMiB: mib(memory.heapTotal),
    externalMiB: mib(memory.external),
    arrayBuffersMiB: mib(memory.arrayBuffers),
    outsideHeapMiB: mib(memory.rss - memory.heapTotal),
    spaces: v8.getHeapSpaceStatistics().map((space) => ({ name: space.space_name, usedMiB: mib(space.space_used_size), sizeMiB: mib(space.space_size) })),
  };
}

export function installHeapReport(log: Logger, file: string | undefined): () => void {
  const report = () => {
    const answer = heapReport();
    log.info(answer, 'heap report');
    if (file) writeFileSync(file, JSON.stringify(answer));
  };
  process.on('SIGUSR2', report);
  return () => process.off('SIGUSR2', report);
}
