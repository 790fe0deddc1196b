// The notices a case's events call for (to a unit's duty phone or to the citizen). Pure: the
// workflow queues one `notify` activity per notice.
import type { NoticeInput } from '../../activities/notifications';
import type { PetitionEvent, PetitionState } from '../../rules/lifecycle/types';
import { MAJOR_EMERGENCY_URGENCY } from '../../rules/vocabulary';
import { formatShanghaiMinute } from '../../rules/shanghaiTime';
import type { Registration } from './types';

/** The receipt (受理回执) with the case number and the query password, when there is a phone to
 * send it to and a sealed password to put in it. */
export function receiptNotice(registration: Registration): NoticeInput | null {
  if (!registration.citizenPhone || !registration.sealedQueryPassword) return null;
  return { key: `${registration.caseId}:receipt`, caseId: registration.caseId, template: 'sms.receipt', to: { citizen: true }, params: {}, sealedParams: { queryPassword: registration.sealedQueryPassword } };
}

export const NOTICE_EVENTS = new Set<PetitionEvent['type']>(['dispatched', 'urged', 'supervised', 'criticized', 'extensionDecided', 'closed', 'reclassified', 'leaderInstructionAttached']);

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
        notices.push({ key: key(event.seq, event.unitId), caseId: state.caseId, template: 'sms.warningNotice', to: { unitId: event.unitId }, params: { warning: event.level === 1 ? '已列入督办' : '已报领导督办', dueAt: shanghai(event.clockKey ? due(event.clockKey) : due('handle')) } });
        break;
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
