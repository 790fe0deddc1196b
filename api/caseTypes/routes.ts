// /api/case-types: 咨询 / 投诉 / 举报 … for pickers and labels. The lifecycle and the seeded
// policies name them, and their time limits are edited as policies; an admin edits only whether
// a type's cases are registered confidential (保密, confidentialByDefault), audited.
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { recordAdminChange } from '../audit/record';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import { singleLineText } from '../../rules/text';
import { HttpError } from '../http/errors';
import { idParams } from '../http/fields';
import { sendList } from '../http/simpleRest';
import { presentCaseType } from './answers';


export function caseTypeRoutes(deps: Pick<AppDeps, 'prisma' | 'jwtSecret'>): Router {
  const router = Router();
  router.use(requireAuth(deps.jwtSecret));

  router.get('/', async (_req, res) => {
    const rows = await deps.prisma.caseType.findMany({ orderBy: { sortOrder: 'asc' } });
    sendList(res, 'case-types', rows.map(presentCaseType), rows.length, undefined);
  });

  router.get('/:id', async (req, res) => {
    const { id } = idParams.parse(req.params);
    const row = await deps.prisma.caseType.findUnique({ where: { code: id } });
    if (!row) throw new HttpError(404, 'not_found', `no case type ${id}`);
    res.json(presentCaseType(row));
  });

  router.put('/:id', requireRoles('admin'), async (req, res) => {
    const { id } = idParams.parse(req.params);
    const { confidentialByDefault, reason } = caseTypeUpdateBody.parse(req.body ?? {});
    const updated = await deps.prisma.$transaction(async (tx) => {
      const before = await tx.caseType.findUnique({ where: { code: id } });
      if (!before) throw new HttpError(404, 'not_found', `no case type ${id}`);
      if (before.confidentialByDefault === confidentialByDefault) return before;
      const after = await tx.caseType.update({ where: { code: id }, data: { confidentialByDefault } });
      await recordAdminChange(tx, req.user!, { entityType: 'caseType', entityId: id, action: 'update', reason: reason ?? null, before, after, details: { changed: ['confidentialByDefault'] } });
      return after;
    });
    res.json(presentCaseType(updated));
  });

  return router;
}

/** What an admin may change of a case type (react-admin sends the whole record: the rest is ignored). */
export const caseTypeUpdateBody = z.object({ confidentialByDefault: z.boolean(), reason: singleLineText(500).optional() });
