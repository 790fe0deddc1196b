// Hot spots (热点): categories and places whose volume in a month rises against their own
// baseline — the previous N months. The method, its floor on the spread and its limits are in
// docs/statistics-hotspots.md; N, k, the minimum count and the grid size are rule settings.
import type { PrismaClient } from '../prisma/client';
import { addMonths, monthsSpan, type IsoMonth } from './calendarMonths';
import { type HotspotSettings, hotspotSettings } from './detectionSettings';
import { gridCellOf, placeKey } from './placeKeys';

export type HotspotDimension = 'category' | 'place';
export type HotspotKind = 'category' | 'address' | 'grid';

export interface HotspotRow {
  key: string;
  name: string;
  kind: HotspotKind;
  /** Cases received in the month. */
  current: number;
  /** Cases of each baseline month, oldest first. */
  baseline: number[];
  baselineMean: number;
  /** Sample standard deviation of the baseline months. */
  baselineSd: number;
  /** current / mean; null when the baseline is empty. */
  ratio: number | null;
  /** (current − mean) / spread, the spread floored at √mean and 1 (Poisson noise). */
  zScore: number;
  flagged: boolean;
}

export interface HotspotReport {
  month: IsoMonth;
  by: HotspotDimension;
  settings: HotspotSettings;
  /** The baseline months, oldest first. */
  baselineMonths: IsoMonth[];
  rows: HotspotRow[];
}

export interface SpikeScore {
  baselineMean: number;
  baselineSd: number;
  ratio: number | null;
  zScore: number;
  flagged: boolean;
}

/** Scores one series: the current month's count against its baseline months' counts. */
export function scoreSpike(current: number, baseline: number[], settings: Pick<HotspotSettings, 'sigmaFactor' | 'minCount'>): SpikeScore {
  const n = baseline.length;
  const mean = n === 0 ? 0 : baseline.reduce((sum, count) => sum + count, 0) / n;
  const sd = n < 2 ? 0 : Math.sqrt(baseline.reduce((sum, count) => sum + (count - mean) ** 2, 0) / (n - 1));
  // Counts are noisy even when the baseline happened to be flat: a spread of at least √mean
  // (the Poisson deviation) and 1 keeps 5-5-5-5-5-5 → 8 from being a "hot spot".
  const spread = Math.max(sd, Math.sqrt(mean), 1);
  const zScore = (current - mean) / spread;
  return {
    baselineMean: mean,
    baselineSd: sd,
    ratio: mean > 0 ? current / mean : null,
    zScore,
    flagged: current >= settings.minCount && zScore > settings.sigmaFactor,
  };
}

interface MonthlyCount {
  key: string;
  month: IsoMonth;
  count: number;
}

interface Series {
  name: string;
  kind: HotspotKind;
  counts: Map<IsoMonth, number>;
}

function addCount(series: Map<string, Series>, key: string, name: string, kind: HotspotKind, month: IsoMonth, count: number): void {
  let entry = series.get(key);
  if (!entry) series.set(key, (entry = { name, kind, counts: new Map() }));
  entry.counts.set(month, (entry.counts.get(month) ?? 0) + count);
}

// Merged cases are the same request filed twice (判重/合并): counting them would double a spike.
const COUNTED = `"mergedIntoId" IS NULL AND "receivedAt" >= $1 AND "receivedAt" < $2`;
const MONTH_OF = `to_char("receivedAt" AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;

async function categorySeries(prisma: PrismaClient, start: Date, end: Date): Promise<Map<string, Series>> {
  const counts = await prisma.$queryRawUnsafe<(MonthlyCount & { name: string })[]>(
    `SELECT s.key, cat.name, s.month, s.count
       FROM (SELECT "categoryId" AS key, ${MONTH_OF} AS month, count(*)::int AS count FROM "Case" WHERE "categoryId" IS NOT NULL AND ${COUNTED} GROUP BY 1, 2) s
       JOIN "Category" cat ON cat.id = s.key`,
    start,
    end,
  );
  const series = new Map<string, Series>();
  for (const row of counts) addCount(series, row.key, row.name, 'category', row.month, row.count);
  return series;
}

async function placeSeries(prisma: PrismaClient, start: Date, end: Date, gridDegrees: number): Promise<Map<string, Series>> {
  // Grouped by the address as typed first, so that only distinct addresses reach placeKey().
  const [byAddress, byCell] = await Promise.all([
    prisma.$queryRawUnsafe<MonthlyCount[]>(
      `SELECT address AS key, ${MONTH_OF} AS month, count(*)::int AS count FROM "Case" WHERE address IS NOT NULL AND ${COUNTED} GROUP BY 1, 2`,
      start,
      end,
    ),
    prisma.$queryRawUnsafe<{ row: number; col: number; month: IsoMonth; count: number }[]>(
      `SELECT floor(latitude / $3)::int AS row, floor(longitude / $3)::int AS col, ${MONTH_OF} AS month, count(*)::int AS count
         FROM "Case" WHERE latitude IS NOT NULL AND longitude IS NOT NULL AND ${COUNTED} GROUP BY 1, 2, 3`,
      start,
      end,
      gridDegrees,
    ),
  ]);
  const series = new Map<string, Series>();
  for (const row of byAddress) {
    const place = placeKey(row.key);
    if (place) addCount(series, `place:${place}`, place, 'address', row.month, row.count);
  }
  for (const row of byCell) {
    const cell = gridCellOf(row.row, row.col, gridDegrees);
    addCount(series, cell.key, cell.label, 'grid', row.month, row.count);
  }
  return series;
}

export interface HotspotQuery {
  month: IsoMonth;
  by: HotspotDimension;
  /** At most this many rows, flagged first (default: all). */
  limit?: number;
  /** The rule settings; read from the database when absent. */
  settings?: HotspotSettings;
}

export async function computeHotspots(prisma: PrismaClient, query: HotspotQuery): Promise<HotspotReport> {
  const settings = query.settings ?? (await hotspotSettings(prisma));
  const baselineMonths = Array.from({ length: settings.baselineMonths }, (_, i) => addMonths(query.month, i - settings.baselineMonths));
  const { start, end } = monthsSpan(baselineMonths[0]!, query.month);
  const series = query.by === 'category' ? await categorySeries(prisma, start, end) : await placeSeries(prisma, start, end, settings.gridDegrees);
  const rows: HotspotRow[] = [];
  for (const [key, entry] of series) {
    const current = entry.counts.get(query.month) ?? 0;
    // A key absent this month cannot be a hot spot; listing every quiet place adds nothing.
    if (current === 0) continue;
    const baseline = baselineMonths.map((month) => entry.counts.get(month) ?? 0);
    rows.push({ key, name: entry.name, kind: entry.kind, current, baseline, ...scoreSpike(current, baseline, settings) });
  }
  rows.sort((a, b) => Number(b.flagged) - Number(a.flagged) || b.zScore - a.zScore || b.current - a.current || a.key.localeCompare(b.key));
  return { month: query.month, by: query.by, settings, baselineMonths, rows: query.limit === undefined ? rows : rows.slice(0, query.limit) };
}
