// A user with several roles gets the home page (work queue) of the first of them in
// ROLE_HOME_ORDER that a desk gives a home (features.ts).
import type { ComponentType } from 'react';
import type { Role } from '../access/roles';

export const ROLE_HOME_ORDER: readonly Role[] = ['operator', 'dispatcher', 'unitLeader', 'unitHandler', 'supervisor', 'auditor', 'admin'];

export const homeOf = (roles: readonly string[], homes: Partial<Record<Role, ComponentType>>): ComponentType | undefined => {
  const role = ROLE_HOME_ORDER.find((candidate) => roles.includes(candidate) && homes[candidate] !== undefined);
  return role === undefined ? undefined : homes[role];
};
