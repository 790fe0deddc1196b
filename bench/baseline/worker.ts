// The baseline's worker, a process of its own like the product's: the bare workflows only, no
// activities, on the same Temporal server, with the product's payload encryption and the
// product worker's cache and workflow threads (their cost is the engine path's, not the
// product's logic).
//   TEMPORAL_ADDRESS=… BASELINE_TASK_QUEUE=… tsx bench/baseline/worker.ts
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { loadEnv } from '../../config/env';
import { temporalDataConverter } from '../../config/temporal';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = loadEnv();
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await Worker.create({
    connection, taskQueue: process.env.BASELINE_TASK_QUEUE!, workflowsPath: require.resolve('./workflows'), dataConverter: temporalDataConverter(env),
    maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS, workflowThreadPoolSize: env.WORKER_WORKFLOW_THREADS,
  });
  await worker.run();
  await connection.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
