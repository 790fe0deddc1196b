// Inbound SMS as Twilio posts them, and what the TwiML answers say.
import { randomBytes } from 'node:crypto';
import { TEST_HOTLINE_NUMBER, postSignedWebhook } from './twilio';

export function newMessageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

/** Twilio's inbound-message parameters (the ones the product reads, plus a few it ignores). */
export function inboundParams(from: string, body: string, messageSid = newMessageSid()): Record<string, string> {
  return { MessageSid: messageSid, SmsSid: messageSid, AccountSid: 'AC0123456789abcdef0123456789abcdef', From: from, To: TEST_HOTLINE_NUMBER, Body: body, NumMedia: '0', FromCountry: 'CN' };
}

export interface TwimlAnswer {
  status: number;
  xml: string;
  /** The text of the <Message>, unescaped; null when the answer sends none. */
  message: string | null;
  /** Where Twilio is asked to report the reply's status. */
  action: string | null;
}

const unescapeXml = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export async function postInboundSms(apiUrl: string, params: Record<string, string>, options: { signature?: string } = {}): Promise<TwimlAnswer> {
  const response = await postSignedWebhook(`${apiUrl}/telephony/sms/incoming`, params, options);
  const xml = await response.text();
  const match = /<Message([^>]*)>([\s\S]*?)<\/Message>/.exec(xml);
  const action = match ? /action="([^"]*)"/.exec(match[1]!)?.[1] : undefined;
  return { status: response.status, xml, message: match ? unescapeXml(match[2]!) : null, action: action ? unescapeXml(action) : null };
}
