// OpenAPI descriptions of /api/statistics (spread into api/openapi/operations.ts).
import type { Operation } from '../openapi/operation';
import { STATISTICS_ROLES } from './routes';
import { assessmentQuery, indicatorsQuery, periodQuery } from './schemas';
import { EXPORT_MEDIA_TYPES } from './exportable';

export function statisticsOperations(): Operation[] {
  const base = { method: 'GET' as const, tag: 'statistics', auth: 'bearer' as const, roles: STATISTICS_ROLES };
  return [
    { ...base, path: '/api/statistics/indicators', summary: 'Assessment indicators per unit, category or channel over whole Shanghai days (docs/statistics.md); unit leaders see their subtree; ?format=csv|xlsx downloads the table', query: indicatorsQuery, produces: EXPORT_MEDIA_TYPES, success: { status: 200, description: '{ from, to, groupBy, targets, criticismRule: { threshold, deduction }, rows: [{ key, name, received, the rates (responseRate included), overdueCount, supervisionCount, urgeCount, criticismCount, missedTargets }] } — missedTargets: the targets (assessment.targets) the row misses; criticismRule: the urges on one unfinished case that bring a criticism notice (urge.criticismThreshold, 0: off) and the points each costs' } },
    { ...base, path: '/api/statistics/assessment', summary: 'Monthly assessment of units: work performance, citizen evaluation, weighted score, rank, 环比 and 同比; ?format=csv|xlsx downloads the ranking', query: assessmentQuery, produces: EXPORT_MEDIA_TYPES, success: { status: 200, description: '{ month, weights, scheme, targets, rows } — each row lists the targets it misses in missedTargets' } },
    { ...base, path: '/api/statistics/summary', summary: 'Dashboard totals: volume by day and channel, top 10 categories, satisfaction answers, city-wide indicators, 环比 and 同比', query: periodQuery, success: { status: 200, description: 'totals' } },
  ];
}
