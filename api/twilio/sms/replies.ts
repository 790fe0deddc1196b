// Renders a reply to an inbound SMS from its admin-edited template (or the seeded default when a
// database predates it), and the messaging TwiML that carries it back to Twilio.
import twilio from 'twilio';
import { renderTemplate } from '../../../rules/templates/placeholders';
import type { PrismaClient } from '../../../prisma/client';
import { SMS_REPLY_PLACEHOLDERS, SMS_REPLY_TEMPLATES, type SmsReplyCode } from '../../../rules/templates/smsReplies';

export type ReplyParams<C extends SmsReplyCode> = Record<(typeof SMS_REPLY_PLACEHOLDERS)[C][number], string | number>;

export interface Reply {
  code: SmsReplyCode;
  params: Record<string, string | number>;
}

export function reply<C extends SmsReplyCode>(code: C, params: ReplyParams<C>): Reply {
  return { code, params };
}

export async function renderReply(prisma: Pick<PrismaClient, 'messageTemplate'>, { code, params }: Reply): Promise<string> {
  const template = await prisma.messageTemplate.findUnique({ where: { code }, select: { body: true } });
  const body = template?.body ?? SMS_REPLY_TEMPLATES.find((t) => t.code === code)!.body;
  return renderTemplate(body, params);
}

/** `<Response><Message action="…">text</Message></Response>`; no text: an empty response. */
export function messagingTwiml(text: string | null, statusCallbackUrl: string | null): string {
  const response = new twilio.twiml.MessagingResponse();
  if (text !== null) response.message(statusCallbackUrl ? { action: statusCallbackUrl, method: 'POST' } : {}, text);
  return response.toString();
}
