// Notices the lifecycle sends: to a unit's duty phone (dispatch, urges, supervision, criticism),
// to its leaders' phones (criticism), and to the
// citizen (receipt, extension, completion with a signed re-review link). Each renders the
// admin-editable template, queues an outbound SMS row and sends it through Twilio; a message
// Twilio did not take goes on in its delivery workflow (activities/smsDelivery.ts). Idempotent by
// key, since activities are retried.
import { phoneForms } from '../lib/phoneNumbers';
import { readRuleSetting } from '../lib/ruleSettings';
import type { CitizenLinkConfig } from '../lib/citizenAccess/linkUrls';
import { unsealSecret } from '../lib/citizenAccess/sealedSecrets';
import { citizenLinkParams } from './noticeLinks';
import { readNoticeFacts } from './noticeFacts';
import { firstAttemptClaim, sendNowOrLater, startSmsDelivery, type SmsSenderDeps } from './smsDelivery';
import { renderTemplate, type NoticeTemplate, type TemplateParams } from '../rules/templates/placeholders';

/** Filled in by notify() itself: the case and unit, the citizen's links, the sealed params. */
type NoticeOwnParams = 'caseNo' | 'unitName' | 'reReviewUrl' | 'reReviewUntil' | 'queryPassword';

export type NoticeInput = {
  [T in NoticeTemplate]: {
    /** Unique per notice, e.g. `<case>:<event seq>:<unit>`. */
    key: string;
    caseId: string;
    template: T;
    /**
     * `unitLeadersOf`: every active leader (unitLeader) of the unit with a phone, one SMS each (`userId`).
     * `emergencyContacts`: each number of the setting `emergency.notifyPhones`, one SMS each (`phone`).
     */
    to: { unitId: string } | { unitLeadersOf: string } | { userId: string } | { citizen: true } | { emergencyContacts: true } | { phone: string };
    params: Omit<TemplateParams<T>, NoticeOwnParams>;
    /** Params sealed by the API (the receipt's query password), opened only here. */
    sealedParams?: Record<string, string>;
  };
}[NoticeTemplate];

export interface NoticeResult {
  queued: boolean;
  reason?: 'noPhone' | 'optedOut' | 'duplicate' | 'unsealable';
}

export function createNotificationActivities(deps: SmsSenderDeps & { telephony: { fromNumber: string }; links: CitizenLinkConfig }) {
  const activities = {
    async notify(input: NoticeInput): Promise<NoticeResult> {
      if ('unitLeadersOf' in input.to) {
        const leaders = await deps.prisma.user.findMany({ where: { unitId: input.to.unitLeadersOf, active: true, roles: { has: 'unitLeader' }, phone: { not: null } }, select: { id: true }, orderBy: { id: 'asc' } });
        if (leaders.length === 0) {
          deps.log.warn({ caseId: input.caseId, template: input.template, to: input.to }, 'notice not sent: the unit has no leader with a phone');
          return { queued: false, reason: 'noPhone' };
        }
        const results = [];
        for (const leader of leaders) results.push(await activities.notify({ ...input, key: `${input.key}:${leader.id}`, to: { userId: leader.id } }));
        return results.some((r) => r.queued) ? { queued: true } : results[0]!;
      }
      if ('emergencyContacts' in input.to) {
        const { leadership, dutyRoom } = await readRuleSetting(deps.prisma, 'emergency.notifyPhones');
        const phones = [...new Set([...leadership, ...dutyRoom])];
        if (phones.length === 0) {
          deps.log.warn({ caseId: input.caseId, template: input.template }, 'notice not sent: emergency.notifyPhones holds no number');
          return { queued: false, reason: 'noPhone' };
        }
        const results = [];
        for (const phone of phones) results.push(await activities.notify({ ...input, key: `${input.key}:${phone}`, to: { phone } }));
        return results.some((r) => r.queued) ? { queued: true } : results[0]!;
      }
      const id = `notice:${input.key}`;
      const facts = await readNoticeFacts(deps.prisma, {
        messageId: id, caseId: input.caseId, template: input.template,
        ...('unitId' in input.to ? { unitId: input.to.unitId } : 'userId' in input.to ? { userId: input.to.userId } : {}),
      });
      if (facts.earlier) {
        // A retry after the row was queued: its first send may or may not have reached Twilio, so
        // the delivery workflow takes it (it never sends a row Twilio took).
        if (facts.earlier.status !== 'failed' && !facts.earlier.messageSid) await startSmsDelivery(id);
        return { queued: false, reason: 'duplicate' };
      }
      let phone: string | null;
      let unitName = '';
      if ('phone' in input.to) {
        // A number an admin set (emergency.notifyPhones): no unit, no citizen's opt-out.
        phone = input.to.phone;
      } else if (facts.recipient) {
        phone = facts.recipient.phone;
        unitName = facts.recipient.unitName;
      } else {
        phone = facts.citizenPhone;
        if (phone && (await deps.prisma.smsOptOut.findFirst({ where: { phone: { in: phoneForms(phone) } } }))) {
          deps.log.info({ caseId: input.caseId, template: input.template }, 'notice not sent: the citizen opted out of SMS');
          return { queued: false, reason: 'optedOut' };
        }
      }
      if (!phone) {
        deps.log.warn({ caseId: input.caseId, template: input.template, to: input.to }, 'notice not sent: no phone number');
        return { queued: false, reason: 'noPhone' };
      }
      const opened: Record<string, string> = {};
      for (const [name, sealed] of Object.entries(input.sealedParams ?? {})) {
        const plain = unsealSecret(sealed, deps.links.secret);
        // Sealed with another PUBLIC_LINK_SECRET: retrying cannot help, and a receipt without
        // its password would mislead; the citizen can still look the case up by phone digits.
        if (plain === null) {
          deps.log.error({ caseId: input.caseId, template: input.template, param: name }, 'notice not sent: a sealed param does not open with PUBLIC_LINK_SECRET');
          return { queued: false, reason: 'unsealable' };
        }
        opened[name] = plain;
      }
      const links = citizenLinkParams(deps.links, input.template, { caseId: input.caseId, reReviewUntil: facts.reReviewUntil }, new Date());
      const body = renderTemplate(facts.templateBody, { caseNo: input.caseId, unitName, ...input.params, ...links, ...opened });
      // Queued already claimed for its first attempt (attemptSms's claim), which follows at once.
      const row = await deps.prisma.smsMessage.create({
        data: {
          id, direction: 'outbound', fromNumber: deps.telephony.fromNumber, toNumber: phone, body, ...firstAttemptClaim(),
          templateCode: input.template, caseId: input.caseId,
        },
        select: { id: true, fromNumber: true, toNumber: true, body: true, caseId: true, attempts: true },
      });
      deps.log.info({ caseId: input.caseId, template: input.template }, 'notice queued');
      await sendNowOrLater(deps, row);
      return { queued: true };
    },
  };
  return activities;
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
