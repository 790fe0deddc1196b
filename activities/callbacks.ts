// Callback attempts, each recorded on the callback. An SMS attempt queues the survey message from
// the admin's template, with a signed link to answer on the web, and starts its delivery; a phone
// attempt is placed by placeSurveyCall (activities/callbackCalls.ts).
import type { Logger } from '../config/logger';
import { citizenLinkUrl, linkExpiry, type CitizenLinkConfig } from '../lib/citizenAccess/linkUrls';
import type { PrismaClient } from '../prisma/client';
import { phoneForms } from '../lib/phoneNumbers';
import { startSmsDelivery } from './smsDelivery';
import { renderTemplate, type TemplateParams } from '../rules/templates/placeholders';

export function createCallbackActivities(deps: { prisma: PrismaClient; log: Logger; telephony: { fromNumber: string }; links: CitizenLinkConfig }) {
  return {
    async requestSurvey(input: { caseId: string; callbackId: string; attemptNo: number; method: 'phoneCall' | 'sms' }): Promise<{ attemptId: string; queued: boolean }> {
      const attemptId = `${input.callbackId}-${input.attemptNo}`;
      await deps.prisma.callbackAttempt.upsert({
        where: { id: attemptId },
        create: { id: attemptId, callbackId: input.callbackId, attemptNo: input.attemptNo, method: input.method, outcome: 'requested', startedAt: new Date() },
        update: {},
      });
      if (input.method !== 'sms') {
        deps.log.info({ caseId: input.caseId, attemptNo: input.attemptNo }, 'callback call requested');
        return { attemptId, queued: true };
      }
      const caseRow = await deps.prisma.case.findUniqueOrThrow({ where: { id: input.caseId }, select: { citizenPhone: true } });
      const phone = caseRow.citizenPhone;
      if (!phone || (await deps.prisma.smsOptOut.findFirst({ where: { phone: { in: phoneForms(phone) } } }))) {
        deps.log.info({ caseId: input.caseId }, 'survey SMS not sent: no phone or opted out');
        return { attemptId, queued: false };
      }
      const template = await deps.prisma.messageTemplate.findUniqueOrThrow({ where: { code: 'sms.survey' } });
      const messageId = `survey:${attemptId}`;
      const { round } = await deps.prisma.callback.findUniqueOrThrow({ where: { id: input.callbackId }, select: { round: true } });
      const surveyUrl = citizenLinkUrl(deps.links, { purpose: 'survey', caseId: input.caseId, round, expiresAt: linkExpiry('survey', new Date()) });
      await deps.prisma.smsMessage.upsert({
        where: { id: messageId },
        create: { id: messageId, direction: 'outbound', fromNumber: deps.telephony.fromNumber, toNumber: phone, body: renderTemplate(template.body, { caseNo: input.caseId, surveyUrl } satisfies TemplateParams<'sms.survey'>), status: 'queued', templateCode: 'sms.survey', caseId: input.caseId },
        update: {},
      });
      await startSmsDelivery(messageId);
      return { attemptId, queued: true };
    },

    async recordSurveyAttempt(input: { callbackId: string; attemptNo: number; outcome: 'answered' | 'noAnswer' }): Promise<void> {
      await deps.prisma.callbackAttempt.update({ where: { id: `${input.callbackId}-${input.attemptNo}` }, data: { outcome: input.outcome, endedAt: new Date() } });
    },
  };
}

export type CallbackActivities = ReturnType<typeof createCallbackActivities>;
