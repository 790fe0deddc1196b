// /api/users: accounts. Admins (and, reading, auditors) list, create (with an initial password), edit roles, unit,
// name, phone and active, and reset passwords; never is a password hash sent out. Deactivating
// an account, changing its roles or unit, or resetting its password ends its sessions: a trigger
// moves User.sessionVersion on, which every access and refresh token is checked against
// (api/auth/sessionGuard.ts); deactivation and resets also revoke the refresh tokens.
import { hash } from '@node-rs/argon2';
import { Router } from 'express';
import type { z } from 'zod';
import type { AppDeps } from '../deps';
import type { db } from '../../prisma/client';
import { changedFields, recordAdminChange, type Tx } from '../audit/record';
import { requireRoles } from '../auth/access';
import { clearUsernameThrottle } from '../auth/loginThrottle';
import { requireAuth } from '../auth/middleware';
import type { AccessClaims } from '../auth/tokens';
import { HttpError } from '../http/errors';
import { idParams } from '../http/fields';
import { conflictOnConstraint } from '../http/prismaErrors';
import { orderOf, pageOf, sendList } from '../http/simpleRest';
import { USER_PUBLIC_FIELDS } from './answers';
import { passwordProblem } from './passwordPolicy';
import { passwordResetBody, userCreateBody, userListFilter, userListQuery, userUpdateBody } from './schemas';

const UNIT_ROLES: readonly string[] = ['unitHandler', 'unitLeader'];

const notFound = (id: string) => new HttpError(404, 'not_found', `no user ${id}`);
const invalid = (fields: Record<string, string>) => new HttpError(400, 'invalid_request', 'the request has invalid fields', fields);

function userWhere(filter: z.output<typeof userListFilter>): db.Prisma.UserWhereInput {
  return {
    id: filter.id ? { in: filter.id } : undefined,
    unitId: filter.unitId,
    active: filter.active,
    roles: filter.role ? { has: filter.role } : undefined,
    OR: filter.q ? [{ username: { contains: filter.q } }, { displayName: { contains: filter.q } }] : undefined,
  };
}

/**
 * The unit must exist and be active; handlers and leaders belong below the hotline office,
 * since their case visibility is their unit's subtree (at the root they would see every case).
 */
async function assertUnitFits(tx: Tx, unitId: string, roles: readonly string[]): Promise<void> {
  const unit = await tx.unit.findFirst({ where: { id: unitId, active: true }, select: { parentId: true } });
  if (!unit) throw invalid({ unitId: 'no such active unit' });
  if (unit.parentId === null && roles.some((role) => UNIT_ROLES.includes(role))) throw invalid({ unitId: 'unit handlers and leaders belong to a unit below the hotline office' });
}

async function assertUsernameFree(tx: Tx, username: string, exceptId: string | null): Promise<void> {
  const holder = await tx.user.findUnique({ where: { username }, select: { id: true } });
  if (holder && holder.id !== exceptId) throw new HttpError(409, 'duplicate', `the username ${username} is taken`, { username: 'already taken' });
}

/** An admin cannot take away their own admin role or account: someone must be left to fix things. */
function assertNoSelfLockout(actor: AccessClaims, targetId: string, change: { roles?: string[]; active?: boolean }): void {
  if (actor.sub !== targetId) return;
  if (change.active === false) throw new HttpError(409, 'self_lockout', 'you cannot deactivate your own account; ask another admin', { active: 'your own account' });
  if (change.roles && !change.roles.includes('admin')) throw new HttpError(409, 'self_lockout', 'you cannot remove your own admin role; ask another admin', { roles: 'your own admin role' });
}

async function revokeSessions(tx: Tx, userId: string): Promise<number> {
  const { count } = await tx.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}

export function userRoutes(deps: Pick<AppDeps, 'prisma' | 'jwtSecret'>): Router {
  const router = Router();
  // Accounts are an admin's business; auditors read everything.
  router.use(requireAuth(deps.jwtSecret));
  const readers = requireRoles('admin', 'auditor');
  const admin = requireRoles('admin');

  router.get('/', readers, async (req, res) => {
    const query = userListQuery.parse(req.query);
    const where = userWhere(query.filter ?? {});
    const orderBy: db.Prisma.UserOrderByWithRelationInput[] = [orderOf(query.sort ?? ['username', 'ASC']), { id: 'asc' }];
    const [total, rows] = await Promise.all([deps.prisma.user.count({ where }), deps.prisma.user.findMany({ where, orderBy, select: USER_PUBLIC_FIELDS, ...pageOf(query.range) })]);
    sendList(res, 'users', rows, total, query.range);
  });

  router.get('/:id', readers, async (req, res) => {
    const { id } = idParams.parse(req.params);
    const user = await deps.prisma.user.findUnique({ where: { id }, select: USER_PUBLIC_FIELDS });
    if (!user) throw notFound(id);
    res.json(user);
  });

  router.post('/', admin, async (req, res) => {
    const { reason, id: givenId, password, ...fields } = userCreateBody.parse(req.body);
    const id = givenId ?? `user-${fields.username}`;
    const passwordHash = await hash(password);
    const created = await conflictOnConstraint(
      () =>
        deps.prisma.$transaction(async (tx) => {
          if (await tx.user.findUnique({ where: { id }, select: { id: true } })) throw new HttpError(409, 'duplicate', `user ${id} exists`, { id: 'already taken' });
          await assertUsernameFree(tx, fields.username, null);
          await assertUnitFits(tx, fields.unitId, fields.roles);
          const user = await tx.user.create({ data: { ...fields, id, passwordHash }, select: USER_PUBLIC_FIELDS });
          await recordAdminChange(tx, req.user!, { entityType: 'user', entityId: id, action: 'userCreated', reason, before: null, after: user });
          return user;
        }),
      'the user id or username was taken meanwhile',
    );
    res.status(201).json(created);
  });

  router.put('/:id', admin, async (req, res) => {
    const { id } = idParams.parse(req.params);
    const { reason, password: _never, ...fields } = userUpdateBody.parse(req.body);
    assertNoSelfLockout(req.user!, id, fields);
    const updated = await conflictOnConstraint(
      () =>
        deps.prisma.$transaction(async (tx) => {
          const before = await tx.user.findUnique({ where: { id }, select: USER_PUBLIC_FIELDS });
          if (!before) throw notFound(id);
          if (fields.username !== undefined) await assertUsernameFree(tx, fields.username, id);
          if (fields.unitId !== undefined || fields.roles !== undefined) await assertUnitFits(tx, fields.unitId ?? before.unitId, fields.roles ?? before.roles);
          const after = await tx.user.update({ where: { id }, data: fields, select: USER_PUBLIC_FIELDS });
          const deactivated = before.active && !after.active;
          const sessionsEnded = deactivated ? await revokeSessions(tx, id) : 0;
          const changed = changedFields(before, after);
          if (changed.length > 0) {
            const action = deactivated ? 'userDeactivated' : !before.active && after.active ? 'userReactivated' : 'userUpdated';
            await recordAdminChange(tx, req.user!, { entityType: 'user', entityId: id, action, reason, before, after, details: { changed, ...(deactivated ? { refreshTokensRevoked: sessionsEnded } : {}) } });
          }
          return after;
        }),
      'the username was taken meanwhile',
    );
    res.json(updated);
  });

  // Also forgives the username's failed logins (login throttle), from every address.
  router.post('/:id/password', admin, async (req, res) => {
    const { id } = idParams.parse(req.params);
    const body = passwordResetBody.parse(req.body);
    const target = await deps.prisma.user.findUnique({ where: { id }, select: { username: true } });
    if (!target) throw notFound(id);
    const problem = passwordProblem(body.password, target.username);
    if (problem) throw invalid({ password: problem });
    const passwordHash = await hash(body.password);
    const user = await deps.prisma.$transaction(async (tx) => {
      const before = await tx.user.findUnique({ where: { id }, select: USER_PUBLIC_FIELDS });
      if (!before) throw notFound(id);
      const after = await tx.user.update({ where: { id }, data: { passwordHash }, select: USER_PUBLIC_FIELDS });
      const refreshTokensRevoked = await revokeSessions(tx, id);
      const loginThrottleCleared = await clearUsernameThrottle(tx, before.username);
      await recordAdminChange(tx, req.user!, {
        entityType: 'user', entityId: id, action: 'userPasswordReset', reason: body.reason,
        before: { sessionVersion: before.sessionVersion },
        after: { sessionVersion: after.sessionVersion },
        details: { refreshTokensRevoked, loginThrottleCleared },
      });
      return after;
    });
    res.json(user);
  });

  return router;
}
