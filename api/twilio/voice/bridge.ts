// A bridge call on Twilio's side (api/cases/bridgeCalls.ts places it): the handler picked up, is
// told what is happening and the citizen is <Dial>led from the hotline's number, recorded on both
// channels and capped by bridgeCall.maxMinutes; the citizen's number is read here from the case,
// never from the request. The Dial's action keeps how the dial ended and, when the two talked,
// records the unit's contact with the citizen (recordContact, means phone: the response rate's
// first contact). The recording is kept on the call (and so on the case); the handler's leg's
// status callback ends the row and audits the outcome on the case. The bridge call hours are
// checked again when the handler picks up (their phone may ring past the end of the hours): if
// it is now outside them, the handler is told so and the citizen is not dialled (audited).
import type { Request, RequestHandler, Router } from 'express';
import { ZodError } from 'zod';
import { HttpError } from '../../http/errors';
import { VOICE_PROMPT_TEMPLATES } from '../../../rules/templates/voicePrompts';
import { WorkflowNotFoundError } from '@temporalio/client';
import { temporalClient } from '../../temporalClient';
import { executeKeyedUpdate } from '../../cases/keyedCommand';
import { citizenLineOf, readBridgeSettings, withinBridgeHours, type BridgeSettings } from '../../cases/bridgeCallRules';
import { commandUpdates } from '../../../workflows/petition/definitions';
import { firstDelivery } from '../../../telephony/webhooks/once';
import { applyCallStatus } from '../calls/callRecords';
import { bridgeQueryOf, bridgeRefOf, ensureBridgeCall, markHandlerAnswered, recordDialOutcome, type BridgeCallRef } from '../calls/bridgeCalls';
import type { CallRow } from '../calls/callRecords';
import { receiveRecording } from './callEvents';
import type { VoiceContext } from './context';
import { callParams, callStatusParams, transferResultParams } from './params';
import { spokenDigits } from './spoken';
import { newResponse, say, sendTwiml, type VoiceResponse } from './twiml';

/** Who writes the bridge's outcome in the audit trail. */
const TWILIO_ACTOR = { id: 'system:twilio', role: 'system' };

/**
 * A bridge TwiML step. The IVR's fallback (a voicemail for a call-back) is not for a unit's
 * handler: a failure tells them the citizen cannot be called now and hangs up.
 */
function bridgeStep(ctx: VoiceContext, handler: (req: Request) => Promise<VoiceResponse>): RequestHandler {
  return async (req, res) => {
    let response: VoiceResponse;
    try {
      response = await handler(req);
    } catch (error) {
      if (error instanceof ZodError || error instanceof HttpError) throw error;
      ctx.deps.log.error({ err: error, url: req.originalUrl }, 'bridge call webhook failed; the handler is told and the call ends');
      response = newResponse();
      say(response, VOICE_PROMPT_TEMPLATES['voice.bridgeUnavailable'].body);
      response.hangup();
    }
    sendTwiml(res, response);
  };
}

export function bridgeRoutes(router: Router, ctx: VoiceContext): void {
  const { prisma } = ctx.deps;

  /** The handler picked up: the prompt, then the citizen. */
  router.post('/bridge/connect', bridgeStep(ctx, async (req) => {
    const params = callParams.parse(req.body);
    const ref = bridgeRefOf(req.query);
    const now = ctx.now();
    await ensureBridgeCall(prisma, { callSid: params.CallSid, from: params.From, to: params.To, status: params.CallStatus }, ref, now);
    await markHandlerAnswered(prisma, params.CallSid, now);
    const [line, settings, prompts] = await Promise.all([citizenLineOf(prisma, ref.caseId), readBridgeSettings(prisma), ctx.prompts('voice.bridgeConnecting', 'voice.bridgeUnavailable', 'voice.bridgeOutsideHours')]);
    const response = newResponse();
    if (line?.ok && !withinBridgeHours(now, settings.hours)) {
      ctx.deps.log.warn({ callSid: params.CallSid, caseId: ref.caseId, hours: settings.hours }, 'bridge call: the handler answered outside the bridge call hours; the citizen is not called');
      await auditOutsideHours(ctx, params.CallSid, ref, settings.hours, now);
      say(response, prompts('voice.bridgeOutsideHours', { start: settings.hours.start, end: settings.hours.end }));
      response.hangup();
      return response;
    }
    if (!line?.ok) {
      ctx.deps.log.warn({ callSid: params.CallSid, caseId: ref.caseId, why: line?.why ?? 'no such case' }, 'bridge call: the citizen can no longer be called');
      say(response, prompts('voice.bridgeUnavailable'));
      response.hangup();
      return response;
    }
    const urls = ctx.urls(req);
    say(response, prompts('voice.bridgeConnecting', { caseNoSpoken: spokenDigits(ref.caseId), maxMinutes: String(settings.maxMinutes) }));
    response
      .dial({
        callerId: ctx.deps.twilio.fromNumber,
        timeout: settings.ringSeconds,
        timeLimit: settings.maxMinutes * 60,
        record: 'record-from-answer-dual',
        recordingStatusCallback: urls.step('bridge/recording-status'),
        recordingStatusCallbackMethod: 'POST',
        action: urls.step('bridge/dial-result', bridgeQueryOf(ref)),
        method: 'POST',
      })
      .number(line.number);
    return response;
  }));

  /** <Dial action>: how the call to the citizen ended; a conversation is the unit's contact. */
  router.post('/bridge/dial-result', bridgeStep(ctx, async (req) => {
    const params = transferResultParams.parse(req.body);
    const ref = bridgeRefOf(req.query);
    const call = await recordDialOutcome(prisma, params.CallSid, params.DialCallStatus, params.DialCallDuration);
    const talked = (params.DialCallStatus === 'completed' || params.DialCallStatus === 'answered') && (params.DialCallDuration ?? 0) > 0;
    if (call && talked) await recordContact(ctx, call, ref, params.DialCallDuration ?? 0);
    const response = newResponse();
    if (talked) return ctx.goodbye(response);
    const prompts = await ctx.prompts('voice.bridgeUnanswered');
    say(response, prompts('voice.bridgeUnanswered'));
    response.hangup();
    return response;
  }));

  /** The <Dial record> recording of both legs: kept on the call, and so on the case. */
  router.post('/bridge/recording-status', (req, res) => receiveRecording(ctx, req, res, 'bridge'));

  /** The handler's leg's status callback: the row's end, and the outcome audited on the case. */
  router.post('/bridge/status', async (req, res) => {
    const params = callStatusParams.parse(req.body);
    const ref = bridgeRefOf(req.query);
    const now = ctx.now();
    const fresh = await firstDelivery(prisma, { dedupeKey: `callStatus:${params.CallSid}:${params.CallStatus}`, kind: 'voice.bridgeStatus', sid: params.CallSid, params: req.body as Record<string, string> });
    if (fresh) {
      await ensureBridgeCall(prisma, { callSid: params.CallSid, from: params.From, to: params.To, status: params.CallStatus }, ref, now);
      const ended = await applyCallStatus(prisma, { callSid: params.CallSid, status: params.CallStatus, durationSec: params.CallDuration, at: now });
      if (ended) await auditOutcome(ctx, ended.ended);
    }
    res.status(204).end();
  });
}

/** The citizen was not dialled: the handler answered after the hours had ended. Once per call. */
async function auditOutsideHours(ctx: VoiceContext, callSid: string, ref: BridgeCallRef, hours: BridgeSettings['hours'], now: Date): Promise<void> {
  await ctx.deps.prisma.auditEvent.createMany({
    data: [{
      idempotencyKey: `call:${callSid}:bridgeOutsideHours`,
      caseId: ref.caseId,
      entityType: 'call',
      entityId: callSid,
      action: 'bridgeOutsideHours',
      actorId: TWILIO_ACTOR.id,
      actorRole: TWILIO_ACTOR.role,
      reason: `the handler answered outside the bridge call hours (${hours.start}–${hours.end} Asia/Shanghai); the citizen was not called`,
      payload: { hours, requestedById: ref.requestedById },
      occurredAt: now,
    }],
    skipDuplicates: true,
  });
}

async function auditOutcome(ctx: VoiceContext, call: CallRow): Promise<void> {
  const recordings = await ctx.deps.prisma.recording.count({ where: { callId: call.id } });
  await ctx.deps.prisma.auditEvent.createMany({
    data: [{
      idempotencyKey: `call:${call.id}:bridgeEnded`,
      caseId: call.caseId,
      entityType: 'call',
      entityId: call.id,
      action: 'bridgeEnded',
      actorId: TWILIO_ACTOR.id,
      actorRole: TWILIO_ACTOR.role,
      payload: { handlerLegStatus: call.status, handlerLegDurationSec: call.durationSec, dialStatus: call.dialStatus, dialDurationSec: call.dialDurationSec, recordings, requestedById: call.requestedById },
      occurredAt: call.endedAt ?? ctx.now(),
    }],
    skipDuplicates: true,
  });
}

/**
 * The unit talked with the citizen: recordContact in the requester's name (their unit's lead
 * assignment; the workflow refuses an assisting unit's, whose contacts are not the response
 * rate's). Keyed by the CallSid, so that a retried action records it once. A refusal is logged,
 * never the handler's problem on the line.
 */
async function recordContact(ctx: VoiceContext, call: CallRow, ref: BridgeCallRef, talkedSec: number): Promise<void> {
  const requester = await ctx.deps.prisma.user.findUnique({ where: { id: ref.requestedById }, select: { id: true, roles: true, unitId: true } });
  if (!requester) return;
  const contactedAt = new Date(ctx.now().getTime() - talkedSec * 1000);
  const minutes = Math.floor(talkedSec / 60);
  const note = `经12345热线联系市民，通话${minutes > 0 ? `${minutes}分` : ''}${talkedSec % 60}秒，已录音（通话 ${call.id}）`;
  const handle = temporalClient(ctx.deps).workflow.getHandle(ref.caseId);
  try {
    await executeKeyedUpdate(handle, commandUpdates.recordContact, [{ input: { means: 'phone', contactedAt: contactedAt.toISOString(), note }, actor: { id: requester.id, roles: requester.roles, unitId: requester.unitId } }], `bridge:${call.id}:recordContact`);
  } catch (error) {
    const why = error instanceof WorkflowNotFoundError ? 'the case workflow is closed' : (error as Error).message;
    ctx.deps.log.warn({ callSid: call.id, caseId: ref.caseId, why }, 'bridge call: the contact was not recorded');
  }
}
