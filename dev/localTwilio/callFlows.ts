// A call's life around its TwiML: an inbound call rings the number's Voice URL; an outbound call
// (REST Calls.create) rings the destination phone, which answers, stays unanswered, is busy or
// fails as its script says. Status callbacks go out in order, each awaited; the final one
// (completed, or the failure status) after every stream has sent `stop`.
import { setTimeout as sleep } from 'node:timers/promises';
import { LocalCall, type CallJump, type CallStatus, type StatusCallback } from './call';
import { callParams, postForCall } from './callWebhooks';
import { ringPhone } from './phones';
import type { CallScript } from './script';
import { rfc2822 } from './sids';
import type { LocalTwilioContext, NumberEntry } from './store';
import { runTwiml } from './voice';
import type { HttpMethod } from './webhooks';

/** A caller dials one of the account's numbers. */
export function startInboundCall(context: LocalTwilioContext, from: string, number: NumberEntry & { voiceUrl: string }, script: CallScript): LocalCall {
  const call = new LocalCall({
    direction: 'inbound',
    from,
    to: number.number,
    accountSid: context.accountSid,
    // A copy: the script belongs to this one call.
    answers: [...script.answers],
    ...(script.audioPath ? { audioPath: script.audioPath } : {}),
    ...(script.holdMs !== undefined ? { holdMs: script.holdMs } : {}),
    streamEnd: script.streamEnd,
    phoneNumberSid: number.sid,
    ...(number.voiceStatusCallback ? { statusCallback: { url: number.voiceStatusCallback, method: number.voiceStatusCallbackMethod, events: new Set(['completed']) } } : {}),
  });
  context.store.calls.set(call.sid, call);
  call.record('incoming', { from, to: number.number });
  void drive(context, call, async () => {
    await runTwiml(context, call, { kind: 'url', url: number.voiceUrl, method: number.voiceMethod });
  });
  return call;
}

export interface OutboundCallRequest {
  from: string;
  to: string;
  first: CallJump;
  statusCallback?: StatusCallback;
}

/** The application places a call (Calls.create). */
export function startOutboundCall(context: LocalTwilioContext, request: OutboundCallRequest): LocalCall {
  const { phone, outcome } = ringPhone(context, request.to);
  const call = new LocalCall({
    direction: 'outbound-api',
    from: request.from,
    to: request.to,
    accountSid: context.accountSid,
    // The phone's own queue: one person answering call after call.
    answers: phone.script.answers,
    ...(phone.script.audioPath ? { audioPath: phone.script.audioPath } : {}),
    ...(phone.script.holdMs !== undefined ? { holdMs: phone.script.holdMs } : {}),
    streamEnd: phone.script.streamEnd,
    ...(request.statusCallback ? { statusCallback: request.statusCallback } : {}),
    ...(phone.script.lateCallbacks.length > 0 ? { lateEvents: new Set(phone.script.lateCallbacks) } : {}),
  });
  context.store.calls.set(call.sid, call);
  call.record('outgoing', { to: request.to, outcome });
  void drive(context, call, async () => {
    await statusEvent(context, call, 'initiated');
    if (outcome === 'failed') {
      call.status = 'failed';
      return;
    }
    call.status = 'ringing';
    await statusEvent(context, call, 'ringing');
    await sleep(phone.script.ringMs, undefined, { signal: call.signal });
    if (outcome !== 'answer') {
      call.status = outcome;
      return;
    }
    call.status = 'in-progress';
    call.answeredAt = new Date();
    call.record('answered');
    await statusEvent(context, call, 'answered');
    await runTwiml(context, call, request.first);
  });
  return call;
}

/** Runs the call's course, then ends it whatever happened (a REST hang-up cuts the course). */
async function drive(context: LocalTwilioContext, call: LocalCall, course: () => Promise<void>): Promise<void> {
  try {
    await course();
  } catch (error) {
    if (!call.signal.aborted) {
      call.record('error', { message: (error as Error).message });
      context.log.error({ err: error, callSid: call.sid }, 'local call failed');
    }
  }
  await endCall(context, call);
}

async function endCall(context: LocalTwilioContext, call: LocalCall): Promise<void> {
  const cut = call.takeJump();
  await Promise.all(call.streams.map((run) => run.stop('call-end')));
  if (!call.isOver) {
    const unanswered: CallStatus = cut?.kind === 'hangup' && call.status === 'queued' ? 'canceled' : call.status === 'ringing' && call.direction === 'outbound-api' ? 'canceled' : 'no-answer';
    call.status = call.rejectedAs ?? (call.answeredAt ? 'completed' : unanswered);
  }
  call.endedAt = new Date();
  call.record('ended', { status: call.status, durationSec: call.durationSec });
  await call.settleBackground();
  await statusEvent(context, call, 'completed');
  for (const late of call.lateCallbacks.splice(0)) await postForCall(context, call, `status:${late.event}`, late);
  call.markFinished();
}

/** Posts a call progress event if the application asked for it (completed always). */
async function statusEvent(context: LocalTwilioContext, call: LocalCall, event: 'initiated' | 'ringing' | 'answered' | 'completed'): Promise<void> {
  const callback = call.setup.statusCallback;
  if (!callback || (event !== 'completed' && !callback.events.has(event))) return;
  call.callbackSequence += 1;
  const params: Record<string, string> = {
    ...callParams(context, call),
    // The initiated event reports the call as "initiated" although its resource says queued.
    CallStatus: event === 'initiated' ? 'initiated' : call.status,
    CallbackSource: 'call-progress-events',
    SequenceNumber: String(call.callbackSequence - 1),
    Timestamp: rfc2822(new Date()),
    ...(event === 'completed' ? { CallDuration: String(call.durationSec), Duration: String(Math.ceil(call.durationSec / 60)) } : {}),
  };
  const request = { url: callback.url, method: callback.method, params };
  if (event !== 'completed' && call.setup.lateEvents?.has(event)) {
    call.lateCallbacks.push({ event, ...request });
    return;
  }
  await postForCall(context, call, `status:${event}`, request);
}

export function statusCallbackFrom(url: string | undefined, method: HttpMethod, events: string[]): StatusCallback | undefined {
  if (!url) return undefined;
  return { url, method, events: new Set(events.length > 0 ? events : ['completed']) };
}
