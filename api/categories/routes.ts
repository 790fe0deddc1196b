// /api/categories: the category tree (诉求分类) with each category's default unit. Everyone
// signed in reads it; admins create, edit, move (the subtree's lineages follow), deactivate,
// and delete categories nothing refers to. Every change is audited.
import { Router } from 'express';
import type { z } from 'zod';
import type { AppDeps } from '../deps';
import type { db } from '../../prisma/client';
import { changedFields, recordAdminChange } from '../audit/record';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import { HttpError } from '../http/errors';
import { deleteQuery, idParams } from '../http/fields';
import { conflictOnConstraint } from '../http/prismaErrors';
import { orderOf, pageOf, sendList } from '../http/simpleRest';
import { assertCanDeactivate, assertUnreferenced, assertValidParent, lineageUnder } from '../trees/rules';
import { lockTree, rewriteSubtree } from '../trees/subtree';
import { categoryCreateBody, categoryListFilter, categoryListQuery, categoryUpdateBody, type CategoryUpdateBody } from './schemas';

type CategoryRow = db.Category;
type Tx = db.Prisma.TransactionClient;

const notFound = (id: string) => new HttpError(404, 'not_found', `no category ${id}`);
const invalid = (fields: Record<string, string>) => new HttpError(400, 'invalid_request', 'the request has invalid fields', fields);

function categoryWhere(filter: z.output<typeof categoryListFilter>): db.Prisma.CategoryWhereInput {
  return {
    id: filter.id ? { in: filter.id } : undefined,
    parentId: filter.parentId,
    defaultUnitId: filter.defaultUnitId,
    active: filter.active,
    lineage: filter.ancestorId ? { has: filter.ancestorId } : undefined,
    OR: filter.q ? [{ name: { contains: filter.q } }, { code: { contains: filter.q } }] : undefined,
  };
}

async function assertCodeFree(tx: Tx, code: string, exceptId: string | null): Promise<void> {
  const holder = await tx.category.findUnique({ where: { code }, select: { id: true } });
  if (holder && holder.id !== exceptId) throw new HttpError(409, 'duplicate', `the code ${code} is taken by category ${holder.id}`, { code: 'already taken' });
}

async function assertDefaultUnit(tx: Tx, unitId: string | null | undefined): Promise<void> {
  if (!unitId) return;
  if (!(await tx.unit.findFirst({ where: { id: unitId, active: true }, select: { id: true } }))) throw invalid({ defaultUnitId: 'no such active unit' });
}

async function parentOf(tx: Tx, parentId: string): Promise<CategoryRow> {
  const parent = await tx.category.findUnique({ where: { id: parentId } });
  if (!parent) throw invalid({ parentId: 'no such category' });
  return parent;
}

async function assertActivation(tx: Tx, category: CategoryRow, active: boolean): Promise<void> {
  if (active === category.active) return;
  if (!active) assertCanDeactivate(category, await tx.category.count({ where: { parentId: category.id, active: true } }), 'category');
  else if (category.parentId !== null && !(await parentOf(tx, category.parentId)).active) {
    throw new HttpError(409, 'inactive_parent', `the parent category ${category.parentId} is deactivated; reactivate it first`);
  }
}

function actionOf(body: CategoryUpdateBody, moved: boolean, before: CategoryRow): string {
  if (moved) return 'categoryMoved';
  if (body.active !== undefined && body.active !== before.active) return body.active ? 'categoryReactivated' : 'categoryDeactivated';
  return 'categoryUpdated';
}

export function categoryRoutes(deps: Pick<AppDeps, 'prisma' | 'jwtSecret'>): Router {
  const router = Router();
  router.use(requireAuth(deps.jwtSecret));
  const admin = requireRoles('admin');

  router.get('/', async (req, res) => {
    const query = categoryListQuery.parse(req.query);
    const where = categoryWhere(query.filter ?? {});
    const orderBy: db.Prisma.CategoryOrderByWithRelationInput[] = query.sort ? [orderOf(query.sort), { id: 'asc' }] : [{ parentId: 'asc' }, { sortOrder: 'asc' }, { id: 'asc' }];
    const [total, rows] = await Promise.all([deps.prisma.category.count({ where }), deps.prisma.category.findMany({ where, orderBy, ...pageOf(query.range) })]);
    sendList(res, 'categories', rows, total, query.range);
  });

  router.get('/:id', async (req, res) => {
    const { id } = idParams.parse(req.params);
    const category = await deps.prisma.category.findUnique({ where: { id }, include: { children: { select: { id: true, name: true, active: true }, orderBy: { sortOrder: 'asc' } } } });
    if (!category) throw notFound(id);
    res.json(category);
  });

  router.post('/', admin, async (req, res) => {
    const { reason, id: givenId, parentId, ...fields } = categoryCreateBody.parse(req.body);
    const id = givenId ?? `cat-${fields.code}`;
    const created = await conflictOnConstraint(
      () =>
        deps.prisma.$transaction(async (tx) => {
          await lockTree(tx, 'Category');
          if (await tx.category.findUnique({ where: { id }, select: { id: true } })) throw new HttpError(409, 'duplicate', `category ${id} exists`, { id: 'already taken' });
          await assertCodeFree(tx, fields.code, null);
          await assertDefaultUnit(tx, fields.defaultUnitId);
          const parent = parentId === null ? null : await parentOf(tx, parentId);
          if (parent) assertValidParent({ id }, parent, 'category');
          const category = await tx.category.create({ data: { ...fields, id, parentId, lineage: lineageUnder(parent, id) } });
          await recordAdminChange(tx, req.user!, { entityType: 'category', entityId: id, action: 'categoryCreated', reason, before: null, after: category });
          return category;
        }),
      'the category id or code was taken meanwhile',
    );
    res.status(201).json(created);
  });

  router.put('/:id', admin, async (req, res) => {
    const { id } = idParams.parse(req.params);
    const body = categoryUpdateBody.parse(req.body);
    const { reason, parentId, active, ...fields } = body;
    const updated = await conflictOnConstraint(
      () =>
        deps.prisma.$transaction(async (tx) => {
          await lockTree(tx, 'Category');
          const before = await tx.category.findUnique({ where: { id } });
          if (!before) throw notFound(id);
          if (fields.code !== undefined) await assertCodeFree(tx, fields.code, id);
          if (fields.defaultUnitId !== before.defaultUnitId) await assertDefaultUnit(tx, fields.defaultUnitId);
          const moves = parentId !== undefined && parentId !== before.parentId;
          let rowsMoved = 0;
          if (moves) {
            const parent = parentId === null ? null : await parentOf(tx, parentId);
            if (parent) assertValidParent(before, parent, 'category');
            rowsMoved = await rewriteSubtree(tx, 'Category', id, lineageUnder(parent, id));
          }
          if (active !== undefined) await assertActivation(tx, { ...before, parentId: moves ? parentId : before.parentId }, active);
          const after = await tx.category.update({ where: { id }, data: { ...fields, active, parentId: moves ? parentId : undefined } });
          const changed = changedFields(before, after);
          if (changed.length > 0) {
            await recordAdminChange(tx, req.user!, { entityType: 'category', entityId: id, action: actionOf(body, moves, before), reason, before, after, details: { changed, ...(moves ? { subtreeRowsRewritten: rowsMoved } : {}) } });
          }
          return after;
        }),
      'the code was taken meanwhile',
    );
    res.json(updated);
  });

  router.delete('/:id', admin, async (req, res) => {
    const { id } = idParams.parse(req.params);
    const { reason } = deleteQuery.parse(req.query);
    const deleted = await conflictOnConstraint(
      () =>
        deps.prisma.$transaction(async (tx) => {
          await lockTree(tx, 'Category');
          const category = await tx.category.findUnique({ where: { id }, include: { _count: { select: { children: true, cases: true, policies: true, articles: true } } } });
          if (!category) throw notFound(id);
          const { _count: counts, ...row } = category;
          // Policies would go with it (cascade) and articles lose their category: both count as use.
          assertUnreferenced(category, { subCategories: counts.children, cases: counts.cases, policies: counts.policies, articles: counts.articles }, 'category');
          await tx.category.delete({ where: { id } });
          await recordAdminChange(tx, req.user!, { entityType: 'category', entityId: id, action: 'categoryDeleted', reason, before: row, after: null });
          return row;
        }),
      'the category became referenced meanwhile; deactivate it instead',
    );
    res.json(deleted);
  });

  return router;
}
