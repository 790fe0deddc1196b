// What a desk (desks/<role>/desk.tsx) or a resource (resources/<name>/feature.tsx) contributes
// to the shell: react-admin resources, pages of its own at a path, menu entries (each naming the
// roles that see it), the home page of its roles, the actions and tabs it adds to the case page,
// and banners above every page.
// Its messages need no registration: every folder's messages.ts is merged (shell/i18n/features.ts).
import type { ComponentType } from 'react';
import type { ResourceProps } from 'react-admin';
import type { CaseAction } from './resources/cases/actions/registry';
import type { CaseTab } from './resources/cases/caseTab';
import type { Role } from './shell/access/roles';
import type { MenuEntry } from './shell/layout/menuEntry';

export interface Feature {
  resources?: ResourceProps[];
  pages?: { path: string; component: ComponentType }[];
  /** In menu order; the shell lists the features' entries in the order of FEATURES. */
  menu?: MenuEntry[];
  /** The home page (work queue) of each of its roles; a user with several roles gets the first in ROLE_HOME_ORDER. */
  homes?: Partial<Record<Role, ComponentType>>;
  /** The case page's actions it offers, in the order shown (each shown only when the API allows its command). */
  caseActions?: CaseAction[];
  /** Tabs it adds to the case page beyond the summary. */
  caseTabs?: CaseTab[];
  /** Shown above every page (each decides for itself whom it shows to), e.g. the operator's incoming call. */
  banners?: ComponentType[];
}
