// The menu: each entry names the roles that use it, so every role sees only its own tools.
// Features add their entries here (custom pages) — resources listed here too, in menu order.
import AddIcCallIcon from '@mui/icons-material/AddIcCall';
import AssignmentIcon from '@mui/icons-material/Assignment';
import PhoneMissedIcon from '@mui/icons-material/PhoneMissed';
import SmsIcon from '@mui/icons-material/Sms';
import InsightsIcon from '@mui/icons-material/Insights';
import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { ROLES } from '../access/roles';
import { STATISTICS_ROLES } from '../statistics/access';
import { STUCK_CASE_READERS } from '../stuckCases/access';
import { adminMenuEntries } from '../admin/menu';
import type { MenuEntry } from './menuEntry';

export const menuEntries: MenuEntry[] = [
  { to: '/intake', label: 'hotline.operator.menu.intake', icon: <AddIcCallIcon />, roles: ['operator', 'dispatcher'] },
  { to: '/missed-calls', label: 'hotline.operator.menu.missedCalls', icon: <PhoneMissedIcon />, roles: ['operator', 'dispatcher'] },
  { to: '/sms-drafts', label: 'hotline.operator.menu.smsDrafts', icon: <SmsIcon />, roles: ['operator', 'dispatcher'] },
  { to: '/cases', label: 'hotline.case.list', icon: <AssignmentIcon />, roles: ROLES },
  { to: '/statistics', label: 'hotline.statistics.menu', icon: <InsightsIcon />, roles: STATISTICS_ROLES },
  { to: '/audit-chain', label: 'hotline.audit.chain.menu', icon: <VerifiedUserIcon />, roles: ['auditor', 'admin'] },
  { to: '/system-status', label: 'hotline.health.title', icon: <MonitorHeartIcon />, roles: ['admin', 'supervisor', 'auditor'] },
  { to: '/stuck-cases', label: 'hotline.stuckCases.title', icon: <ReportProblemIcon />, roles: STUCK_CASE_READERS },
  ...adminMenuEntries,
];
