// The worker as its own operating-system process (worker/main.ts under tsx, as `npm start` runs
// it), on the test database and a Temporal server the test started.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config/env';
import { waitFor } from '../../scripts/lib/ports';
import { testDatabaseUrl } from './db';

export interface WorkerProcess {
  /** Everything the process wrote (stdout and stderr). */
  output(): string;
  /** SIGTERM, then the worker's own graceful shutdown (it ends within 20 s). */
  stop(): Promise<void>;
}

/** Starts worker/main.ts with these settings (over the defaults below) and waits until it logs that it started. */
export async function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'worker-process-')),
      DATABASE_URL: testDatabaseUrl(),
      AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  try {
    await waitFor('the worker process', async () => {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}:\n${output}`);
      if (!output.includes('"msg":"worker started"')) throw new Error('not started yet');
    }, 180_000, 250);
  } catch (error) {
    await stop();
    throw error;
  }
  return { output: () => output, stop };
}
