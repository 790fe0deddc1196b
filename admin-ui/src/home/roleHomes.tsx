// Each role's home page is its work queue. A user with several roles gets the first of them in
// ROLE_HOME_ORDER; features replace a role's home with a richer one (intake desk, board …).
import { Stack } from '@mui/material';
import type { ComponentType } from 'react';
import type { Role } from '../access/roles';
import { AdminHome } from '../admin/home/AdminHome';
import { CaseQueue } from '../cases/CaseQueue';

const OperatorHome = () => (
  <Stack spacing={2}>
    <CaseQueue name="recent" title="hotline.home.queues.registeredToday" filter={{}} sort={{ field: 'registeredAt', order: 'DESC' }} />
  </Stack>
);

const DispatcherHome = () => (
  <Stack spacing={2}>
    <CaseQueue name="toDispatch" title="hotline.home.queues.toDispatch" filter={{ status: ['registered'] }} sort={{ field: 'registeredAt', order: 'ASC' }} />
    <CaseQueue name="returns" title="hotline.home.queues.returnsToDecide" filter={{ status: ['returnRequested', 'arbitration'] }} />
    <CaseQueue name="extensions" title="hotline.home.queues.extensionsToDecide" filter={{ extensionPending: true }} />
    <CaseQueue name="review" title="hotline.home.queues.resultsToReview" filter={{ status: ['unitApproved'] }} />
    <CaseQueue name="callbacks" title="hotline.home.queues.callbacks" filter={{ status: ['callback'] }} />
  </Stack>
);

const DepartmentHome = () => (
  <Stack spacing={2}>
    <CaseQueue name="toSignFor" title="hotline.home.queues.toSignFor" filter={{ status: ['dispatched'] }} sort={{ field: 'signForDueAt', order: 'ASC' }} />
    <CaseQueue name="dueSoon" title="hotline.home.queues.dueSoon" filter={{ warningLevel: ['yellow', 'red'], status: ['signed', 'subDispatched', 'returnRequested'] }} />
    <CaseQueue name="inProgress" title="hotline.home.queues.inProgress" filter={{ status: ['signed', 'subDispatched', 'returnRequested', 'arbitration'] }} />
    <CaseQueue name="toApprove" title="hotline.home.queues.toApprove" filter={{ status: ['resultSubmitted'] }} />
  </Stack>
);

const SupervisorHome = () => (
  <Stack spacing={2}>
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
  unitHandler: DepartmentHome,
  unitLeader: DepartmentHome,
  supervisor: SupervisorHome,
  auditor: AuditorHome,
  admin: AdminHome,
};

export const ROLE_HOME_ORDER: readonly Role[] = ['operator', 'dispatcher', 'unitLeader', 'unitHandler', 'supervisor', 'auditor', 'admin'];
