// The case page's tabs beyond its summary (timeline, replay, messages …), contributed by features.
import { auditTabs } from '../../desks/auditor/caseTabs';
import type { CaseTab } from './caseTab';

export const caseTabs: CaseTab[] = [
  ...auditTabs,
];
