// The assessment indicators of a period, summed from stored per-day fact rows
// (IndicatorDayCount) instead of recounted from every case: the month-end assessment reads a
// few thousand rows, not a million cases. Triggers on the case tables mark the days a write
// changes (prisma/migrations/*_indicator_days); a read first rebuilds the marked, missing and
// newly settled days before today, then sums the stored days whose counts hold for its "as of"
// and counts the others (today, recent days whose deadlines are still running) from the cases.
// Both sources share statistics/indicatorFacts.ts, so they agree by construction, and
// tests/statistics/indicatorDays.test.ts checks it on cases the product wrote.
import { Prisma } from '../prisma/generated/client';
import type { PrismaClient } from '../prisma/client';
import { addDays, shanghaiDate, type IsoDate } from '../rules/shanghaiTime';
import { countsByKeySql, countsOfRows, FACTS_VERSION, indicatorFactsSql, STORED_FACT_ROWS, storeFactRowsSql, type GroupBy } from './indicatorFacts';
import { type IndicatorCounts } from '../rules/assessment/indicators';
import { instantRange, type Period } from './period';

export interface IndicatorQuery extends Period {
  groupBy: GroupBy;
  /** Unit users see only rows of their own subtree (units whose lineage holds this id). */
  withinUnitId?: string | null;
  /** The moment "not yet due" is judged against; defaults to now. */
  asOf?: Date;
}

/** Rebuilds take this lock, so that two readers do not rebuild one day at once. */
const REBUILD_LOCK = 1_234_514;
/** Days rebuilt per transaction: a month's cases at most, so that no transaction runs long. */
const REBUILD_CHUNK_DAYS = 31;

const isoOf = (day: Date) => day.toISOString().slice(0, 10);

function datesOf(period: Period): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let d = period.from; d <= period.to; d = addDays(d, 1)) dates.push(d);
  return dates;
}

/** Consecutive dates as periods: [a, b, c, e] → [a–c, e]. */
function runsOf(dates: IsoDate[]): Period[] {
  const runs: Period[] = [];
  for (const date of [...dates].sort()) {
    const last = runs.at(-1);
    if (last && addDays(last.to, 1) === date) last.to = date;
    else runs.push({ from: date, to: date });
  }
  return runs;
}

interface BuiltDay {
  day: Date;
  computedAt: Date;
  settlesAt: Date | null;
  factsVersion: string;
}

/**
 * A stored day stands for `asOf` when today's definition of the counts built it and every
 * deadline it compared had passed, both when it was built and at `asOf`.
 */
function holdsAsOf(built: BuiltDay, asOf: Date): boolean {
  return built.factsVersion === FACTS_VERSION && (built.settlesAt === null || (built.settlesAt < built.computedAt && built.settlesAt < asOf));
}

/** Days that need building: never built, built by another definition of the counts, marked by a write since, or built unsettled and settled now. */
async function staleDays(db: Pick<PrismaClient, '$queryRaw'>, dates: IsoDate[], now: Date): Promise<{ stale: IsoDate[]; marks: bigint[] }> {
  if (dates.length === 0) return { stale: [], marks: [] };
  const [built, marked] = await Promise.all([
    db.$queryRaw<BuiltDay[]>`SELECT day, "computedAt", "settlesAt", "factsVersion" FROM "IndicatorDay" WHERE day = ANY(${dates}::date[])`,
    db.$queryRaw<{ id: bigint; day: Date }[]>`SELECT id, day FROM "IndicatorDirtyDay" WHERE day = ANY(${dates}::date[])`,
  ]);
  const builtByDate = new Map(built.map((b) => [isoOf(b.day), b]));
  const markedDates = new Set(marked.map((m) => isoOf(m.day)));
  const stale = dates.filter((date) => {
    const b = builtByDate.get(date);
    return !b || b.factsVersion !== FACTS_VERSION || markedDates.has(date) || (b.settlesAt !== null && b.settlesAt >= b.computedAt && b.settlesAt < now);
  });
  return { stale, marks: marked.filter((m) => stale.includes(isoOf(m.day))).map((m) => m.id) };
}

/**
 * Rebuilds the stale days of the period that ended before today (today's facts still change by
 * the minute). Marks are consumed by id, only those read before the rebuild counted: a write
 * committed later leaves its own mark behind for the next read.
 */
export async function rebuildIndicatorDays(prisma: PrismaClient, period: Period, now = new Date()): Promise<number> {
  const yesterday = addDays(shanghaiDate(now.getTime()), -1);
  const dates = datesOf({ from: period.from, to: period.to < yesterday ? period.to : yesterday });
  if ((await staleDays(prisma, dates, now)).stale.length === 0) return 0;
  let rebuilt = 0;
  for (let i = 0; i < dates.length; i += REBUILD_CHUNK_DAYS) {
    rebuilt += await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REBUILD_LOCK})`;
      // Again under the lock: another reader may have rebuilt them meanwhile.
      const { stale, marks } = await staleDays(tx, dates.slice(i, i + REBUILD_CHUNK_DAYS), now);
      if (stale.length === 0) return 0;
      await tx.$executeRaw`DELETE FROM "IndicatorDayCount" WHERE day = ANY(${stale}::date[])`;
      for (const run of runsOf(stale)) {
        await tx.$executeRaw(storeFactRowsSql(indicatorFactsSql(instantRange(run), now)));
      }
      await tx.$executeRaw`
        INSERT INTO "IndicatorDay" (day, "computedAt", "settlesAt", "factsVersion")
        SELECT d, ${now}, (SELECT max("settlesAt") FROM "IndicatorDayCount" WHERE day = d), ${FACTS_VERSION} FROM unnest(${stale}::date[]) AS d
        ON CONFLICT (day) DO UPDATE SET "computedAt" = EXCLUDED."computedAt", "settlesAt" = EXCLUDED."settlesAt", "factsVersion" = EXCLUDED."factsVersion"`;
      await tx.$executeRaw`DELETE FROM "IndicatorDirtyDay" WHERE id = ANY(${marks}::bigint[])`;
      return stale.length;
    }, { maxWait: 60_000, timeout: 300_000 });
  }
  return rebuilt;
}

/** The period's counts by the requested key, from the stored days where they hold and from the cases elsewhere. */
export async function computeIndicatorCounts(prisma: PrismaClient, query: IndicatorQuery): Promise<Map<string, IndicatorCounts>> {
  const now = new Date();
  const asOf = query.asOf ?? now;
  await rebuildIndicatorDays(prisma, query, now);
  const dates = datesOf(query);
  const built = await prisma.$queryRaw<BuiltDay[]>`SELECT day, "computedAt", "settlesAt", "factsVersion" FROM "IndicatorDay" WHERE day = ANY(${dates}::date[])`;
  const stored = built.filter((b) => holdsAsOf(b, asOf)).map((b) => isoOf(b.day));
  const storedSet = new Set(stored);
  const sources = [
    Prisma.sql`(${STORED_FACT_ROWS} WHERE d.day = ANY(${stored}::date[]))`,
    ...runsOf(dates.filter((d) => !storedSet.has(d))).map((run) => Prisma.sql`(${indicatorFactsSql(instantRange(run), asOf)})`),
  ];
  return countsOfRows(await prisma.$queryRaw(countsByKeySql(query.groupBy, query.withinUnitId, Prisma.join(sources, ' UNION ALL '))));
}

/** The same counts straight from the cases: the reference the stored days are tested against, and the benchmark's baseline. */
export async function computeIndicatorCountsFromCases(prisma: PrismaClient, query: IndicatorQuery): Promise<Map<string, IndicatorCounts>> {
  const facts = indicatorFactsSql(instantRange(query), query.asOf ?? new Date());
  return countsOfRows(await prisma.$queryRaw(countsByKeySql(query.groupBy, query.withinUnitId, facts)));
}
