// The roles the API issues in its tokens, and the checks the console's menus and pages make.
// The API enforces access; the console only hides what a role cannot use.
import { usePermissions } from 'react-admin';

export const ROLES = ['operator', 'dispatcher', 'unitHandler', 'unitLeader', 'supervisor', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const DEPARTMENT_ROLES: readonly Role[] = ['unitHandler', 'unitLeader'];

export const hasAnyRole = (roles: readonly string[] | undefined, allowed: readonly Role[]): boolean =>
  (roles ?? []).some((role) => (allowed as readonly string[]).includes(role));

/** The signed-in user's roles (empty while loading). */
export const useRoles = (): string[] => {
  const { permissions } = usePermissions<string[]>();
  return Array.isArray(permissions) ? permissions : [];
};
