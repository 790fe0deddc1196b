// GET /api/statistics/hotspots?month=yyyy-MM&by=category|place[&format=csv|xlsx]: categories or
// places whose volume rose against their own baseline (statistics/hotspots.ts).
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { computeHotspots, type HotspotReport } from '../../statistics/hotspots';
import { exportable, exportFormatField } from './exportable';
import { hotspotTable } from '../../statistics/export/statisticsTables';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import { monthField } from './periodFields';
import { STATISTICS_READER_ROLES } from './readerRoles';

export const hotspotQuery = z.object({
  ...exportFormatField,
  month: monthField,
  by: z.enum(['category', 'place'], { error: 'category or place' }).default('category'),
  limit: z.coerce.number({ error: 'a number' }).int('a whole number').min(1, 'at least 1').max(1000, 'at most 1000').optional(),
});

export function hotspotRoutes(deps: Pick<AppDeps, 'prisma' | 'jwtSecret'>): Router {
  const router = Router();
  router.use(requireAuth(deps.jwtSecret), requireRoles(...STATISTICS_READER_ROLES));
  router.get('/', exportable(hotspotTable), async (req, res) => {
    const query = hotspotQuery.parse(req.query);
    const report: HotspotReport = await computeHotspots(deps.prisma, { month: query.month, by: query.by, limit: query.limit });
    res.json(report);
  });
  return router;
}
