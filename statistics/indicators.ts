// The assessment indicators (考核指标) per unit, category or channel over a period: the rates
// from the counts (statistics/indicatorDays.ts sums them from the stored days and the cases),
// with display names. docs/statistics.md is the specification: which cases each indicator
// counts, its numerator, denominator and edge cases; keep the two in step.
import type { PrismaClient } from '../prisma/client';
import { computeIndicatorCounts, type IndicatorQuery } from './indicatorDays';
import type { GroupBy } from './indicatorFacts';
import { indicatorValuesOf, type IndicatorCounts, type IndicatorValues } from '../rules/assessment/indicators';

export { computeIndicatorCounts };
export type { GroupBy, IndicatorQuery };

/** One row of the API's contract: its key and name, then every indicator (rules/assessment/indicators.ts). */
export type IndicatorRow = { key: string; name: string } & IndicatorValues;

export interface IndicatorResult {
  from: string;
  to: string;
  groupBy: GroupBy;
  rows: IndicatorRow[];
}

/** Display names of the keys: unit and category names, channels in Chinese. */
const CHANNEL_NAMES: Record<string, string> = {
  phone: '电话', sms: '短信', web: '网站', email: '电子邮件', letter: '信件', wechat: '微信', open311: '开放接口', walkIn: '来访',
};

async function namesOf(prisma: PrismaClient, groupBy: GroupBy, keys: string[]): Promise<Map<string, string>> {
  if (groupBy === 'unit') return new Map((await prisma.unit.findMany({ where: { id: { in: keys } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  if (groupBy === 'category') {
    const names = new Map((await prisma.category.findMany({ where: { id: { in: keys } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]));
    names.set('', '未分类');
    return names;
  }
  if (groupBy === 'channel') return new Map(Object.entries(CHANNEL_NAMES));
  return new Map([['all', '全市']]);
}

export function toRow(key: string, name: string, c: IndicatorCounts): IndicatorRow {
  return { key, name, ...indicatorValuesOf(c) };
}

/** `GET /api/statistics/indicators`: one row per unit, category or channel, busiest first. */
export async function computeIndicators(prisma: PrismaClient, query: IndicatorQuery): Promise<IndicatorResult> {
  const counts = await computeIndicatorCounts(prisma, query);
  const names = await namesOf(prisma, query.groupBy, [...counts.keys()]);
  const rows = [...counts].map(([key, c]) => toRow(key, names.get(key) ?? key, c)).sort((a, b) => b.received - a.received || a.key.localeCompare(b.key));
  return { from: query.from, to: query.to, groupBy: query.groupBy, rows };
}
