// POST /telephony/sms/status: Twilio's message status callbacks, for messages we sent through
// the REST API and for the replies our TwiML asked for. The row is found by MessageSid, or by
// the `messageId` our callback URL carries when the callback overtakes our own write of the
// sid. Status only moves forward, so late or repeated callbacks change nothing.
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { cleanJson, identifier, requiredLine, singleLineText } from '../../../rules/text';
import type { AppDeps } from '../../deps';
import { impliedTimes, statusesBefore } from '../../../telephony/sms/messageStatus';
import { statusIn } from '../../../telephony/sms/statusSql';

export const smsStatusParams = z.object({
  MessageSid: identifier(64),
  MessageStatus: requiredLine(32),
  ErrorCode: singleLineText(16).optional(),
});

export const smsStatusQuery = z.object({ messageId: identifier(200).optional() });

/**
 * One statement per callback (a message makes several: queued, sent, delivered), since every SMS
 * a case sends comes back this way: find the row, record the delivery under its key (a repeat
 * finds the key taken and changes nothing), write the sid if our own write of it was overtaken,
 * and move the status forward only, with the times it implies. Under a concurrent callback for
 * the same row PostgreSQL re-reads the row before updating it, so the status cannot step back.
 * Answers the row's id and whether the status moved; nothing for an unknown message or a repeat.
 */
async function applyStatus(deps: Pick<AppDeps, 'prisma'>, callback: { sid: string; messageId: string | null; status: string; errorCode: string | null; params: Record<string, string>; now: Date }) {
  const { sid, messageId, status, now } = callback;
  const before = statusesBefore(status);
  const advances = statusIn('m.status', before);
  // The times this status implies (the statement keeps those the row has).
  const implied = impliedTimes(status);
  const failed = status === 'failed' || status === 'undelivered';
  const rows = await deps.prisma.$queryRaw<{ id: string; applied: boolean }[]>`
    WITH target AS (
      SELECT id, status FROM "SmsMessage"
      WHERE "messageSid" = ${sid}
         OR (id = ${messageId} AND direction = 'outbound' AND "messageSid" IS NULL)
      ORDER BY "messageSid" IS NULL
      LIMIT 1
    ), delivery AS (
      INSERT INTO "TelephonyWebhook" ("dedupeKey", kind, sid, params, "receivedAt")
      SELECT ${`smsStatus:${sid}:${status}`}, 'smsStatus', ${sid}, ${JSON.stringify(cleanJson(callback.params))}::jsonb, ${now} FROM target
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING 1
    )
    UPDATE "SmsMessage" AS m SET
      "messageSid" = COALESCE(m."messageSid", ${sid}),
      status = CASE WHEN ${advances} THEN ${status} ELSE m.status END,
      "sentAt" = CASE WHEN ${advances} AND ${implied.sentAt} THEN COALESCE(m."sentAt", ${now}) ELSE m."sentAt" END,
      "deliveredAt" = CASE WHEN ${advances} AND ${implied.deliveredAt} THEN COALESCE(m."deliveredAt", ${now}) ELSE m."deliveredAt" END,
      "errorCode" = CASE WHEN ${advances} AND ${failed} THEN ${callback.errorCode} ELSE m."errorCode" END,
      "errorMessage" = CASE WHEN ${advances} AND ${failed} THEN NULL ELSE m."errorMessage" END,
      "updatedAt" = ${now}
    FROM target
    WHERE m.id = target.id AND EXISTS (SELECT 1 FROM delivery)
    RETURNING m.id, ${statusIn('target.status', before)} AS applied`;
  return rows[0] ?? null;
}

export function smsStatusHandler(deps: Pick<AppDeps, 'prisma' | 'log' | 'now'>): RequestHandler {
  return async (req, res) => {
    const params = smsStatusParams.parse(req.body);
    const { messageId } = smsStatusQuery.parse(req.query);
    const sid = params.MessageSid;
    const now = deps.now?.() ?? new Date();
    const applied = await applyStatus(deps, { sid, messageId: messageId ?? null, status: params.MessageStatus, errorCode: params.ErrorCode ?? null, params: req.body as Record<string, string>, now });
    if (applied) {
      deps.log.info({ messageId: applied.id, messageSid: sid, status: params.MessageStatus, applied: applied.applied }, 'SMS status callback');
    } else if (!(await deps.prisma.smsMessage.findFirst({ where: { OR: [{ messageSid: sid }, ...(messageId ? [{ id: messageId }] : [])] }, select: { id: true } }))) {
      // Not ours (another app on the number) or long gone: Twilio needs no error for it.
      deps.log.warn({ messageSid: sid, status: params.MessageStatus, messageId }, 'SMS status callback for an unknown message: ignored');
    }
    res.status(200).end();
  };
}
