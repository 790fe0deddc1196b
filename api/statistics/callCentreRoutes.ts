// GET /api/statistics/call-centre?from=yyyy-MM-dd&to=yyyy-MM-dd[&format=csv|xlsx]: the call-centre
// figures (statistics/callCentre.ts) for the hotline office; units have no part in the phones.
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { computeCallCentre } from '../../statistics/callCentre';
import { CALL_CENTRE_TABLES, callCentreTable } from '../../statistics/export/callCentreTable';
import { exportable, exportFormatField, EXPORT_MEDIA_TYPES } from './exportable';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import type { Operation } from '../openapi/operation';
import { checkDateRange, dateRangeFields } from './periodFields';
import { STATISTICS_READER_ROLES } from './readerRoles';

export const callCentreQuery = z
  .object({
    ...exportFormatField,
    ...dateRangeFields,
    /** Which table a download holds; the JSON answer has them all. */
    table: z.enum(CALL_CENTRE_TABLES, { error: CALL_CENTRE_TABLES.join(', ') }).default('days'),
  })
  .superRefine(checkDateRange);

const FIGURES = 'received, offered, answered, abandoned, toVoicemail (integers), answerRate, abandonRate (0–1 or null), avgWaitSec, avgTalkSec (seconds or null)';

export const callCentreOperation: Operation = {
  method: 'GET',
  path: '/api/statistics/call-centre',
  tag: 'statistics',
  auth: 'bearer',
  roles: STATISTICS_READER_ROLES,
  summary: 'Call-centre figures over whole Shanghai days (docs/statistics.md): calls offered to the operators, answered, abandoned, 接通率, average wait and talk, by hour of day and by day; per operator calls taken, cases registered, average handling time; ?format=csv|xlsx downloads one table (&table=days with a total row, hours or operators)',
  query: callCentreQuery,
  produces: EXPORT_MEDIA_TYPES,
  success: {
    status: 200,
    description: `{ from, to, totals: { ${FIGURES} }, byHour: [24 × { hour (0–23), …the same figures }], byDay: [one per day { date, …the same figures }], operators: [{ userId, username, displayName, callsTaken, casesRegistered, callsWithCase (integers), avgTalkSec, avgHandlingSec (seconds or null) }] }`,
  },
};

export function callCentreRoutes(deps: Pick<AppDeps, 'prisma' | 'jwtSecret'>): Router {
  const router = Router();
  router.use(requireAuth(deps.jwtSecret), requireRoles(...STATISTICS_READER_ROLES));
  router.get('/', exportable(callCentreTable), async (req, res) => {
    const { from, to } = callCentreQuery.parse(req.query);
    res.json(await computeCallCentre(deps.prisma, { from, to }));
  });
  return router;
}
