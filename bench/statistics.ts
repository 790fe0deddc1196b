// Benchmark of the hot spots, repeat complaints and the monthly report page over synthetic
// cases spread across seven months (the current one and its 6-month baseline), with varied
// addresses, grid points and citizens' numbers.
//   npm run bench:statistics      (BENCH_SIZE=1000000 BENCH_RUNS=3)
import pg from 'pg';
import { createPrismaClient } from '../prisma/client';
import { insertSyntheticCases } from '../prisma/seed/syntheticCases';
import { computeHotspots } from '../statistics/hotspots';
import { computeRepeatComplaints } from '../statistics/repeatComplaints';
import { gatherReportData } from '../statistics/report/reportSources';
import { renderReport } from '../statistics/report/renderReport';
import { log, percentile, withFreshDatabase } from './stack';

const SIZE = Number(process.env.BENCH_SIZE ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MONTH = '2026-10';

async function timed<T>(label: string, run: () => Promise<T>, describe: (result: T) => string): Promise<void> {
  const samples: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    result = await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  log(`${label}: median ${percentile(samples, 50).toFixed(0)} ms, max ${samples.at(-1)!.toFixed(0)} ms (${RUNS} runs) — ${describe(result!)}`);
}

async function main(): Promise<void> {
  await withFreshDatabase('hotline_bench_stats', async (databaseUrl) => {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    const prisma = createPrismaClient(databaseUrl);
    try {
      log(`inserting ${SIZE} cases`);
      await insertSyntheticCases((sql) => pool.query(sql), 1, SIZE);
      // Spread over 2026-04..2026-10 (Shanghai), ~120 places in 5 districts, a 0.01° grid of 400
      // cells, and numbers that repeat: every 50 000th case shares its caller.
      await pool.query(`
        UPDATE "Case" SET
          "receivedAt" = timestamptz '2026-04-01 00:00+08' + ((id::bigint * 7919) % (214 * 86400) || ' seconds')::interval,
          address = (ARRAY['东湖区','西山区','南城区','北关区','高新区'])[1 + id::bigint % 5] || (ARRAY['解放路','文化路','青年路','山前街','迎宾路','幸福小区','和平社区','舜华路街道'])[1 + id::bigint % 8]
                    || (id::bigint % 3) || '号',
          latitude = 36.60 + (id::bigint % 20) * 0.01 + 0.005, longitude = 117.00 + (id::bigint / 20 % 20) * 0.01 + 0.005,
          "citizenPhone" = CASE WHEN id::bigint % 2 = 0 THEN '139' || lpad((id::bigint % 50000)::text, 8, '0') ELSE '+86139' || lpad((id::bigint % 50000)::text, 8, '0') END`);
      await pool.query('ANALYZE "Case"');
      const { rows } = await pool.query<{ count: string }>(`SELECT count(*) FROM "Case" WHERE "receivedAt" >= '2026-10-01 00:00+08' AND "receivedAt" < '2026-11-01 00:00+08'`);
      log(`${SIZE} cases, ${rows[0]!.count} of them received in ${MONTH}`);

      await timed('hot spots by category', () => computeHotspots(prisma, { month: MONTH, by: 'category' }), (r) => `${r.rows.length} rows, ${r.rows.filter((row) => row.flagged).length} flagged`);
      await timed('hot spots by place (addresses + grid)', () => computeHotspots(prisma, { month: MONTH, by: 'place' }), (r) => `${r.rows.length} rows, ${r.rows.filter((row) => row.flagged).length} flagged`);
      await timed(`repeat complaints, ${MONTH}`, () => computeRepeatComplaints(prisma, { from: `${MONTH}-01`, to: `${MONTH}-31` }), (r) => `${r.groups.length} groups`);
      await timed('monthly report page (without indicators/assessment)', async () => renderReport(await gatherReportData(prisma, MONTH, {}, new Date())), (html) => `${(html.length / 1024).toFixed(0)} KiB of HTML`);
    } finally {
      await prisma.$disconnect();
      await pool.end();
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
