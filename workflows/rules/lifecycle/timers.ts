// What the passage of time does to a case: lights turn yellow and red, an overdue unit is urged
// automatically, then its case goes to the supervisors, then to leadership; windows close and
// a closed case is archived when its re-review window ends.
import { dueAlarms, type RuleContext } from './clocks';
import type { PetitionEventData, PetitionState } from './types';

export function timerEvents(state: PetitionState, ctx: Pick<RuleContext, 'now'>): PetitionEventData[] {
  const events: PetitionEventData[] = [];
  const id = (prefix: string) => `${state.caseId}-${prefix}${state.seq + events.length + 1}`;
  for (const alarm of dueAlarms(state.clocks, ctx.now)) {
    const { clock } = alarm;
    switch (alarm.kind) {
      case 'yellow':
        events.push({ type: 'warningChanged', clockKey: clock.key, level: 'yellow' });
        break;
      case 'red':
        events.push({ type: 'warningChanged', clockKey: clock.key, level: 'red' });
        if (clock.unitId !== null && clock.escalation < 1 && (clock.name === 'signFor' || clock.name === 'handle' || clock.name === 'assistOpinion')) {
          events.push({ type: 'urged', urgeId: id('U'), unitId: clock.unitId, clockKey: clock.key, automatic: true });
        }
        break;
      case 'supervisor':
        events.push({ type: 'supervised', noticeId: id('V'), unitId: clock.unitId!, clockKey: clock.key, level: 1, automatic: true, content: `${clock.name} overdue since ${new Date(clock.dueAt).toISOString()}: referred to the supervisors` });
        break;
      case 'leadership':
        events.push({ type: 'supervised', noticeId: id('V'), unitId: clock.unitId!, clockKey: clock.key, level: 2, automatic: true, content: `${clock.name} still overdue after supervision: referred to leadership` });
        break;
      case 'windowEnd':
        if (clock.name === 'reReviewWindow' && (state.status === 'closed' || state.status === 'answeredDirectly')) events.push({ type: 'archived' });
        else events.push({ type: 'windowEnded', clockKey: clock.key });
        break;
    }
  }
  return events;
}
