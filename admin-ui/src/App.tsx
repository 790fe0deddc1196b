import { Admin, CustomRoutes } from 'react-admin';
import { Route } from 'react-router-dom';
import { Dashboard } from './dashboard';
import { i18nProvider } from './i18n/i18nProvider';
import { AppTitle, Layout } from './layout';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { SystemStatusPage } from './system';

// The App only assembles. Each resource (cases, units, users …) gets its own folder
// `src/<resource>/` whose `index.ts` exports `{ list, show, icon }`, registered here as
//   import cases from './cases';
//   <Resource name="cases" {...cases} />
// Register only resources the backend serves under /api, or their pages will 404.
//
// The custom route also keeps react-admin from showing its "empty admin" welcome screen
// while no resource is registered yet.
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
    <CustomRoutes>
      <Route path="/system-status" element={<SystemStatusPage />} />
    </CustomRoutes>
  </Admin>
);
