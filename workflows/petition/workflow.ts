// One petition, one workflow (id = case number). This first slice registers the case and
// writes its projection and audit event; the lifecycle after registration (dispatch, sign-for,
// deadlines …) is built on it by the lifecycle issue.
import { condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ProjectionActivities } from '../../activities/projection';
import { getStateQuery } from './definitions';
import type { PetitionState, Registration } from './types';

const projection = proxyActivities<ProjectionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function petitionWorkflow(registration: Registration): Promise<PetitionState> {
  const registeredAt = new Date(workflowInfo().startTime).toISOString();
  const state: PetitionState = { caseId: registration.caseId, status: 'registered', registeredAt, version: 1 };
  setHandler(getStateQuery, () => state);

  await projection.recordRegistration({ registration, registeredAt, version: state.version, workflowId: workflowInfo().workflowId });

  // Waits for the next command; the lifecycle issue adds the Updates that move it on.
  await condition(() => false);
  return state;
}
