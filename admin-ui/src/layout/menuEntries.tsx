// The menu: each entry names the roles that use it, so every role sees only its own tools.
// Features add their entries here (custom pages) — resources listed here too, in menu order.
import AssignmentIcon from '@mui/icons-material/Assignment';
import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import type { ReactElement } from 'react';
import { ROLES, type Role } from '../access/roles';
import { adminMenuEntries } from '../admin/menu';

export interface MenuEntry {
  to: string;
  /** Translation key. */
  label: string;
  icon: ReactElement;
  roles: readonly Role[];
}

export const menuEntries: MenuEntry[] = [
  { to: '/cases', label: 'hotline.case.list', icon: <AssignmentIcon />, roles: ROLES },
  { to: '/system-status', label: 'hotline.health.title', icon: <MonitorHeartIcon />, roles: ['admin', 'supervisor', 'auditor'] },
  ...adminMenuEntries,
];
