// The case page's tabs beyond its summary (timeline, replay, messages …), contributed by features.
import { auditTabs } from '../audit/tabs';
import type { CaseTab } from './caseTab';

export const caseTabs: CaseTab[] = [
  ...auditTabs,
];
