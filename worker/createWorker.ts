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
  bundle ??= bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: new DefaultLogger('WARN'),
    // The SDK evaluates the bundle's modules once per cached workflow (docs/performance.md,
    // worker memory). Scope hoisting merges the ES modules (zod's) into one scope, without a
    // namespace object and getters per module, and modules nothing uses are left out: 133
    // modules became 82. Code is not minified, so stack traces and names stay as written.
    webpackConfigHook: (config) => ({
      ...config,
      optimization: { ...config.optimization, providedExports: true, usedExports: true, innerGraph: true, sideEffects: true, concatenateModules: true },
    }),
  });
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
