// The baseline's worker as a process of its own, like the product's worker.
import { spawn } from 'node:child_process';
import { PROJECT_ROOT } from '../../config/env';
import { typescriptEntryArgs } from '../../dev/typescriptEntry';

export const BASELINE_TASK_QUEUE = 'bench-baseline';

export interface BaselineWorker {
  pid: number;
  stop(): Promise<void>;
}

export function startBaselineWorker(temporalAddress: string): BaselineWorker {
  const worker = spawn(process.execPath, typescriptEntryArgs('bench/baseline/worker.ts'), {
    cwd: PROJECT_ROOT,
    env: { ...process.env, TEMPORAL_ADDRESS: temporalAddress, BASELINE_TASK_QUEUE },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  return {
    pid: worker.pid!,
    stop: async () => {
      if (worker.exitCode === null) worker.kill('SIGTERM');
      await exited;
    },
  };
}
