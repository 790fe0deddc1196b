// The case page's tabs beyond its summary (timeline, replay, messages …), contributed by features.
import type { ReactElement } from 'react';
import type { Role } from '../access/roles';
import { auditTabs } from '../audit/tabs';
import type { CaseRecord } from './types';

export interface CaseTab {
  key: string;
  /** Translation key of the tab's label. */
  label: string;
  /** Who sees the tab; empty = everyone who sees the case. */
  roles: readonly Role[];
  render: (record: CaseRecord) => ReactElement;
}

export const caseTabs: CaseTab[] = [
  ...auditTabs,
];
