// What every benchmark runs against: a fresh migrated and seeded database, a Temporal dev
// server (SQLite, as `npm start` runs it) and one worker process, all torn down by stop().
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { loadEnv, PROJECT_ROOT } from '../config/env';
import { typescriptEntryArgs } from '../dev/typescriptEntry';
import { createPrismaClient, type PrismaClient } from '../prisma/client';
import { createFreshDatabase, scratchServer } from '../scripts/db/freshDatabase';
import { freePort } from '../scripts/lib/ports';
import { dropDatabase } from '../scripts/services/postgres';
import { ensureLocalTemporal } from '../scripts/services/temporal';
import { startScratchCluster } from '../scripts/services/temporalCluster';
import { loadWorkflowBundle, WORKFLOW_BUNDLE_DIR } from '../worker/workflowBundle';

export const log = (message: string) => console.log(`[bench] ${message}`);

/** Runs `work` on a fresh database (migrated and seeded) on the scratch server, dropped afterwards. */
export async function withFreshDatabase<T>(name: string, work: (databaseUrl: string) => Promise<T>): Promise<T> {
  const server = await scratchServer(loadEnv(), log);
  // The benchmark's own rows (synthetic cases) go in as the schema's owner.
  const database = await createFreshDatabase(server.serverUrl, name, log);
  const databaseUrl = database.ownerUrl;
  try {
    return await work(databaseUrl);
  } finally {
    await dropDatabase(database.superuserUrl);
    server.release();
  }
}

export interface BenchStack {
  databaseUrl: string;
  prisma: PrismaClient;
  connection: Connection;
  temporalAddress: string;
  worker: ChildProcess;
  stop(): Promise<void>;
}

export interface BenchStackOptions {
  /**
   * Started before the worker (the API, the local Twilio endpoint): what it returns goes into
   * the worker's environment, and its stop runs before the rest is torn down.
   */
  prepare?: (parts: { databaseUrl: string; prisma: PrismaClient; connection: Connection }) => Promise<{ workerEnv?: Record<string, string>; stop?: () => Promise<void> }>;
  /** Node options of the worker process, e.g. --expose-gc for a memory report after a full collection. */
  workerNodeOptions?: string[];
  /** false: the worker finds no kept workflow bundle and builds it itself, as on a first start. */
  keptBundle?: boolean;
}

export async function startBenchStack(taskQueue: string, options: BenchStackOptions = {}): Promise<BenchStack> {
  const server = await scratchServer(loadEnv(), log);
  const database = await createFreshDatabase(server.serverUrl, 'hotline_bench', log);
  const databaseUrl = database.appUrl;
  const prisma = createPrismaClient(databaseUrl);
  const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'hotline-bench-'));
  // BENCH_TEMPORAL=cluster: Temporal's own server on PostgreSQL (stores of its own on the same
  // server) instead of the dev server on SQLite.
  const temporal = process.env.BENCH_TEMPORAL === 'cluster'
    ? await startScratchCluster({ serverUrl: server.serverUrl, namespace: 'default', log })
    : await ensureLocalTemporal({ dataRoot, port: await freePort(), uiPort: await freePort(), namespace: 'default', log });
  const connection = await Connection.connect({ address: temporal.address });
  const prepared = (await options.prepare?.({ databaseUrl, prisma, connection })) ?? {};
  if (options.keptBundle === false) {
    rmSync(WORKFLOW_BUNDLE_DIR, { recursive: true, force: true });
  } else {
    // The worker starts as a deployed one restarts: from the kept workflow bundle, not running webpack.
    const kept = await loadWorkflowBundle({ onStale: (reason) => log(`workflow bundle: ${reason}`) });
    if (kept.source === 'built') log('workflow bundle built and kept for the worker');
  }
  const worker = spawn(process.execPath, typescriptEntryArgs('worker/main.ts', options.workerNodeOptions), {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'warn', ...prepared.workerEnv },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return {
    databaseUrl,
    prisma,
    connection,
    temporalAddress: temporal.address,
    worker,
    stop: async () => {
      if (worker.exitCode === null && worker.signalCode === null) {
        const exited = new Promise((resolve) => worker.once('exit', resolve));
        worker.kill('SIGTERM');
        await exited;
      }
      await prepared.stop?.();
      await connection.close();
      await temporal.stop();
      await prisma.$disconnect();
      await dropDatabase(database.superuserUrl);
      server.release();
      rmSync(dataRoot, { recursive: true, force: true });
    },
  };
}

/** The p-th percentile of ascending samples. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/** Resident memory of a process, in MiB. */
export function rssMiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}
