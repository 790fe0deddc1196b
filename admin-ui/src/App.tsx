import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { FEATURES } from './features';
import { CaseContributionsProvider, type CaseContributions } from './resources/cases/caseContributions';
import { Dashboard } from './shell/dashboard';
import { i18nProvider } from './shell/i18n/i18nProvider';
import { AppTitle, Layout } from './shell/layout';
import { authProvider } from './shell/providers/authProvider';
import { dataProvider } from './shell/providers/dataProvider';
import { ShellContributionsProvider, type ShellContributions } from './shell/shellContributions';

// The App only assembles: each desk's and resource's pages, resources, menu entries, homes,
// banners, case actions and tabs come from its desk.tsx or feature.tsx, listed once in
// features.ts; the frame and the case page read theirs from a context. Register only resources
// the backend serves under /api, or their pages will 404; resources without pages (units,
// categories, case types) serve references and pickers.
const shellContributions: ShellContributions = {
  menu: FEATURES.flatMap((feature) => feature.menu ?? []),
  homes: Object.assign({}, ...FEATURES.map((feature) => feature.homes ?? {})),
  banners: FEATURES.flatMap((feature) => feature.banners ?? []),
};

const caseContributions: CaseContributions = {
  caseActions: FEATURES.flatMap((feature) => feature.caseActions ?? []),
  caseTabs: FEATURES.flatMap((feature) => feature.caseTabs ?? []),
};

export const App = () => (
  <ShellContributionsProvider value={shellContributions}>
    <CaseContributionsProvider value={caseContributions}>
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
    </CaseContributionsProvider>
  </ShellContributionsProvider>
);
