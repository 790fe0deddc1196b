// Wires workflows and activities into a Temporal worker; used by worker/main.ts and the tests.
import type { DataConverter } from '@temporalio/common';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Worker, type WorkerOptions, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { ActivityDeps } from '../activities/deps';
import { FAILURE_CONVERTER_PATH } from '../lib/payloadCodec';

export const WORKFLOWS_PATH = require.resolve('../workflows');

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundling takes seconds; processes that create several workers share one bundle. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  // The failure converter is part of the bundle: workflow failures' messages are encoded (and so
  // encrypted) like the activities' (lib/failureConverter.ts).
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, failureConverterPath: FAILURE_CONVERTER_PATH, logger: new DefaultLogger('WARN') });
  return bundle;
}

export async function createWorker(options: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** Payload encryption (config/temporal.ts temporalDataConverter): the same keys as every client's. */
  dataConverter: DataConverter;
  deps: ActivityDeps;
  maxCachedWorkflows?: number;
  /** How long a stopping worker lets its running activities finish (worker/main.ts). */
  shutdown?: Pick<WorkerOptions, 'shutdownGraceTime' | 'shutdownForceTime'>;
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    dataConverter: options.dataConverter,
    workflowBundle: await workflowBundle(),
    activities: createActivities(options.deps),
    maxCachedWorkflows: options.maxCachedWorkflows,
    ...options.shutdown,
  });
}
