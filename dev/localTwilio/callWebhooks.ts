// The parameters Twilio sends with every request about a call, and sending (and logging) them.
import type { LocalCall } from './call';
import type { LocalTwilioContext } from './store';
import { sendWebhook, type WebhookAnswer, type WebhookRequest } from './webhooks';

const LOGGED_BODY_CHARS = 4000;

/** Twilio's standard voice request parameters. */
export function callParams(context: LocalTwilioContext, call: LocalCall): Record<string, string> {
  const { from, to, direction } = call.setup;
  return {
    AccountSid: context.accountSid,
    ApiVersion: '2010-04-01',
    CallSid: call.sid,
    CallStatus: call.status,
    Called: to,
    Caller: from,
    Direction: direction,
    From: from,
    To: to,
  };
}

/** Sends a request about the call and logs it with its answer; `purpose` names it in the log. */
export async function postForCall(context: LocalTwilioContext, call: LocalCall, purpose: string, request: WebhookRequest, signal?: AbortSignal): Promise<WebhookAnswer> {
  const answer = await sendWebhook(request, context.authToken, context.timing.webhookTimeoutMs, signal);
  call.record('webhook', {
    purpose,
    method: request.method,
    url: request.url,
    params: request.params,
    status: answer.status,
    contentType: answer.contentType,
    ms: answer.ms,
    answer: answer.body.slice(0, LOGGED_BODY_CHARS),
    ...(answer.error ? { error: answer.error } : {}),
  });
  if (answer.status === 0 || answer.status >= 400) {
    context.log.warn({ callSid: call.sid, purpose, url: request.url, status: answer.status, error: answer.error }, 'webhook failed');
  }
  return answer;
}
