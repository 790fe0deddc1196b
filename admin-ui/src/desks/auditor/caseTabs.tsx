// The auditor's tabs on the case page, for the roles the replay routes serve.
import type { Role } from '../../shell/access/roles';
import type { CaseTab } from '../../resources/cases/caseTab';
import { CaseFileTab } from './CaseFileTab';
import { StateAsOfTab } from './StateAsOfTab';
import { TemporalHistoryTab } from './TemporalHistoryTab';
import { TimelineTab } from './TimelineTab';

const REPLAY_ROLES: readonly Role[] = ['auditor', 'supervisor', 'admin'];

export const auditTabs: CaseTab[] = [
  { key: 'timeline', label: 'hotline.audit.tabs.timeline', roles: REPLAY_ROLES, render: (record) => <TimelineTab record={record} /> },
  { key: 'stateAsOf', label: 'hotline.audit.tabs.stateAsOf', roles: REPLAY_ROLES, render: (record) => <StateAsOfTab record={record} /> },
  { key: 'temporal', label: 'hotline.audit.tabs.temporal', roles: REPLAY_ROLES, render: (record) => <TemporalHistoryTab record={record} /> },
  { key: 'caseFile', label: 'hotline.audit.tabs.chain', roles: REPLAY_ROLES, render: (record) => <CaseFileTab record={record} /> },
];
