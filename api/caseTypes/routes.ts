// /api/case-types: 咨询 / 投诉 / 举报 … for pickers and labels. Read-only: the lifecycle and the
// seeded policies name them; their time limits are edited as policies.
import { Router } from 'express';
import type { AppDeps } from '../deps';
import { requireAuth } from '../auth/middleware';
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

  return router;
}
