// Outbound SMS delivery. Activities queue an SmsMessage row and send it at once (sendNowOrLater);
// only a row Twilio did not take is handed to a small workflow of its own (workflows/sms), so
// that a Twilio outage is retried there, never inside a case's workflow, whose timers must keep
// running. The happy path costs no workflow. Each attempt is recorded on the row.
import { dialableNumber } from '../lib/phoneNumbers';
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Logger } from '../config/logger';
import type { PrismaClient } from '../prisma/client';
import { UNSENT_STATUSES } from '../telephony/sms/messageStatus';
import { statusIn } from '../telephony/sms/statusSql';
import type { OutboundTelephony } from './deps';
import type { SmsDeliveryWorkflow } from '../workflows/sms/types';
import { smsStatusCallbackUrl } from '../telephony/sms/urls';

export function smsDeliveryWorkflowId(messageId: string): string {
  return `sms:${messageId}`;
}

/**
 * Starts delivering a queued outbound SMS row; call it from any activity right after queuing.
 * Runs on the calling activity's task queue through the worker's own client. Starting twice is
 * harmless: a delivery already running or finished for this row is left as it is.
 */
export async function startSmsDelivery(messageId: string): Promise<void> {
  const { client, info } = Context.current();
  try {
    await client.workflow.start<SmsDeliveryWorkflow>('smsDeliveryWorkflow', {
      args: [{ messageId }],
      taskQueue: info.taskQueue,
      workflowId: smsDeliveryWorkflowId(messageId),
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return;
    throw error;
  }
}

/**
 * Twilio errors that no retry can fix for this message: the number is invalid, not a mobile,
 * unsubscribed (replied STOP), or unreachable from this account's region.
 * https://www.twilio.com/docs/api/errors
 */
export const PERMANENT_TWILIO_ERRORS = new Set([21211, 21212, 21214, 21217, 21407, 21408, 21421, 21549, 21601, 21602, 21604, 21610, 21612, 21614, 21617, 21635, 30004, 30005, 30006]);

export const SMS_REJECTED = 'SmsRejected';

interface TwilioFailure {
  code: string | null;
  message: string;
  permanent: boolean;
}

/** What a failed `messages.create` tells: Twilio's error (RestException) or a transport error. */
export function describeSendFailure(error: unknown): TwilioFailure {
  const rest = error as { status?: unknown; code?: unknown; message?: unknown };
  const message = error instanceof Error ? error.message : String(error);
  if (typeof rest.status === 'number') {
    const code = typeof rest.code === 'number' ? rest.code : null;
    // A 400 is Twilio refusing this very request; 401/403/404/429/5xx may pass later (credentials
    // fixed, capacity back), so they are retried.
    const permanent = (code !== null && PERMANENT_TWILIO_ERRORS.has(code)) || (rest.status === 400 && code !== 20429);
    return { code: code === null ? `http${rest.status}` : String(code), message: message.slice(0, 500), permanent };
  }
  return { code: null, message: message.slice(0, 500), permanent: false };
}

export type SmsSenderDeps = { prisma: PrismaClient; log: Logger; telephony: Pick<OutboundTelephony, 'client' | 'webhookBaseUrl'> };
export type SendAttempt = { messageSid: string; status: string } | { skipped: 'alreadyFailed' };

/** What claiming a row for its first attempt writes; later claims count the attempt up instead. */
export function firstAttemptClaim() {
  return { status: 'sending', attempts: 1, lastAttemptAt: new Date() };
}

/** One attempt to hand a queued row to Twilio. Never sends a row Twilio already accepted. */
export async function attemptSms(deps: SmsSenderDeps, messageId: string): Promise<SendAttempt> {
  // Claimed and read in one statement in the usual case: a row queued and not yet taken by Twilio.
  const [row] = await deps.prisma.smsMessage.updateManyAndReturn({
    where: { id: messageId, direction: 'outbound', messageSid: null, status: { not: 'failed' } },
    data: { ...firstAttemptClaim(), attempts: { increment: 1 } },
  });
  if (!row) {
    const existing = await deps.prisma.smsMessage.findUnique({ where: { id: messageId }, select: { direction: true, messageSid: true, status: true } });
    if (!existing || existing.direction !== 'outbound') throw ApplicationFailure.nonRetryable(`no outbound SMS ${messageId}`, SMS_REJECTED);
    if (existing.messageSid) return { messageSid: existing.messageSid, status: existing.status };
    return { skipped: 'alreadyFailed' };
  }
  return sendClaimed(deps, row);
}

/** A row claimed for an attempt (status `sending`, its attempt counted). */
export interface ClaimedSms {
  id: string;
  fromNumber: string;
  toNumber: string;
  body: string;
  caseId: string | null;
  attempts: number;
}

/** Hands a claimed row to Twilio and writes what Twilio answered. */
async function sendClaimed(deps: SmsSenderDeps, row: ClaimedSms): Promise<SendAttempt> {
  let message: { sid: string; status: string };
  try {
    message = await deps.telephony.client.messages.create({ from: row.fromNumber, to: dialableNumber(row.toNumber), body: row.body, statusCallback: smsStatusCallbackUrl(deps.telephony.webhookBaseUrl, row.id) });
  } catch (error) {
    const failure = describeSendFailure(error);
    await deps.prisma.smsMessage.update({ where: { id: row.id }, data: { errorCode: failure.code, errorMessage: failure.message, ...(failure.permanent ? { status: 'failed' } : {}) } });
    deps.log.warn({ messageId: row.id, caseId: row.caseId, errorCode: failure.code, permanent: failure.permanent, attempt: row.attempts }, 'SMS send failed');
    if (failure.permanent) throw ApplicationFailure.nonRetryable(failure.message, SMS_REJECTED, failure.code);
    throw ApplicationFailure.retryable(failure.message, 'SmsSendFailed', failure.code);
  }
  // One statement: the sid unless a status callback wrote it first, and Twilio's status unless a
  // callback that overtook this write already said more (it finds the row by its id).
  const unsent = statusIn('status', UNSENT_STATUSES);
  await deps.prisma.$executeRaw`
    UPDATE "SmsMessage" SET
      "messageSid" = COALESCE("messageSid", ${message.sid}),
      status = CASE WHEN ${unsent} THEN ${message.status} ELSE status END,
      "errorCode" = CASE WHEN ${unsent} THEN NULL ELSE "errorCode" END,
      "errorMessage" = CASE WHEN ${unsent} THEN NULL ELSE "errorMessage" END,
      "updatedAt" = ${new Date()}
    WHERE id = ${row.id}`;
  deps.log.info({ messageId: row.id, caseId: row.caseId, messageSid: message.sid, status: message.status }, 'SMS accepted by Twilio');
  return { messageSid: message.sid, status: message.status };
}

/**
 * Sends a row just queued (and claimed with it), once, from the activity that queued it; when
 * Twilio does not take it (an error that may pass, a transport failure), its delivery workflow
 * retries it. A refusal for good leaves the row failed, with nothing to retry. Call it right
 * after queuing, and on a retry of that activity call startSmsDelivery instead: the first
 * attempt's fate may be unknown.
 */
export async function sendNowOrLater(deps: SmsSenderDeps, row: ClaimedSms): Promise<void> {
  try {
    await sendClaimed(deps, row);
  } catch (error) {
    if (error instanceof ApplicationFailure && error.nonRetryable) return;
    await startSmsDelivery(row.id);
  }
}

export function createSmsDeliveryActivities(deps: SmsSenderDeps) {
  return {
    /** One attempt by the delivery workflow (attemptSms). */
    sendSms: (input: { messageId: string }): Promise<SendAttempt> => attemptSms(deps, input.messageId),

    /** The delivery gave up (a permanent error, or retries ran out): the row says failed. */
    async markSmsFailed(input: { messageId: string; reason: string }): Promise<void> {
      const { count } = await deps.prisma.smsMessage.updateMany({ where: { id: input.messageId, messageSid: null }, data: { status: 'failed' } });
      if (count > 0) deps.log.error({ messageId: input.messageId, reason: input.reason }, 'SMS delivery given up');
    },
  };
}

export type SmsDeliveryActivities = ReturnType<typeof createSmsDeliveryActivities>;
