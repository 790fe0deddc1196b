// Each role's home page is its work queue. A user with several roles gets the first of them in
// ROLE_HOME_ORDER; features replace a role's home with a richer one (intake desk, board …).
import { Stack } from '@mui/material';
import type { ComponentType } from 'react';
import type { Role } from '../access/roles';
import { CaseQueue } from '../cases/CaseQueue';
import { HandlerHome, LeaderHome } from '../department/DepartmentHome';
import { OperatorHome } from '../operator';
import { StatisticsSummaryCard } from '../statistics';

const DispatcherHome = () => (
  <Stack spacing={2}>
    <CaseQueue name="toDispatch" title="hotline.home.queues.toDispatch" filter={{ status: ['registered'] }} sort={{ field: 'registeredAt', order: 'ASC' }} />
    <CaseQueue name="returns" title="hotline.home.queues.returnsToDecide" filter={{ status: ['returnRequested'] }} />
    <CaseQueue name="extensions" title="hotline.home.queues.extensionsToDecide" filter={{ extensionPending: true }} />
    <CaseQueue name="review" title="hotline.home.queues.resultsToReview" filter={{ status: ['unitApproved'] }} />
    <CaseQueue name="callbacks" title="hotline.home.queues.callbacks" filter={{ status: ['callback'] }} />
  </Stack>
);

const SupervisorHome = () => (
  <Stack spacing={2}>
    <StatisticsSummaryCard />
    <CaseQueue name="red" title="hotline.home.queues.redCases" filter={{ warningLevel: ['red'] }} />
    <CaseQueue name="yellow" title="hotline.home.queues.yellowCases" filter={{ warningLevel: ['yellow'] }} />
    <CaseQueue name="arbitration" title="hotline.home.queues.arbitration" filter={{ status: ['arbitration'] }} />
    <CaseQueue name="reReview" title="hotline.home.queues.reReview" filter={{ status: ['reReview'] }} />
  </Stack>
);

const AuditorHome = () => (
  <Stack spacing={2}>
    <CaseQueue name="recent" title="hotline.home.queues.recentCases" filter={{}} sort={{ field: 'updatedAt', order: 'DESC' }} />
  </Stack>
);

export const roleHomes: Partial<Record<Role, ComponentType>> = {
  operator: OperatorHome,
  dispatcher: DispatcherHome,
  unitHandler: HandlerHome,
  unitLeader: LeaderHome,
  supervisor: SupervisorHome,
  auditor: AuditorHome,
};

export const ROLE_HOME_ORDER: readonly Role[] = ['operator', 'dispatcher', 'unitLeader', 'unitHandler', 'supervisor', 'auditor', 'admin'];
