// The worker process: runs petition workflows and their activities until SIGINT/SIGTERM.
import './mainThreadSourceMaps';
import { DefaultLogger, NativeConnection, Runtime, makeTelemetryFilterString, type LogLevel } from '@temporalio/worker';
import { ConfigError, loadEnv, publicBaseUrl } from '../config/env';
import { createLogger } from '../config/logger';
import { temporalConnectionOptions, temporalDataConverter } from '../config/temporal';
import { startTracing } from '../config/tracing';
import { createPrismaClient } from '../prisma/client';
import { assertApplicationRole } from '../prisma/databaseRoles';
import { signingKey } from '../lib/auditCheckpoints/keys';
import { scheduleCheckpoints } from '../lib/auditCheckpoints/schedule';
import { telephonyDeps } from '../telephony/deps';
import { createWorker } from './createWorker';
import { installHeapReport } from './heapReport';
import { limitWorkflowThreadHeap, workflowHeapProblem } from './workflowHeap';
import { workerWorkflowBundle } from './workflowBundle';

/**
 * On SIGTERM, activities already running (a projection write, an SMS) get 10 s to finish before
 * they are asked to cancel, and the worker ends within 20 s whatever happens: before the
 * launcher's 30 s, after which it would be killed. Anything unfinished is retried by Temporal.
 */
const SHUTDOWN = { shutdownGraceTime: '10s', shutdownForceTime: '20s' } as const;

async function main(): Promise<void> {
  const env = loadEnv();
  const heapProblem = workflowHeapProblem(env.WORKER_WORKFLOW_HEAP_MB, env.WORKER_MAX_CACHED_WORKFLOWS, env.WORKER_WORKFLOW_THREADS);
  if (heapProblem) throw new ConfigError(`invalid configuration:\n  ${heapProblem}`);
  limitWorkflowThreadHeap(env.WORKER_WORKFLOW_HEAP_MB);
  const log = createLogger('worker', env.LOG_LEVEL);
  // The SDK's own messages go through pino too, so every line of the worker is JSON.
  const sdkLog = log.child({ component: 'temporal-sdk' });
  const toPino: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };
  Runtime.install({
    // SIGUSR2 is the memory report's (heapReport.ts), not one more way to stop.
    shutdownSignals: ['SIGINT', 'SIGTERM', 'SIGQUIT'],
    logger: new DefaultLogger('INFO', (entry) => sdkLog[toPino[entry.level]]({ ...entry.meta }, entry.message)),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} },
      // The SDK's own names and units, which Temporal's published SDK dashboards expect.
      ...(env.WORKER_METRICS_ADDRESS ? { metrics: { prometheus: { bindAddress: env.WORKER_METRICS_ADDRESS } } } : {}),
    },
  });
  const tracing = startTracing(env, 'hotline-worker', log);
  // Before anything is connected: a build without its bundle is refused first.
  const bundleStart = performance.now();
  const { bundle, source } = await workerWorkflowBundle({ variant: tracing ? 'traced' : 'plain', onStale: (reason) => log.info({ reason }, 'workflow bundle rebuilt') });
  log.info({ source, traced: tracing !== null, ms: Math.round(performance.now() - bundleStart) }, 'workflow bundle loaded');
  const prisma = createPrismaClient(env.databaseUrl);
  await assertApplicationRole(prisma, { production: env.NODE_ENV === 'production', log });
  const options = temporalConnectionOptions(env);
  const connection = await NativeConnection.connect({ address: options.address, tls: options.tls, apiKey: env.TEMPORAL_API_KEY, metadata: options.metadata });
  const worker = await createWorker({ workflowBundle: bundle, connection, namespace: env.TEMPORAL_NAMESPACE, taskQueue: env.TEMPORAL_TASK_QUEUE, dataConverter: temporalDataConverter(env), deps: { prisma, log, telephony: { ...telephonyDeps(env), webhookBaseUrl: publicBaseUrl(env) }, links: { secret: env.PUBLIC_LINK_SECRET, baseUrl: publicBaseUrl(env) } }, maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS, workflowThreads: env.WORKER_WORKFLOW_THREADS, shutdown: SHUTDOWN, tracing: tracing ?? undefined });
  log.info({ payloadKeyId: env.temporalPayloadKeys[0]!.id, maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS, workflowHeapMiB: env.WORKER_WORKFLOW_HEAP_MB, workflowThreads: env.WORKER_WORKFLOW_THREADS, taskQueue: env.TEMPORAL_TASK_QUEUE, namespace: env.TEMPORAL_NAMESPACE, address: env.temporalAddress }, 'worker started');
  // Worker.run() shuts down gracefully on SIGINT/SIGTERM/SIGQUIT (the Runtime's shutdown signals):
  // no new tasks, running ones finish (SHUTDOWN), then it resolves.
  const stopHeapReport = installHeapReport(log, env.HEAP_REPORT_FILE);
  const stopCheckpoints = scheduleCheckpoints(prisma, { file: env.auditCheckpointFile, key: signingKey(env), intervalSeconds: env.AUDIT_CHECKPOINT_INTERVAL_SECONDS, log: log.child({ component: 'audit-checkpoints' }) });
  await worker.run();
  stopCheckpoints();
  stopHeapReport();
  await connection.close();
  await prisma.$disconnect();
  // Last: the spans of the activities the shutdown let finish are among those sent.
  await tracing?.shutdown();
  log.info('worker stopped');
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
