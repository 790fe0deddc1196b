// The statistics endpoints (api/app.ts mounts them under /api/statistics).
import { dateRangeOf, monthOf, type StatisticsPeriod } from './period';
import type { GroupBy, HotspotDimension } from './types';

export type ExportFormat = 'csv' | 'xlsx';

const withQuery = (path: string, params: Record<string, string | undefined>) => {
  const defined = Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return `${path}?${new URLSearchParams(defined).toString()}`;
};

export const summaryPath = (period: StatisticsPeriod) => withQuery('/api/statistics/summary', dateRangeOf(period));

export const indicatorsPath = (period: StatisticsPeriod, groupBy: GroupBy, format?: ExportFormat) =>
  withQuery('/api/statistics/indicators', { groupBy, ...dateRangeOf(period), format });

export const assessmentPath = (period: StatisticsPeriod, format?: ExportFormat) => withQuery('/api/statistics/assessment', { month: monthOf(period), format });

export const hotspotsPath = (period: StatisticsPeriod, by: HotspotDimension) => withQuery('/api/statistics/hotspots', { month: monthOf(period), by });

export const repeatComplaintsPath = (period: StatisticsPeriod, limit: number) =>
  withQuery('/api/statistics/repeat-complaints', { ...dateRangeOf(period), limit: String(limit) });

export const reportPath = (month: string) => withQuery('/api/statistics/report', { month });
