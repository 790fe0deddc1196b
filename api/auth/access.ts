// Role checks and unit scoping shared by the routes.
import type { RequestHandler } from 'express';
import { HttpError } from '../http/errors';
import type { AccessClaims, Role } from './tokens';

export function requireRoles(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const user = req.user;
    if (!user) return next(new HttpError(401, 'unauthenticated', 'an access token is required'));
    if (!user.roles.some((role) => roles.includes(role))) return next(new HttpError(403, 'forbidden', `requires the role ${roles.join(' or ')}`));
    next();
  };
}

/** Handlers and leaders of a unit see only their unit's cases (and those of units below it). */
export function isUnitScoped(user: AccessClaims): boolean {
  return !user.roles.some((role) => ['operator', 'dispatcher', 'supervisor', 'auditor', 'admin'].includes(role));
}

/** Whether the user may see citizens' names and phone numbers. */
export function seesCitizenIdentity(user: AccessClaims): boolean {
  return !isUnitScoped(user);
}

