// The dispatcher's home: the queues a dispatcher works through, oldest first where order matters.
import { Stack } from '@mui/material';
import { CaseQueue } from '../../resources/cases/CaseQueue';

export const DispatcherHome = () => (
  <Stack spacing={2}>
    <CaseQueue name="toDispatch" title="hotline.home.queues.toDispatch" filter={{ status: ['registered'] }} sort={{ field: 'registeredAt', order: 'ASC' }} />
    <CaseQueue name="returns" title="hotline.home.queues.returnsToDecide" filter={{ status: ['returnRequested'] }} />
    <CaseQueue name="extensions" title="hotline.home.queues.extensionsToDecide" filter={{ extensionPending: true }} />
    <CaseQueue name="supervisionReplies" title="hotline.home.queues.supervisionRepliesToEvaluate" filter={{ supervisionReply: ['answered'] }} />
    <CaseQueue name="review" title="hotline.home.queues.resultsToReview" filter={{ status: ['unitApproved'] }} />
    <CaseQueue name="callbacks" title="hotline.home.queues.callbacks" filter={{ status: ['callback'] }} />
    <CaseQueue name="unsatisfied" title="hotline.home.queues.unsatisfiedToDecide" filter={{ status: ['awaitingUnsatisfiedDecision'] }} />
  </Stack>
);
