// Survey calls (回访电话): one call per phone attempt, placed through Twilio's REST API with the
// real client. Twilio then fetches the survey TwiML and posts the call's progress to the
// /telephony/callback webhooks (api/twilio/callback/routes.ts), which signal the callback
// workflow by CallSid. Every attempt's outcome is kept on its CallbackAttempt row.
import type { Logger } from '../config/logger';
import type { PrismaClient } from '../prisma/client';
import { dialableNumber, phoneForms } from '../lib/phoneNumbers';
import { surveyCallbackUrls } from '../telephony/callback/urls';
import type { OutboundTelephony } from './deps';
import { placeOutboundCall } from './outboundCall';

export type PlacedCall =
  | { status: 'placed'; callSid: string }
  /** Nobody to call: the case has no phone number, or the number opted out. */
  | { status: 'noPhone' | 'optedOut' }
  /** Twilio refused the call (e.g. an invalid number), or could not be reached after retries. */
  | { status: 'failed'; reason: string };

/** What became of one attempt (Twilio's final call statuses, hyphens and all). */
export type AttemptOutcome = 'answered' | 'replied' | 'no-answer' | 'busy' | 'failed' | 'canceled' | 'hung-up' | 'stopped';

export function createCallbackCallActivities(deps: { prisma: PrismaClient; log: Logger; telephony: OutboundTelephony }) {
  return {
    async placeSurveyCall(input: { caseId: string; callbackId: string; attemptNo: number }): Promise<PlacedCall> {
      const caseRow = await deps.prisma.case.findUniqueOrThrow({ where: { id: input.caseId }, select: { citizenPhone: true } });
      const phone = caseRow.citizenPhone;
      if (!phone) return { status: 'noPhone' };
      const to = dialableNumber(phone);
      // Opt-outs come from inbound SMS (E.164) or operators (as the case keeps the number).
      if (await deps.prisma.smsOptOut.findFirst({ where: { phone: { in: phoneForms(phone) } } })) return { status: 'optedOut' };
      const attemptId = `${input.callbackId}-${input.attemptNo}`;
      const attempt = await deps.prisma.callbackAttempt.upsert({
        where: { id: attemptId },
        create: { id: attemptId, callbackId: input.callbackId, attemptNo: input.attemptNo, method: 'phoneCall', outcome: 'calling', startedAt: new Date() },
        update: {},
      });
      // A retry after Twilio took the call (only its answer was lost): the call is out already.
      if (attempt.callSid) return { status: 'placed', callSid: attempt.callSid };

      const urls = surveyCallbackUrls(deps.telephony.webhookBaseUrl, input);
      const placed = await placeOutboundCall(deps.telephony, to, { call: urls.survey, status: urls.status });
      if (placed.status === 'refused') {
        deps.log.warn({ caseId: input.caseId, attemptId, reason: placed.reason }, 'survey call refused by Twilio');
        return { status: 'failed', reason: placed.reason };
      }
      const { call } = placed;
      const now = new Date();
      await deps.prisma.$transaction([
        deps.prisma.callbackAttempt.update({ where: { id: attemptId }, data: { callSid: call.sid } }),
        // The status callback may have come first and created the row already.
        deps.prisma.call.upsert({
          where: { id: call.sid },
          create: { id: call.sid, callSid: call.sid, direction: 'outbound', purpose: 'callback', fromNumber: deps.telephony.fromNumber, toNumber: to, status: call.status, caseId: input.caseId, callbackAttemptId: attemptId, startedAt: now },
          update: { direction: 'outbound', purpose: 'callback', caseId: input.caseId, callbackAttemptId: attemptId },
        }),
      ]);
      deps.log.info({ caseId: input.caseId, attemptId, callSid: call.sid }, 'survey call placed');
      return { status: 'placed', callSid: call.sid };
    },

    /** The attempt's final outcome (created here if its call could not even be recorded). */
    async recordAttemptOutcome(input: { callbackId: string; attemptNo: number; method: 'phoneCall' | 'sms'; outcome: AttemptOutcome }): Promise<void> {
      const id = `${input.callbackId}-${input.attemptNo}`;
      const endedAt = new Date();
      await deps.prisma.callbackAttempt.upsert({
        where: { id },
        create: { id, callbackId: input.callbackId, attemptNo: input.attemptNo, method: input.method, outcome: input.outcome, startedAt: endedAt, endedAt },
        update: { outcome: input.outcome, endedAt },
      });
    },
  };
}

export type CallbackCallActivities = ReturnType<typeof createCallbackCallActivities>;
