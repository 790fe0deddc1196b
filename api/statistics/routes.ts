// /api/statistics: assessment indicators, the monthly assessment of units and the dashboard's
// totals. Office roles see the whole city; a unit's leader sees the rows of its own subtree
// (the same lineage rule as api/cases). Every figure comes from statistics/, which the exports
// and the printed report reuse.
import { Router } from 'express';
import type { AppDeps } from '../deps';
import { isUnitScoped, requireRoles } from '../auth/access';
import type { AccessClaims, Role } from '../auth/tokens';
import { requireAuth } from '../auth/middleware';
import { computeAssessment } from '../../statistics/assessment';
import { computeIndicators } from '../../statistics/indicators';
import { computeSummary } from '../../statistics/summary';
import { withTargets } from '../../statistics/targets';
import { loadCriticismRule } from '../../statistics/criticismRule';
import { exportable } from './exportable';
import { assessmentTable, indicatorsTable } from '../../statistics/export/statisticsTables';
import { assessmentQuery, indicatorsQuery, periodQuery } from './schemas';

export const STATISTICS_ROLES: Role[] = ['supervisor', 'auditor', 'admin', 'dispatcher', 'unitLeader'];

/** The subtree a unit user is limited to; null for the office roles. */
const scopeOf = (user: AccessClaims) => (isUnitScoped(user) ? user.unitId : null);

export function statisticsRoutes(deps: Pick<AppDeps, 'prisma' | 'jwtSecret' | 'now'>): Router {
  const router = Router();
  router.use(requireAuth(deps.jwtSecret), requireRoles(...STATISTICS_ROLES));
  const asOf = () => deps.now?.() ?? new Date();

  // ?format=csv|xlsx: the same figures as a download (statistics/export).
  router.get('/indicators', exportable(indicatorsTable), async (req, res) => {
    const { format: _format, ...query } = indicatorsQuery.parse(req.query);
    const indicators = await withTargets(deps.prisma, await computeIndicators(deps.prisma, { ...query, withinUnitId: scopeOf(req.user!), asOf: asOf() }));
    // The rule behind criticismCount, so that whoever reads the counts reads why they are there.
    res.json({ ...indicators, criticismRule: await loadCriticismRule(deps.prisma) });
  });

  router.get('/assessment', exportable(assessmentTable), async (req, res) => {
    const { month } = assessmentQuery.parse(req.query);
    res.json(await computeAssessment(deps.prisma, month, { withinUnitId: scopeOf(req.user!), asOf: asOf() }));
  });

  router.get('/summary', async (req, res) => {
    const period = periodQuery.parse(req.query);
    res.json(await computeSummary(deps.prisma, { ...period, withinUnitId: scopeOf(req.user!), asOf: asOf() }));
  });

  return router;
}
