// The admin's screens in the shell: the reference data (units, users, categories, case types),
// the rules (policies, settings, the calendar), the knowledge base and the message templates.
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import CategoryIcon from '@mui/icons-material/Category';
import EventIcon from '@mui/icons-material/Event';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import PeopleIcon from '@mui/icons-material/People';
import SmsIcon from '@mui/icons-material/Sms';
import TimerIcon from '@mui/icons-material/Timer';
import TuneIcon from '@mui/icons-material/Tune';
import type { Feature } from '../../shell/feature';
import { categories, knowledge, policies, ruleSettings, templates, units, users } from '.';
import { CalendarPage } from './calendar/CalendarPage';

export const adminFeature: Feature = {
  resources: [
    { name: 'units', ...units },
    { name: 'categories', ...categories },
    { name: 'case-types', recordRepresentation: 'name' },
    { name: 'users', ...users },
    { name: 'policies', ...policies },
    { name: 'rule-settings', ...ruleSettings },
    { name: 'knowledge', ...knowledge },
    { name: 'templates', ...templates },
  ],
  pages: [{ path: '/calendar', component: CalendarPage }],
  menu: [
    { to: '/units', label: 'hotline.admin.unit.title', icon: <AccountTreeIcon />, roles: ['admin'] },
    { to: '/users', label: 'hotline.admin.user.title', icon: <PeopleIcon />, roles: ['admin'] },
    { to: '/categories', label: 'hotline.admin.category.title', icon: <CategoryIcon />, roles: ['admin'] },
    { to: '/policies', label: 'hotline.admin.policy.title', icon: <TimerIcon />, roles: ['admin'] },
    { to: '/rule-settings', label: 'hotline.admin.setting.title', icon: <TuneIcon />, roles: ['admin'] },
    { to: '/calendar', label: 'hotline.admin.calendar.title', icon: <EventIcon />, roles: ['admin'] },
    { to: '/knowledge', label: 'hotline.admin.knowledge.title', icon: <MenuBookIcon />, roles: ['admin', 'operator'] },
    { to: '/templates', label: 'hotline.admin.template.title', icon: <SmsIcon />, roles: ['admin'] },
  ],
};
