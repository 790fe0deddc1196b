// `npm run bench:projection`: what writing a case's projection costs, per batch. The batches are
// the ones the recorded cases of tests/fixtures/histories sent (registration, dispatch, results,
// callbacks, returns, extensions, urges…), written again and again as new cases on a fresh
// database. Two ways, alternating, in this process:
//   - product: `projectCase` as the worker runs it (the statement prepared under its name);
//   - baseline: the same statement through Prisma's raw query (unnamed: parsed and planned on
//     every call), which is what the preparing buys.
// Per batch: wall time, this process's CPU and PostgreSQL's (every backend, from /proc).
//   BENCH_PROJECTION_ROUNDS=8 npm run bench:projection
import { createLogger } from '../config/logger';
import { createProjectionActivities, type ProjectCaseInput } from '../activities/projection';
import { projectionBatch } from '../activities/projectionRows';
import { PROJECTION_STATEMENT } from '../activities/projectionStatement';
import { createPrismaClient, type PrismaClient } from '../prisma/client';
import { recordedProjections, renumbered } from '../tests/support/histories';
import { cpuSnapshot, type CpuSnapshot } from './cpuShare';
import { log, withFreshDatabase } from './stack';

const ROUNDS = Number(process.env.BENCH_PROJECTION_ROUNDS ?? 8);

type Write = (batch: ProjectCaseInput) => Promise<unknown>;

interface Totals {
  batches: number;
  wallMs: number;
  processMs: number;
  postgresMs: number;
}

const postgresSeconds = (snapshot: CpuSnapshot) => [...snapshot.values()].filter(({ command }) => command === 'postgres').reduce((sum, { seconds }) => sum + seconds, 0);

async function main(): Promise<void> {
  const recorded = recordedProjections();
  log(`${recorded.length} recorded cases, ${recorded.reduce((n, c) => n + c.batches.length, 0)} projection batches; ${ROUNDS} rounds of each way, alternating`);
  await withFreshDatabase('bench_projection', async (databaseUrl) => {
    const prisma: PrismaClient = createPrismaClient(databaseUrl, { max: 2 });
    try {
      const ways: Record<'product' | 'baseline', Write> = {
        product: createProjectionActivities({ prisma, log: createLogger('bench-projection', 'silent') }).projectCase,
        baseline: (batch) => prisma.$queryRawUnsafe(PROJECTION_STATEMENT.text, JSON.stringify(projectionBatch(batch, new Date()))),
      };
      const totals: Record<string, Totals> = { product: { batches: 0, wallMs: 0, processMs: 0, postgresMs: 0 }, baseline: { batches: 0, wallMs: 0, processMs: 0, postgresMs: 0 } };
      let serial = 0;
      // Round 0 warms both up (connections, statements, caches) and is not counted.
      for (let round = 0; round <= ROUNDS; round++) {
        for (const way of round % 2 === 0 ? (['product', 'baseline'] as const) : (['baseline', 'product'] as const)) {
          const batches = recorded.flatMap((c) => renumbered(c.batches, `2099${String(serial++).padStart(12, '0')}`));
          const [cpuBefore, processBefore, started] = [cpuSnapshot(), process.cpuUsage(), performance.now()];
          for (const batch of batches) await ways[way](batch);
          const [wall, processUsed, cpuAfter] = [performance.now() - started, process.cpuUsage(processBefore), cpuSnapshot()];
          if (round === 0) continue;
          const t = totals[way]!;
          t.batches += batches.length;
          t.wallMs += wall;
          t.processMs += (processUsed.user + processUsed.system) / 1000;
          t.postgresMs += (postgresSeconds(cpuAfter) - postgresSeconds(cpuBefore)) * 1000;
        }
      }
      for (const [way, t] of Object.entries(totals)) {
        const each = (ms: number) => (ms / t.batches).toFixed(2);
        log(`${way.padEnd(8)} ${t.batches} batches: ${each(t.wallMs)} ms each, CPU ${each(t.processMs)} ms here + ${each(t.postgresMs)} ms PostgreSQL`);
      }
      const [p, b] = [totals.product!, totals.baseline!];
      console.log(`projection: ${((p.processMs + p.postgresMs) / p.batches).toFixed(2)} ms of CPU a batch; unprepared: ${((b.processMs + b.postgresMs) / b.batches).toFixed(2)} ms`);
    } finally {
      await prisma.$disconnect();
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
