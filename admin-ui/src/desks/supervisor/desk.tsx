// The supervisor's desk: this month's figures above the board, and the supervisor's case actions
// (arbitration, deadline overrides, supervision notices).
import { Stack } from '@mui/material';
import { StatisticsSummaryCard } from '../../resources/statistics';
import type { Feature } from '../../feature';
import { supervisorActions } from './caseActions';
import { SupervisorHome } from './SupervisorHome';

const SupervisorHomeWithFigures = () => (
  <Stack spacing={2}>
    <StatisticsSummaryCard />
    <SupervisorHome />
  </Stack>
);

export const supervisorDesk: Feature = {
  homes: { supervisor: SupervisorHomeWithFigures },
  caseActions: supervisorActions,
};
