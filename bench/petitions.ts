// Benchmark of the petition worker on this machine's real services: a Temporal dev server
// (SQLite file, as `npm start` runs it), the project-local PostgreSQL and one worker process.
//   npm run bench                      (BENCH_CASES=500 BENCH_OPEN_CASES=10000 BENCH_CONCURRENCY=20)
// Prints: cases per second from registration to dispatched with the projection written
// (latency percentiles too), then the worker's resident memory with BENCH_OPEN_CASES open cases
// waiting on their timers.
import { Client } from '@temporalio/client';
import { temporalDataConverter } from '../config/temporal';
import { loadEnv } from '../config/env';
import { waitFor } from '../scripts/lib/ports';
import { commandUpdates } from '../workflows/petition/definitions';
import type { Registration } from '../workflows/petition/types';
import { log, percentile, rssMiB, startBenchStack } from './stack';

const CASES = Number(process.env.BENCH_CASES ?? 500);
const OPEN_CASES = Number(process.env.BENCH_OPEN_CASES ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const TASK_QUEUE = 'bench-petitions';
const DISPATCHER = { id: 'user-dispatcher', roles: ['dispatcher' as const], unitId: 'hotline' };


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

async function main(): Promise<void> {
  const stack = await startBenchStack(TASK_QUEUE);
  const { prisma, connection, worker } = stack;
  const client = new Client({ connection, dataConverter: temporalDataConverter(loadEnv()) });
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
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
