// Benchmark of the audit hash chain: the cost of the BEFORE INSERT trigger (rows a second, one
// transaction per batch) and the time of verifying every chain, on a throw-away database.
//   npm run bench:audit      (BENCH_AUDIT_ROWS=1000000 BENCH_AUDIT_CHAINS=100000)
import pg from 'pg';
import { verifyAllChains, verifyChain } from '../api/audit/verifyChain';
import { loadEnv } from '../config/env';
import { createPrismaClient } from '../prisma/client';
import { migrate } from '../prisma/migrator';
import { scratchServer } from '../scripts/db/freshDatabase';
import { dropDatabase, ensureDatabase } from '../scripts/services/postgres';

const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 1_000_000);
const CHAINS = Number(process.env.BENCH_AUDIT_CHAINS ?? 100_000);
const BATCH = 50_000;

const log = (message: string) => console.log(`[bench:audit] ${message}`);

/** ROWS synthetic rows over CHAINS chains, BATCH per statement; answers the milliseconds taken. */
async function insertRows(pool: pg.Pool, table: string): Promise<number> {
  log(`inserting ${ROWS.toLocaleString()} audit rows over ${CHAINS.toLocaleString()} chains into ${table}, ${BATCH.toLocaleString()} per statement`);
  const started = performance.now();
  for (let from = 1; from <= ROWS; from += BATCH) {
    const to = Math.min(ROWS, from + BATCH - 1);
    // Payloads like the lifecycle's: nested, Chinese text, numbers.
    await pool.query(
      `INSERT INTO ${table} ("idempotencyKey", "entityType", "entityId", action, "actorId", "actorRole", "actorUnitId", reason, payload, "occurredAt")
       SELECT 'bench:' || i, 'benchCase', (i % $1)::text, (ARRAY['registered','dispatched','signedFor','resultSubmitted','closed'])[1 + i % 5],
              'user-dispatcher', 'dispatcher', 'hotline', CASE WHEN i % 3 = 0 THEN '市民再次来电，请尽快处理' END,
              jsonb_build_object('leadUnitId', 'chengguan', 'result', jsonb_build_object('resolved', i % 2 = 0, 'reply', '已现场核查并整改，编号' || i), 'workingDays', i % 7),
              now() - (i || ' seconds')::interval
       FROM generate_series($2::int, $3::int) AS i`,
      [CHAINS, from, to],
    );
  }
  return performance.now() - started;
}

async function main(): Promise<void> {
  const env = loadEnv();
  const server = await scratchServer(env, log);
  const url = new URL(server.serverUrl);
  url.pathname = `/bench_audit_${Date.now()}_${process.pid}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const prisma = createPrismaClient(databaseUrl, { max: 2 });
  try {
    await migrate(databaseUrl);
    // The same rows into a copy of the table without its triggers (nor the chain's index, which
    // the rows' default chainKey/chainSeq would violate): what the chain costs.
    await pool.query('CREATE TABLE "AuditEventPlain" (LIKE "AuditEvent" INCLUDING ALL)');
    await pool.query('DROP INDEX "AuditEventPlain_chainKey_chainSeq_idx"');
    const plainMs = await insertRows(pool, '"AuditEventPlain"');
    log(`insert without the trigger: ${(plainMs / 1000).toFixed(1)} s, ${Math.round(ROWS / (plainMs / 1000)).toLocaleString()} rows/s`);
    await pool.query('DROP TABLE "AuditEventPlain"');
    const insertMs = await insertRows(pool, '"AuditEvent"');
    log(`insert through the chain trigger: ${(insertMs / 1000).toFixed(1)} s, ${Math.round(ROWS / (insertMs / 1000)).toLocaleString()} rows/s (${(((insertMs - plainMs) * 1000) / ROWS).toFixed(1)} µs a row more)`);

    const oneChain = async (chainKey: string, label: string) => {
      const started = performance.now();
      const report = await verifyChain(prisma, chainKey);
      log(`verify one chain (${report.rows} rows), ${label}: ${(performance.now() - started).toFixed(1)} ms, ok=${report.ok}`);
      return report;
    };
    const cold = await oneChain('benchCase:7', 'first query of the client');
    const one = await oneChain('benchCase:8', 'warm');
    if (!cold.ok) throw new Error('benchCase:7 does not verify');

    const allStarted = performance.now();
    const all = await verifyAllChains(prisma);
    const allMs = performance.now() - allStarted;
    log(`verify all: ${all.rows.toLocaleString()} rows in ${all.chains.toLocaleString()} chains, ${(allMs / 1000).toFixed(1)} s (${Math.round(all.rows / (allMs / 1000)).toLocaleString()} rows/s), ok=${all.ok}, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);
    if (!all.ok || !one.ok) throw new Error(`a chain does not verify: ${JSON.stringify(all.broken[0] ?? one.brokenLink)}`);
  } finally {
    await prisma.$disconnect();
    await pool.end();
    await dropDatabase(databaseUrl).catch((error) => log(`could not drop ${databaseUrl}: ${error.message}`));
    server.release();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
