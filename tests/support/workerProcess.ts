// The worker as its own operating-system process (worker/main.ts under tsx, as `npm start` runs
// it), on a test Temporal server and the test database: for tests of what only the process does
// (its Prometheus endpoint, WORKER_METRICS_ADDRESS; its traces).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { PROJECT_ROOT } from '../../config/env';
import { typescriptEntryArgs } from '../../dev/typescriptEntry';
import { freePort, waitFor } from '../../scripts/lib/ports';
import { stopChild } from '../../scripts/lib/stopChild';
import { loadWorkflowBundle } from '../../worker/workflowBundle';
import { testDatabaseUrl } from './db';

export interface WorkerProcess {
  /** Its Prometheus endpoint. */
  metricsUrl: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts worker/main.ts on `taskQueue` of the server `connection` reaches (TEMPORAL_ADDRESS in
 * `env`), serving its metrics on a free port, and waits until it polls the queue.
 */
export async function startWorkerProcess(connection: Connection, taskQueue: string, env: Record<string, string>): Promise<WorkerProcess> {
  // Built here once (or read from its cache): the process then starts without running webpack.
  // A worker with traces on uses the traced bundle, which its test builds itself.
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) await loadWorkflowBundle();
  const metricsPort = await freePort();
  let output = '';
  const child = spawn(process.execPath, typescriptEntryArgs('worker/main.ts'), {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'worker-process-')),
      DATABASE_URL: testDatabaseUrl(),
      TEMPORAL_TASK_QUEUE: taskQueue,
      WORKER_METRICS_ADDRESS: `127.0.0.1:${metricsPort}`,
      AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // The worker's own graceful shutdown ends within 20 s.
  const stop = () => stopChild(child, 30_000);
  try {
    await waitFor('the worker process', async () => {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}:\n${output}`);
      const { pollers } = await connection.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name: taskQueue },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      if (!(pollers ?? []).some((poller) => poller.identity?.startsWith(`${child.pid}@`))) throw new Error('not polling yet');
    }, 120_000, 250);
  } catch (error) {
    await stop();
    throw error;
  }
  return { metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`, output: () => output, stop };
}
