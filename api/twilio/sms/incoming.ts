// POST /telephony/sms/incoming: the hotline number's Messaging URL. Every inbound message is
// stored with what it was taken as, acted on, and answered with messaging TwiML; the answer is
// stored too, as an outbound row whose status Twilio reports to /telephony/sms/status. A retried
// webhook (same MessageSid) stores nothing more and gets the same TwiML back.
import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import { identifier, multiLineText, singleLineText } from '../../../rules/text';
import { smsStatusCallbackUrl } from '../../../telephony/sms/urls';
import type { AppDeps } from '../../deps';
import { isUniqueViolation } from '../../../lib/prismaErrors';
import { firstDelivery } from '../../../telephony/webhooks/once';
import { inboundActions } from './inboundActions';
import { isBlockedCaller } from '../../../lib/callerBlocks';
import { parseSmsIntent } from './intents';
import { messagingTwiml, renderReply } from './replies';

export const incomingSmsParams = z.object({
  MessageSid: identifier(34).regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/, "a Twilio MessageSid ('SM' and 32 hex digits)"),
  From: singleLineText(40).min(3),
  To: singleLineText(40).min(3),
  /** The citizen's words: cleaned, never refused for their characters (Twilio would not send them again). */
  Body: multiLineText(1600).default(''),
});

export const inboundRowId = (messageSid: string) => `in:${messageSid}`;
export const replyRowId = (messageSid: string) => `reply:${messageSid}`;

/** The base URL Twilio was given (PUBLIC_BASE_URL), or the one it reached without it. */
export function webhookBaseUrl(deps: Pick<AppDeps, 'publicBaseUrl'>, req: Request): string {
  return deps.publicBaseUrl?.replace(/\/+$/, '') ?? `${req.protocol}://${req.get('host')}`;
}

class AlreadyReceived extends Error {}

export function incomingSmsHandler(deps: AppDeps): RequestHandler {
  const act = inboundActions(deps);

  /** The TwiML a message was answered with the first time (none if it got no reply). */
  const earlierAnswer = async (req: Request, messageSid: string): Promise<string | null> => {
    const inbound = await deps.prisma.smsMessage.findUnique({ where: { messageSid }, select: { id: true } });
    if (!inbound) return null;
    const answer = await deps.prisma.smsMessage.findUnique({ where: { id: replyRowId(messageSid) }, select: { id: true, body: true } });
    return messagingTwiml(answer?.body ?? null, answer ? smsStatusCallbackUrl(webhookBaseUrl(deps, req), answer.id) : null);
  };

  return async (req, res) => {
    const params = incomingSmsParams.parse(req.body);
    const sid = params.MessageSid;
    const again = await earlierAnswer(req, sid);
    if (again !== null) {
      deps.log.info({ messageSid: sid }, 'inbound SMS webhook retried: answered as before');
      res.type('text/xml').send(again);
      return;
    }
    // A blocked number's text (issue 20) is kept as intent `blocked`: no draft, no action, no reply.
    const blocked = await isBlockedCaller(deps.prisma, params.From, deps.now?.() ?? new Date());
    const intent = blocked ? null : parseSmsIntent(params.Body);
    const outcome = intent ? await act(intent, params.From) : null;
    const text = outcome ? await renderReply(deps.prisma, outcome.reply) : null;
    try {
      await deps.prisma.$transaction(async (tx) => {
        if (!(await firstDelivery(tx, { dedupeKey: `sms:${sid}`, kind: 'smsIncoming', sid, params: req.body as Record<string, string> }))) throw new AlreadyReceived();
        await tx.smsMessage.create({
          data: { id: inboundRowId(sid), messageSid: sid, direction: 'inbound', fromNumber: params.From, toNumber: params.To, body: params.Body, status: 'received', intent: intent?.intent ?? 'blocked', caseId: outcome?.caseId ?? null },
        });
        if (!outcome || text === null) return;
        await tx.smsMessage.create({
          data: { id: replyRowId(sid), direction: 'outbound', fromNumber: params.To, toNumber: params.From, body: text, status: 'queued', templateCode: outcome.reply.code, caseId: outcome.caseId },
        });
      });
    } catch (error) {
      // The same message delivered twice at once: the other delivery stored it and its answer.
      if (!(error instanceof AlreadyReceived) && !isUniqueViolation(error)) throw error;
      res.type('text/xml').send((await earlierAnswer(req, sid)) ?? messagingTwiml(null, null));
      return;
    }
    deps.log.info({ messageSid: sid, intent: intent?.intent ?? 'blocked', caseId: outcome?.caseId ?? null }, 'inbound SMS handled');
    res.type('text/xml').send(messagingTwiml(text, text === null ? null : smsStatusCallbackUrl(webhookBaseUrl(deps, req), replyRowId(sid))));
  };
}
