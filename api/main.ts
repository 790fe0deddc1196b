// The API process: serves the HTTP API and the built admin console.
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { ConfigError, loadEnv, refuseDemoSecretsOffLoopback } from '../config/env';
import { createLogger } from '../config/logger';
import { temporalConnectionOptions, temporalDataConverter } from '../config/temporal';
import { startTracing } from '../config/tracing';
import { createPrismaClient } from '../prisma/client';
import { assertApplicationRole } from '../prisma/databaseRoles';
import { createAttachmentStore } from '../storage/createAttachmentStore';
import { telephonyDeps } from '../telephony/deps';
import { createTranscriber } from '../telephony/transcription/createTranscriber';
import { createApp } from './app';
import { createApiMetrics } from './metrics/apiMetrics';
import { startMetricsServer } from './metrics/metricsServer';
import type { AppDeps } from './deps';
import { createApiServer } from './server';
import { refuseDemoPasswordsOffLoopback } from './demoAccounts';
import packageJson from '../package.json';

async function main(): Promise<void> {
  const env = loadEnv();
  // The demo secrets and accounts are public: only this machine may reach an API that uses them.
  refuseDemoSecretsOffLoopback(env);
  const log = createLogger('api', env.LOG_LEVEL);
  const tracing = startTracing(env, 'hotline-api', log);
  const prisma = createPrismaClient(env.databaseUrl);
  await assertApplicationRole(prisma, { production: env.NODE_ENV === 'production', log });
  await refuseDemoPasswordsOffLoopback(prisma, env.API_HOST);
  // Lazy: the API starts (and /healthz says why it is degraded) while Temporal is down.
  const temporal = Connection.lazy(temporalConnectionOptions(env));
  const metrics = env.API_METRICS_ADDRESS ? createApiMetrics({ prisma, log }) : undefined;
  const deps: AppDeps = {
    prisma, temporal, namespace: env.TEMPORAL_NAMESPACE, dataConverter: temporalDataConverter(env), taskQueue: env.TEMPORAL_TASK_QUEUE, log, jwtSecret: env.JWT_SECRET, publicLinkSecret: env.PUBLIC_LINK_SECRET, accessTtlSeconds: env.JWT_ACCESS_TTL_SECONDS, version: packageJson.version,
    open311JurisdictionId: env.OPEN311_JURISDICTION_ID, open311PostsPerMinute: env.OPEN311_POSTS_PER_MINUTE, open311ReadsPerMinute: env.OPEN311_READS_PER_MINUTE, publicBaseUrl: env.PUBLIC_BASE_URL,
    publicLookupsPerMinute: env.PUBLIC_LOOKUPS_PER_MINUTE, publicSubmissionsPerHour: env.PUBLIC_SUBMISSIONS_PER_HOUR, trustProxy: env.TRUST_PROXY, tracer: tracing?.tracer,
    attachmentStore: createAttachmentStore(env), attachmentMaxBytes: env.ATTACHMENT_MAX_BYTES, corsOrigins: env.CORS_ORIGINS, temporalUiOrigins: env.temporalUiOrigins, twilio: telephonyDeps(env), databaseUrl: env.databaseUrl, metrics,
  };
  const api = createApiServer(createApp(deps), { ...deps, transcriber: createTranscriber(env, log), mediaStreamTempDir: path.join(env.DATA_DIR, 'media-streams') });
  // Before the API port: an address that cannot be had stops the start-up (a ConfigError naming the setting).
  const metricsListener = env.API_METRICS_ADDRESS && metrics ? await startMetricsServer(metrics.registry, env.API_METRICS_ADDRESS, log) : undefined;
  if (metricsListener) log.info({ url: metricsListener.url }, 'api metrics listening');
  const { server } = api;
  server.listen(env.API_PORT, env.API_HOST);
  server.on('error', (error: NodeJS.ErrnoException) => {
    log.fatal(error.code === 'EADDRINUSE' ? `port ${env.API_PORT} is already in use: set API_PORT to a free port` : error.message);
    process.exit(1);
  });
  server.on('listening', () => log.info({ url: `http://${env.API_HOST}:${env.API_PORT}` }, 'api listening'));
  const shutdown = () => {
    log.info('api stopping');
    // Open media streams are closed and their audio stored before the database goes.
    void api.close().then(async () => {
      await metricsListener?.close();
      await temporal.close();
      await prisma.$disconnect();
      // After the server has closed: the last requests' spans are among those sent.
      await tracing?.shutdown();
      process.exit(0);
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
