// What Twilio reports about a call beside its TwiML steps: the end of a voicemail, the
// recording's status (download and keep it), and the call's status (its end, a missed call).
import type { Request, Response, Router } from 'express';
import { applyCallStatus, ensureInboundCall } from '../calls/callRecords';
import { publishLiveCall } from '../calls/liveFeed';
import { HttpError } from '../../http/errors';
import { refusedRecordingUrl, storeTwilioRecording, type TwilioRecording } from '../calls/recordings';
import { linkCallToCase, registeredCaseOf } from '../calls/voicePetition';
import { firstDelivery } from '../../../telephony/webhooks/once';
import type { VoiceContext } from './context';
import { callParams, callStatusParams, recordingStatusParams } from './params';
import { newResponse, say } from './twiml';

export function callEventRoutes(router: Router, ctx: VoiceContext): void {
  const { prisma } = ctx.deps;

  /** <Record action>: the message is taken (its audio arrives by the recording status callback). */
  router.post('/voicemail/done', ctx.step(async (req) => {
    callParams.parse(req.body);
    const prompts = await ctx.prompts('voice.voicemailThanks');
    const response = newResponse();
    say(response, prompts('voice.voicemailThanks'));
    response.hangup();
    return response;
  }));

  router.post('/recording-status', (req, res) => receiveRecording(ctx, req, res, 'voicemail'));

  router.post('/status', async (req, res) => {
    const params = callStatusParams.parse(req.body);
    const now = ctx.now();
    const fresh = await firstDelivery(prisma, { dedupeKey: `callStatus:${params.CallSid}:${params.CallStatus}`, kind: 'voice.status', sid: params.CallSid, params: req.body as Record<string, string> });
    if (!fresh) {
      res.status(204).end();
      return;
    }
    await ensureInboundCall(prisma, { callSid: params.CallSid, from: params.From, to: params.To, status: params.CallStatus }, now);
    const reported = params.Timestamp ? new Date(params.Timestamp) : now;
    const at = Number.isNaN(reported.getTime()) ? now : reported;
    const ended = await applyCallStatus(prisma, { callSid: params.CallSid, status: params.CallStatus, durationSec: params.CallDuration, at });
    // Calls that were on the operators' screens leave them.
    if (ended?.ended.queuedAt) await publishLiveCall(prisma, { type: 'ended', callId: params.CallSid, at: at.toISOString(), missed: ended.missed });
    if (ended) {
      const caseId = await registeredCaseOf(prisma, params.CallSid);
      if (caseId) await linkCallToCase(prisma, params.CallSid, caseId, { now: () => ctx.now() });
    }
    res.status(204).end();
  });
}

/**
 * A recording status callback: Twilio's own recording of a call we know is downloaded and kept
 * (idempotent by RecordingSid); any other RecordingUrl is refused before a request is made.
 */
export async function receiveRecording(ctx: VoiceContext, req: Request, res: Response, source: TwilioRecording['source']): Promise<void> {
  const { prisma } = ctx.deps;
  const params = recordingStatusParams.parse(req.body);
  if (params.RecordingStatus === 'in-progress') {
    res.status(204).end();
    return;
  }
  if (!(await prisma.call.findUnique({ where: { id: params.CallSid }, select: { id: true } }))) {
    res.status(404).json({ error: { code: 'not_found', message: `no call ${params.CallSid}` } });
    return;
  }
  const client = ctx.deps.twilio.client;
  // Only Twilio's own recording of this call gets the account's credentials (and is kept).
  if (params.RecordingStatus === 'completed') {
    const refused = refusedRecordingUrl(params.RecordingUrl, { apiBaseUrl: ctx.deps.twilio.apiBaseUrl, accountSid: client.accountSid, recordingSid: params.RecordingSid });
    if (refused) {
      ctx.deps.log.warn({ callSid: params.CallSid, recordingSid: params.RecordingSid, recordingHost: hostOf(params.RecordingUrl), reason: refused }, 'recording URL refused; nothing downloaded');
      throw new HttpError(400, 'invalid_request', 'the recording is not downloaded from there', { RecordingUrl: refused });
    }
  }
  const { recordingId, storedNow } = await storeTwilioRecording(
    { prisma, attachmentStore: ctx.deps.attachmentStore, log: ctx.deps.log, credentials: { username: client.username ?? client.accountSid, password: client.password ?? ctx.deps.twilio.authToken }, now: () => ctx.now() },
    { callSid: params.CallSid, recordingSid: params.RecordingSid, recordingUrl: params.RecordingUrl, status: params.RecordingStatus, durationSec: params.RecordingDuration, source },
  );
  if (storedNow) ctx.deps.log.info({ callSid: params.CallSid, recordingSid: params.RecordingSid, recordingId, source }, 'call recording stored');
  res.status(204).end();
}

/** The host a refused URL named, for the log (never its path or query). */
function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
