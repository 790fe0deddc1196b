// The admin's menu entries: the desk lists them in the shell's menu, the admin's home as shortcuts.
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import CategoryIcon from '@mui/icons-material/Category';
import EventIcon from '@mui/icons-material/Event';
import LockIcon from '@mui/icons-material/Lock';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import PeopleIcon from '@mui/icons-material/People';
import SmsIcon from '@mui/icons-material/Sms';
import TimerIcon from '@mui/icons-material/Timer';
import TuneIcon from '@mui/icons-material/Tune';
import type { MenuEntry } from '../../shell/layout/menuEntry';

export const adminMenu: MenuEntry[] = [
  { to: '/units', label: 'hotline.admin.unit.title', icon: <AccountTreeIcon />, roles: ['admin'] },
  { to: '/users', label: 'hotline.admin.user.title', icon: <PeopleIcon />, roles: ['admin'] },
  { to: '/categories', label: 'hotline.admin.category.title', icon: <CategoryIcon />, roles: ['admin'] },
  { to: '/case-types', label: 'hotline.admin.caseType.title', icon: <LockIcon />, roles: ['admin'] },
  { to: '/policies', label: 'hotline.admin.policy.title', icon: <TimerIcon />, roles: ['admin'] },
  { to: '/rule-settings', label: 'hotline.admin.setting.title', icon: <TuneIcon />, roles: ['admin'] },
  { to: '/calendar', label: 'hotline.admin.calendar.title', icon: <EventIcon />, roles: ['admin'] },
  { to: '/knowledge', label: 'hotline.admin.knowledge.title', icon: <MenuBookIcon />, roles: ['admin', 'operator'] },
  { to: '/templates', label: 'hotline.admin.template.title', icon: <SmsIcon />, roles: ['admin'] },
];
