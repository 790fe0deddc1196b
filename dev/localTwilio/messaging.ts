// SMS both ways. Outbound (Messages.create, or <Message> in the answer to an inbound SMS): queued
// → sent → delivered, or → undelivered / failed with Twilio's error code, as the destination
// phone's script says; each step posted to the StatusCallback. Inbound: the citizen's phone texts
// a number of the account; its Messaging URL is requested and the TwiML answer carried out.
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultPhoneScript } from './phones';
import { newSid } from './sids';
import type { CallbackDelivery, LocalMessage, LocalTwilioContext, MessageDirection, MessageStatus, NumberEntry } from './store';
import { methodAttr, parseTwiml, TwimlParseError, type TwimlNode } from './twiml';
import { sendWebhook, type HttpMethod } from './webhooks';

/** Twilio's codes for messages the handset never got. */
const DELIVERY_ERRORS = {
  undelivered: { code: 30003, message: 'Unreachable destination handset' },
  failed: { code: 30008, message: 'Unknown error' },
} as const;

/** UCS-2 (any Chinese) segments hold 67 characters, GSM-7 153, once a message needs more than one. */
export function segmentCount(body: string): number {
  const unicode = /[^\x00-\x7f]/.test(body);
  const single = unicode ? 70 : 160;
  const multi = unicode ? 67 : 153;
  const length = [...body].length;
  return length <= single ? 1 : Math.ceil(length / multi);
}

export interface NewMessage {
  from: string;
  to: string;
  body: string;
  direction: MessageDirection;
  statusCallback?: { url: string; method: HttpMethod };
}

export function createOutboundMessage(context: LocalTwilioContext, request: NewMessage): LocalMessage {
  const now = new Date();
  const message: LocalMessage = {
    sid: newSid('SM'),
    from: request.from,
    to: request.to,
    body: request.body,
    direction: request.direction,
    status: 'queued',
    errorCode: null,
    errorMessage: null,
    numSegments: segmentCount(request.body),
    dateCreated: now,
    dateUpdated: now,
    dateSent: null,
    statusCallback: request.statusCallback ?? null,
    history: [{ status: 'queued', at: now.toISOString() }],
    callbacks: [],
  };
  context.store.messages.set(message.sid, message);
  void deliver(context, message);
  return message;
}

async function deliver(context: LocalTwilioContext, message: LocalMessage): Promise<void> {
  const phone = context.store.phones.get(message.to)?.script ?? defaultPhoneScript();
  const steps: MessageStatus[] = phone.smsDelivery === 'delivered' ? ['sent', 'delivered'] : phone.smsDelivery === 'undelivered' ? ['sent', 'undelivered'] : ['failed'];
  await postStatus(context, message);
  for (const status of steps) {
    await sleep(context.timing.messageStepMs);
    const now = new Date();
    message.status = status;
    message.dateUpdated = now;
    if (status === 'sent') message.dateSent = now;
    if (status === 'undelivered' || status === 'failed') {
      message.errorCode = DELIVERY_ERRORS[status].code;
      message.errorMessage = DELIVERY_ERRORS[status].message;
    }
    message.history.push({ status, at: now.toISOString() });
    await postStatus(context, message);
  }
}

async function postStatus(context: LocalTwilioContext, message: LocalMessage): Promise<void> {
  if (!message.statusCallback) return;
  const params: Record<string, string> = {
    AccountSid: context.accountSid,
    ApiVersion: '2010-04-01',
    From: message.from,
    To: message.to,
    MessageSid: message.sid,
    SmsSid: message.sid,
    MessageStatus: message.status,
    SmsStatus: message.status,
    ...(message.errorCode !== null ? { ErrorCode: String(message.errorCode) } : {}),
  };
  const answer = await sendWebhook({ ...message.statusCallback, params }, context.authToken, context.timing.webhookTimeoutMs);
  const delivery: CallbackDelivery = { url: message.statusCallback.url, params, status: answer.status, ...(answer.error ? { error: answer.error } : {}) };
  message.callbacks.push(delivery);
  if (answer.status === 0 || answer.status >= 400) context.log.warn({ messageSid: message.sid, status: answer.status, error: answer.error }, 'message status callback failed');
}

export interface InboundSmsResult {
  messageSid: string;
  /** The application's answer to the Messaging URL request. */
  webhook: { url: string; status: number; body: string; error?: string };
  /** Messages sent back by <Message> verbs. */
  replies: LocalMessage[];
  /** What went wrong with the answer (not TwiML, a failed request), if anything. */
  error: string | null;
}

/** The citizen's phone texts one of the account's numbers. */
export async function receiveSms(context: LocalTwilioContext, from: string, number: NumberEntry & { smsUrl: string }, body: string): Promise<InboundSmsResult> {
  const now = new Date();
  const inbound: LocalMessage = {
    sid: newSid('SM'),
    from,
    to: number.number,
    body,
    direction: 'inbound',
    status: 'received',
    errorCode: null,
    errorMessage: null,
    numSegments: segmentCount(body),
    dateCreated: now,
    dateUpdated: now,
    dateSent: now,
    statusCallback: null,
    history: [{ status: 'received', at: now.toISOString() }],
    callbacks: [],
  };
  context.store.messages.set(inbound.sid, inbound);
  const params: Record<string, string> = {
    ToCountry: '',
    ToState: '',
    SmsMessageSid: inbound.sid,
    NumMedia: '0',
    ToCity: '',
    FromZip: '',
    SmsSid: inbound.sid,
    FromState: '',
    SmsStatus: 'received',
    FromCity: '',
    Body: body,
    FromCountry: '',
    To: number.number,
    ToZip: '',
    NumSegments: String(inbound.numSegments),
    MessageSid: inbound.sid,
    AccountSid: context.accountSid,
    From: from,
    ApiVersion: '2010-04-01',
  };
  const replies: LocalMessage[] = [];
  let url = number.smsUrl;
  let method: HttpMethod = number.smsMethod;
  // <Redirect> may hand the message on; a few hops at most, as a loop guard.
  for (let hop = 0; hop < 10; hop++) {
    const answer = await sendWebhook({ url, method, params }, context.authToken, context.timing.webhookTimeoutMs);
    const webhook = { url, status: answer.status, body: answer.body, ...(answer.error ? { error: answer.error } : {}) };
    if (answer.status < 200 || answer.status >= 300) return { messageSid: inbound.sid, webhook, replies, error: `HTTP retrieval failure (11200): ${answer.status || answer.error}` };
    // An empty body is a valid "no reply".
    if (answer.body.trim() === '') return { messageSid: inbound.sid, webhook, replies, error: null };
    let document: TwimlNode;
    try {
      document = parseTwiml(answer.body);
    } catch (error) {
      if (!(error instanceof TwimlParseError)) throw error;
      return { messageSid: inbound.sid, webhook, replies, error: `${error.message} (12100)` };
    }
    let redirect: { url: string; method: HttpMethod } | null = null;
    for (const verb of document.children) {
      if (verb.name === 'Message') {
        const text = verb.children.find((child) => child.name === 'Body')?.text ?? verb.text;
        const statusCallback = verb.attrs.statusCallback ?? verb.attrs.action;
        replies.push(
          createOutboundMessage(context, {
            from: verb.attrs.from ?? number.number,
            to: verb.attrs.to ?? from,
            body: text,
            direction: 'outbound-reply',
            ...(statusCallback ? { statusCallback: { url: new URL(statusCallback, url).toString(), method: methodAttr(verb) } } : {}),
          }),
        );
      } else if (verb.name === 'Redirect') {
        redirect = { url: new URL(verb.text || url, url).toString(), method: methodAttr(verb) };
        break;
      }
    }
    if (!redirect) return { messageSid: inbound.sid, webhook, replies, error: null };
    ({ url, method } = redirect);
  }
  return { messageSid: inbound.sid, webhook: { url, status: 0, body: '' }, replies, error: 'too many <Redirect>s' };
}
