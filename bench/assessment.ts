// Benchmark of the monthly assessment: seeds BENCH_CASES synthetic projected cases (default
// 1,000,000) over the 12 months of 2025 and every unit (the tables' triggers mark their days),
// builds the stored indicator days as the first reads after the writes do, then times
// computeAssessment for one month (three months of indicators: the month, 环比 and 同比) cold
// and warm, next to the same assessment counted straight from the cases (the baseline), and the
// indicator and summary queries beside it.
//   npm run bench:assessment      (BENCH_CASES=1000000 BENCH_RUNS=5 BENCH_MONTH=2025-06)
import pg from 'pg';
import { createPrismaClient } from '../prisma/client';
import { insertSyntheticAssessmentCases } from '../prisma/seed/syntheticCases';
import { computeAssessment } from '../statistics/assessment';
import { computeIndicatorCountsFromCases, rebuildIndicatorDays } from '../statistics/indicatorDays';
import { computeIndicators } from '../statistics/indicators';
import { monthPeriod } from '../statistics/period';
import { computeSummary } from '../statistics/summary';
import { log, percentile, withFreshDatabase } from './stack';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MONTH = process.env.BENCH_MONTH ?? '2025-06';
/** After the synthetic deadlines: every June case is decided. */
const AS_OF = new Date('2026-03-01T00:00:00+08:00');

async function timed<T>(action: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await action();
  return [performance.now() - started, result];
}

async function measure(label: string, action: () => Promise<unknown>): Promise<void> {
  const [cold] = await timed(action);
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push((await timed(action))[0]);
  warm.sort((a, b) => a - b);
  log(`  ${label}: cold ${cold.toFixed(0)} ms, warm p50 ${percentile(warm, 50).toFixed(0)} ms (min ${warm[0]!.toFixed(0)}, max ${warm.at(-1)!.toFixed(0)}, ${RUNS} runs)`);
}

async function main(): Promise<void> {
  await withFreshDatabase('hotline_bench_assessment', async (databaseUrl) => {
    // One connection: the seeding works through a temporary table.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const prisma = createPrismaClient(databaseUrl, { max: 4 });
    try {
      log(`seeding ${CASES.toLocaleString('en')} cases with assignments, callbacks, returns, extensions and notices`);
      const [seedMs] = await timed(() => insertSyntheticAssessmentCases((sql) => client.query(sql), 1, CASES));
      log(`  seeded in ${(seedMs / 1000).toFixed(0)} s; ${(await client.query('SELECT count(*) FROM "IndicatorDirtyDay"')).rows[0].count} day marks written by the triggers`);
      const [buildMs, built] = await timed(() => rebuildIndicatorDays(prisma, { from: '2024-01-01', to: '2025-12-31' }));
      const storedRows = (await client.query('SELECT count(*) FROM "IndicatorDayCount"')).rows[0].count;
      log(`  built ${built} indicator days (${Number(storedRows).toLocaleString('en')} stored rows) in ${(buildMs / 1000).toFixed(1)} s`);
      const [, sample] = await timed(() => computeAssessment(prisma, MONTH, { asOf: AS_OF }));
      const baseline = await computeAssessment(prisma, MONTH, { asOf: AS_OF, countIndicators: computeIndicatorCountsFromCases });
      if (JSON.stringify(sample) !== JSON.stringify(baseline)) throw new Error(`the assessment from the stored days differs from the one counted from the cases`);
      log(`  the assessment from the stored days equals the one counted from the cases`);
      log(`  ${MONTH}: ${sample.rows.length} units ranked; best ${sample.rows[0]?.unitName} ${sample.rows[0]?.score}, worst ${sample.rows.at(-1)?.unitName} ${sample.rows.at(-1)?.score}`);
      log(`timing with ${CASES.toLocaleString('en')} cases (${RUNS} warm runs each)`);
      // The first run above warmed nothing the queries below share except the plan cache; restart
      // the database server for a truly cold cache.
      await measure(`computeAssessment(${MONTH}) — month + 环比 + 同比, from the stored days`, () => computeAssessment(prisma, MONTH, { asOf: AS_OF }));
      await measure(`computeAssessment(${MONTH}) — baseline: counted from the cases`, () => computeAssessment(prisma, MONTH, { asOf: AS_OF, countIndicators: computeIndicatorCountsFromCases }));
      await measure(`computeIndicators(unit, ${MONTH})`, () => computeIndicators(prisma, { ...monthPeriod(MONTH), groupBy: 'unit', asOf: AS_OF }));
      await measure(`computeIndicators(category, 2025 full year)`, () => computeIndicators(prisma, { from: '2025-01-01', to: '2025-12-31', groupBy: 'category', asOf: AS_OF }));
      await measure(`computeSummary(${MONTH})`, () => computeSummary(prisma, { ...monthPeriod(MONTH), asOf: AS_OF }));
    } finally {
      await client.end();
      await prisma.$disconnect();
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
