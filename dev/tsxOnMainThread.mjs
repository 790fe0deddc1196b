// tsx for a process's main thread only (`node --import <this file> entry.ts`). Node runs an
// `--import` in every worker thread too, and tsx turns Node's source maps on where it loads. The
// worker's workflow threads (the SDK's) run plain JavaScript, map workflow stack traces
// themselves, and compile a small function per promise, whose source Node scans for a
// source-map comment while source maps are on: a few milliseconds of an evicted case's task
// (docs/performance.md, "Workflow threads without Node's source maps").
import { isMainThread } from 'node:worker_threads';

if (isMainThread) await import('tsx');
