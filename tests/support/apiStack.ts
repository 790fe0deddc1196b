// The running stack most API tests need: a Temporal dev server, a worker on its own task
// queue, and the API using both, started before a describe block and stopped after it.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { AppDeps } from '../../api/deps';
import { startApi, type RunningApi } from './http';
import { PetitionHarness } from './petitions';
import { startedParts, type Parts } from './startedParts';
import { createDevServerEnv } from './temporal';

export interface ApiStack {
  readonly env: TestWorkflowEnvironment;
  readonly h: PetitionHarness;
  readonly api: RunningApi;
}

/** Call at the top of a describe block, before its own hooks (they run in registration order). */
export function useApiStack(overrides: Partial<AppDeps> = {}): ApiStack {
  const parts: Parts<ApiStack> = {};

  before(async () => {
    parts.env = await createDevServerEnv();
    parts.h = new PetitionHarness(parts.env);
    await parts.h.startWorker();
    parts.api = await startApi({ temporal: parts.env.connection, taskQueue: parts.h.taskQueue, ...overrides });
  });

  after(async () => {
    await parts.api?.close();
    await parts.h?.stopWorker();
    await parts.env?.teardown();
  });

  return startedParts(parts, ['env', 'h', 'api'], 'API stack');
}
