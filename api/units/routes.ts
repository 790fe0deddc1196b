// /api/units: the unit tree. Everyone signed in reads it (pickers, labels); admins create,
// rename, move (the whole subtree's lineage and level follow, in one transaction), deactivate,
// and delete units nothing refers to. Every change is audited.
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
import { deepestLineage, lockTree, rewriteSubtree } from '../trees/subtree';
import { MAX_UNIT_LEVEL, unitCreateBody, unitListFilter, unitListQuery, unitUpdateBody, type UnitUpdateBody } from './schemas';

type UnitRow = db.Unit;
type Tx = db.Prisma.TransactionClient;

const notFound = (id: string) => new HttpError(404, 'not_found', `no unit ${id}`);

function unitWhere(filter: z.output<typeof unitListFilter>): db.Prisma.UnitWhereInput {
  return {
    id: filter.id ? { in: filter.id } : undefined,
    parentId: filter.parentId,
    active: filter.active,
    kind: filter.kind,
    level: filter.level,
    lineage: filter.ancestorId ? { has: filter.ancestorId } : undefined,
    OR: filter.q ? [{ name: { contains: filter.q } }, { code: { contains: filter.q } }] : undefined,
  };
}

function assertLevel(level: number): void {
  if (level > MAX_UNIT_LEVEL) throw new HttpError(409, 'too_deep', `units go at most ${MAX_UNIT_LEVEL} levels below the hotline office; this would make level ${level}`, { parentId: 'too deep' });
}

/** The kind follows the position: the root is the hotline office and nothing else is. */
function assertKind(kind: UnitRow['kind'], isRoot: boolean): void {
  if (isRoot !== (kind === 'hotlineOffice')) throw new HttpError(400, 'invalid_request', 'the request has invalid fields', { kind: isRoot ? 'the root is the hotline office' : 'only the root is the hotline office' });
}

async function assertCodeFree(tx: Tx, code: string, exceptId: string | null): Promise<void> {
  const holder = await tx.unit.findUnique({ where: { code }, select: { id: true } });
  if (holder && holder.id !== exceptId) throw new HttpError(409, 'duplicate', `the code ${code} is taken by unit ${holder.id}`, { code: 'already taken' });
}

async function parentOf(tx: Tx, parentId: string): Promise<UnitRow> {
  const parent = await tx.unit.findUnique({ where: { id: parentId } });
  if (!parent) throw new HttpError(400, 'invalid_request', 'the request has invalid fields', { parentId: 'no such unit' });
  return parent;
}

/** Moves `unit` with its subtree under `parentId`; returns how many rows were rewritten. */
async function moveUnit(tx: Tx, unit: UnitRow, parentId: string | null): Promise<number> {
  if (unit.parentId === null || parentId === null) throw new HttpError(409, 'root_fixed', 'the hotline office is the one root of the unit tree: it cannot move, and no other unit can become a root', { parentId: 'cannot change' });
  const parent = await parentOf(tx, parentId);
  assertValidParent(unit, parent, 'unit');
  const lineage = lineageUnder(parent, unit.id);
  const subtreeDepthBelow = (await deepestLineage(tx, 'Unit', unit.id)) - unit.lineage.length;
  assertLevel(lineage.length - 1 + subtreeDepthBelow);
  return rewriteSubtree(tx, 'Unit', unit.id, lineage);
}

async function assertActivation(tx: Tx, unit: UnitRow, active: boolean): Promise<void> {
  if (active === unit.active) return;
  if (!active) {
    if (unit.parentId === null) throw new HttpError(409, 'root_fixed', 'the hotline office cannot be deactivated');
    assertCanDeactivate(unit, await tx.unit.count({ where: { parentId: unit.id, active: true } }), 'unit');
    // Dispatchers would be offered a unit that can no longer receive cases.
    const defaultFor = await tx.category.count({ where: { defaultUnitId: unit.id, active: true } });
    if (defaultFor > 0) throw new HttpError(409, 'in_use', `${defaultFor} active categories have the unit ${unit.id} as their default unit; change them first`, { categories: String(defaultFor) });
  } else if (unit.parentId !== null) {
    const parent = await parentOf(tx, unit.parentId);
    if (!parent.active) throw new HttpError(409, 'inactive_parent', `the parent unit ${parent.id} is deactivated; reactivate it first`);
  }
}

function actionOf(body: UnitUpdateBody, moved: boolean, before: UnitRow): string {
  if (moved) return 'unitMoved';
  if (body.active !== undefined && body.active !== before.active) return body.active ? 'unitReactivated' : 'unitDeactivated';
  return 'unitUpdated';
}

export function unitRoutes(deps: Pick<AppDeps, 'prisma' | 'jwtSecret'>): Router {
  const router = Router();
  router.use(requireAuth(deps.jwtSecret));
  const admin = requireRoles('admin');

  router.get('/', async (req, res) => {
    const query = unitListQuery.parse(req.query);
    const where = unitWhere(query.filter ?? {});
    const orderBy: db.Prisma.UnitOrderByWithRelationInput[] = query.sort ? [orderOf(query.sort), { id: 'asc' }] : [{ level: 'asc' }, { sortOrder: 'asc' }, { id: 'asc' }];
    const [total, rows] = await Promise.all([deps.prisma.unit.count({ where }), deps.prisma.unit.findMany({ where, orderBy, ...pageOf(query.range) })]);
    sendList(res, 'units', rows, total, query.range);
  });

  // The people of one's own unit who may be named to handle its assignments (assignHandler's
  // picker): names and unit roles only, to the unit's own leaders and handlers.
  router.get('/:id/handlers', requireRoles('unitLeader', 'unitHandler'), async (req, res) => {
    const { id } = idParams.parse(req.params);
    if (req.user!.unitId !== id) throw new HttpError(403, 'forbidden', 'only the unit’s own leaders and handlers read its handlers');
    const users = await deps.prisma.user.findMany({
      where: { unitId: id, active: true, roles: { hasSome: ['unitHandler', 'unitLeader'] } },
      select: { id: true, displayName: true, roles: true },
      orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
    });
    res.json(users.map((u) => ({ ...u, roles: u.roles.filter((r) => r === 'unitHandler' || r === 'unitLeader') })));
  });

  router.get('/:id', async (req, res) => {
    const { id } = idParams.parse(req.params);
    const unit = await deps.prisma.unit.findUnique({ where: { id }, include: { children: { select: { id: true, name: true, active: true }, orderBy: { sortOrder: 'asc' } } } });
    if (!unit) throw notFound(id);
    res.json(unit);
  });

  router.post('/', admin, async (req, res) => {
    const { reason, id: givenId, parentId, ...fields } = unitCreateBody.parse(req.body);
    const id = givenId ?? fields.code;
    const created = await conflictOnConstraint(
      () =>
        deps.prisma.$transaction(async (tx) => {
          await lockTree(tx, 'Unit');
          if (await tx.unit.findUnique({ where: { id }, select: { id: true } })) throw new HttpError(409, 'duplicate', `unit ${id} exists`, { id: 'already taken' });
          await assertCodeFree(tx, fields.code, null);
          const parent = await parentOf(tx, parentId);
          assertValidParent({ id }, parent, 'unit');
          assertKind(fields.kind, false);
          const lineage = lineageUnder(parent, id);
          assertLevel(lineage.length - 1);
          const unit = await tx.unit.create({ data: { ...fields, id, parentId, lineage, level: lineage.length - 1 } });
          await recordAdminChange(tx, req.user!, { entityType: 'unit', entityId: id, action: 'unitCreated', reason, before: null, after: unit });
          return unit;
        }),
      'the unit id or code was taken meanwhile',
    );
    res.status(201).json(created);
  });

  router.put('/:id', admin, async (req, res) => {
    const { id } = idParams.parse(req.params);
    const body = unitUpdateBody.parse(req.body);
    const { reason, parentId, active, ...fields } = body;
    const updated = await conflictOnConstraint(
      () =>
        deps.prisma.$transaction(async (tx) => {
          await lockTree(tx, 'Unit');
          const before = await tx.unit.findUnique({ where: { id } });
          if (!before) throw notFound(id);
          if (fields.code !== undefined) await assertCodeFree(tx, fields.code, id);
          if (fields.kind !== undefined) assertKind(fields.kind, before.parentId === null);
          const moves = parentId !== undefined && parentId !== before.parentId;
          const rowsMoved = moves ? await moveUnit(tx, before, parentId) : 0;
          if (active !== undefined) await assertActivation(tx, { ...before, parentId: moves ? parentId : before.parentId }, active);
          const after = await tx.unit.update({ where: { id }, data: { ...fields, active, parentId: moves ? parentId : undefined } });
          const changed = changedFields(before, after);
          if (changed.length > 0) {
            await recordAdminChange(tx, req.user!, { entityType: 'unit', entityId: id, action: actionOf(body, moves, before), reason, before, after, details: { changed, ...(moves ? { subtreeRowsRewritten: rowsMoved } : {}) } });
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
          await lockTree(tx, 'Unit');
          const unit = await tx.unit.findUnique({
            where: { id },
            include: { _count: { select: { children: true, users: true, leadCases: true, assignments: true, categories: true, returnRequests: true, extensionRequests: true, results: true, urges: true, supervisions: true } } },
          });
          if (!unit) throw notFound(id);
          if (unit.parentId === null) throw new HttpError(409, 'root_fixed', 'the hotline office cannot be deleted');
          const { _count: counts, ...row } = unit;
          const { children, users, categories, leadCases, ...caseRecords } = counts;
          assertUnreferenced(unit, { subUnits: children, users, categories, cases: leadCases, caseRecords: Object.values(caseRecords).reduce((a, b) => a + b, 0) }, 'unit');
          await tx.unit.delete({ where: { id } });
          await recordAdminChange(tx, req.user!, { entityType: 'unit', entityId: id, action: 'unitDeleted', reason, before: row, after: null });
          return row;
        }),
      'the unit became referenced meanwhile; deactivate it instead',
    );
    res.json(deleted);
  });

  return router;
}
