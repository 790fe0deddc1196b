// The drill's own stack, apart from anything else on the machine: a PostgreSQL cluster and a
// Temporal dev server (SQLite file) in a temporary folder, a fresh database migrated and
// seeded with the demo city, and the worker, API and local Twilio endpoint as supervised child
// processes (scripts/services/stack.ts) that the drill may kill, and that come back.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import pg from 'pg';
import { overrideRuleSettings } from '../lib/ruleOverrides';
import { localDatabaseUrl } from '../../config/env';
import { createFreshDatabase } from '../db/freshDatabase';
import { freePort } from '../lib/ports';
import { probeTemporal } from '../services/temporal';
import { LocalStack, waitForApi, type ServiceName } from '../services/stack';

const NAMESPACE = 'default';
const TASK_QUEUE = 'petitions';
/** temporal.api.enums.v1.TaskQueueType: the pollers of workflow tasks. */
const TASK_QUEUE_TYPE_WORKFLOW = 1;

export interface DrillStack {
  stack: LocalStack;
  workDir: string;
  databaseUrl: string;
  apiUrl: string;
  temporalAddress: string;
  /** Resolves once `name` serves again (the worker: polls its task queue). */
  ready(name: ServiceName): Promise<void>;
  /** Stops everything; the folder (cluster, SQLite file, logs) is removed unless kept. */
  stop(options: { keepFiles: boolean }): Promise<void>;
}

export async function startDrillStack(log: (message: string) => void): Promise<DrillStack> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'hotline-drill-'));
  // mkdtemp makes it private; the `postgres` user (when we run as root) must reach it.
  chmodSync(workDir, 0o755);
  const ports = { pg: await freePort(), temporal: await freePort(), temporalUi: await freePort(), api: await freePort(), localTwilio: await freePort() };
  const stack = new LocalStack({ log, alarm: log, logDir: workDir });
  const apiUrl = `http://127.0.0.1:${ports.api}`;
  const temporalAddress = `127.0.0.1:${ports.temporal}`;
  // The children have process groups of their own, out of a terminal's Ctrl-C: stop them here.
  const interrupted = () => {
    log('interrupted: stopping the stack');
    void stack.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const forgetInterrupt = () => {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  };
  try {
    await stack.startPostgres(workDir, ports.pg);
    const { appUrl: databaseUrl } = await createFreshDatabase(localDatabaseUrl(ports.pg), 'hotline_drill');
    // The drill signs in once: its tokens live the longest a token may (an hour).
    await overrideRuleSettings(databaseUrl, { 'session.accessTtlSeconds': 3600 });
    await stack.startTemporal({ dataRoot: workDir, port: ports.temporal, uiPort: ports.temporalUi, namespace: NAMESPACE });
    const appEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: 'warn',
      DATA_DIR: workDir,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: NAMESPACE,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      API_HOST: '127.0.0.1',
      API_PORT: String(ports.api),
      LOCAL_TWILIO_PORT: String(ports.localTwilio),
      // The drill logs in once; its tokens must outlive it (an hour at most, docs/security.md).
      JWT_ACCESS_TTL_SECONDS: '3600',
    };
    stack.startApp('worker', appEnv);
    stack.startApp('api', appEnv);
    stack.startApp('local-twilio', appEnv);
    await waitForApi(apiUrl);

    const ready = async (name: ServiceName) => {
      switch (name) {
        case 'postgres': {
          const client = new pg.Client({ connectionString: databaseUrl });
          await client.connect();
          await client.end();
          return;
        }
        case 'temporal':
          return probeTemporal(temporalAddress, NAMESPACE);
        case 'worker':
          return workerPolls(temporalAddress, stack.service('worker').pid);
        case 'api':
        case 'local-twilio': {
          const health = (await (await fetch(`${apiUrl}/healthz`)).json()) as { checks: Record<string, { ok: boolean }> };
          if (!health.checks.postgres?.ok || !health.checks.temporal?.ok) throw new Error(`API degraded: ${JSON.stringify(health.checks)}`);
          return;
        }
      }
    };
    return {
      stack, workDir, databaseUrl, apiUrl, temporalAddress, ready,
      stop: async ({ keepFiles }) => {
        await stack.stop();
        forgetInterrupt();
        if (!keepFiles) rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stack.stop();
    forgetInterrupt();
    throw new Error(`the drill's stack did not start (logs in ${workDir}): ${(error as Error).message}`);
  }
}

/** The worker with this pid polls the petitions task queue (its identity is `<pid>@<host>`). */
async function workerPolls(address: string, pid: number | null): Promise<void> {
  if (pid === null) throw new Error('the worker is not running');
  const connection = await Connection.connect({ address, connectTimeout: 2_000 });
  try {
    const { pollers } = await connection.workflowService.describeTaskQueue({ namespace: NAMESPACE, taskQueue: { name: TASK_QUEUE }, taskQueueType: TASK_QUEUE_TYPE_WORKFLOW });
    if (!pollers?.some((poller) => poller.identity?.startsWith(`${pid}@`))) throw new Error(`worker ${pid} does not poll yet`);
  } finally {
    await connection.close();
  }
}
