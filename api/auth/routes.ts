// POST /auth/login, /auth/refresh, /auth/logout and GET /auth/me. Login attempts are throttled
// per address and per username in PostgreSQL, shared by every API process (loginThrottle.ts),
// and counted before the password is checked. Unknown, inactive and wrong-password accounts get
// the same 401 after the same work (one argon2 verification). Access tokens carry the user's
// session version (sessionGuard.ts) and live session.accessTtlSeconds (≤ JWT_ACCESS_TTL_SECONDS ≤ 3600).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../../config/logger';
import type { PrismaClient } from '../../prisma/client';
import type { Role } from './tokens';
import { requireAuth } from './middleware';
import { signAccessToken } from './tokens';
import { readAuthSettings } from './authSettings';
import { chargeLoginAttempt, refundLoginAttempt, sweepLoginThrottle } from './loginThrottle';
import { HttpError } from '../http/errors';
import { identifier, secretText } from '../../rules/text';

/** A refresh token lives for a working shift; each use replaces it. */
const REFRESH_TTL_MS = 12 * 3_600_000;
export const refreshBody = z.object({ refreshToken: secretText(200).min(20) });

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export const loginBody = z.object({
  username: identifier(64),
  password: secretText(256).min(1, 'required'),
});

/** How often a process forgets ended throttle windows. */
const THROTTLE_SWEEP_MS = 60_000;

// Unknown usernames are checked against this hash so that every failure takes as long.
let dummyHash: Promise<string> | undefined;
const timingDummy = () => (dummyHash ??= hash('no-such-user-password'));

const invalidCredentials = () => new HttpError(401, 'invalid_credentials', 'wrong username or password');

interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitId: string;
  sessionVersion: number;
  unit: { name: string };
}

export function authRoutes(deps: { prisma: PrismaClient; log: Logger; jwtSecret: string; accessTtlSeconds: number }): Router {
  const router = Router();
  let lastSweep = 0;

  /** A new opaque refresh token, stored only as its hash, bound to the user's session version. */
  const issueRefreshToken = async (user: SessionUser, userAgent: string | undefined, now: Date) => {
    const token = randomBytes(32).toString('base64url');
    await deps.prisma.refreshToken.create({ data: { id: randomUUID(), userId: user.id, tokenHash: sha256(token), sessionVersion: user.sessionVersion, expiresAt: new Date(now.getTime() + REFRESH_TTL_MS), userAgent: userAgent?.slice(0, 200) } });
    return token;
  };

  const session = async (user: SessionUser, userAgent: string | undefined, now: Date) => {
    const { accessTtlSeconds } = await readAuthSettings(deps.prisma, deps.accessTtlSeconds);
    return {
      accessToken: signAccessToken({ sub: user.id, username: user.username, roles: user.roles, unitId: user.unitId, sv: user.sessionVersion }, deps.jwtSecret, accessTtlSeconds),
      refreshToken: await issueRefreshToken(user, userAgent, now),
      expiresIn: accessTtlSeconds,
      user: { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, unitId: user.unitId, unitName: user.unit.name },
    };
  };

  router.post('/login', async (req, res) => {
    const { username, password } = loginBody.parse(req.body);
    const address = req.ip ?? 'unknown';
    const { loginThrottle } = await readAuthSettings(deps.prisma, deps.accessTtlSeconds);
    if (Date.now() - lastSweep > THROTTLE_SWEEP_MS) {
      lastSweep = Date.now();
      void sweepLoginThrottle(deps.prisma, loginThrottle.windowMinutes).catch((error: unknown) => deps.log.warn({ err: error }, 'login throttle sweep failed'));
    }
    // Counted first, atomically: parallel attempts cannot all read "below the limit".
    const charge = await chargeLoginAttempt(deps.prisma, username, address, loginThrottle);
    if (charge.retryAfterSeconds !== null) {
      deps.log.warn({ username, ip: address, limit: charge.refusedBy }, 'login refused: too many attempts');
      throw new HttpError(429, 'too_many_attempts', 'too many login attempts; try again later', undefined, { 'Retry-After': String(charge.retryAfterSeconds) });
    }
    const user = await deps.prisma.user.findUnique({ where: { username }, include: { unit: { select: { name: true } } } });
    // One verification whatever the account: unknown and inactive accounts take as long as a wrong password.
    const passwordMatches = await verify(user?.passwordHash ?? (await timingDummy()), password).catch(() => false);
    if (!user || !user.active || !passwordMatches) {
      deps.log.warn({ username, ip: address }, 'login failed');
      throw invalidCredentials();
    }
    await refundLoginAttempt(deps.prisma, charge.keys);
    const now = new Date();
    await deps.prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
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
    // Roles, unit, password or the active flag changed since this session began: log in again.
    if (stored.sessionVersion !== stored.user.sessionVersion) {
      await deps.prisma.refreshToken.updateMany({ where: { id: stored.id, revokedAt: null }, data: { revokedAt: now } });
      throw new HttpError(401, 'invalid_token', 'the session has ended (the account was changed); log in again');
    }
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
    // The user's own phone: the console offers it for a bridge call to a citizen.
    res.json({ id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, unitId: user.unitId, unitName: user.unit.name, phone: user.phone });
  });

  return router;
}
