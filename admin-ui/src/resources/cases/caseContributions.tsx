// The case page's actions and tabs as the features contribute them. The App provides them from
// FEATURES; the case page (itself part of a feature) reads them here instead of importing the
// registry that imports it.
import { createContext, useContext, type ReactNode } from 'react';
import type { CaseAction } from './actions/registry';
import type { CaseTab } from './caseTab';

export interface CaseContributions {
  caseActions: CaseAction[];
  caseTabs: CaseTab[];
}

const CaseContributionsContext = createContext<CaseContributions>({ caseActions: [], caseTabs: [] });

export const CaseContributionsProvider = ({ value, children }: { value: CaseContributions; children: ReactNode }) => (
  <CaseContributionsContext.Provider value={value}>{children}</CaseContributionsContext.Provider>
);

export const useCaseContributions = (): CaseContributions => useContext(CaseContributionsContext);
