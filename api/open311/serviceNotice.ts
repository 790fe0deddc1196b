// service_notice: what the hotline will do with a request, from the handling time limit that
// the deadline policies give its case type, category and urgency (the same lookup the
// workflow makes when the case is dispatched).
import type { TimeLimit } from '../../rules/limits';
import { MissingPolicyError, resolveClockPolicy, type CaseProfile, type PolicyRow } from '../../rules/policies';

const UNIT_NAMES: Record<TimeLimit['unit'], { zh: string; en: string }> = {
  minutes: { zh: '分钟', en: 'minutes' },
  hours: { zh: '小时', en: 'hours' },
  calendarDays: { zh: '天', en: 'days' },
  workingDays: { zh: '个工作日', en: 'working days' },
};

export function serviceNoticeFor(limit: TimeLimit): string {
  const unit = UNIT_NAMES[limit.unit];
  return `交有管辖权的单位办理，交办后${limit.amount}${unit.zh}内办结 (The unit with jurisdiction handles the request within ${limit.amount} ${unit.en} of dispatch)`;
}

/** The notice for a case profile, or null when no handling policy applies to it. */
export function serviceNotice(policies: PolicyRow[], profile: CaseProfile): string | null {
  try {
    return serviceNoticeFor(resolveClockPolicy(policies, 'handle', profile).limit);
  } catch (error) {
    if (error instanceof MissingPolicyError) return null;
    throw error;
  }
}
