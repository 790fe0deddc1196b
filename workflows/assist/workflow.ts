// An assisting unit's part in a case (协办), as a child workflow with a life of its own: it runs
// the unit's sign-for and opinion clocks, and reports their warnings and escalations to the
// case, which records them in the case's audit trail. It ends when its clocks have stopped or
// the case withdraws it.
import { getExternalWorkflowHandle, setHandler } from '@temporalio/workflow';
import { createAlarms } from '../alarms';
import { applyClockEvent, dueAlarms, nextAlarmAt } from '../../rules/lifecycle/clocks';
import { alarmEvents } from '../../rules/lifecycle/timers';
import type { Clock } from '../../rules/lifecycle/types';
import { assistClockStoppedSignal, assistClocksChangedSignal, assistEventsSignal, assistWithdrawnSignal } from './definitions';

export interface AssistInput {
  caseWorkflowId: string;
  assignmentId: string;
  unitId: string;
  clocks: Clock[];
}

export interface AssistOutcome {
  assignmentId: string;
  outcome: 'completed' | 'withdrawn';
}

export async function assistWorkflow(input: AssistInput): Promise<AssistOutcome> {
  let clocks = input.clocks;
  let withdrawn = false;
  let changed = false;
  let issued = 0;
  const alarms = createAlarms();

  setHandler(assistClocksChangedSignal, (updated) => {
    clocks = clocks.map((clock) => updated.find((u) => u.key === clock.key) ?? clock);
    changed = true;
  });
  setHandler(assistClockStoppedSignal, (key) => {
    clocks = clocks.filter((clock) => clock.key !== key);
    changed = true;
  });
  setHandler(assistWithdrawnSignal, () => {
    withdrawn = true;
  });

  const caseWorkflow = getExternalWorkflowHandle(input.caseWorkflowId);
  while (!withdrawn && clocks.length > 0) {
    const events = alarmEvents(dueAlarms(clocks, Date.now()), (prefix) => `${input.assignmentId}-${prefix}${++issued}`);
    if (events.length > 0) {
      clocks = events.reduce(applyClockEvent, clocks);
      try {
        await caseWorkflow.signal(assistEventsSignal, { assignmentId: input.assignmentId, events });
      } catch {
        // The case has ended: nobody is left to warn.
        return { assignmentId: input.assignmentId, outcome: 'withdrawn' };
      }
      continue;
    }
    changed = false;
    const alarm = nextAlarmAt(clocks);
    const wake = () => withdrawn || changed;
    await alarms.waitFor(wake, alarm);
  }
  return { assignmentId: input.assignmentId, outcome: withdrawn ? 'withdrawn' : 'completed' };
}
