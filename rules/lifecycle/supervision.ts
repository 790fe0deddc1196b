// Supervision notices (督办) answered: each notice to a unit carries a reply clock of
// `supervision.replyWorkingDays` working days (yellow one working day before, or at 80 % of a
// one-day limit); the unit answers (answerSupervision), the office evaluates the reply
// (evaluateSupervisionAnswer: a rejected reply re-opens the notice with a new reply clock); a
// reply clock that runs out escalates its notice: level 1 → a level-2 notice to the same unit,
// level 2 → leadership (the case's escalation level 3).
import { computeClock, DEFAULT_SETTINGS, type RuleContext } from './clocks';
import type { Clock, PetitionEventData, PetitionState, SupervisionNoticeState } from './types';

export const REPLY_CLOCK_PREFIX = 'supervisionReply:';

export function replyClockKey(noticeId: string): string {
  return `${REPLY_CLOCK_PREFIX}${noticeId}`;
}

/** The reply clock of a notice, started now. */
export function startReplyClock(noticeId: string, unitId: string, ctx: Pick<RuleContext, 'now' | 'calendar' | 'policies' | 'settings'>): Clock {
  // Rules loaded before the setting existed have none: the seeded default applies.
  const amount = ctx.settings.supervisionReplyWorkingDays ?? DEFAULT_SETTINGS.supervisionReplyWorkingDays;
  return computeClock(
    {
      key: replyClockKey(noticeId), name: 'supervisionReply', unitId, assignmentId: null, startedAt: ctx.now,
      limit: { amount, unit: 'workingDays' }, warning: { before: { amount: 1, unit: 'workingDays' }, ratio: 0.8 },
      extensionWorkingDays: 0, overrideDueAt: null,
    },
    ctx,
  );
}

/**
 * Gives each new supervision notice among `events` its reply clock. The workflow calls it behind
 * the patch `supervision-reply` (notices issued by older code have none and wait for no reply).
 */
export function withReplyClocks(events: PetitionEventData[], ctx: Pick<RuleContext, 'now' | 'calendar' | 'policies' | 'settings'>): PetitionEventData[] {
  return events.map((event) => (event.type === 'supervised' && !event.replyClock ? { ...event, replyClock: startReplyClock(event.noticeId, event.unitId, ctx) } : event));
}

export function supervisionNotices(state: PetitionState): SupervisionNoticeState[] {
  return state.supervisionNotices ?? [];
}

export function findNotice(state: PetitionState, noticeId: string): SupervisionNoticeState | undefined {
  return supervisionNotices(state).find((n) => n.id === noticeId);
}

/** What a reply clock that ran out does to its notice (`newId` names a level-2 notice). */
export function replyOverdueEvents(state: PetitionState, clock: Clock, newNoticeId: string): PetitionEventData[] {
  const notice = supervisionNotices(state).find((n) => replyClockKey(n.id) === clock.key);
  if (!notice || notice.status !== 'awaitingReply') return [];
  const since = new Date(clock.dueAt).toISOString();
  if (notice.level === 2) return [{ type: 'supervisionEscalated', noticeId: notice.id, unitId: notice.unitId, to: 'leadership' }];
  return [
    { type: 'supervisionEscalated', noticeId: notice.id, unitId: notice.unitId, to: 'level2' },
    {
      type: 'supervised', noticeId: newNoticeId, unitId: notice.unitId, clockKey: null, level: 2, automatic: true,
      content: `supervision notice ${notice.id} unanswered since ${since}: raised to level 2`,
    },
  ];
}
