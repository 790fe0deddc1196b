import type { RequestHandler } from 'express';
import { HttpError } from '../http/errors';
import { type AccessClaims, verifyAccessToken } from './tokens';

declare module 'express-serve-static-core' {
  interface Request {
    user?: AccessClaims;
  }
}

export function requireAuth(secret: string): RequestHandler {
  return (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    if (!match?.[1]) {
      next(new HttpError(401, 'unauthenticated', 'an access token is required (Authorization: Bearer …)'));
      return;
    }
    try {
      req.user = verifyAccessToken(match[1], secret);
      next();
    } catch {
      next(new HttpError(401, 'invalid_token', 'the access token is invalid or expired'));
    }
  };
}
