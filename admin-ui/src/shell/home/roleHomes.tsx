// Each role's home page is its work queue. A user with several roles gets the first of them in
// ROLE_HOME_ORDER; each role's home lives with its feature (intake desk, board …).
import { Stack } from '@mui/material';
import type { ComponentType } from 'react';
import type { Role } from '../access/roles';
import { AuditorHome } from '../../desks/auditor';
import { AdminHome } from '../../desks/admin/home/AdminHome';
import { CaseQueue } from '../../resources/cases/CaseQueue';
import { HandlerHome, LeaderHome } from '../../desks/department/DepartmentHome';
import { OperatorHome } from '../../desks/operator';
import { StatisticsSummaryCard } from '../../resources/statistics';
import { SupervisorHome } from '../../desks/supervisor';

const DispatcherHome = () => (
  <Stack spacing={2}>
    <CaseQueue name="toDispatch" title="hotline.home.queues.toDispatch" filter={{ status: ['registered'] }} sort={{ field: 'registeredAt', order: 'ASC' }} />
    <CaseQueue name="returns" title="hotline.home.queues.returnsToDecide" filter={{ status: ['returnRequested'] }} />
    <CaseQueue name="extensions" title="hotline.home.queues.extensionsToDecide" filter={{ extensionPending: true }} />
    <CaseQueue name="review" title="hotline.home.queues.resultsToReview" filter={{ status: ['unitApproved'] }} />
    <CaseQueue name="callbacks" title="hotline.home.queues.callbacks" filter={{ status: ['callback'] }} />
  </Stack>
);

/** The supervisor's board, with this month's figures above it. */
const SupervisorHomeWithFigures = () => (
  <Stack spacing={2}>
    <StatisticsSummaryCard />
    <SupervisorHome />
  </Stack>
);

/** The administrator's status and shortcuts, with this month's figures above them. */
const AdminHomeWithFigures = () => (
  <Stack spacing={2}>
    <StatisticsSummaryCard />
    <AdminHome />
  </Stack>
);

export const roleHomes: Partial<Record<Role, ComponentType>> = {
  operator: OperatorHome,
  dispatcher: DispatcherHome,
  unitHandler: HandlerHome,
  unitLeader: LeaderHome,
  supervisor: SupervisorHomeWithFigures,
  auditor: AuditorHome,
  admin: AdminHomeWithFigures,
};

export const ROLE_HOME_ORDER: readonly Role[] = ['operator', 'dispatcher', 'unitLeader', 'unitHandler', 'supervisor', 'auditor', 'admin'];
