// The dashboard's totals over a period: volume by day and channel, the ten busiest categories,
// the city-wide indicators, and the same totals for the previous period (环比) and the same
// dates last year (同比).
import type { PrismaClient } from '../prisma/client';
import { computeIndicators, type IndicatorRow } from './indicators';
import { instantRange, previousPeriod, sameDatesLastYear, type Period } from './period';

import type { Satisfaction } from '../rules/vocabulary';
import { indicatorValuesOf, NO_COUNTS } from '../rules/assessment/indicators';

export interface SummaryQuery extends Period {
  withinUnitId?: string | null;
  asOf?: Date;
}

export interface Change {
  /** This period minus that one. */
  change: number | null;
  /** change / that period's value; null when that value is 0 or unknown. */
  relativeChange: number | null;
}

export interface SummaryResult {
  from: string;
  to: string;
  totals: Omit<IndicatorRow, 'key' | 'name'>;
  byDay: { date: string; total: number; byChannel: Record<string, number> }[];
  byChannel: { channel: string; count: number }[];
  topCategories: { categoryId: string | null; name: string; count: number }[];
  /** The answers behind `totals.satisfactionRate`: closed-in-period cases whose last callback reached the citizen. */
  satisfaction: Record<Satisfaction, number>;
  previous: { from: string; to: string; totals: Omit<IndicatorRow, 'key' | 'name'>; received: Change; satisfactionRate: Change; completedOnTimeRate: Change };
  lastYear: { from: string; to: string; totals: Omit<IndicatorRow, 'key' | 'name'>; received: Change; satisfactionRate: Change; completedOnTimeRate: Change };
}

const EMPTY_TOTALS: Omit<IndicatorRow, 'key' | 'name'> = indicatorValuesOf(NO_COUNTS);

export function changeOf(current: number | null, earlier: number | null): Change {
  if (current === null || earlier === null) return { change: null, relativeChange: null };
  const change = current - earlier;
  return { change, relativeChange: earlier === 0 ? null : change / earlier };
}

async function totalsOf(prisma: PrismaClient, query: SummaryQuery): Promise<Omit<IndicatorRow, 'key' | 'name'>> {
  const row = (await computeIndicators(prisma, { ...query, groupBy: 'all' })).rows[0];
  if (!row) return EMPTY_TOTALS;
  const { key: _key, name: _name, ...totals } = row;
  return totals;
}

/** Cases received per Shanghai day and channel, and per category, in one pass. */
async function volumes(prisma: PrismaClient, query: SummaryQuery) {
  const { start, end } = instantRange(query);
  const within = query.withinUnitId ?? null;
  const byDayChannel = await prisma.$queryRaw<{ date: string; channel: string; count: number }[]>`
    SELECT to_char(c."receivedAt" AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date, c.channel::text AS channel, count(*)::int AS count
    FROM "Case" c
    WHERE c."receivedAt" >= ${start} AND c."receivedAt" < ${end} AND c.status <> 'draft'
      AND (${within}::text IS NULL OR c."leadUnitId" IN (SELECT id FROM "Unit" WHERE lineage @> ARRAY[${within}::text]))
    GROUP BY 1, 2 ORDER BY 1, 2`;
  const byCategory = await prisma.$queryRaw<{ categoryId: string | null; name: string | null; count: number }[]>`
    SELECT c."categoryId", cat.name, count(*)::int AS count
    FROM "Case" c LEFT JOIN "Category" cat ON cat.id = c."categoryId"
    WHERE c."receivedAt" >= ${start} AND c."receivedAt" < ${end} AND c.status <> 'draft'
      AND (${within}::text IS NULL OR c."leadUnitId" IN (SELECT id FROM "Unit" WHERE lineage @> ARRAY[${within}::text]))
    GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 10`;
  return { byDayChannel, byCategory };
}

/** The satisfaction rate's population by answer (docs/statistics.md: the last callback round of cases closed in the period). */
async function satisfactionAnswers(prisma: PrismaClient, query: SummaryQuery): Promise<Record<Satisfaction, number>> {
  const { start, end } = instantRange(query);
  const within = query.withinUnitId ?? null;
  const rows = await prisma.$queryRaw<{ satisfaction: Satisfaction; count: number }[]>`
    SELECT cb.satisfaction::text AS satisfaction, count(*)::int AS count
    FROM "Case" c
    JOIN LATERAL (SELECT status, satisfaction FROM "Callback" WHERE "caseId" = c.id ORDER BY round DESC LIMIT 1) cb ON true
    WHERE c."closedAt" >= ${start} AND c."closedAt" < ${end} AND cb.status = 'reached' AND cb.satisfaction IS NOT NULL AND NOT c."judgedUnreasonable"
      AND (${within}::text IS NULL OR c."leadUnitId" IN (SELECT id FROM "Unit" WHERE lineage @> ARRAY[${within}::text]))
    GROUP BY 1`;
  const answers: Record<Satisfaction, number> = { satisfied: 0, basicallySatisfied: 0, unsatisfied: 0 };
  for (const row of rows) answers[row.satisfaction] = row.count;
  return answers;
}

/** `GET /api/statistics/summary`. */
export async function computeSummary(prisma: PrismaClient, query: SummaryQuery): Promise<SummaryResult> {
  const before = previousPeriod(query);
  const yearAgo = sameDatesLastYear(query);
  const [totals, previousTotals, lastYearTotals, { byDayChannel, byCategory }, satisfaction] = await Promise.all([
    totalsOf(prisma, query),
    totalsOf(prisma, { ...query, ...before }),
    totalsOf(prisma, { ...query, ...yearAgo }),
    volumes(prisma, query),
    satisfactionAnswers(prisma, query),
  ]);
  const days = new Map<string, { date: string; total: number; byChannel: Record<string, number> }>();
  const channels = new Map<string, number>();
  for (const { date, channel, count } of byDayChannel) {
    const day = days.get(date) ?? { date, total: 0, byChannel: {} };
    day.total += count;
    day.byChannel[channel] = count;
    days.set(date, day);
    channels.set(channel, (channels.get(channel) ?? 0) + count);
  }
  const compared = (period: Period, earlier: Omit<IndicatorRow, 'key' | 'name'>) => ({
    ...period,
    totals: earlier,
    received: changeOf(totals.received, earlier.received),
    satisfactionRate: changeOf(totals.satisfactionRate, earlier.satisfactionRate),
    completedOnTimeRate: changeOf(totals.completedOnTimeRate, earlier.completedOnTimeRate),
  });
  return {
    from: query.from,
    to: query.to,
    totals,
    byDay: [...days.values()],
    byChannel: [...channels].map(([channel, count]) => ({ channel, count })).sort((a, b) => b.count - a.count || a.channel.localeCompare(b.channel)),
    topCategories: byCategory.map((c) => ({ categoryId: c.categoryId, name: c.name ?? '未分类', count: c.count })),
    satisfaction,
    previous: compared(before, previousTotals),
    lastYear: compared(yearAgo, lastYearTotals),
  };
}
