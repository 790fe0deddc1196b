// Wires workflows and activities into a Temporal worker; used by worker/main.ts and the tests.
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type WorkerOptions, type WorkflowBundle, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { ActivityDeps } from '../activities/deps';
import type { Tracing } from '../config/tracing';
import { tracingWorkerOptions } from './tracing';
import { loadWorkflowBundle } from './workflowBundle';

let bundle: Promise<WorkflowBundle> | undefined;
let tracedBundle: Promise<WorkflowBundle> | undefined;

/** Processes that create several workers (the tests) share one bundle. */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= loadWorkflowBundle().then((loaded) => loaded.bundle);
  return bundle;
}

/** The bundle with the tracing interceptors (worker/tracing.ts), shared likewise. */
export function tracedWorkflowBundle(): Promise<WorkflowBundle> {
  tracedBundle ??= loadWorkflowBundle({ variant: 'traced' }).then((loaded) => loaded.bundle);
  return tracedBundle;
}

export async function createWorker(options: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** Payload encryption (config/temporal.ts temporalDataConverter): the same keys as every client's. */
  dataConverter: DataConverter;
  deps: ActivityDeps;
  maxCachedWorkflows?: number;
  /** Threads the cached cases run in (the SDK's default: one). */
  workflowThreads?: number;
  /** worker/main.ts loads it itself to report where it came from; the tests share one per process. */
  workflowBundle?: WorkflowBundleOption;
  /** How long a stopping worker lets its running activities finish (worker/main.ts). */
  shutdown?: Pick<WorkerOptions, 'shutdownGraceTime' | 'shutdownForceTime'>;
  /** Traces on (config/tracing.ts): the traced bundle (unless given one), the activity interceptors and the workflows' span sink. */
  tracing?: Pick<Tracing, 'tracer' | 'spanProcessor' | 'resource'>;
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    dataConverter: options.dataConverter,
    workflowBundle: options.workflowBundle ?? (await (options.tracing ? tracedWorkflowBundle() : workflowBundle())),
    activities: createActivities(options.deps),
    maxCachedWorkflows: options.maxCachedWorkflows,
    ...(options.workflowThreads ? { workflowThreadPoolSize: options.workflowThreads } : {}),
    ...options.shutdown,
    ...(options.tracing ? tracingWorkerOptions(options.tracing) : {}),
  });
}
