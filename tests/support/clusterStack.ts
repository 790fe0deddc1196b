// The product as a city runs it, for `npm run test:cluster`: workers and API processes
// (worker/main.ts, api/main.ts under tsx, as `npm start` runs them) on the Temporal cluster and
// database scripts/testCluster.ts prepared, and the local Twilio endpoint in this process. Each
// process can be killed (SIGKILL) and started again on the same port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { PROJECT_ROOT } from '../../config/env';
import { typescriptEntryArgs } from '../../dev/typescriptEntry';
import { createLogger } from '../../config/logger';
import { startLocalTwilio, type LocalTwilio } from '../../dev/localTwilio';
import { freePort, waitFor } from '../../scripts/lib/ports';
import { stopChild } from '../../scripts/lib/stopChild';
import { loadWorkflowBundle } from '../../worker/workflowBundle';
import { testDatabaseUrl } from './db';

const ACCOUNT_SID = `AC${'0'.repeat(32)}`;
const AUTH_TOKEN = 'cluster-test-twilio-token-0123456789';
const JWT_SECRET = 'cluster-test-jwt-secret-0123456789-0123456789';
const TASK_QUEUE = 'petitions';

export interface ProductProcess {
  name: string;
  pid(): number;
  output(): string;
  /** SIGKILL, as a crash or an OOM kill would: no graceful shutdown. */
  kill(): Promise<void>;
  /** Started again (an API on the same port), waiting until it serves. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface ApiProcessHandle extends ProductProcess {
  url: string;
}

export interface WorkerProcessHandle extends ProductProcess {
  /** Its Prometheus endpoint (WORKER_METRICS_ADDRESS). */
  metricsUrl: string;
}

export interface ClusterStack {
  temporalAddress: string;
  connection: Connection;
  twilio: LocalTwilio;
  workers: WorkerProcessHandle[];
  apis: ApiProcessHandle[];
  stop(): Promise<void>;
}

function temporalAddress(): string {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEMPORAL_ADDRESS is not set: run these tests with `npm run test:cluster`');
  return address;
}

/** The identities of the workers polling the product's task queue (`<pid>@<host>`, the SDK's default). */
export async function pollingWorkers(connection: Connection): Promise<string[]> {
  const { pollers } = await connection.workflowService.describeTaskQueue({
    namespace: 'default',
    taskQueue: { name: TASK_QUEUE },
    taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  return (pollers ?? []).map((poller) => poller.identity ?? '');
}

function productProcess(name: string, entry: string, env: NodeJS.ProcessEnv, ready: (child: ChildProcess) => Promise<void>): ProductProcess & { start(): Promise<void> } {
  let child: ChildProcess | null = null;
  let output = '';
  const start = async () => {
    child = spawn(process.execPath, typescriptEntryArgs(entry), { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const started = child;
    started.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(`the ${name}`, async () => {
      if (started.exitCode !== null) throw new Error(`exited with ${started.exitCode}:\n${output}`);
      await ready(started);
    }, 180_000, 250);
  };
  return {
    name,
    start,
    pid: () => child!.pid!,
    output: () => output,
    kill: async () => stopChild(child!, 5_000, 'SIGKILL'),
    restart: start,
    stop: async () => (child ? stopChild(child, 30_000) : undefined),
  };
}

/** `workers` workers and `apis` API processes on the cluster, all sharing the test database. */
export async function startClusterStack(counts: { workers: number; apis: number }): Promise<ClusterStack> {
  const address = temporalAddress();
  const connection = await Connection.connect({ address });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hotline-cluster-'));
  const apiPorts = await Promise.all(Array.from({ length: counts.apis }, () => freePort()));
  // Its status callbacks to a killed API fail by design: not worth a line each.
  const twilio = await startLocalTwilio({ port: 0, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, webhookBaseUrl: `http://127.0.0.1:${apiPorts[0]}`, log: createLogger('local-twilio', 'error') });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    DATABASE_URL: testDatabaseUrl(),
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    JWT_SECRET,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_API_BASE_URL: twilio.url,
    // Status callbacks and citizens' links go to the first API (a city's load balancer in front of all).
    PUBLIC_BASE_URL: `http://127.0.0.1:${apiPorts[0]}`,
  };
  // Built once here: two workers starting at once would each run webpack.
  await loadWorkflowBundle();
  const metricsPorts = await Promise.all(Array.from({ length: counts.workers }, () => freePort()));
  const workers = metricsPorts.map((metricsPort, n) => {
    const worker = productProcess(`worker ${n + 1}`, 'worker/main.ts', { ...env, WORKER_METRICS_ADDRESS: `127.0.0.1:${metricsPort}` }, async (child) => {
      const identities = await pollingWorkers(connection);
      if (!identities.some((identity) => identity.startsWith(`${child.pid}@`))) throw new Error(`not polling yet (pollers: ${identities.join(', ') || 'none'})`);
    });
    return { ...worker, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` };
  });
  const apis = apiPorts.map((port, n) => {
    const url = `http://127.0.0.1:${port}`;
    const api = productProcess(`API ${n + 1}`, 'api/main.ts', { ...env, API_HOST: '127.0.0.1', API_PORT: String(port) }, async () => {
      const response = await fetch(`${url}/healthz`);
      if (response.status !== 200) throw new Error(`healthz ${response.status}: ${await response.text()}`);
    });
    return { ...api, url };
  });
  const all = [...workers, ...apis];
  const stop = async () => {
    await Promise.all(apis.map((api) => api.stop()));
    await Promise.all(workers.map((worker) => worker.stop()));
    await twilio.close();
    await connection.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await Promise.all(all.map((part) => part.start()));
  } catch (error) {
    await stop();
    throw error;
  }
  return { temporalAddress: address, connection, twilio, workers, apis, stop };
}
