import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { ChainVerificationPage } from './audit';
import { CalendarPage, categories, knowledge, policies, ruleSettings, templates, units, users } from './admin';
import cases from './cases';
import { Dashboard } from './dashboard';
import { i18nProvider } from './i18n/i18nProvider';
import { AppTitle, Layout } from './layout';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { StatisticsPage } from './statistics';
import stuckCases from './stuckCases';
import { SystemStatusPage } from './system';
import { IntakePage, MissedCallsPage, SmsDraftsPage } from './operator';

// The App only assembles. Each resource (cases, units, users …) gets its own folder
// `src/<resource>/` whose `index.ts` exports `{ list, show, icon }`, registered here as
//   import cases from './cases';
//   <Resource name="cases" {...cases} />
// Register only resources the backend serves under /api, or their pages will 404.
// Resources without pages (units, categories, case types) serve references and pickers.
export const App = () => (
  <Admin
    title={<AppTitle />}
    authProvider={authProvider}
    dataProvider={dataProvider}
    i18nProvider={i18nProvider}
    layout={Layout}
    dashboard={Dashboard}
    requireAuth
    disableTelemetry
  >
    <Resource name="cases" {...cases} />
    <Resource name="units" {...units} />
    <Resource name="categories" {...categories} />
    <Resource name="case-types" recordRepresentation="name" />
    <Resource name="users" {...users} />
    <Resource name="policies" {...policies} />
    <Resource name="rule-settings" {...ruleSettings} />
    <Resource name="knowledge" {...knowledge} />
    <Resource name="templates" {...templates} />
    <Resource name="stuck-cases" {...stuckCases} />
    <CustomRoutes>
      <Route path="/system-status" element={<SystemStatusPage />} />
      <Route path="/intake" element={<IntakePage />} />
      <Route path="/missed-calls" element={<MissedCallsPage />} />
      <Route path="/sms-drafts" element={<SmsDraftsPage />} />
      <Route path="/statistics" element={<StatisticsPage />} />
      <Route path="/audit-chain" element={<ChainVerificationPage />} />
      <Route path="/calendar" element={<CalendarPage />} />
    </CustomRoutes>
  </Admin>
);
