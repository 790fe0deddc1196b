import type { RequestHandler } from 'express';
import { HttpError } from '../http/errors';
import { sessionGuardOf } from './sessionGuard';
import { type AccessClaims, verifyAccessToken } from './tokens';

declare module 'express-serve-static-core' {
  interface Request {
    user?: AccessClaims;
    /** The verified access token's session version and expiry (seconds), for long-lived responses. */
    accessToken?: { sv: number; exp: number };
  }
}

/**
 * A valid bearer token whose session still holds (sessionGuard.ts): the user exists, is active,
 * and nothing that ends sessions (deactivation, roles, unit, password) changed since it was issued.
 */
export function requireAuth(secret: string): RequestHandler {
  return (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    if (!match?.[1]) {
      next(new HttpError(401, 'unauthenticated', 'an access token is required (Authorization: Bearer …)'));
      return;
    }
    let token: ReturnType<typeof verifyAccessToken>;
    try {
      token = verifyAccessToken(match[1], secret);
    } catch {
      next(new HttpError(401, 'invalid_token', 'the access token is invalid or expired'));
      return;
    }
    sessionGuardOf(req)
      .holds(token.sub, token.sv)
      .then((holds) => {
        if (!holds) return next(new HttpError(401, 'invalid_token', 'the session has ended (the account was changed or disabled); log in again'));
        req.user = { sub: token.sub, username: token.username, roles: token.roles, unitId: token.unitId };
        req.accessToken = { sv: token.sv, exp: token.exp };
        next();
      }, next);
  };
}
