import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { Dashboard } from './shell/dashboard';
import { i18nProvider } from './shell/i18n/i18nProvider';
import { AppTitle, Layout } from './shell/layout';
import { authProvider } from './shell/providers/authProvider';
import { dataProvider } from './shell/providers/dataProvider';
import { FEATURES } from './shell/features';

// The App only assembles: each feature's resources and pages come from its feature file,
// listed once in shell/features.ts. Register only resources the backend serves under /api, or
// their pages will 404; resources without pages (units, categories, case types) serve
// references and pickers.
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
    {FEATURES.flatMap((feature) => feature.resources ?? []).map((resource) => (
      <Resource key={resource.name} {...resource} />
    ))}
    <CustomRoutes>
      {FEATURES.flatMap((feature) => feature.pages ?? []).map(({ path, component: Page }) => (
        <Route key={path} path={path} element={<Page />} />
      ))}
    </CustomRoutes>
  </Admin>
);
