// What the passage of time does to a case: lights turn yellow and red, an overdue unit is urged
// automatically, then its case goes to the supervisors, then to leadership; windows close and
// a closed case is archived when its re-review window ends.
import { dueAlarms, isDutyClock, nextAlarmAt, type Alarm, type RuleContext } from './clocks';
import { suspensionAlarmAt, suspensionEndEvents } from './suspension';
import type { Clock, PetitionEventData, PetitionState } from './types';

/** Warnings and escalations of due alarms (window ends are the case's business). */
export function alarmEvents(alarms: Alarm[], newId: (prefix: string, index: number) => string): PetitionEventData[] {
  const events: PetitionEventData[] = [];
  for (const alarm of alarms) {
    const { clock } = alarm;
    switch (alarm.kind) {
      case 'yellow':
        events.push({ type: 'warningChanged', clockKey: clock.key, level: 'yellow' });
        break;
      case 'red':
        events.push({ type: 'warningChanged', clockKey: clock.key, level: 'red' });
        if (clock.unitId !== null && clock.escalation < 1 && isDutyClock(clock.name)) {
          events.push({ type: 'urged', urgeId: newId('U', events.length), unitId: clock.unitId, clockKey: clock.key, automatic: true });
        }
        break;
      case 'supervisor':
        events.push({ type: 'supervised', noticeId: newId('V', events.length), unitId: clock.unitId!, clockKey: clock.key, level: 1, automatic: true, content: `${clock.name} overdue since ${new Date(clock.dueAt).toISOString()}: referred to the supervisors` });
        break;
      case 'leadership':
        events.push({ type: 'supervised', noticeId: newId('V', events.length), unitId: clock.unitId!, clockKey: clock.key, level: 2, automatic: true, content: `${clock.name} still overdue after supervision: referred to leadership` });
        break;
      case 'windowEnd':
        break;
    }
  }
  return events;
}

/** Clocks run by an assisting or sub-unit's child workflow rather than by the case itself. */
export function isDelegatedClock(state: PetitionState, clock: Clock): boolean {
  return clock.assignmentId !== null && state.assignments.some((a) => a.id === clock.assignmentId && (a.role === 'assist' || a.role === 'sub'));
}

export function ownClocks(state: PetitionState): Clock[] {
  return state.clocks.filter((clock) => !isDelegatedClock(state, clock));
}

/**
 * `delegated`: assisting units' clocks run in their child workflows, not here. A suspension's
 * planned end resumes the case (its clocks, paused, have no alarms until then); the calendar and
 * the policies move them.
 */
export function timerEvents(state: PetitionState, ctx: Pick<RuleContext, 'now' | 'calendar' | 'policies'>, options: { delegated: boolean } = { delegated: false }): PetitionEventData[] {
  if (state.suspension) return suspensionEndEvents(state, ctx);
  const due = dueAlarms(options.delegated ? ownClocks(state) : state.clocks, ctx.now);
  const events = alarmEvents(due, (prefix, index) => `${state.caseId}-${prefix}${state.seq + index + 1}`);
  for (const alarm of due) {
    if (alarm.kind !== 'windowEnd') continue;
    if (alarm.clock.name === 'reReviewWindow' && (state.status === 'closed' || state.status === 'answeredDirectly')) events.push({ type: 'archived' });
    else events.push({ type: 'windowEnded', clockKey: alarm.clock.key });
  }
  return events;
}

/** When the case's own timer must wake next: the earliest alarm of `clocks` (its own or all), or a suspension's planned end. */
export function nextWakeAt(state: PetitionState, clocks: Clock[]): number | null {
  const alarm = nextAlarmAt(clocks);
  const resume = suspensionAlarmAt(state);
  return alarm === null ? resume : resume === null ? alarm : Math.min(alarm, resume);
}
