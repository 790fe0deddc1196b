// The supervisor's home: stuck cases if any, the warning board, then the decisions only a
// supervisor takes, and the units' replies to supervision notices waiting for evaluation.
import { Stack } from '@mui/material';
import { CaseQueue } from '../../resources/cases/CaseQueue';
import { StuckCasesBanner } from '../../resources/stuckCases';
import { SupervisorBoard } from './SupervisorBoard';

export const SupervisorHome = () => (
  <Stack spacing={2}>
    <StuckCasesBanner />
    <SupervisorBoard />
    <CaseQueue name="arbitration" title="hotline.home.queues.arbitration" filter={{ status: ['arbitration'] }} />
    <CaseQueue name="reReview" title="hotline.home.queues.reReview" filter={{ status: ['reReview'] }} />
    <CaseQueue name="unsatisfied" title="hotline.home.queues.unsatisfiedToDecide" filter={{ status: ['awaitingUnsatisfiedDecision'] }} />
    <CaseQueue name="extensions" title="hotline.home.queues.extensionsToDecide" filter={{ extensionPending: true }} />
    <CaseQueue name="supervisionReplies" title="hotline.home.queues.supervisionRepliesToEvaluate" filter={{ supervisionReply: ['answered'] }} />
  </Stack>
);
