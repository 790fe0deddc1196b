// GET /healthz: 200 when PostgreSQL, Temporal and the calendar are fine, 503 otherwise: the
// readiness probe. Stuck cases make the report `degraded` but stay 200: one case's failed
// write is for an admin to see and retry, not a reason to take every API process out of
// service. Public and cheap, for load balancers and the console's status card.
import type { Connection } from '@temporalio/client';
import { Router } from 'express';
import type { PrismaClient } from '../../prisma/client';
import { checkCalendar, checkPostgres, checkStuckCases, checkTemporal } from './checks';
import type { HealthReport } from './report';

export function healthRoutes(deps: { prisma: PrismaClient; temporal: Connection; namespace: string; version: string; now?: () => Date }): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const now = deps.now?.() ?? new Date();
    const [postgres, temporal, calendar, stuckCases] = await Promise.all([
      checkPostgres(deps.prisma),
      checkTemporal(deps.temporal, deps.namespace),
      checkCalendar(deps.prisma, now),
      checkStuckCases(deps.prisma),
    ]);
    const ready = postgres.ok && temporal.ok && calendar.ok;
    const ok = ready && stuckCases.ok;
    const report: HealthReport = { status: ok ? 'ok' : 'degraded', checks: { postgres, temporal, calendar, stuckCases }, version: deps.version, time: now.toISOString() };
    res.status(ready ? 200 : 503).set('Cache-Control', 'no-store').json(report);
  });
  return router;
}
