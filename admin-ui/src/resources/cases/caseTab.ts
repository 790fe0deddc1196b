// One tab of the case page beyond its summary; features contribute theirs (cases/tabs.ts).
import type { ReactElement } from 'react';
import type { Role } from '../../shell/access/roles';
import type { CaseRecord } from './types';

export interface CaseTab {
  key: string;
  /** Translation key of the tab's label. */
  label: string;
  /** Who sees the tab; empty = everyone who sees the case. */
  roles: readonly Role[];
  render: (record: CaseRecord) => ReactElement;
}
