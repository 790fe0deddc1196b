// POST /auth/login and GET /auth/me. Failed logins are counted per account; past a threshold
// the account is locked for a growing interval, and every failure is logged.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../../config/logger';
import type { PrismaClient } from '../../prisma/client';
import { requireAuth } from './middleware';
import { signAccessToken, type AccessClaims } from './tokens';
import { HttpError } from '../http/errors';
import { identifier, secretText } from '../../workflows/rules/text';

/** A refresh token lives for a working shift; each use replaces it. */
const REFRESH_TTL_MS = 12 * 3_600_000;
export const refreshBody = z.object({ refreshToken: secretText(200).min(20) });

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export const loginBody = z.object({
  username: identifier(64),
  password: secretText(256).min(1, 'required'),
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

  /** A new opaque refresh token, stored only as its hash. */
  const issueRefreshToken = async (userId: string, userAgent: string | undefined, now: Date) => {
    const token = randomBytes(32).toString('base64url');
    await deps.prisma.refreshToken.create({ data: { id: randomUUID(), userId, tokenHash: sha256(token), expiresAt: new Date(now.getTime() + REFRESH_TTL_MS), userAgent: userAgent?.slice(0, 200) } });
    return token;
  };

  const session = async (user: { id: string; username: string; displayName: string; roles: AccessClaims['roles']; unitId: string; unit: { name: string } }, userAgent: string | undefined, now: Date) => ({
    accessToken: signAccessToken({ sub: user.id, username: user.username, roles: user.roles, unitId: user.unitId }, deps.jwtSecret, deps.accessTtlSeconds),
    refreshToken: await issueRefreshToken(user.id, userAgent, now),
    expiresIn: deps.accessTtlSeconds,
    user: { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, unitId: user.unitId, unitName: user.unit.name },
  });

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
    deps.log.info({ userId: user.id }, 'login');
    res.json(await session(user, req.get('user-agent'), now));
  });

  // Rotation: each refresh token works once. Presenting a used one means it was copied, so
  // every session of that user ends.
  router.post('/refresh', async (req, res) => {
    const { refreshToken } = refreshBody.parse(req.body);
    const now = new Date();
    const stored = await deps.prisma.refreshToken.findUnique({ where: { tokenHash: sha256(refreshToken) }, include: { user: { include: { unit: { select: { name: true } } } } } });
    if (!stored || stored.expiresAt <= now) throw new HttpError(401, 'invalid_token', 'the refresh token is invalid or expired; log in again');
    if (stored.revokedAt) {
      await deps.prisma.refreshToken.updateMany({ where: { userId: stored.userId, revokedAt: null }, data: { revokedAt: now } });
      deps.log.warn({ userId: stored.userId, ip: req.ip }, 'a used refresh token was presented again: all sessions of the user revoked');
      throw new HttpError(401, 'invalid_token', 'the refresh token was already used; log in again');
    }
    if (!stored.user.active) throw new HttpError(401, 'invalid_token', 'the account is disabled');
    const { count } = await deps.prisma.refreshToken.updateMany({ where: { id: stored.id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw new HttpError(401, 'invalid_token', 'the refresh token was already used; log in again');
    res.json(await session(stored.user, req.get('user-agent'), now));
  });

  router.post('/logout', async (req, res) => {
    const { refreshToken } = refreshBody.parse(req.body);
    await deps.prisma.refreshToken.updateMany({ where: { tokenHash: sha256(refreshToken), revokedAt: null }, data: { revokedAt: new Date() } });
    res.status(204).end();
  });

  router.get('/me', requireAuth(deps.jwtSecret), async (req, res) => {
    const user = await deps.prisma.user.findUnique({ where: { id: req.user!.sub }, include: { unit: { select: { name: true } } } });
    if (!user || !user.active) throw new HttpError(401, 'invalid_token', 'the account no longer exists or is disabled');
    res.json({ id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, unitId: user.unitId, unitName: user.unit.name });
  });

  return router;
}
