// GET /api/statistics/report?month=yyyy-MM: the printable monthly report, an HTML page.
// It needs the bearer token like every /api route; the console opens it with
//   fetch(url, { headers: { Authorization: `Bearer ${token}` } }) → blob → URL.createObjectURL
//   → window.open(blobUrl)
// (docs/statistics-hotspots.md). Tokens are never taken from the URL: they would land in logs
// and browser history.
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import type { ReportSources } from '../../statistics/report/reportData';
import { defaultReportSources, gatherReportData } from '../../statistics/report/reportSources';
import { renderReport } from '../../statistics/report/renderReport';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import { monthField } from './periodFields';
import { STATISTICS_READER_ROLES } from './readerRoles';

export const reportQuery = z.object({ month: monthField });

export function reportRoutes(deps: Pick<AppDeps, 'prisma' | 'jwtSecret' | 'now'> & { reportSources?: ReportSources }): Router {
  const router = Router();
  const now = () => deps.now?.() ?? new Date();
  const sources = deps.reportSources ?? defaultReportSources(deps.prisma, now);
  router.use(requireAuth(deps.jwtSecret), requireRoles(...STATISTICS_READER_ROLES));
  router.get('/', async (req, res) => {
    const { month } = reportQuery.parse(req.query);
    const data = await gatherReportData(deps.prisma, month, sources, now());
    res.status(200).set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'private, no-store' }).send(renderReport(data));
  });
  return router;
}
