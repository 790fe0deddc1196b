// The admin's desk: the home (this month's figures, system status, shortcuts) and the screens of
// the reference data (units, users, categories, case types and their 默认保密), the rules (policies, settings, the
// calendar), the knowledge base and the message templates.
import { Stack } from '@mui/material';
import { StatisticsSummaryCard } from '../../resources/statistics';
import type { Feature } from '../../feature';
import { categories, knowledge, policies, ruleSettings, templates, units, users } from '.';
import { CalendarPage } from './calendar/CalendarPage';
import { CaseTypeList } from './caseTypes/CaseTypeList';
import { AdminHome } from './home/AdminHome';
import { adminMenu } from './menu';

/** The administrator's status and shortcuts, with this month's figures above them. */
const AdminHomeWithFigures = () => (
  <Stack spacing={2}>
    <StatisticsSummaryCard />
    <AdminHome />
  </Stack>
);

export const adminDesk: Feature = {
  homes: { admin: AdminHomeWithFigures },
  resources: [
    { name: 'units', ...units },
    { name: 'categories', ...categories },
    { name: 'case-types', list: CaseTypeList, recordRepresentation: 'name' },
    { name: 'users', ...users },
    { name: 'policies', ...policies },
    { name: 'rule-settings', ...ruleSettings },
    { name: 'knowledge', ...knowledge },
    { name: 'templates', ...templates },
  ],
  pages: [{ path: '/calendar', component: CalendarPage }],
  menu: adminMenu,
};
