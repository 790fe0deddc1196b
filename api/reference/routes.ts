// Reference data every signed-in user reads (pickers, trees, labels): units, categories,
// case types and deadline policies, in react-admin's simple-REST shape with Content-Range.
import { Router } from 'express';
import { z } from 'zod';
import type { PrismaClient } from '../../prisma/client';
import { requireAuth } from '../auth/middleware';
import { HttpError } from '../http/errors';

const listQuery = z.object({
  filter: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      try {
        return z.object({ parentId: z.string().nullable().optional(), active: z.boolean().optional(), q: z.string().max(50).optional() }).strict().parse(raw ? JSON.parse(raw) : {});
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON with parentId, active or q' });
        return z.NEVER;
      }
    }),
});

export function referenceRoutes(deps: { prisma: PrismaClient; jwtSecret: string }): Router {
  const router = Router();
  // Per route, so that unknown /api paths still fall through to the 404.
  const auth = requireAuth(deps.jwtSecret);

  const send = <T>(res: import('express').Response, resource: string, rows: T[]) => {
    res.set('Content-Range', `${resource} 0-${Math.max(0, rows.length - 1)}/${rows.length}`).json(rows);
  };

  router.get('/units', auth, async (req, res) => {
    const { filter } = listQuery.parse(req.query);
    const rows = await deps.prisma.unit.findMany({
      where: { parentId: filter.parentId, active: filter.active, name: filter.q ? { contains: filter.q } : undefined },
      orderBy: [{ level: 'asc' }, { sortOrder: 'asc' }],
      select: { id: true, code: true, name: true, nameEn: true, kind: true, level: true, parentId: true, lineage: true, active: true },
    });
    send(res, 'units', rows);
  });

  router.get('/units/:id', auth, async (req, res) => {
    const id = String(req.params.id);
    const unit = await deps.prisma.unit.findUnique({ where: { id }, include: { children: { select: { id: true, name: true } } } });
    if (!unit) throw new HttpError(404, 'not_found', `no unit ${id}`);
    res.json(unit);
  });

  router.get('/categories', auth, async (req, res) => {
    const { filter } = listQuery.parse(req.query);
    const rows = await deps.prisma.category.findMany({
      where: { parentId: filter.parentId, active: filter.active, name: filter.q ? { contains: filter.q } : undefined },
      orderBy: [{ parentId: 'asc' }, { sortOrder: 'asc' }],
    });
    send(res, 'categories', rows);
  });

  router.get('/case-types', auth, async (_req, res) => {
    send(res, 'case-types', await deps.prisma.caseType.findMany({ orderBy: { sortOrder: 'asc' } }));
  });

  router.get('/policies', auth, async (_req, res) => {
    const rows = await deps.prisma.deadlinePolicy.findMany({ orderBy: [{ clock: 'asc' }, { id: 'asc' }] });
    send(res, 'policies', rows.map((row) => ({ ...row, warnRatio: row.warnRatio === null ? null : Number(row.warnRatio) })));
  });

  return router;
}
