// The running stack most API tests need: a Temporal dev server, a worker on its own task
// queue, and the API using both, started before a describe block and stopped after it.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { AppDeps } from '../../api/app';
import { startApi, type RunningApi } from './http';
import { PetitionHarness } from './petitions';
import { createDevServerEnv } from './temporal';

export interface ApiStack {
  readonly env: TestWorkflowEnvironment;
  readonly h: PetitionHarness;
  readonly api: RunningApi;
}

/** Call at the top of a describe block, before its own hooks (they run in registration order). */
export function useApiStack(overrides: Partial<AppDeps> = {}): ApiStack {
  let env: TestWorkflowEnvironment | undefined;
  let h: PetitionHarness | undefined;
  let api: RunningApi | undefined;

  before(async () => {
    env = await createDevServerEnv();
    h = new PetitionHarness(env);
    await h.startWorker();
    api = await startApi({ temporal: env.connection, taskQueue: h.taskQueue, ...overrides });
  });

  after(async () => {
    await api?.close();
    await h?.stopWorker();
    await env?.teardown();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the API stack is not running: use it inside the describe block that called useApiStack');
    return value;
  };
  return {
    get env() {
      return started(env);
    },
    get h() {
      return started(h);
    },
    get api() {
      return started(api);
    },
  };
}
