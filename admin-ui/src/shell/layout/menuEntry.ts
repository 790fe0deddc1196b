// One entry of the menu: each names the roles that use it, so every role sees only its own tools.
import type { ReactElement } from 'react';
import type { Role } from '../access/roles';

export interface MenuEntry {
  to: string;
  /** Translation key. */
  label: string;
  icon: ReactElement;
  roles: readonly Role[];
}
