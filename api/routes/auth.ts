// POST /auth/login and GET /auth/me. Failed logins are counted per account; past a threshold
// the account is locked for a growing interval, and every failure is logged.
import { hash, verify } from '@node-rs/argon2';
import { Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../../config/logger';
import type { PrismaClient } from '../../prisma/client';
import { requireAuth } from '../auth/middleware';
import { signAccessToken } from '../auth/tokens';
import { HttpError } from '../http/errors';

const loginBody = z.object({
  username: z.string().trim().min(1, 'required').max(64),
  password: z.string().min(1, 'required').max(256),
});

/** Failures allowed before the first lock; each further failure doubles the lock, capped. */
const FREE_FAILURES = 5;
const MAX_LOCK_MINUTES = 30;

// Unknown usernames are checked against this hash so that both failures take as long.
let dummyHash: Promise<string> | undefined;
const timingDummy = () => (dummyHash ??= hash('no-such-user-password'));

export function lockMinutes(failedLogins: number): number {
  return failedLogins < FREE_FAILURES ? 0 : Math.min(MAX_LOCK_MINUTES, 2 ** (failedLogins - FREE_FAILURES));
}

export function authRoutes(deps: { prisma: PrismaClient; log: Logger; jwtSecret: string; accessTtlSeconds: number }): Router {
  const router = Router();

  router.post('/login', async (req, res) => {
    const { username, password } = loginBody.parse(req.body);
    const user = await deps.prisma.user.findUnique({ where: { username }, include: { unit: { select: { name: true } } } });
    const now = new Date();
    if (user?.lockedUntil && user.lockedUntil > now) {
      const retryAfter = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000);
      deps.log.warn({ username, ip: req.ip }, 'login refused: account locked');
      throw new HttpError(429, 'account_locked', 'too many failed logins; try again later', undefined, { 'Retry-After': String(retryAfter) });
    }
    const valid = user === null ? (await verify(await timingDummy(), password), false) : user.active && (await verify(user.passwordHash, password));
    if (!user || !valid) {
      if (user) {
        const failedLogins = user.failedLogins + 1;
        const minutes = lockMinutes(failedLogins);
        await deps.prisma.user.update({
          where: { id: user.id },
          data: { failedLogins, lockedUntil: minutes > 0 ? new Date(now.getTime() + minutes * 60_000) : null },
        });
      }
      deps.log.warn({ username, ip: req.ip }, 'login failed');
      throw new HttpError(401, 'invalid_credentials', 'wrong username or password');
    }
    await deps.prisma.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now } });
    const accessToken = signAccessToken({ sub: user.id, username: user.username, roles: user.roles, unitId: user.unitId }, deps.jwtSecret, deps.accessTtlSeconds);
    deps.log.info({ userId: user.id }, 'login');
    res.json({
      accessToken,
      expiresIn: deps.accessTtlSeconds,
      user: { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, unitId: user.unitId, unitName: user.unit.name },
    });
  });

  router.get('/me', requireAuth(deps.jwtSecret), async (req, res) => {
    const user = await deps.prisma.user.findUnique({ where: { id: req.user!.sub }, include: { unit: { select: { name: true } } } });
    if (!user || !user.active) throw new HttpError(401, 'invalid_token', 'the account no longer exists or is disabled');
    res.json({ id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, unitId: user.unitId, unitName: user.unit.name });
  });

  return router;
}
