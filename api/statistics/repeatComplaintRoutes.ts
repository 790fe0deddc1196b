// GET /api/statistics/repeat-complaints?from=yyyy-MM-dd&to=yyyy-MM-dd[&format=csv|xlsx]: the same
// citizen, or the same place and category, repeatedly (statistics/repeatComplaints.ts).
// Citizens appear by masked number only, as in the case list.
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { computeRepeatComplaints } from '../../statistics/repeatComplaints';
import { exportable, exportFormatField } from './exportable';
import { repeatComplaintTable } from '../../statistics/export/statisticsTables';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import { checkDateRange, dateRangeFields } from './periodFields';
import { STATISTICS_READER_ROLES } from './readerRoles';

export const repeatComplaintQuery = z
  .object({
    ...exportFormatField,
    ...dateRangeFields,
    limit: z.coerce.number({ error: 'a number' }).int('a whole number').min(1, 'at least 1').max(10_000, 'at most 10000').optional(),
  })
  .superRefine(checkDateRange);

export function repeatComplaintRoutes(deps: Pick<AppDeps, 'prisma' | 'jwtSecret'>): Router {
  const router = Router();
  router.use(requireAuth(deps.jwtSecret), requireRoles(...STATISTICS_READER_ROLES));
  router.get('/', exportable(repeatComplaintTable), async (req, res) => {
    const { from, to, limit } = repeatComplaintQuery.parse(req.query);
    res.json(await computeRepeatComplaints(deps.prisma, { from, to, limit }));
  });
  return router;
}
