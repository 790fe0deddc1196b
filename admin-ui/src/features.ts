// Every desk and resource of the console, in menu order: the one place a new screen, a role's
// home, a case action or a case tab is registered (each names them in its desk.tsx or
// feature.tsx). Messages need no registration: every folder's messages.ts is merged.
import { adminDesk } from './desks/admin/desk';
import { auditorDesk } from './desks/auditor/desk';
import { departmentDesk } from './desks/department/desk';
import { dispatcherDesk } from './desks/dispatcher/desk';
import { operatorDesk } from './desks/operator/desk';
import { supervisorDesk } from './desks/supervisor/desk';
import { blockedCallersFeature } from './resources/blockedCallers/feature';
import { casesFeature } from './resources/cases/feature';
import { pollsFeature } from './resources/polls/feature';
import { statisticsFeature } from './resources/statistics/feature';
import { stuckCasesFeature } from './resources/stuckCases/feature';
import { systemFeature } from './resources/system/feature';
import type { Feature } from './feature';

/** Case actions are shown in this order too: the dispatcher's, the units', the supervisor's. */
export const FEATURES: Feature[] = [
  operatorDesk,
  dispatcherDesk,
  departmentDesk,
  supervisorDesk,
  casesFeature,
  statisticsFeature,
  auditorDesk,
  systemFeature,
  stuckCasesFeature,
  blockedCallersFeature,
  pollsFeature,
  adminDesk,
];
