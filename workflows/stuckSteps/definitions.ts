// The signal an admin's "retry" sends to a workflow with a stuck step (api/stuckCases): every
// waiting step is tried again now, whatever its backoff.
import { defineSignal } from '@temporalio/workflow';

export const retryStuckStepsSignal = defineSignal<[{ actorId: string }]>('retryStuckSteps');
