// GET /healthz: 200 when PostgreSQL, Temporal and the calendar are fine, 503 otherwise.
// Public and cheap, for load balancers and the console's status card.
import type { Connection } from '@temporalio/client';
import { Router } from 'express';
import type { PrismaClient } from '../../prisma/client';
import { checkCalendar, checkPostgres, checkTemporal } from './checks';

export function healthRoutes(deps: { prisma: PrismaClient; temporal: Connection; namespace: string; version: string; now?: () => Date }): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const now = deps.now?.() ?? new Date();
    const [postgres, temporal, calendar] = await Promise.all([
      checkPostgres(deps.prisma),
      checkTemporal(deps.temporal, deps.namespace),
      checkCalendar(deps.prisma, now),
    ]);
    const ok = postgres.ok && temporal.ok && calendar.ok;
    res.status(ok ? 200 : 503).set('Cache-Control', 'no-store').json({ status: ok ? 'ok' : 'degraded', checks: { postgres, temporal, calendar }, version: deps.version, time: now.toISOString() });
  });
  return router;
}
