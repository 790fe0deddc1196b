// Messages between a case and the child workflows of its assisting units (协办).
import { defineSignal } from '@temporalio/workflow';
import type { Clock, PetitionEventData } from '../../rules/lifecycle/types';

/** Child → case: warnings and escalations its clocks produced, for the case to record. */
export const assistEventsSignal = defineSignal<[{ assignmentId: string; events: PetitionEventData[] }]>('assistEvents');

/** Case → child: clocks recomputed (calendar change, override). */
export const assistClocksChangedSignal = defineSignal<[Clock[]]>('assistClocksChanged');
/** Case → child: the unit signed for or gave its opinion, so that clock stops. */
export const assistClockStoppedSignal = defineSignal<[string]>('assistClockStopped');
/** Case → child: the assignment is over (case re-dispatched or its result accepted). */
export const assistWithdrawnSignal = defineSignal('assistWithdrawn');

export function assistWorkflowId(assignmentId: string): string {
  return `assist:${assignmentId}`;
}
