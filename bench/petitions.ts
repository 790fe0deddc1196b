// Benchmark of the petition worker on this machine's real services: a Temporal dev server
// (SQLite file, as `npm start` runs it), the project-local PostgreSQL and one worker process.
//   npm run bench                      (BENCH_CASES=500 BENCH_OPEN_CASES=10000 BENCH_CONCURRENCY=20)
// Prints: cases per second from registration to dispatched with the projection written
// (latency percentiles too), then the worker's resident memory with BENCH_OPEN_CASES open cases
// waiting on their timers.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { localDatabaseUrl, loadEnv, PROJECT_ROOT } from '../config/env';
import { createPrismaClient } from '../prisma/client';
import { migrate } from '../prisma/migrator';
import { runSeed } from '../prisma/seed';
import { freePort, waitFor } from '../scripts/lib/ports';
import { dropDatabase, ensureDatabase, ensureLocalPostgres } from '../scripts/services/postgres';
import { ensureLocalTemporal } from '../scripts/services/temporal';
import { commandUpdates } from '../workflows/petition/definitions';
import type { Registration } from '../workflows/petition/types';

const CASES = Number(process.env.BENCH_CASES ?? 500);
const OPEN_CASES = Number(process.env.BENCH_OPEN_CASES ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const TASK_QUEUE = 'bench-petitions';
const DISPATCHER = { id: 'user-dispatcher', roles: ['dispatcher' as const], unitId: 'hotline' };

const log = (message: string) => console.log(`[bench] ${message}`);

function registration(n: number): Registration {
  return {
    caseId: `20261123${String(n).padStart(8, '0')}`,
    channel: 'phone',
    caseTypeCode: n % 3 === 0 ? 'report' : 'complaint',
    categoryId: 'cat-urban.street-vending',
    urgency: 'normal',
    title: `占道经营 #${n}`,
    content: '路口每晚有摊贩占道经营，影响通行。',
    citizenName: null,
    citizenPhone: `+86139${String(n).padStart(8, '0')}`,
    address: '东湖区解放路',
    receivedAt: new Date().toISOString(),
    registeredBy: { id: 'user-operator', roles: ['operator'], unitId: 'hotline' },
  };
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function runPool(count: number, first: number, work: (n: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = first;
  const end = first + count;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < end) {
        const n = next++;
        const started = performance.now();
        await work(n);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

async function main(): Promise<void> {
  const env = loadEnv();
  const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'hotline-bench-'));
  const pgServer = env.DATABASE_URL ? null : await ensureLocalPostgres({ dataRoot: env.DATA_DIR, port: env.LOCAL_PG_PORT, log, acceptRunningPort: true });
  const url = new URL(env.DATABASE_URL ?? localDatabaseUrl(pgServer!.port));
  url.pathname = `/hotline_bench_${Date.now()}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);
  const prisma = createPrismaClient(databaseUrl);
  await runSeed(prisma, { demo: true });

  const temporal = await ensureLocalTemporal({ dataRoot, port: await freePort(), uiPort: await freePort(), namespace: 'default', log });
  // tsx as a loader (not its CLI, which forks): the measured pid is the worker itself.
  const worker = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: TASK_QUEUE, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection });
  try {
    const onePetition = async (n: number) => {
      const r = registration(n);
      const handle = await client.workflow.start('petitionWorkflow', { args: [{ registration: r }], taskQueue: TASK_QUEUE, workflowId: r.caseId });
      await handle.executeUpdate(commandUpdates.dispatch, { args: [{ input: { leadUnitId: 'chengguan', assistUnitIds: [] }, actor: DISPATCHER }] });
    };
    // Warm-up: the worker bundles its workflow code on start.
    await waitFor('the worker', () => onePetition(0), 120_000, 1000);
    log(`worker RSS with 1 case: ${rssMiB(worker.pid!).toFixed(0)} MiB`);

    log(`throughput: ${CASES} cases, registration → dispatched with projection written, ${CONCURRENCY} at a time`);
    const started = performance.now();
    const latencies = await runPool(CASES, 1, onePetition);
    const seconds = (performance.now() - started) / 1000;
    const projected = await prisma.case.count({ where: { status: 'dispatched' } });
    log(`  ${(CASES / seconds).toFixed(1)} cases/s (${seconds.toFixed(1)} s); latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms; ${projected} dispatched in the projection`);

    const remaining = Math.max(0, OPEN_CASES - CASES - 1);
    log(`memory: opening ${remaining} more cases (${OPEN_CASES} in all), each waiting on its sign-for and handling timers`);
    const rssBefore = rssMiB(worker.pid!);
    const openStarted = performance.now();
    await runPool(remaining, CASES + 1, onePetition);
    const openSeconds = (performance.now() - openStarted) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const open = await prisma.case.count({ where: { status: 'dispatched' } });
    log(`  ${open} open cases (opened at ${(remaining / openSeconds).toFixed(1)} cases/s); worker RSS ${rssMiB(worker.pid!).toFixed(0)} MiB (was ${rssBefore.toFixed(0)} MiB after ${CASES + 1} cases)`);
  } finally {
    await connection.close();
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
    await temporal.stop();
    await prisma.$disconnect();
    await dropDatabase(databaseUrl);
    if (pgServer?.startedHere) pgServer.stop();
    rmSync(dataRoot, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
