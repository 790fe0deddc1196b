// What every voice webhook handler shares: the app's dependencies, the clock, the step URLs of
// the request's host, the prompts, and the common TwiML endings (voicemail, goodbye).
import type { Request, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { AppDeps } from '../../deps';
import type { IntakeDoorDeps } from '../../cases/intake';
import { HttpError } from '../../http/errors';
import { markVoicemail } from '../calls/callRecords';
import { signStreamToken } from '../../../telephony/mediaStreams/streamToken';
import { loadPrompts, type Prompts } from './prompts';
import type { VoicePromptCode } from '../../../rules/templates/voicePrompts';
import { newResponse, say, sendTwiml, type VoiceResponse } from './twiml';
import { publicBaseOf, voiceUrls, type VoiceUrls } from './urls';

export type VoiceDeps = Pick<AppDeps, 'prisma' | 'temporal' | 'namespace' | 'dataConverter' | 'tracer' | 'taskQueue' | 'log' | 'now' | 'publicLinkSecret' | 'publicBaseUrl' | 'twilio' | 'attachmentStore'> & IntakeDoorDeps;

/** How often a prompt is asked before the IVR gives up (no or invalid input). */
export const MAX_ATTEMPTS = 3;

export class VoiceContext {
  constructor(readonly deps: VoiceDeps) {}

  now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  urls(req: Request): VoiceUrls {
    return voiceUrls(publicBaseOf(req, this.deps.publicBaseUrl));
  }

  /** The token the call's <Stream> carries: only this call's stream is accepted, once, for a few minutes. */
  streamToken(callSid: string): string {
    return signStreamToken(this.deps.publicLinkSecret, callSid, this.now());
  }

  prompts(...codes: VoicePromptCode[]): Promise<Prompts> {
    return loadPrompts(this.deps.prisma, codes);
  }

  /** <Record> a message for a call-back; the call joins the missed-call list. */
  async voicemail(req: Request, callSid: string, intro: 'voice.voicemail' | 'voice.systemBusy' | 'voice.transferUnanswered' = 'voice.voicemail', response = newResponse()): Promise<VoiceResponse> {
    await markVoicemail(this.deps.prisma, callSid);
    const prompts = await this.prompts(intro, 'voice.voicemailThanks');
    const urls = this.urls(req);
    say(response, prompts(intro));
    response.record({
      maxLength: 120,
      playBeep: true,
      timeout: 5,
      action: urls.step('voicemail/done'),
      method: 'POST',
      recordingStatusCallback: urls.step('recording-status'),
      recordingStatusCallbackMethod: 'POST',
    });
    // Reached only when nothing was recorded.
    say(response, prompts('voice.voicemailThanks'));
    response.hangup();
    return response;
  }

  async goodbye(response = newResponse()): Promise<VoiceResponse> {
    const prompts = await this.prompts('voice.goodbye');
    say(response, prompts('voice.goodbye'));
    response.hangup();
    return response;
  }

  /**
   * A TwiML step. Bad input is a 400 like anywhere else; any other failure still answers the
   * caller: a message is taken for a call-back rather than Twilio's "application error".
   */
  step(handler: (req: Request) => Promise<VoiceResponse>): RequestHandler {
    return async (req, res) => {
      let response: VoiceResponse;
      try {
        response = await handler(req);
      } catch (error) {
        if (error instanceof ZodError || error instanceof HttpError) throw error;
        this.deps.log.error({ err: error, url: req.originalUrl }, 'voice webhook failed; taking a voicemail instead');
        response = await this.fallback(req);
      }
      sendTwiml(res, response);
    };
  }

  private async fallback(req: Request): Promise<VoiceResponse> {
    const callSid = typeof req.body?.CallSid === 'string' ? (req.body.CallSid as string) : null;
    try {
      if (callSid) return await this.voicemail(req, callSid, 'voice.systemBusy');
    } catch (error) {
      this.deps.log.error({ err: error }, 'voicemail fallback failed too');
    }
    const response = newResponse();
    response.hangup();
    return response;
  }
}
