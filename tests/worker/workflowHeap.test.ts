// The worker bounds its workflow thread's heap (worker/workflowHeap.ts), and refuses a cache
// that heap cannot hold instead of running out of memory under load.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadEnv } from '../../config/env';
import { workflowHeapNeededMiB, workflowHeapProblem } from '../../worker/workflowHeap';

const ROOT = path.resolve(__dirname, '../..');

/** Runs TypeScript in a Node process of its own (a V8 flag set in the test process would outlive the test). */
function runNode(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('the workflow thread’s heap', function () {
  this.timeout(120_000);

  it('holds the default cache under the default limit, and names both settings when it cannot', () => {
    const defaults = loadEnv({});
    assert.equal(workflowHeapProblem(defaults.WORKER_WORKFLOW_HEAP_MB, defaults.WORKER_MAX_CACHED_WORKFLOWS, defaults.WORKER_WORKFLOW_THREADS), null);
    assert.ok(workflowHeapNeededMiB(200) <= 512);
    // 1,000 cases (about 330 MiB live) fit in 512 MiB but would leave V8 no room to collect
    // efficiently (measured with 360 MiB live: p99 529 ms on evicted cases).
    assert.match(workflowHeapProblem(512, 1000) ?? '', /WORKER_WORKFLOW_HEAP_MB=512 cannot hold WORKER_MAX_CACHED_WORKFLOWS=1000 cached cases \(about 700 MiB a thread\)/);
  });

  it('shares the cache out among the workflow threads, each with the limit', () => {
    // 1,500 cases over two threads: 750 each, 2 × (50 + 225) = 550 MiB a thread.
    assert.equal(workflowHeapNeededMiB(1500, 2), 550);
    assert.equal(workflowHeapProblem(600, 1500, 2), null);
    assert.match(workflowHeapProblem(512, 1500, 2) ?? '', /cannot hold WORKER_MAX_CACHED_WORKFLOWS=1500 cached cases over WORKER_WORKFLOW_THREADS=2 \(about 550 MiB a thread\)/);
    // Rounded up: 201 cases over two threads is 101 in the fuller one.
    assert.equal(workflowHeapNeededMiB(201, 2), workflowHeapNeededMiB(101));
  });

  it('applies the limit to threads started after it (where the SDK runs workflows)', () => {
    const script = `
      const v8 = require('node:v8');
      const { Worker } = require('node:worker_threads');
      require('./worker/workflowHeap').limitWorkflowThreadHeap(300);
      new Worker("require('node:worker_threads').parentPort.postMessage(require('node:v8').getHeapStatistics().heap_size_limit)", { eval: true })
        .on('message', (limit) => console.log(JSON.stringify({ thread: limit, main: v8.getHeapStatistics().heap_size_limit })));`;
    const run = runNode(['-e', script]);
    assert.equal(run.status, 0, run.stderr);
    const { thread, main } = JSON.parse(run.stdout) as { thread: number; main: number };
    const mib = (bytes: number) => bytes / 1024 / 1024;
    // V8 adds its young generation to the old space's limit.
    assert.ok(mib(thread) >= 300 && mib(thread) < 400, `thread heap limit ${mib(thread)} MiB`);
    assert.ok(mib(main) > 400, `the main thread keeps its own (${mib(main)} MiB)`);
  });

  it('refuses to start a worker whose cache does not fit its heap', () => {
    const run = runNode(['worker/main.ts'], { WORKER_MAX_CACHED_WORKFLOWS: '2000', WORKER_WORKFLOW_HEAP_MB: '512' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /WORKER_WORKFLOW_HEAP_MB=512 cannot hold WORKER_MAX_CACHED_WORKFLOWS=2000 cached cases/);
  });
});
