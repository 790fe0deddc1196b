// The notices a case's events call for (to a unit's duty phone or to the citizen). Pure: the
// workflow queues one `notify` activity per notice.
import type { NoticeInput } from '../../activities/notifications';
import { isDutyClock } from '../../rules/lifecycle/clocks';
import type { Assignment, PetitionEvent, PetitionState } from '../../rules/lifecycle/types';
import { MAJOR_EMERGENCY_URGENCY } from '../../rules/vocabulary';
import { formatShanghaiMinute } from '../../rules/shanghaiTime';
import type { Registration } from './types';

/** The receipt (受理回执) with the case number and the query password, when there is a phone to
 * send it to and a sealed password to put in it. */
export function receiptNotice(registration: Registration): NoticeInput | null {
  if (!registration.citizenPhone || !registration.sealedQueryPassword) return null;
  return { key: `${registration.caseId}:receipt`, caseId: registration.caseId, template: 'sms.receipt', to: { citizen: true }, params: {}, sealedParams: { queryPassword: registration.sealedQueryPassword } };
}

export const NOTICE_EVENTS = new Set<PetitionEvent['type']>(['dispatched', 'urged', 'supervised', 'criticized', 'extensionDecided', 'closed', 'reclassified', 'suspended', 'resumed', 'supervisionAnswered', 'leaderInstructionAttached']);

/**
 * 重大紧急 (seed 003 第二十条): a case registered as, or reclassified to, the major-emergency
 * urgency is reported at once to the office's leadership and the duty room (the numbers of the
 * setting `emergency.notifyPhones`, read when sent). `seq`: the event that made it one (0: the registration).
 */
export function majorEmergencyNotice(registration: Registration, seq: number): NoticeInput {
  return { key: `${registration.caseId}:${seq}:emergency`, caseId: registration.caseId, template: 'sms.majorEmergencyNotice', to: { emergencyContacts: true }, params: { title: registration.title, address: registration.address ?? '—' } };
}

/** Whether a registration makes a major emergency. */
export function isMajorEmergency(registration: Pick<Registration, 'urgency'>): boolean {
  return registration.urgency === MAJOR_EMERGENCY_URGENCY;
}

/** The reclassification among these events that made the case a major emergency, if any. */
export function becameMajorEmergency(events: PetitionEvent[]): PetitionEvent | undefined {
  return events.find((e) => e.type === 'reclassified' && e.to.urgency === MAJOR_EMERGENCY_URGENCY && e.from.urgency !== MAJOR_EMERGENCY_URGENCY);
}

/** The notices accepted events call for. */
export function noticesFor(state: PetitionState, events: PetitionEvent[]): NoticeInput[] {
  const shanghai = (ms: number | undefined) => (ms === undefined ? '' : formatShanghaiMinute(ms));
  const due = (key: string) => state.clocks.find((c) => c.key === key)?.dueAt;
  const notices: NoticeInput[] = [];
  const key = (seq: number, to: string) => `${state.caseId}:${seq}:${to}`;
  for (const event of events) {
    switch (event.type) {
      case 'dispatched':
        for (const a of event.assignments) {
          const finish = a.role === 'lead' ? due('handle') : due(`assistOpinion:${a.id}`);
          notices.push({ key: key(event.seq, a.unitId), caseId: state.caseId, template: 'sms.dispatchNotice', to: { unitId: a.unitId }, params: { signForDue: shanghai(due(`signFor:${a.id}`)), handleDue: shanghai(finish) } });
        }
        break;
      case 'urged':
        notices.push({ key: key(event.seq, event.unitId), caseId: state.caseId, template: 'sms.warningNotice', to: { unitId: event.unitId }, params: { warning: event.automatic ? '已超期' : '被催办', dueAt: shanghai(event.clockKey ? due(event.clockKey) : due('handle')) } });
        break;
      case 'supervised':
        // A notice that waits for a reply says by when (patch supervision-reply).
        if (event.replyClock) {
          notices.push({ key: key(event.seq, event.unitId), caseId: state.caseId, template: 'sms.supervisionNotice', to: { unitId: event.unitId }, params: { level: event.level === 1 ? '督办' : '二级督办（报领导）', replyDue: shanghai(event.replyClock.dueAt) } });
          break;
        }
        notices.push({ key: key(event.seq, event.unitId), caseId: state.caseId, template: 'sms.warningNotice', to: { unitId: event.unitId }, params: { warning: event.level === 1 ? '已列入督办' : '已报领导督办', dueAt: shanghai(event.clockKey ? due(event.clockKey) : due('handle')) } });
        break;
      case 'supervisionAnswered': {
        // The supervisor who issued the notice hears of the reply; an automatic notice's reply waits in the office's queue.
        const notice = state.supervisionNotices?.find((n) => n.id === event.noticeId);
        if (notice?.issuedBy) notices.push({ key: key(event.seq, notice.issuedBy), caseId: state.caseId, template: 'sms.supervisionAnswered', to: { userId: notice.issuedBy }, params: { reply: event.reply } });
        break;
      }
      case 'criticized':
        // 通报批评: to the unit's duty phone and to each of its leaders (分管领导).
        for (const to of [{ unitId: event.unitId }, { unitLeadersOf: event.unitId }]) {
          const recipient = 'unitId' in to ? event.unitId : `leaders:${event.unitId}`;
          notices.push({ key: key(event.seq, recipient), caseId: state.caseId, template: 'sms.criticismNotice', to, params: { urgeCount: event.urgeCount } });
        }
        break;
      case 'reclassified': {
        // The lead unit, once there is one, works to the new deadlines.
        const lead = state.assignments.find((a) => a.id === state.leadAssignmentId);
        if (lead) notices.push({ key: key(event.seq, lead.unitId), caseId: state.caseId, template: 'sms.reclassifiedNotice', to: { unitId: lead.unitId }, params: { handleDue: shanghai(due('handle')) } });
        break;
      }
      // 挂起 / 恢复: the citizen learns that the clock stopped (and why), and the new deadline when it runs again.
      case 'suspended':
        notices.push({ key: key(event.seq, 'citizen'), caseId: state.caseId, template: 'sms.suspendedNotice', to: { citizen: true }, params: { reason: event.suspension.reason, resumeAt: shanghai(event.suspension.resumeAt) } });
        break;
      case 'resumed':
        notices.push({ key: key(event.seq, 'citizen'), caseId: state.caseId, template: 'sms.resumedNotice', to: { citizen: true }, params: { dueAt: shanghai(due('handle')) } });
        break;
      case 'leaderInstructionAttached': {
        // 领导批示: the lead unit (its duty phone and its leaders) gives the case priority; none before dispatch.
        const lead = state.assignments.find((a) => a.id === state.leadAssignmentId);
        if (!lead) break;
        const { leaderName, leaderTitle, instruction } = event.instruction;
        const leader = leaderTitle ? `${leaderTitle}${leaderName}` : leaderName;
        for (const to of [{ unitId: lead.unitId }, { unitLeadersOf: lead.unitId }]) {
          const recipient = 'unitId' in to ? lead.unitId : `leaders:${lead.unitId}`;
          notices.push({ key: key(event.seq, recipient), caseId: state.caseId, template: 'sms.leaderInstructionNotice', to, params: { leader, instruction } });
        }
        break;
      }
      case 'extensionDecided':
        if (event.approved && event.handleClock) notices.push({ key: key(event.seq, 'citizen'), caseId: state.caseId, template: 'sms.extensionNotice', to: { citizen: true }, params: { dueAt: shanghai(event.handleClock.dueAt), reason: event.reason ?? '' } });
        break;
      case 'closed':
        notices.push({ key: key(event.seq, 'citizen'), caseId: state.caseId, template: 'sms.completion', to: { citizen: true }, params: { reply: state.results.at(-1)?.replyToCitizen ?? event.explanation ?? '' } });
        break;
      default:
        break;
    }
  }
  return notices;
}

/** The deadline an assignment works to: the lead's handling, an assisting unit's opinion, a sub-unit's handling. */
function finishDue(state: PetitionState, a: Assignment): number | undefined {
  const key = a.role === 'lead' ? 'handle' : `${a.role === 'sub' ? 'subHandle' : 'assistOpinion'}:${a.id}`;
  return state.clocks.find((c) => c.key === key)?.dueAt;
}

/**
 * The point-to-point notices to the person a unit named to handle its assignment (承办人): when
 * named, and when a clock of that assignment turns yellow. None to a handler with no phone on
 * record (the handlerAssigned event says so). Kept apart from noticesFor: only cases whose
 * history has a handlerAssigned event call for them, which the assign-handler patch guards.
 */
export function handlerNoticesFor(state: PetitionState, events: PetitionEvent[]): NoticeInput[] {
  const notices: NoticeInput[] = [];
  const key = (seq: number, to: string) => `${state.caseId}:${seq}:${to}`;
  for (const event of events) {
    if (event.type === 'handlerAssigned') {
      const assignment = state.assignments.find((a) => a.id === event.assignmentId);
      if (!assignment || !event.handler.hasPhone) continue;
      const due = finishDue(state, assignment);
      notices.push({ key: key(event.seq, `handler:${event.handler.userId}`), caseId: state.caseId, template: 'sms.handlerAssigned', to: { userId: event.handler.userId }, params: { handlerName: event.handler.name, dueAt: due === undefined ? '' : formatShanghaiMinute(due) } });
    }
    if (event.type === 'warningChanged' && event.level === 'yellow') {
      const clock = state.clocks.find((c) => c.key === event.clockKey);
      const handler = clock && isDutyClock(clock.name) ? state.assignments.find((a) => a.id === clock.assignmentId)?.handler : null;
      if (!clock || !handler?.hasPhone) continue;
      notices.push({ key: key(event.seq, `handler:${handler.userId}`), caseId: state.caseId, template: 'sms.handlerWarning', to: { userId: handler.userId }, params: { handlerName: handler.name, dueAt: formatShanghaiMinute(clock.dueAt) } });
    }
  }
  return notices;
}
