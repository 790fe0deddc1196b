// POST /telephony/sms/status: Twilio's message status callbacks, for messages we sent through
// the REST API and for the replies our TwiML asked for. The row is found by MessageSid, or by
// the `messageId` our callback URL carries when the callback overtakes our own write of the
// sid. Status only moves forward, so late or repeated callbacks change nothing.
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { identifier, requiredLine, singleLineText } from '../../../rules/text';
import type { AppDeps } from '../../deps';
import { firstDelivery } from '../../../telephony/webhooks/once';
import { statusesBefore, statusTimes } from '../../../telephony/sms/messageStatus';

export const smsStatusParams = z.object({
  MessageSid: identifier(64),
  MessageStatus: requiredLine(32),
  ErrorCode: singleLineText(16).optional(),
});

class RepeatedCallback extends Error {}

export const smsStatusQuery = z.object({ messageId: identifier(200).optional() });

export function smsStatusHandler(deps: Pick<AppDeps, 'prisma' | 'log' | 'now'>): RequestHandler {
  return async (req, res) => {
    const params = smsStatusParams.parse(req.body);
    const { messageId } = smsStatusQuery.parse(req.query);
    const sid = params.MessageSid;
    const row =
      (await deps.prisma.smsMessage.findUnique({ where: { messageSid: sid }, select: { id: true } })) ??
      // Its sid may have been written between the two reads: then it is this sid.
      (messageId ? await deps.prisma.smsMessage.findFirst({ where: { id: messageId, direction: 'outbound', OR: [{ messageSid: null }, { messageSid: sid }] }, select: { id: true } }) : null);
    if (!row) {
      // Not ours (another app on the number) or long gone: Twilio needs no error for it.
      deps.log.warn({ messageSid: sid, status: params.MessageStatus, messageId }, 'SMS status callback for an unknown message: ignored');
      res.status(200).end();
      return;
    }
    const now = deps.now?.() ?? new Date();
    await deps.prisma.$transaction(async (tx) => {
      // A repeat leaves the transaction aborted by its unique violation: roll it back.
      if (!(await firstDelivery(tx, { dedupeKey: `smsStatus:${sid}:${params.MessageStatus}`, kind: 'smsStatus', sid, params: req.body as Record<string, string> }))) throw new RepeatedCallback();
      await tx.smsMessage.updateMany({ where: { id: row.id, messageSid: null }, data: { messageSid: sid } });
      const current = await tx.smsMessage.findUniqueOrThrow({ where: { id: row.id }, select: { sentAt: true, deliveredAt: true } });
      const failed = params.MessageStatus === 'failed' || params.MessageStatus === 'undelivered';
      // Conditional on the status it replaces, so two callbacks racing cannot step backwards.
      const { count } = await tx.smsMessage.updateMany({
        where: { id: row.id, status: { in: statusesBefore(params.MessageStatus) } },
        data: { status: params.MessageStatus, ...statusTimes(current, params.MessageStatus, now), ...(failed ? { errorCode: params.ErrorCode ?? null, errorMessage: null } : {}) },
      });
      deps.log.info({ messageId: row.id, messageSid: sid, status: params.MessageStatus, applied: count > 0 }, 'SMS status callback');
    }).catch((error: unknown) => {
      if (!(error instanceof RepeatedCallback)) throw error;
    });
    res.status(200).end();
  };
}
