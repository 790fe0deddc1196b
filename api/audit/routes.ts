// /api/audit: the auditors' check of the tamper-evident trail (docs/audit.md). A broken chain is
// a finding, not an error: the answer is 200 with ok=false and the first broken link.
import { Router } from 'express';
import { z } from 'zod';
import { identifier } from '../../rules/text';
import type { AppDeps } from '../deps';
import type { Role } from '../auth/tokens';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import { caseIdParams } from '../cases/params';
import { HttpError } from '../http/errors';
import { verifyAllChains, verifyChain } from './verifyChain';

export const AUDIT_VERIFIER_ROLES: Role[] = ['auditor', 'admin'];

export const verifyQuery = z
  .object({
    caseId: caseIdParams.shape.id.optional(),
    /** A chain without a case: `entityType:entityId` (e.g. `unit:xishan`). */
    chainKey: identifier(300).regex(/^[^:]+:.+$/, 'entityType:entityId').optional(),
  })
  .refine((query) => !(query.caseId && query.chainKey), { path: ['chainKey'], message: 'give caseId or chainKey, not both' });

export function auditRoutes(deps: Pick<AppDeps, 'prisma' | 'jwtSecret'>): Router {
  const router = Router();
  router.use(requireAuth(deps.jwtSecret), requireRoles(...AUDIT_VERIFIER_ROLES));

  router.get('/verify', async (req, res) => {
    const query = verifyQuery.parse(req.query);
    if (query.caseId) {
      const known = await deps.prisma.case.findUnique({ where: { id: query.caseId }, select: { id: true } });
      if (!known) throw new HttpError(404, 'not_found', `no case ${query.caseId}`);
      res.json(await verifyChain(deps.prisma, query.caseId));
      return;
    }
    if (query.chainKey) {
      const report = await verifyChain(deps.prisma, query.chainKey);
      // No row and no head: nothing was ever written there (a removed chain still has its head).
      if (report.rows === 0 && report.ok) throw new HttpError(404, 'not_found', `no audit chain ${query.chainKey}`);
      res.json(report);
      return;
    }
    res.json(await verifyAllChains(deps.prisma));
  });

  return router;
}
