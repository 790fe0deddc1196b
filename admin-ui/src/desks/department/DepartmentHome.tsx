// The home of a unit's handlers and leaders: what their own unit has to sign for (most urgent
// sign-for deadline first, with the countdown), what it is handling, what is due soon or
// overdue, and for leaders the results waiting for their approval. Queues read the unit's own
// assignments (ownAssignmentStatus), so a sub-unit's share does not appear as the unit's own;
// "mine" holds the cases the user was named to handle (assignHandler).
import { Stack } from '@mui/material';
import { CaseQueue } from '../../resources/cases/CaseQueue';

const HANDLING = ['signed', 'subDispatched', 'returnRequested'];

const UnitQueues = () => (
  <>
    {/* 我的: the cases whose live assignment of the unit names the user as its handler. */}
    <CaseQueue name="mine" title="hotline.home.queues.mine" filter={{ mine: true }} sort={{ field: 'handleDueAt', order: 'ASC' }} />
    <CaseQueue name="toSignFor" title="hotline.home.queues.toSignFor" filter={{ ownAssignmentStatus: ['dispatched'] }} sort={{ field: 'signForDueAt', order: 'ASC' }} />
    <CaseQueue name="dueSoon" title="hotline.home.queues.dueSoon" filter={{ ownAssignmentStatus: HANDLING, warningLevel: ['yellow', 'red'] }} />
    <CaseQueue name="inProgress" title="hotline.home.queues.inProgress" filter={{ ownAssignmentStatus: HANDLING }} />
  </>
);

export const HandlerHome = () => (
  <Stack spacing={2}>
    <UnitQueues />
  </Stack>
);

export const LeaderHome = () => (
  <Stack spacing={2}>
    <CaseQueue name="toApprove" title="hotline.home.queues.toApprove" filter={{ status: ['resultSubmitted'], ownAssignmentStatus: ['resultSubmitted'] }} sort={{ field: 'updatedAt', order: 'ASC' }} />
    <UnitQueues />
  </Stack>
);
