// The hot spot, repeat complaint and report routes in the OpenAPI description.
import type { Operation } from '../openapi/operation';
import { EXPORT_MEDIA_TYPES } from './exportable';
import { hotspotQuery } from './hotspotRoutes';
import { STATISTICS_READER_ROLES } from './readerRoles';
import { repeatComplaintQuery } from './repeatComplaintRoutes';
import { reportQuery } from './reportRoutes';

export function hotspotOperations(): Operation[] {
  const base = { tag: 'statistics', auth: 'bearer' as const, roles: STATISTICS_READER_ROLES };
  return [
    { ...base, method: 'GET', path: '/api/statistics/hotspots', summary: 'Hot spots of a month: categories or places (address, lat/long grid) against the mean and sd of their previous months; ?format=csv|xlsx downloads the table', query: hotspotQuery, produces: EXPORT_MEDIA_TYPES, success: { status: 200, description: '{ month, by, settings, baselineMonths, rows: [{ key, name, kind, current, baseline, baselineMean, baselineSd, ratio, zScore, flagged }] }' } },
    { ...base, method: 'GET', path: '/api/statistics/repeat-complaints', summary: 'Repeat complaints: the same citizen (any phone form) or the same place and category N times within W days, densest first (?limit= lists the first n); phones masked; ?format=csv|xlsx', query: repeatComplaintQuery, produces: EXPORT_MEDIA_TYPES, success: { status: 200, description: '{ from, to, settings, totalGroups, groups: [{ groupId, kind, label, caseCount, maxInWindow, windowStart, windowEnd, cases }] }' } },
    { ...base, method: 'GET', path: '/api/statistics/report', summary: 'The printable monthly report (HTML, A4): summary, assessment ranking, indicators by unit, hot spots, repeat complaints', query: reportQuery, produces: ['text/html'], success: { status: 200, description: 'an HTML page' } },
  ];
}
