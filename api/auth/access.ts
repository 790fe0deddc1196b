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

/** "+8613912345678" → "+86139****5678" */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  return phone.length <= 7 ? '****' : `${phone.slice(0, phone.length - 8)}****${phone.slice(-4)}`;
}

/** "王小明" → "王**" */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  return `${[...name][0]}${'*'.repeat(Math.max(1, [...name].length - 1))}`;
}
