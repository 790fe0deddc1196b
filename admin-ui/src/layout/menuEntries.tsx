// The menu: each entry names the roles that use it, so every role sees only its own tools.
// Features add their entries here (custom pages) — resources listed here too, in menu order.
import AssignmentIcon from '@mui/icons-material/Assignment';
import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import type { ReactElement } from 'react';
import { ROLES, type Role } from '../access/roles';

export interface MenuEntry {
  to: string;
  /** Translation key. */
  label: string;
  icon: ReactElement;
  roles: readonly Role[];
}

export const menuEntries: MenuEntry[] = [
  { to: '/cases', label: 'hotline.case.list', icon: <AssignmentIcon />, roles: ROLES },
  { to: '/audit-chain', label: 'hotline.audit.chain.menu', icon: <VerifiedUserIcon />, roles: ['auditor', 'admin'] },
  { to: '/system-status', label: 'hotline.health.title', icon: <MonitorHeartIcon />, roles: ['admin', 'supervisor', 'auditor'] },
];
