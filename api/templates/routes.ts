// /api/templates: the SMS and voice texts the lifecycle sends. Codes are fixed by the code that
// renders them, so there is no create or delete; admins edit the Chinese and English texts,
// whose placeholders must be ones the template's renderer fills in. Audited.
import { Router } from 'express';
import type { AppDeps } from '../deps';
import type { db } from '../../prisma/client';
import { changedFields, recordAdminChange } from '../audit/record';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import { HttpError } from '../http/errors';
import { pageOf, sendList } from '../http/simpleRest';
import { presentTemplate } from './answers';
import { allowedPlaceholders, placeholderProblem } from './placeholders';
import { templateListQuery, templateParams, templateUpdateBody } from './schemas';

export function templateRoutes(deps: Pick<AppDeps, 'prisma' | 'jwtSecret'>): Router {
  const router = Router();
  router.use(requireAuth(deps.jwtSecret));

  router.get('/', async (req, res) => {
    const query = templateListQuery.parse(req.query);
    const filter = query.filter ?? {};
    const where: db.Prisma.MessageTemplateWhereInput = {
      code: filter.id ? { in: filter.id } : undefined,
      channel: filter.channel,
      OR: filter.q ? [{ code: { contains: filter.q } }, { body: { contains: filter.q } }, { description: { contains: filter.q } }] : undefined,
    };
    const [field, direction] = query.sort ?? ['id', 'ASC'];
    const orderBy = { [field === 'id' ? 'code' : field]: direction === 'ASC' ? 'asc' : 'desc' } as db.Prisma.MessageTemplateOrderByWithRelationInput;
    const [total, rows] = await Promise.all([deps.prisma.messageTemplate.count({ where }), deps.prisma.messageTemplate.findMany({ where, orderBy, ...pageOf(query.range) })]);
    sendList(res, 'templates', rows.map(presentTemplate), total, query.range);
  });

  router.get('/:id', async (req, res) => {
    const { id } = templateParams.parse(req.params);
    const row = await deps.prisma.messageTemplate.findUnique({ where: { code: id } });
    if (!row) throw new HttpError(404, 'not_found', `no template ${id}`);
    res.json(presentTemplate(row));
  });

  router.put('/:id', requireRoles('admin'), async (req, res) => {
    const { id } = templateParams.parse(req.params);
    const { reason, ...texts } = templateUpdateBody.parse(req.body);
    const before = await deps.prisma.messageTemplate.findUnique({ where: { code: id } });
    if (!before) throw new HttpError(404, 'not_found', `no template ${id}`);
    const allowed = allowedPlaceholders(id);
    const problems: Record<string, string> = {};
    for (const field of ['body', 'bodyEn'] as const) {
      const problem = texts[field] ? placeholderProblem(texts[field], allowed) : null;
      if (problem) problems[field] = problem;
    }
    if (Object.keys(problems).length > 0) throw new HttpError(400, 'invalid_request', `the template ${id} uses placeholders its renderer does not fill in`, problems);
    const after = await deps.prisma.$transaction(async (tx) => {
      const row = await tx.messageTemplate.update({ where: { code: id }, data: { ...texts, updatedById: req.user!.sub } });
      const changed = changedFields(before, row).filter((field) => field !== 'updatedById');
      if (changed.length > 0) await recordAdminChange(tx, req.user!, { entityType: 'messageTemplate', entityId: id, action: 'templateChanged', reason, before, after: row, details: { changed } });
      return row;
    });
    res.json(presentTemplate(after));
  });

  return router;
}
