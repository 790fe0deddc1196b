// Option 1: the caller waits in the operators' queue (hold message in a loop) while the
// operators' live feed shows the call and the caller's history. An operator's phone takes the
// next caller with <Dial><Queue>; a caller who hangs up while waiting is a missed call. The
// operator's user id rides in the <Queue url> we hand out, so the answered call is credited to
// the operator who took it (the call-centre figures, statistics/callCentre.ts).
import type { Request, Router } from 'express';
import { enterQueue, leaveQueueForVoicemail, leaveQueueUnanswered, markAnswered, waitingCallers, type CallRow } from '../calls/callRecords';
import { publishLiveCall } from '../calls/liveFeed';
import type { VoiceContext } from './context';
import { readIvrSettings } from './ivrSettings';
import { activeOperator, operatorOfLeg } from '../calls/operatorLeg';
import { callParams, connectQuery, holdParams, queueResultParams } from './params';
import { newResponse, say, startMediaStream, type VoiceResponse } from './twiml';
import { OPERATOR_QUEUE } from './urls';

/** Seconds of silence between two hold messages (Twilio loops the waitUrl's TwiML). */
const HOLD_PAUSE_SECONDS = 15;

/** Whether `ivr.maxQueueLength` callers are waiting already (a new caller leaves a message instead). */
export async function operatorQueueFull(ctx: VoiceContext, now: Date): Promise<boolean> {
  const settings = await readIvrSettings(ctx.deps.prisma);
  return (await waitingCallers(ctx.deps.prisma, OPERATOR_QUEUE, now)) >= settings.maxQueueLength;
}

export async function joinOperatorQueue(ctx: VoiceContext, req: Request, call: CallRow): Promise<VoiceResponse> {
  const { prisma } = ctx.deps;
  const now = ctx.now();
  const urls = ctx.urls(req);
  // A retried webhook finds the call queued already: the same TwiML, no second feed event.
  if (!call.queuedAt) {
    if (await operatorQueueFull(ctx, now)) return ctx.voicemail(req, call.id);
    if (await enterQueue(prisma, call.id, OPERATOR_QUEUE, now, call.ivrPath)) await publishLiveCall(prisma, { type: 'ringing', callId: call.id, at: now.toISOString() });
  }
  const response = newResponse();
  // The whole call, operator's part included, is recorded by our Media Streams server.
  startMediaStream(response, urls.mediaStream, call.id, ctx.streamToken(call.id));
  response.enqueue({ action: urls.step('queue-result'), method: 'POST', waitUrl: urls.step('hold'), waitUrlMethod: 'POST' }, OPERATOR_QUEUE);
  return response;
}

export function operatorQueueRoutes(router: Router, ctx: VoiceContext): void {
  const { prisma } = ctx.deps;

  /** <Enqueue waitUrl>: played in a loop while the caller waits. */
  router.post('/hold', ctx.step(async (req) => {
    const params = holdParams.parse(req.body);
    const prompts = await ctx.prompts('voice.hold');
    const response = newResponse();
    say(response, prompts('voice.hold', { queuePosition: String(params.QueuePosition ?? 1) }));
    response.pause({ length: HOLD_PAUSE_SECONDS });
    return response;
  }));

  /** <Enqueue action>: the call left the queue. */
  router.post('/queue-result', ctx.step(async (req) => {
    const params = queueResultParams.parse(req.body);
    const now = ctx.now();
    switch (params.QueueResult) {
      case 'hangup':
        if (await leaveQueueUnanswered(prisma, params.CallSid, now)) await publishLiveCall(prisma, { type: 'ended', callId: params.CallSid, at: now.toISOString(), missed: true });
        return newResponse();
      case 'queue-full':
      case 'leave':
      case 'error':
      case 'system-error':
        // Still on the line but no operator will take it: take a message instead.
        if (await leaveQueueForVoicemail(prisma, params.CallSid)) await publishLiveCall(prisma, { type: 'ended', callId: params.CallSid, at: now.toISOString(), missed: true });
        return ctx.voicemail(req, params.CallSid);
      default: {
        // Bridged to an operator and the conversation is over.
        const response = newResponse();
        response.hangup();
        return response;
      }
    }
  }));

  /** <Queue url> of the operator's <Dial>: runs on the waiting caller's leg just before bridging. */
  router.post('/connect', ctx.step(async (req) => {
    const params = callParams.parse(req.body);
    const { operator } = connectQuery.parse(req.query);
    const now = ctx.now();
    const answeredById = operator ? await activeOperator(prisma, operator) : null;
    if (await markAnswered(prisma, params.CallSid, now, answeredById)) await publishLiveCall(prisma, { type: 'answered', callId: params.CallSid, at: now.toISOString() });
    const prompts = await ctx.prompts('voice.connecting');
    const response = newResponse();
    say(response, prompts('voice.connecting'));
    return response;
  }));

  /** The operator's own phone (a TwiML App's Voice URL): takes the next caller in the queue. */
  router.post('/operator', ctx.step(async (req) => {
    const params = callParams.parse(req.body);
    const operator = await operatorOfLeg(prisma, params.From);
    const response = newResponse();
    response.dial().queue({ url: ctx.urls(req).step('connect', operator ? { operator } : undefined), method: 'POST' }, OPERATOR_QUEUE);
    return response;
  }));
}
